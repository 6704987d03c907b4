"""/study/undo/ takes back the last review answer exactly once; the counters are on every review screen
and say what the queue will show; /study/check/ fixes the choices the answer is graded on."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizzes.models import CardState, LearnerSettings, ReviewLog, ShownCard
from tests.factories import CardStateFactory, FlashcardFactory, ItemFactory
from tests.quizzes.study.study_helpers import HTMX, NOW, token_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def undo_log_in(response) -> str:
    return re.search(rb'name="log" value="(\d+)"', response.content).group(1).decode()


def counters_in(response) -> tuple[int, int, int]:
    found = dict(re.findall(rb'data-count="(\w+)">(\d+)<', response.content))
    return int(found[b"due"]), int(found[b"learning"]), int(found[b"new"])


def answer(client, response, rating=3, **extra):
    return client.post(
        reverse("quizzes:study-answer"), {"token": token_in(response), "rating": rating, **extra}, **HTMX
    )


def refusal_in(response) -> str:
    """The message of a refused undo swapped in place of the undo button ("" when it was not refused)."""
    found = re.search(rb'id="study-undo"[^>]*data-undo-refused>([^<]+)<', response.content)
    return found.group(1).decode() if found else ""


def database_snapshot(learner):
    return (
        list(CardState.objects.filter(learner=learner).order_by("pk").values()),
        list(ReviewLog.objects.filter(learner=learner).order_by("pk").values()),
        list(ShownCard.objects.filter(learner=learner).order_by("pk").values()),
    )


def test_undo_restores_the_previous_schedule_and_removes_the_log(client, learner):
    state = CardStateFactory(learner=learner, item=FlashcardFactory(), due=NOW - timedelta(days=1))
    FlashcardFactory()
    before = CardState.objects.filter(pk=state.pk).values().get()
    after_answer = answer(client, client.get(reverse("quizzes:study")), rating=1)
    assert CardState.objects.get(pk=state.pk).lapses == before["lapses"] + 1
    response = client.post(reverse("quizzes:study-undo"), {"log": undo_log_in(after_answer)}, **HTMX)
    assert response.status_code == 200
    assert CardState.objects.filter(pk=state.pk).values().get() == before
    assert not ReviewLog.objects.filter(learner=learner).exists()


def test_undo_of_a_new_card_makes_it_new_again_and_shows_it(client, learner):
    FlashcardFactory(front="the first card")
    FlashcardFactory(front="the second card")
    after_answer = answer(client, client.get(reverse("quizzes:study")))
    response = client.post(reverse("quizzes:study-undo"), {"log": undo_log_in(after_answer)}, **HTMX)
    assert b"the first card" in response.content and b'class="badge new"' in response.content
    assert not CardState.objects.filter(learner=learner).exists()


def test_undone_card_can_be_answered_again_under_its_token(client, learner):
    FlashcardFactory()
    after_answer = answer(client, client.get(reverse("quizzes:study")))
    undone = client.post(reverse("quizzes:study-undo"), {"log": undo_log_in(after_answer)}, **HTMX)
    answer(client, undone, rating=4)
    assert list(ReviewLog.objects.filter(learner=learner).values_list("rating", flat=True)) == [4]


def test_undo_is_one_transaction(client, learner, monkeypatch):
    state = CardStateFactory(learner=learner, item=FlashcardFactory(), due=NOW - timedelta(days=1))
    after_answer = answer(client, client.get(reverse("quizzes:study")), rating=1)
    answered = database_snapshot(learner)

    def fail(*args, **kwargs):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(ReviewLog, "delete", fail)
    with pytest.raises(RuntimeError):
        client.post(reverse("quizzes:study-undo"), {"log": undo_log_in(after_answer)}, **HTMX)
    assert database_snapshot(learner) == answered
    assert CardState.objects.get(pk=state.pk).lapses == state.lapses + 1


def test_a_second_undo_of_the_same_answer_is_refused_and_changes_nothing(client, learner):
    FlashcardFactory()
    after_answer = answer(client, client.get(reverse("quizzes:study")))
    log = undo_log_in(after_answer)
    client.post(reverse("quizzes:study-undo"), {"log": log}, **HTMX)
    undone = database_snapshot(learner)
    response = client.post(reverse("quizzes:study-undo"), {"log": log}, **HTMX)
    assert "already taken back" in refusal_in(response)
    assert database_snapshot(learner) == undone


def test_undo_goes_back_one_answer_only(client, learner):
    FlashcardFactory()
    FlashcardFactory()
    first = answer(client, client.get(reverse("quizzes:study")))
    second = answer(client, first)
    client.post(reverse("quizzes:study-undo"), {"log": undo_log_in(second)}, **HTMX)
    undone = database_snapshot(learner)
    response = client.post(reverse("quizzes:study-undo"), {"log": undo_log_in(first)}, **HTMX)
    assert refusal_in(response)
    assert database_snapshot(learner) == undone


def test_the_screen_after_an_undo_offers_no_further_undo(client, learner):
    FlashcardFactory()
    FlashcardFactory()
    second = answer(client, answer(client, client.get(reverse("quizzes:study"))))
    undone = client.post(reverse("quizzes:study-undo"), {"log": undo_log_in(second)}, **HTMX)
    assert b"data-undo-form" not in undone.content
    assert b"data-undo-form" not in client.get(reverse("quizzes:study")).content


def test_undo_with_nothing_answered_is_refused_and_changes_nothing(client, learner):
    FlashcardFactory()
    page = client.get(reverse("quizzes:study"))
    assert b"data-undo-form" not in page.content
    shown = database_snapshot(learner)
    assert client.post(reverse("quizzes:study-undo"), {}, **HTMX).status_code == 400
    assert "Nothing to undo" in refusal_in(
        client.post(reverse("quizzes:study-undo"), {"log": "12345"}, **HTMX)
    )
    assert database_snapshot(learner) == shown


def test_undo_of_an_older_answer_than_the_last_is_refused(client, learner):
    FlashcardFactory()
    FlashcardFactory()
    first = answer(client, client.get(reverse("quizzes:study")))
    answer(client, first)
    answered = database_snapshot(learner)
    response = client.post(reverse("quizzes:study-undo"), {"log": undo_log_in(first)}, **HTMX)
    assert "Only your last answer" in refusal_in(response)
    assert database_snapshot(learner) == answered


def test_cannot_undo_another_learners_answer(client, learner, django_user_model):
    FlashcardFactory()
    after_answer = answer(client, client.get(reverse("quizzes:study")))
    other = django_user_model.objects.create_user(username="someone-else", password="x")
    client.force_login(other)
    response = client.post(reverse("quizzes:study-undo"), {"log": undo_log_in(after_answer)}, **HTMX)
    assert "Nothing to undo" in refusal_in(response)
    assert ReviewLog.objects.filter(learner=learner).count() == 1


def test_undo_without_javascript_renders_the_whole_page(client, learner):
    FlashcardFactory()
    after_answer = answer(client, client.get(reverse("quizzes:study")))
    response = client.post(reverse("quizzes:study-undo"), {"log": undo_log_in(after_answer)})
    assert response.status_code == 200 and b"<html" in response.content


# Counters


def test_counters_on_the_card_screen_equal_what_the_queue_then_shows(client, learner):
    LearnerSettings.objects.create(user=learner, new_per_day=2)
    for _ in range(3):
        CardStateFactory(learner=learner, item=FlashcardFactory(), due=NOW - timedelta(hours=1))
    for _ in range(4):
        FlashcardFactory()
    response = client.get(reverse("quizzes:study"))
    promised = sum(counters_in(response))
    shown = 0
    while b"data-study-card" in response.content and shown <= promised:
        shown += 1
        response = answer(client, response, rating=4)
    assert (promised, shown) == (5, 5)
    assert counters_in(response) == (0, 0, 0)


def test_the_feedback_screen_shows_the_counters(client, learner):
    ItemFactory()
    ItemFactory()
    token = token_in(client.get(reverse("quizzes:study")))
    response = client.post(reverse("quizzes:study-check"), {"token": token, "chosen": [0]}, **HTMX)
    assert b"Right." in response.content and counters_in(response) == (0, 0, 2)


def test_a_card_made_due_by_an_exam_counts_as_due_not_new(client, learner):
    LearnerSettings.objects.create(user=learner, new_per_day=20)
    missed = FlashcardFactory()
    CardStateFactory(learner=learner, item=missed, reps=0, state=1, due=NOW - timedelta(minutes=5))
    response = client.get(reverse("quizzes:study"))
    assert counters_in(response) == (0, 1, 0)
    answer(client, response, rating=3)
    assert not ReviewLog.objects.get(learner=learner).was_new


# Check, then answer


def test_check_records_the_first_choice(client, learner):
    ItemFactory()
    token = token_in(client.get(reverse("quizzes:study")))
    client.post(reverse("quizzes:study-check"), {"token": token, "chosen": [2]}, **HTMX)
    client.post(reverse("quizzes:study-check"), {"token": token, "chosen": [0]}, **HTMX)
    assert ShownCard.objects.get(token=token).checked == [2]


def test_check_writes_no_review(client, learner):
    ItemFactory()
    token = token_in(client.get(reverse("quizzes:study")))
    client.post(reverse("quizzes:study-check"), {"token": token, "chosen": [1]}, **HTMX)
    assert not ReviewLog.objects.exists() and not CardState.objects.exists()


def test_a_second_check_shows_the_first_verdict(client, learner):
    ItemFactory()
    token = token_in(client.get(reverse("quizzes:study")))
    client.post(reverse("quizzes:study-check"), {"token": token, "chosen": [1]}, **HTMX)
    response = client.post(reverse("quizzes:study-check"), {"token": token, "chosen": [0]}, **HTMX)
    assert b"Right." not in response.content


def test_the_answer_is_graded_on_the_checked_choice_not_a_later_one(client, learner):
    ItemFactory()  # choice 0 is right
    token = token_in(client.get(reverse("quizzes:study")))
    client.post(reverse("quizzes:study-check"), {"token": token, "chosen": [1]}, **HTMX)
    client.post(reverse("quizzes:study-answer"), {"token": token, "rating": 3, "chosen": [0]}, **HTMX)
    log = ReviewLog.objects.get(learner=learner)
    assert (log.correct, log.chosen, log.rating) == (False, [1], 1)


def test_a_right_check_stays_right_whatever_is_posted_with_the_answer(client, learner):
    ItemFactory()
    token = token_in(client.get(reverse("quizzes:study")))
    client.post(reverse("quizzes:study-check"), {"token": token, "chosen": [0]}, **HTMX)
    client.post(reverse("quizzes:study-answer"), {"token": token, "rating": 4, "chosen": [3]}, **HTMX)
    log = ReviewLog.objects.get(learner=learner)
    assert (log.correct, log.chosen, log.rating) == (True, [0], 4)


def test_a_flashcard_answer_without_a_rating_is_a_400_and_stores_nothing(client, learner):
    FlashcardFactory()
    token = token_in(client.get(reverse("quizzes:study")))
    before = database_snapshot(learner)
    response = client.post(reverse("quizzes:study-answer"), {"token": token}, **HTMX)
    assert response.status_code == 400
    assert database_snapshot(learner) == before


# Practice


@pytest.mark.parametrize("after", ["²", "١٢", "-1", "9" * 40, "", "1e3", "0x1f"])
def test_practice_with_a_strange_after_never_500s(client, learner, after):
    ItemFactory()
    response = client.get(reverse("quizzes:practice"), {"start": "1", "after": after})
    assert response.status_code == 200 and b"data-study-card" in response.content


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(after=st.text(max_size=30))
def test_practice_with_any_after_never_500s(client, learner, after):
    response = client.get(reverse("quizzes:practice"), {"start": "1", "after": after})
    assert response.status_code == 200
