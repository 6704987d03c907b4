"""/cards/: the learner's card browser: search and filters, pages, suspend / bury / flag, leeches,
only ever the learner's own cards."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from quizzes.models import CardState, LearnerSettings
from quizzes.study.limits import LEECH_LAPSES
from quizzes.study.selectors.cards import PER_PAGE
from tests.factories import CardStateFactory, FlashcardFactory, ItemFactory, TopicFactory, UserFactory
from tests.quizzes.study.study_helpers import HTMX, NOW

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def card(learner, **fields) -> CardState:
    item_fields = {k: fields.pop(k) for k in ("front", "topic") if k in fields}
    return CardStateFactory(learner=learner, item=FlashcardFactory(**item_fields), **fields)


def shown(client, **query) -> bytes:
    response = client.get(reverse("quizzes:cards"), query)
    assert response.status_code == 200
    return response.content


def act(client, state: CardState, action: str, **headers):
    return client.post(reverse("quizzes:card-action", args=[state.pk, action]), **headers)


# --- search and filters -----------------------------------------------------------------------------


def test_the_browser_lists_the_learners_cards(client, learner):
    card(learner, front="How long may a function run?")
    assert b"How long may a function run?" in shown(client)


def test_another_learners_cards_are_not_listed(client, learner):
    card(UserFactory(), front="someone else's card")
    assert b"someone else&#x27;s card" not in shown(client)


def test_search_matches_the_prompt_text(client, learner):
    card(learner, front="visibility timeout of a queue")
    card(learner, front="memory of a function")
    content = shown(client, q="VISIBILITY")
    assert b"visibility timeout" in content and b"memory of a function" not in content


def test_search_matches_a_question_stem(client, learner):
    CardStateFactory(learner=learner, item=ItemFactory(stem="Which retention period applies?"))
    assert b"Which retention period applies?" in shown(client, q="retention")


def test_the_topic_filter_keeps_that_topics_cards(client, learner):
    queues, functions = TopicFactory(title="Queues"), TopicFactory(title="Functions")
    card(learner, front="queue card", topic=queues)
    card(learner, front="function card", topic=functions)
    content = shown(client, topic=queues.pk)
    assert b"queue card" in content and b"function card" not in content


def test_the_kind_filter_keeps_questions_apart_from_flashcards(client, learner):
    card(learner, front="a flashcard")
    CardStateFactory(learner=learner, item=ItemFactory(stem="a question"))
    content = shown(client, kind="single")
    assert b"a question" in content and b"a flashcard" not in content


@pytest.mark.parametrize(
    ("state", "fields"),
    [
        ("new", {"reps": 0, "state": 1}),
        ("learning", {"state": 1}),
        ("relearning", {"state": 3}),
        ("suspended", {"suspended": True}),
        ("buried", {"buried_until": NOW + timedelta(hours=3)}),
        ("flagged", {"flagged": True}),
        ("leech", {"lapses": LEECH_LAPSES}),
    ],
)
def test_the_state_filter_keeps_only_cards_in_that_state(client, learner, state, fields):
    card(learner, front="the matching card", **fields)
    card(learner, front="a plain review card")
    content = shown(client, state=state)
    assert b"the matching card" in content and b"a plain review card" not in content


def test_a_card_an_exam_made_due_reads_as_due_not_new_as_on_the_review_page(client, learner):
    card(learner, front="missed in an exam", reps=0, state=1, due=NOW)
    content = shown(client).decode()
    row = content[content.index("missed in an exam") :]
    assert "Due, not reviewed yet" in row[: row.index("</tr>")]
    assert ">New<" not in content


def test_a_bury_that_has_ended_is_not_buried(client, learner):
    card(learner, front="buried yesterday", buried_until=NOW - timedelta(minutes=1))
    assert b"buried yesterday" not in shown(client, state="buried")


def test_the_lapses_filter_keeps_cards_with_at_least_that_many(client, learner):
    card(learner, front="lapsed thrice", lapses=3)
    card(learner, front="lapsed twice", lapses=2)
    content = shown(client, lapses=3)
    assert b"lapsed thrice" in content and b"lapsed twice" not in content


def test_a_leech_is_marked(client, learner):
    card(learner, lapses=LEECH_LAPSES)
    assert b'class="badge warn leech"' in shown(client)


def test_a_card_one_lapse_short_of_a_leech_is_not_marked(client, learner):
    card(learner, lapses=LEECH_LAPSES - 1)
    assert b'class="badge warn leech"' not in shown(client)


def test_a_filter_matching_no_card_says_so(client, learner):
    card(learner, front="How long may a function run?")
    content = shown(client, q="nothing like this")
    assert b"0 cards" in content and b"No card matches these filters" in content


def test_a_learner_without_cards_is_told_where_they_come_from(client, learner):
    content = shown(client)
    assert b"0 cards" in content and b"once you have met them in reviews" in content


def test_a_malformed_filter_is_a_400(client, learner):
    response = client.get(reverse("quizzes:cards"), {"lapses": "many"})
    assert response.status_code == 400


def test_the_results_come_in_pages_with_a_next_link(client, learner):
    for n in range(PER_PAGE + 1):
        card(learner, front=f"card number {n:03d}")
    first, second = shown(client), shown(client, page=2)
    assert b"card number 000" in first and b"card number 025" not in first
    assert b"card number 025" in second and b'rel="next"' in first


def test_the_next_page_link_keeps_the_filters(client, learner):
    for _ in range(PER_PAGE + 1):
        card(learner, flagged=True)
    assert b"?state=flagged&amp;page=2" in shown(client, state="flagged")


def test_a_page_past_the_end_shows_the_last_page(client, learner):
    card(learner, front="the only card")
    assert b"the only card" in shown(client, page=99)


def test_with_htmx_only_the_results_are_sent(client, learner):
    card(learner, front="a card")
    response = client.get(reverse("quizzes:cards"), **HTMX)
    assert b"a card" in response.content and b"<html" not in response.content


# --- actions ----------------------------------------------------------------------------------------


def test_suspend_suspends_the_card(client, learner):
    state = card(learner)
    act(client, state, "suspend")
    state.refresh_from_db()
    assert state.suspended


def test_suspend_twice_is_suspend_once(client, learner):
    state = card(learner)
    act(client, state, "suspend")
    response = act(client, state, "suspend")
    state.refresh_from_db()
    assert response.status_code == 302 and state.suspended


def test_unsuspend_unsuspends_the_card(client, learner):
    state = card(learner, suspended=True)
    act(client, state, "unsuspend")
    state.refresh_from_db()
    assert not state.suspended


def test_bury_hides_the_card_until_the_learners_next_day(client, learner):
    LearnerSettings.objects.create(user=learner, timezone="Europe/Berlin", day_starts_hour=4)
    state = card(learner)
    act(client, state, "bury")
    state.refresh_from_db()
    # 12:00 UTC on 6 May is 14:00 in Berlin (CEST): the next learner-day starts 7 May 04:00 local.
    assert state.buried_until == datetime(2025, 5, 7, 2, 0, tzinfo=UTC)


def test_bury_before_the_rollover_hour_lasts_until_that_mornings_rollover(client, learner):
    LearnerSettings.objects.create(user=learner, timezone="UTC", day_starts_hour=14)
    state = card(learner)
    act(client, state, "bury")
    state.refresh_from_db()
    assert state.buried_until == datetime(2025, 5, 6, 14, 0, tzinfo=UTC)


def test_unbury_ends_the_bury(client, learner):
    state = card(learner, buried_until=NOW + timedelta(hours=5))
    act(client, state, "unbury")
    state.refresh_from_db()
    assert state.buried_until is None


def test_flag_and_unflag(client, learner):
    state = card(learner)
    act(client, state, "flag")
    state.refresh_from_db()
    flagged = state.flagged
    act(client, state, "unflag")
    state.refresh_from_db()
    assert (flagged, state.flagged) == (True, False)


def test_an_action_with_htmx_swaps_in_the_cards_row(client, learner):
    state = card(learner)
    response = act(client, state, "flag", **HTMX)
    assert response.content.lstrip().startswith(f'<tr id="card-{state.pk}"'.encode())
    assert b">Unflag</button>" in response.content and b"<html" not in response.content


def test_an_action_without_javascript_returns_to_the_filtered_list(client, learner):
    state = card(learner)
    response = client.post(
        reverse("quizzes:card-action", args=[state.pk, "suspend"]), {"back": "state=review&q=x"}
    )
    assert response.status_code == 302 and response["Location"] == "/cards/?state=review&q=x"


def test_an_action_back_to_another_site_stays_on_the_browser(client, learner):
    state = card(learner)
    response = client.post(
        reverse("quizzes:card-action", args=[state.pk, "suspend"]), {"back": "//evil.example/"}
    )
    assert response["Location"].startswith("/cards/")


@pytest.mark.parametrize("action", ["suspend", "bury", "flag"])
def test_another_learners_card_is_a_404_and_unchanged(client, learner, action):
    theirs = card(UserFactory())
    response = act(client, theirs, action)
    theirs.refresh_from_db()
    assert response.status_code == 404
    assert (theirs.suspended, theirs.buried_until, theirs.flagged) == (False, None, False)


def test_an_unknown_action_is_a_404(client, learner):
    assert act(client, card(learner), "delete").status_code == 404


def test_an_action_needs_a_post(client, learner):
    response = client.get(reverse("quizzes:card-action", args=[card(learner).pk, "suspend"]))
    assert response.status_code == 405


def test_the_browser_needs_a_login(client):
    response = client.get(reverse("quizzes:cards"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_navigation_links_to_the_browser(client, learner):
    assert b'href="/cards/"' in client.get(reverse("quizzes:study")).content
