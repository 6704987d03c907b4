"""A refused undo tells the learner why, in the page (htmx or not), and changes nothing; undo never
takes back what happened to the card after the answer (an exam's miss or answer, a change in the
notes, a suspension in the card browser)."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from quizzes.bank.services.changes import cards_flag_changed
from quizzes.exams.services import exam_answer_save, exam_start, exam_submit
from quizzes.models import CardState, ReviewLog
from quizzes.study.services.cards import card_flag, card_suspend
from quizzes.study.services.scheduling import card_state_snapshot
from tests.factories import CardStateFactory, FlashcardFactory, ItemFactory
from tests.quizzes.study.study_helpers import HTMX, NOW, token_in
from tests.quizzes.study.test_undo_and_counters import answer, database_snapshot, refusal_in, undo_log_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def undo(client, log, **extra):
    return client.post(reverse("quizzes:study-undo"), {"log": log}, **extra)


def answered_once(client):
    """The learner answers the card on screen (Good); returns the screen after the answer."""
    return answer(client, client.get(reverse("quizzes:study")), rating=3, chosen=[0])


# How a refusal reads


def test_a_refused_undo_with_htmx_replaces_the_undo_button_with_the_reason(client, learner, clock):
    FlashcardFactory()
    FlashcardFactory()
    after_answer = answered_once(client)
    log = undo_log_in(after_answer)
    assert b'id="study-undo"' in after_answer.content  # the button the refusal replaces
    undo(client, log, **HTMX)
    response = undo(client, log, **HTMX)
    assert response.status_code == 200  # htmx swaps only 2xx responses
    assert (response["HX-Retarget"], response["HX-Reswap"]) == ("#study-undo", "outerHTML")
    assert "already taken back" in refusal_in(response)
    assert b"<html" not in response.content and b"data-study-card" not in response.content


def test_a_refused_undo_with_htmx_changes_nothing(client, learner, clock):
    FlashcardFactory()
    FlashcardFactory()
    log = undo_log_in(answered_once(client))
    undo(client, log, **HTMX)
    undone = database_snapshot(learner)
    undo(client, log, **HTMX)
    assert database_snapshot(learner) == undone


def test_a_refused_undo_without_javascript_comes_back_to_the_review_with_the_reason(client, learner, clock):
    FlashcardFactory()
    FlashcardFactory()
    log = undo_log_in(answered_once(client))
    undo(client, log)
    undone = database_snapshot(learner)
    response = undo(client, log)
    assert (response.status_code, response["Location"]) == (302, reverse("quizzes:study"))
    assert database_snapshot(learner) == undone
    page = client.get(response["Location"])
    assert b'class="message error"' in page.content and b"already taken back" in page.content


def test_a_replayed_undo_after_the_card_was_answered_again_is_refused(client, learner, clock):
    FlashcardFactory()
    FlashcardFactory()
    log = undo_log_in(answered_once(client))
    again = undo(client, log, **HTMX)
    answer(client, again, rating=4)
    answered = database_snapshot(learner)
    assert refusal_in(undo(client, log, **HTMX))
    assert database_snapshot(learner) == answered


# The answer keeps what it left on the card


def test_the_review_log_keeps_the_card_as_the_answer_left_it(client, learner, clock):
    FlashcardFactory()
    answered_once(client)
    state = CardState.objects.get(learner=learner)
    assert ReviewLog.objects.get(learner=learner).card_after == card_state_snapshot(state)


# Undo after an exam (cards_make_due and the exam's answers write outside the review)


def one_question_exam(learner, *, now, minutes=10):
    return exam_start(learner=learner, length=1, time_limit_minutes=minutes, now=now, rng=random.Random(1))


def test_undo_after_an_exam_made_the_card_due_is_refused_and_the_card_stays_due(client, learner, clock):
    question = ItemFactory()
    log = undo_log_in(answered_once(client))
    clock.shift(timedelta(minutes=5))
    attempt = one_question_exam(learner, now=NOW + timedelta(minutes=5))
    submitted = exam_submit(learner=learner, attempt_id=attempt.pk, now=NOW + timedelta(minutes=6))
    made_due = database_snapshot(learner)
    assert CardState.objects.get(learner=learner, item=question).due == submitted.submitted_at
    response = undo(client, log, **HTMX)
    assert "changed after your answer" in refusal_in(response)
    assert database_snapshot(learner) == made_due


def test_undo_after_answering_in_an_exam_names_the_exam(client, learner, clock):
    ItemFactory()
    log = undo_log_in(answered_once(client))
    attempt = one_question_exam(learner, now=NOW + timedelta(minutes=5))
    exam_answer_save(
        learner=learner,
        attempt_id=attempt.pk,
        position=1,
        chosen=[0],
        flagged=False,
        now=NOW + timedelta(minutes=6),
    )
    exam_submit(learner=learner, attempt_id=attempt.pk, now=NOW + timedelta(minutes=7))
    after_exam = database_snapshot(learner)
    clock.shift(timedelta(minutes=8))
    assert "last answer was in an exam" in refusal_in(undo(client, log, **HTMX))
    assert database_snapshot(learner) == after_exam


def test_an_exam_submitted_late_with_an_earlier_time_is_not_undone_with_the_review(client, learner, clock):
    """The exam's answer is logged at its deadline, before a review given after the deadline: the review
    is the latest log, but undoing it would wipe the exam's answer from the card."""
    question = ItemFactory()
    attempt = one_question_exam(learner, now=NOW, minutes=2)
    exam_answer_save(
        learner=learner,
        attempt_id=attempt.pk,
        position=1,
        chosen=[1],
        flagged=False,
        now=NOW + timedelta(minutes=1),
    )
    clock.shift(timedelta(minutes=5))  # past the deadline, the exam not submitted yet
    log = undo_log_in(answered_once(client))
    exam_submit(learner=learner, attempt_id=attempt.pk, now=NOW + timedelta(minutes=6))
    after_exam = database_snapshot(learner)
    assert CardState.objects.get(learner=learner, item=question).reps == 2  # the review and the exam
    assert "changed after your answer" in refusal_in(undo(client, log, **HTMX))
    assert database_snapshot(learner) == after_exam


