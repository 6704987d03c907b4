"""Stored item statistics: computed by the Celery task from practice and exam first attempts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

import quizzes.bank.services.item_stats as item_stats_service
from quizzes.models import ExamAttempt, ExamQuestion, ItemReport, ItemStatistics
from quizzes.tasks import compute_item_statistics
from tests.factories import FlashcardFactory, ItemFactory, ReviewLogFactory, UserFactory

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2025, 3, 1, 9, tzinfo=dt.UTC)


def exam(learner, marks: list[tuple[object, bool, list[int]]]) -> ExamAttempt:
    attempt = ExamAttempt.objects.create(
        learner=learner,
        started_at=T0,
        deadline=T0 + dt.timedelta(hours=2),
        submitted_at=T0 + dt.timedelta(hours=1),
    )
    for position, (item, correct, chosen) in enumerate(marks, start=1):
        ExamQuestion.objects.create(
            attempt=attempt,
            position=position,
            item=item,
            correct=correct,
            chosen=chosen,
            choice_order=[0, 1, 2, 3],
        )
    return attempt


@pytest.fixture
def hand_example():
    """Four learners sit a 6-question exam. The item under study is right for the two learners who
    got 4 and 3 of the other 5 right, and wrong for those who got 2 and 1 right:
    rest-of-test marks 80, 60, 40, 20 % -> discrimination 89.443 (see tests/quizzes/bank/test_item_stats.py)."""
    item = ItemFactory()
    others = ItemFactory.create_batch(5)
    for rest_right, correct in ((4, True), (3, True), (2, False), (1, False)):
        marks = [(item, correct, [0] if correct else [2])]
        marks += [(other, i < rest_right, [0]) for i, other in enumerate(others)]
        exam(UserFactory(), marks)
    return item


def test_the_task_stores_facility_and_discrimination(hand_example):
    compute_item_statistics.delay()
    stats = ItemStatistics.objects.get(item=hand_example)
    assert (stats.attempts, stats.facility) == (4, 50.0)
    assert stats.discrimination == pytest.approx(89.443, abs=1e-3)


def test_the_task_counts_how_often_each_choice_was_picked(hand_example):
    compute_item_statistics.delay()
    assert ItemStatistics.objects.get(item=hand_example).choice_counts == [2, 0, 2, 0]


def test_a_practice_answer_after_the_exam_is_not_a_first_attempt(hand_example):
    learner = ExamQuestion.objects.filter(item=hand_example, correct=False).first().attempt.learner
    ReviewLogFactory(
        learner=learner,
        item=hand_example,
        mode="practice",
        correct=True,
        chosen=[0],
        reviewed_at=T0 + dt.timedelta(days=1),
    )
    compute_item_statistics.delay()
    assert ItemStatistics.objects.get(item=hand_example).facility == 50.0


def test_exam_review_logs_are_not_counted_twice(hand_example):
    for question in ExamQuestion.objects.filter(item=hand_example):
        ReviewLogFactory(
            learner=question.attempt.learner,
            item=hand_example,
            mode="exam",
            correct=question.correct,
            reviewed_at=T0,
        )
    compute_item_statistics.delay()
    assert ItemStatistics.objects.get(item=hand_example).attempts == 4


def test_practice_first_attempts_count_towards_facility():
    item = ItemFactory()
    ReviewLogFactory(item=item, mode="practice", correct=True, chosen=[0])
    ReviewLogFactory(item=item, mode="practice", correct=False, chosen=[1])
    ReviewLogFactory(item=item, mode="review", correct=False, chosen=[1])  # reviews are not attempts
    compute_item_statistics.delay()
    assert ItemStatistics.objects.get(item=item).facility == 50.0


def test_running_the_task_twice_keeps_one_row_per_question(hand_example):
    compute_item_statistics.delay()
    compute_item_statistics.delay()
    assert ItemStatistics.objects.filter(item=hand_example).count() == 1


def test_flashcards_get_no_statistics():
    card = FlashcardFactory()
    compute_item_statistics.delay()
    assert not ItemStatistics.objects.filter(item=card).exists()


def test_open_reports_are_counted():
    item = ItemFactory()
    ItemReport.objects.create(learner=UserFactory(), item=item, reason="typo")
    ItemReport.objects.create(learner=UserFactory(), item=item, reason="wrong", resolved=True)
    compute_item_statistics.delay()
    assert ItemStatistics.objects.get(item=item).open_reports == 1


def test_a_question_everyone_misses_is_flagged():
    item = ItemFactory()
    for _ in range(5):
        ReviewLogFactory(item=item, mode="practice", correct=False, chosen=[1])
    compute_item_statistics.delay()
    assert ItemStatistics.objects.get(item=item).flagged


def test_the_statistics_page_shows_the_distractor_counts(instructor_client, hand_example):
    compute_item_statistics.delay()
    stats = ItemStatistics.objects.get(item=hand_example)
    page = instructor_client.get(
        reverse("admin:quizzes_itemstatistics_change", args=[stats.pk])
    ).content.decode()
    assert "<td>600 seconds</td><td>distractor</td><td>2</td><td>50%</td>" in page


def test_flagged_questions_can_be_listed(instructor_client):
    item = ItemFactory()
    for _ in range(5):
        ReviewLogFactory(item=item, mode="practice", correct=False, chosen=[1])
    ItemFactory()
    compute_item_statistics.delay()
    response = instructor_client.get(reverse("admin:quizzes_item_changelist"), {"flagged": "yes"})
    assert list(response.context["cl"].result_list) == [item]


def test_recompute_now_runs_the_task(instructor_client, django_capture_on_commit_callbacks):
    item = ItemFactory()
    with django_capture_on_commit_callbacks(execute=True):
        instructor_client.post(reverse("admin:quizzes_itemstatistics_recompute"))
    assert ItemStatistics.objects.filter(item=item).exists()


def test_questions_analysed_a_chunk_at_a_time_get_the_same_figures(hand_example, monkeypatch):
    compute_item_statistics()
    whole = {s.item_id: (s.facility, s.discrimination, s.choice_counts) for s in ItemStatistics.objects.all()}
    monkeypatch.setattr(item_stats_service, "CHUNK", 1)  # every question in a pass of its own
    compute_item_statistics()
    chunked = {
        s.item_id: (s.facility, s.discrimination, s.choice_counts) for s in ItemStatistics.objects.all()
    }
    assert chunked == whole and len(chunked) == 6
