"""The shared scheduling services: one answer → FSRS card state + review log; make items due."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from quizzes.models import CardState, LearnerSettings, ReviewLog
from quizzes.study.fsrs_glue import card_from_state, format_interval, interval_preview, scheduler_for
from quizzes.study.grading import grade_choices
from quizzes.study.services.scheduling import card_record_answer, cards_make_due
from tests.factories import CardStateFactory, FlashcardFactory, ItemFactory, UserFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2025, 5, 6, 12, 0, tzinfo=UTC)


def test_first_answer_creates_card_state_introduced_now():
    learner, item = UserFactory(), FlashcardFactory()
    card_record_answer(learner=learner, item=item, rating=3, now=NOW, mode="review")
    state = CardState.objects.get(learner=learner, item=item)
    assert (state.introduced_at, state.reps, state.last_review) == (NOW, 1, NOW)


def test_good_on_a_new_card_schedules_the_second_learning_step():
    learner, item = UserFactory(), FlashcardFactory()
    card_record_answer(learner=learner, item=item, rating=3, now=NOW, mode="review")
    assert CardState.objects.get(learner=learner, item=item).due == NOW + timedelta(minutes=10)


def test_answer_writes_a_review_log_with_rating_mode_and_duration():
    learner, item = UserFactory(), ItemFactory()
    log = card_record_answer(
        learner=learner,
        item=item,
        rating=1,
        now=NOW,
        mode="exam",
        duration_ms=4200,
        correct=False,
        chosen=[1],
    )
    log = ReviewLog.objects.get(pk=log.pk)
    assert (log.rating, log.mode, log.duration_ms, log.correct, log.chosen, log.was_new) == (
        1,
        "exam",
        4200,
        False,
        [1],
        True,
    )


def test_again_on_a_review_card_counts_a_lapse_and_relearns():
    learner = UserFactory()
    state = CardStateFactory(learner=learner, due=NOW - timedelta(days=1))
    card_record_answer(learner=learner, item=state.item, rating=1, now=NOW, mode="review")
    state.refresh_from_db()
    assert (state.lapses, state.state) == (1, 3)


def test_easy_on_a_review_card_pushes_it_days_out():
    learner = UserFactory()
    state = CardStateFactory(learner=learner, due=NOW - timedelta(days=1))
    card_record_answer(learner=learner, item=state.item, rating=4, now=NOW, mode="review")
    state.refresh_from_db()
    assert state.due > NOW + timedelta(days=5)


def test_desired_retention_of_the_learner_is_used():
    learner = UserFactory()
    LearnerSettings.objects.create(user=learner, desired_retention=0.97)
    assert scheduler_for(LearnerSettings.objects.get(user=learner)).desired_retention == 0.97


def test_higher_retention_gives_shorter_intervals():
    card = card_from_state(CardStateFactory.build(item=ItemFactory(), due=NOW), item_id=1, now=NOW)
    lax = scheduler_for(LearnerSettings(desired_retention=0.75), fuzz=False)
    strict = scheduler_for(LearnerSettings(desired_retention=0.97), fuzz=False)
    assert (
        strict.review_card(card, 3, review_datetime=NOW)[0].due
        < lax.review_card(card, 3, review_datetime=NOW)[0].due
    )


def test_make_due_moves_existing_cards_to_now():
    learner = UserFactory()
    state = CardStateFactory(learner=learner, due=NOW + timedelta(days=30))
    cards_make_due(learner=learner, item_ids=[state.item_id], now=NOW)
    state.refresh_from_db()
    assert state.due == NOW


def test_make_due_creates_cards_for_never_seen_items():
    learner, item = UserFactory(), ItemFactory()
    assert cards_make_due(learner=learner, item_ids=[item.pk, item.pk], now=NOW) == 1
    assert CardState.objects.get(learner=learner, item=item).due == NOW


def test_make_due_leaves_other_learners_alone():
    state = CardStateFactory(due=NOW + timedelta(days=30))
    cards_make_due(learner=UserFactory(), item_ids=[state.item_id], now=NOW)
    state.refresh_from_db()
    assert state.due == NOW + timedelta(days=30)


def test_interval_preview_of_a_new_card_reads_like_anki():
    card = card_from_state(None, item_id=1, now=NOW)
    assert interval_preview(card, NOW) == {1: "<1m", 2: "<6m", 3: "<10m", 4: "8d"}


@pytest.mark.parametrize(
    ("delta", "label"),
    [
        (timedelta(seconds=30), "<1m"),
        (timedelta(minutes=10), "<10m"),
        (timedelta(hours=5), "5h"),
        (timedelta(days=4), "4d"),
        (timedelta(days=60), "2mo"),
        (timedelta(days=365 * 2), "2y"),
    ],
)
def test_format_interval(delta, label):
    assert format_interval(delta) == label


CHOICES = [{"text": "a", "correct": True}, {"text": "b", "correct": False}, {"text": "c", "correct": True}]


def test_grade_all_correct_choices_is_right():
    assert grade_choices(choices=CHOICES, chosen=[2, 0]) is True


def test_grade_partial_choices_is_wrong():
    assert grade_choices(choices=CHOICES, chosen=[0]) is False


def test_grade_extra_choice_is_wrong():
    assert grade_choices(choices=CHOICES, chosen=[0, 1, 2]) is False


def test_grade_nothing_chosen_is_wrong():
    assert grade_choices(choices=CHOICES, chosen=[]) is False
