"""The end of a review session says what is due next: later today, tomorrow, in the next 7 days, what
waits over the daily maximum, new cards for tomorrow and when the next card comes, in the learner's
zone; its numbers agree with the /study/ counters, the queue and the progress page."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizzes.models import LearnerSettings
from quizzes.study.days import day_bounds, learner_date
from quizzes.study.selectors.due import due_outlook, moment_label
from quizzes.study.selectors.progress import progress_dashboard
from quizzes.study.selectors.queue import review_counts
from quizzes.study.services.reviews import review_show_next
from tests.factories import (
    CardStateFactory,
    FlashcardFactory,
    ItemFactory,
    ReviewLogFactory,
    UserFactory,
)
from tests.quizzes.study.study_helpers import HTMX, token_in

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2025, 5, 6, 12, 0, tzinfo=UTC)  # 14:00 in Berlin; the learner-day ends at 04:00 local
TODAY = learner_date(now=NOW, tz=BERLIN, day_starts_hour=4)
_, DAY_END = day_bounds(day=TODAY, tz=BERLIN, day_starts_hour=4)


def berlin_settings(user, **values) -> LearnerSettings:
    return LearnerSettings.objects.create(user=user, timezone="Europe/Berlin", day_starts_hour=4, **values)


def outlook_of(user, now=NOW):
    prefs = LearnerSettings.objects.get(user=user)
    return due_outlook(
        learner=user, settings=prefs, counts=review_counts(learner=user, settings=prefs, now=now), now=now
    )


def cards_due(user, *moments, **extra) -> None:
    for moment in moments:
        CardStateFactory(learner=user, item=FlashcardFactory(), due=moment, **extra)


def test_later_today_tomorrow_and_the_week_are_learner_days_in_the_learners_zone():
    user = UserFactory()
    berlin_settings(user)
    later_today = [NOW + timedelta(hours=2), DAY_END - timedelta(minutes=30)]  # 03:30 local is still today
    tomorrow = [DAY_END, DAY_END + timedelta(hours=23)]
    this_week = [DAY_END + timedelta(days=3), DAY_END + timedelta(days=5, hours=23)]
    beyond = [DAY_END + timedelta(days=6, minutes=1)]
    cards_due(user, *later_today, *tomorrow, *this_week, *beyond)
    outlook = outlook_of(user)
    assert (outlook.later_today, outlook.tomorrow, outlook.next_7_days) == (
        len(later_today),
        len(tomorrow),
        len(later_today + tomorrow + this_week),
    )


def test_suspended_cards_cards_of_retired_items_and_other_learners_cards_are_never_due():
    user = UserFactory()
    berlin_settings(user, new_per_day=0)  # the other learner's item is new to this one
    soon = NOW + timedelta(hours=1)
    cards_due(user, soon, suspended=True)
    CardStateFactory(learner=user, item=FlashcardFactory(status="retired"), due=soon)
    cards_due(UserFactory(), soon)
    outlook = outlook_of(user)
    assert (outlook.later_today, outlook.next_7_days, outlook.next_card_at) == (0, 0, None)


def test_a_buried_card_is_due_when_its_bury_ends():
    user = UserFactory()
    berlin_settings(user)
    cards_due(user, NOW - timedelta(hours=1), buried_until=DAY_END)
    outlook = outlook_of(user)
    assert (outlook.later_today, outlook.tomorrow, outlook.next_card_at) == (0, 1, DAY_END)


def test_the_next_card_is_the_earliest_one_coming_in_the_learners_zone():
    user = UserFactory()
    berlin_settings(user)
    first = NOW + timedelta(hours=1, minutes=30)
    cards_due(user, first, NOW + timedelta(hours=5))
    outlook = outlook_of(user)
    assert outlook.next_card_at == first and outlook.next_card_at.tzinfo == BERLIN
    assert outlook.next_card_when == f"today at {first.astimezone(BERLIN):%H:%M}"


def test_review_cards_over_the_daily_maximum_wait_for_the_next_day():
    user = UserFactory()
    berlin_settings(user, max_reviews_per_day=2, new_per_day=0)
    start, _ = day_bounds(day=TODAY, tz=BERLIN, day_starts_hour=4)
    for minutes in (10, 20):  # today's two reviews of review-state cards: the maximum is reached
        ReviewLogFactory(learner=user, reviewed_at=start + timedelta(minutes=minutes), state_before=2)
    held_now = [NOW - timedelta(hours=1), NOW - timedelta(minutes=5)]
    held_later = [NOW + timedelta(hours=1)]
    cards_due(user, *held_now, *held_later)
    prefs = LearnerSettings.objects.get(user=user)
    counts = review_counts(learner=user, settings=prefs, now=NOW)
    outlook = due_outlook(learner=user, settings=prefs, counts=counts, now=NOW)
    assert counts.due_now == 0  # the counters already stop at the maximum
    assert (outlook.waiting, outlook.next_card_at) == (len(held_now + held_later), DAY_END)


def test_a_learning_card_is_not_held_back_by_the_review_maximum():
    user = UserFactory()
    berlin_settings(user, max_reviews_per_day=0)
    relearning = NOW + timedelta(hours=1)
    cards_due(user, relearning, state=3)
    cards_due(user, NOW + timedelta(minutes=30))  # a review card: over the maximum of 0
    outlook = outlook_of(user)
    assert (outlook.waiting, outlook.next_card_at) == (1, relearning)


def test_new_cards_for_tomorrow_are_one_per_sibling_group_up_to_the_daily_limit():
    user = UserFactory()
    berlin_settings(user, new_per_day=3)
    ItemFactory(sibling_group="one fact")
    ItemFactory(sibling_group="one fact")
    ItemFactory(sibling_group="")
    assert outlook_of(user).new_tomorrow == 2
    for _ in range(3):
        ItemFactory()
    assert outlook_of(user).new_tomorrow == 3


def test_new_cards_left_for_tomorrow_make_the_next_card_come_when_the_day_starts():
    user = UserFactory()
    berlin_settings(user, new_per_day=1)
    start, _ = day_bounds(day=TODAY, tz=BERLIN, day_starts_hour=4)
    met = CardStateFactory(learner=user, item=FlashcardFactory(), due=DAY_END + timedelta(days=30))
    ReviewLogFactory(learner=user, item=met.item, reviewed_at=start + timedelta(hours=1), was_new=True)
    ItemFactory()  # today's one new card is done: this one comes tomorrow
    outlook = outlook_of(user)
    assert (outlook.new_tomorrow, outlook.next_7_days, outlook.next_card_at) == (1, 0, DAY_END)


def test_the_counters_show_the_cards_of_later_today_when_their_time_comes():
    user = UserFactory()
    berlin_settings(user)
    cards_due(user, NOW + timedelta(hours=1), NOW + timedelta(hours=3), state=2)
    cards_due(user, NOW + timedelta(hours=2), state=1)
    promised = outlook_of(user).later_today
    prefs = LearnerSettings.objects.get(user=user)
    at = NOW + timedelta(hours=4)  # every card above is due, none of tomorrow's yet
    counts = review_counts(learner=user, settings=prefs, now=at)
    assert counts.due_now + counts.learning == promised


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    cards=st.lists(
        st.tuples(
            st.integers(min_value=-3 * 24 * 60, max_value=10 * 24 * 60),  # due, minutes from now
            st.sampled_from([1, 2, 3]),  # learning, review, relearning
            st.booleans(),  # suspended
            st.booleans(),  # buried until tomorrow
        ),
        max_size=12,
    ),
    zone=st.sampled_from(["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata"]),
    day_starts_hour=st.integers(min_value=0, max_value=23),
)
def test_the_outlook_never_contradicts_the_progress_page(cards, zone, day_starts_hour):
    user = UserFactory()
    LearnerSettings.objects.create(user=user, timezone=zone, day_starts_hour=day_starts_hour)
    _, day_end = day_bounds(
        day=learner_date(now=NOW, tz=zone, day_starts_hour=day_starts_hour),
        tz=zone,
        day_starts_hour=day_starts_hour,
    )
    for minutes, state, suspended, buried in cards:
        CardStateFactory(
            learner=user,
            item=FlashcardFactory(),
            due=NOW + timedelta(minutes=minutes),
            state=state,
            suspended=suspended,
            buried_until=day_end if buried else None,
        )
    outlook = outlook_of(user)
    dash = progress_dashboard(learner=user, now=NOW)
    assert outlook.later_today == dash.due_today - dash.due_now
    assert outlook.tomorrow == dash.forecast[1].count
    assert outlook.next_7_days == sum(bar.count for bar in dash.forecast[:7]) - dash.due_now


def statements_of_the_end_screen(user) -> int:
    prefs = LearnerSettings.objects.get(user=user)
    with CaptureQueriesContext(connection) as captured:
        screen = review_show_next(learner=user, settings=prefs, now=NOW)
    assert screen.shown is None and screen.summary is not None
    return len(captured)


def test_the_end_of_the_session_costs_the_same_statements_with_few_or_many_cards():
    few, many = UserFactory(), UserFactory()
    for user, count in ((few, 2), (many, 60)):
        berlin_settings(user, new_per_day=0)
        cards_due(user, *(NOW + timedelta(hours=1, minutes=k) for k in range(count)))
    assert statements_of_the_end_screen(few) == statements_of_the_end_screen(many) <= 5


# Labels


@pytest.mark.parametrize(
    ("moment", "label"),
    [
        (datetime(2025, 5, 6, 15, 30, tzinfo=BERLIN), "today at 15:30"),
        (datetime(2025, 5, 7, 4, 0, tzinfo=BERLIN), "tomorrow at 04:00"),
        (datetime(2025, 5, 8, 9, 5, tzinfo=BERLIN), "Thu 8 May at 09:05"),
        (datetime(2026, 1, 2, 9, 0, tzinfo=BERLIN), "Fri 2 Jan 2026 at 09:00"),
    ],
)
def test_the_next_card_reads_as_a_day_and_a_local_time(moment, label):
    assert moment_label(moment=moment, now=NOW) == label


def test_a_moment_past_midnight_local_is_tomorrow_even_on_the_same_utc_day():
    late = datetime(2025, 5, 6, 22, 30, tzinfo=UTC).astimezone(BERLIN)  # 00:30 in Berlin
    assert moment_label(moment=late, now=NOW) == "tomorrow at 00:30"


# The page


def summary_numbers(response) -> dict[str, int]:
    return {k.decode(): int(v) for k, v in re.findall(rb'data-outlook="([\w-]+)">(\d+)<', response.content)}


def test_the_end_of_the_session_shows_what_is_due_next(client):
    user = UserFactory()
    berlin_settings(user)
    client.force_login(user)
    FlashcardFactory()
    cards_due(user, NOW + timedelta(hours=3), DAY_END + timedelta(hours=1))
    with time_machine.travel(NOW, tick=False):
        shown = client.get(reverse("quizzes:study"))
        done = client.post(reverse("quizzes:study-answer"), {"token": token_in(shown), "rating": 4}, **HTMX)
        outlook = outlook_of(user)
    assert b"All done for now" in done.content
    assert summary_numbers(done) == {
        "later-today": outlook.later_today,
        "tomorrow": outlook.tomorrow,
        "next-7-days": outlook.next_7_days,
    }
    local = outlook.next_card_at.astimezone(BERLIN)
    assert f">today at {local:%H:%M}</time>" in done.content.decode()
    assert b"Europe/Berlin" in done.content


def test_the_end_of_the_session_says_when_the_daily_maximum_holds_cards_back(client):
    user = UserFactory()
    berlin_settings(user, max_reviews_per_day=0)
    client.force_login(user)
    cards_due(user, NOW - timedelta(hours=1))
    with time_machine.travel(NOW, tick=False):
        body = client.get(reverse("quizzes:study")).content.decode()
    assert "1 review card due today waits for tomorrow" in body
    assert "Nothing is due now" not in body