# Undo after other changes to the card


def test_undo_after_the_notes_changed_keeps_the_change_notice(client, learner, clock):
    card = FlashcardFactory()
    FlashcardFactory()
    log = undo_log_in(answered_once(client))
    cards_flag_changed(item_ids=[card.pk], now=NOW)
    assert "changed after your answer" in refusal_in(undo(client, log, **HTMX))
    assert CardState.objects.get(learner=learner, item=card).changed_notice


def test_undo_after_suspending_the_card_keeps_it_suspended(client, learner, clock):
    state = CardStateFactory(learner=learner, item=FlashcardFactory(), due=NOW - timedelta(days=1))
    FlashcardFactory()
    log = undo_log_in(answered_once(client))
    card_suspend(learner=learner, card_id=state.pk, now=NOW)
    assert "changed after your answer" in refusal_in(undo(client, log, **HTMX))
    assert CardState.objects.get(pk=state.pk).suspended


def test_flagging_the_card_after_the_answer_leaves_undo_possible(client, learner, clock):
    state = CardStateFactory(learner=learner, item=FlashcardFactory(), due=NOW - timedelta(days=1))
    FlashcardFactory()
    before = CardState.objects.filter(pk=state.pk).values().get()
    log = undo_log_in(answered_once(client))
    card_flag(learner=learner, card_id=state.pk, now=NOW)
    response = undo(client, log, **HTMX)
    assert not refusal_in(response) and token_in(response)
    restored = CardState.objects.filter(pk=state.pk).values().get()
    assert restored == {**before, "flagged": True}


def test_an_answer_logged_before_card_after_was_kept_can_still_be_undone(client, learner, clock):
    state = CardStateFactory(learner=learner, item=FlashcardFactory(), due=NOW - timedelta(days=1))
    before = CardState.objects.filter(pk=state.pk).values().get()
    log = undo_log_in(answered_once(client))
    ReviewLog.objects.filter(pk=log).update(card_after=None)
    assert not refusal_in(undo(client, log, **HTMX))
    assert CardState.objects.filter(pk=state.pk).values().get() == before
