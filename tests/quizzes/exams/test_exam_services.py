"""The mock exam's writes: start, save as you go, the server-side deadline, submit and its effects."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.http import Http404

from quizzes.exams.services import (
    ExamAnswerInvalid,
    ExamBankEmpty,
    ExamInProgress,
    ExamOver,
    exam_answer_save,
    exam_current,
    exam_page_open,
    exam_report_open,
    exam_start,
    exam_submit,
)
from quizzes.models import CardState, ExamAttempt, ExamQuestion, ReviewLog
from tests.factories import ItemFactory, MultipleItemFactory, TopicFactory, UserFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def learner():
    return UserFactory()


@pytest.fixture
def bank():
    topics = [TopicFactory(slug=f"topic-{n}") for n in range(3)]
    return [ItemFactory(topic=topics[n % 3]) for n in range(9)]


def _key(question: ExamQuestion) -> list[int]:
    return question.item.correct_indexes


def _wrong(question: ExamQuestion) -> list[int]:
    return [next(i for i, c in enumerate(question.item.choices) if not c["correct"])]


def test_exam_start_draws_the_requested_number_of_questions(learner, bank):
    attempt = exam_start(learner=learner, length=3, time_limit_minutes=6, now=NOW, rng=random.Random(1))
    assert list(attempt.questions.values_list("position", flat=True)) == [1, 2, 3]


def test_exam_start_draws_one_question_per_topic_when_topics_are_equal(learner, bank):
    attempt = exam_start(learner=learner, length=3, time_limit_minutes=6, now=NOW, rng=random.Random(1))
    assert len({q.item.topic_id for q in attempt.questions.all()}) == 3


def test_exam_start_uses_only_published_questions(learner):
    ItemFactory(status="draft")
    ItemFactory(type="basic", stem="", front="front", back="back", choices=[])
    published = ItemFactory()
    attempt = exam_start(learner=learner, length=65, time_limit_minutes=130, now=NOW)
    assert [q.item_id for q in attempt.questions.all()] == [published.pk]


def test_exam_start_shrinks_to_a_small_bank(learner, bank):
    attempt = exam_start(learner=learner, length=65, time_limit_minutes=130, now=NOW)
    assert attempt.length == 9


def test_exam_start_sets_the_deadline_from_the_time_limit(learner, bank):
    attempt = exam_start(learner=learner, length=3, time_limit_minutes=6, now=NOW)
    assert attempt.deadline == NOW + dt.timedelta(minutes=6)


def test_exam_start_shuffles_choices_as_a_permutation(learner, bank):
    attempt = exam_start(learner=learner, length=9, time_limit_minutes=6, now=NOW, rng=random.Random(5))
    orders = [q.choice_order for q in attempt.questions.all()]
    assert all(sorted(o) == [0, 1, 2, 3] for o in orders) and any(o != [0, 1, 2, 3] for o in orders)


def test_exam_start_with_an_empty_bank_fails(learner):
    with pytest.raises(ExamBankEmpty):
        exam_start(learner=learner, length=3, time_limit_minutes=6, now=NOW)


def test_exam_start_resumes_the_attempt_in_progress(learner, bank):
    first = exam_start(learner=learner, length=3, time_limit_minutes=6, now=NOW)
    again = exam_start(learner=learner, length=5, time_limit_minutes=10, now=NOW + dt.timedelta(minutes=1))
    assert again.pk == first.pk


def test_answer_is_saved_immediately_as_item_choice_indexes(learner, bank):
    attempt = exam_start(learner=learner, length=3, time_limit_minutes=6, now=NOW)
    exam_answer_save(learner=learner, attempt_id=attempt.pk, position=2, chosen=[3], flagged=False, now=NOW)
    assert ExamQuestion.objects.get(attempt=attempt, position=2).chosen == [3]


def test_answer_with_an_index_the_item_does_not_have_is_refused_and_saves_nothing(learner, bank):
    attempt = exam_start(learner=learner, length=3, time_limit_minutes=6, now=NOW)
    with pytest.raises(ExamAnswerInvalid):
        exam_answer_save(
            learner=learner, attempt_id=attempt.pk, position=1, chosen=[1, 17], flagged=True, now=NOW
        )
    question = ExamQuestion.objects.get(attempt=attempt, position=1)
    assert (question.chosen, question.flagged) == ([], False)


def test_flag_is_saved_with_the_answer(learner, bank):
    attempt = exam_start(learner=learner, length=3, time_limit_minutes=6, now=NOW)
    page = exam_answer_save(
        learner=learner, attempt_id=attempt.pk, position=1, chosen=[], flagged=True, now=NOW
    )
    assert page.flagged == 1 and page.question_map[0].flagged


def test_page_shows_choices_in_the_attempts_shuffled_order(learner, bank):
    attempt = exam_start(learner=learner, length=3, time_limit_minutes=6, now=NOW, rng=random.Random(2))
    page = exam_page_open(learner=learner, attempt_id=attempt.pk, position=1, now=NOW)
    assert [c.index for c in page.choices] == page.question.choice_order


def test_page_reports_the_remaining_time(learner, bank):
    attempt = exam_start(learner=learner, length=3, time_limit_minutes=6, now=NOW)
    page = exam_page_open(
        learner=learner, attempt_id=attempt.pk, position=1, now=NOW + dt.timedelta(seconds=61)
    )
    assert (page.remaining_seconds, page.remaining_label) == (299, "4:59")


def test_another_learners_attempt_is_not_found(learner, bank):
    attempt = exam_start(learner=learner, length=3, time_limit_minutes=6, now=NOW)
    with pytest.raises(Http404):
        exam_page_open(learner=UserFactory(), attempt_id=attempt.pk, position=1, now=NOW)


def test_answer_after_the_deadline_is_not_saved(learner, bank):
    attempt = exam_start(learner=learner, length=3, time_limit_minutes=6, now=NOW)
    with pytest.raises(ExamOver):
        exam_answer_save(
            learner=learner,
            attempt_id=attempt.pk,
            position=1,
            chosen=[0],
            flagged=False,
            now=attempt.deadline,
        )
    assert ExamQuestion.objects.get(attempt=attempt, position=1).chosen == []


def test_any_request_after_the_deadline_auto_submits(learner, bank):
    attempt = exam_start(learner=learner, length=3, time_limit_minutes=6, now=NOW)
    with pytest.raises(ExamOver):
        exam_page_open(learner=learner, attempt_id=attempt.pk, position=1, now=NOW + dt.timedelta(hours=2))
    attempt.refresh_from_db()
    assert (attempt.auto_submitted, attempt.submitted_at) == (True, attempt.deadline)


def test_exam_current_finds_the_attempt_in_progress(learner, bank):
    attempt = exam_start(learner=learner, length=3, time_limit_minutes=6, now=NOW)
    assert exam_current(learner=learner, now=NOW + dt.timedelta(minutes=5)).pk == attempt.pk


def test_report_of_a_running_attempt_is_refused(learner, bank):
    attempt = exam_start(learner=learner, length=3, time_limit_minutes=6, now=NOW)
    with pytest.raises(ExamInProgress):
        exam_report_open(learner=learner, attempt_id=attempt.pk, now=NOW)


def _answer_all(learner, attempt, *, right: int) -> None:
    for q in attempt.questions.select_related("item"):
        chosen = _key(q) if q.position <= right else _wrong(q)
        exam_answer_save(
            learner=learner, attempt_id=attempt.pk, position=q.position, chosen=chosen, flagged=False, now=NOW
        )


def test_submit_scores_and_stores_the_report(learner, bank):
    attempt = exam_start(learner=learner, length=3, time_limit_minutes=6, now=NOW)
    _answer_all(learner, attempt, right=2)
    attempt = exam_submit(learner=learner, attempt_id=attempt.pk, now=NOW + dt.timedelta(minutes=2))
    assert (attempt.score_scaled, attempt.passed, attempt.report["correct"]) == (700, False, 2)


def test_choose_two_is_all_or_nothing(learner):
    MultipleItemFactory()
    attempt = exam_start(learner=learner, length=1, time_limit_minutes=6, now=NOW)
    exam_answer_save(learner=learner, attempt_id=attempt.pk, position=1, chosen=[0], flagged=False, now=NOW)
    attempt = exam_submit(learner=learner, attempt_id=attempt.pk, now=NOW)
    assert attempt.questions.get().correct is False


def test_submit_records_each_answered_question_in_the_review_log(learner, bank):
    attempt = exam_start(learner=learner, length=3, time_limit_minutes=6, now=NOW)
    _answer_all(learner, attempt, right=1)
    exam_submit(learner=learner, attempt_id=attempt.pk, now=NOW)
    logs = ReviewLog.objects.filter(learner=learner, mode="exam").order_by("rating")
    assert [(log.rating, log.correct) for log in logs] == [(1, False), (1, False), (3, True)]


def test_submit_makes_missed_questions_due_now(learner, bank):
    attempt = exam_start(learner=learner, length=3, time_limit_minutes=6, now=NOW)
    exam_answer_save(learner=learner, attempt_id=attempt.pk, position=1, chosen=[], flagged=False, now=NOW)
    exam_submit(learner=learner, attempt_id=attempt.pk, now=NOW)
    assert CardState.objects.filter(learner=learner, due__lte=NOW).count() == 3


def test_second_submit_changes_nothing(learner, bank):
    attempt = exam_start(learner=learner, length=3, time_limit_minutes=6, now=NOW)
    _answer_all(learner, attempt, right=3)
    exam_submit(learner=learner, attempt_id=attempt.pk, now=NOW)
    exam_submit(learner=learner, attempt_id=attempt.pk, now=NOW + dt.timedelta(minutes=1))
    assert ReviewLog.objects.filter(learner=learner).count() == 3


def test_report_lists_every_question_with_answer_key_and_source(learner, bank):
    attempt = exam_start(learner=learner, length=3, time_limit_minutes=6, now=NOW)
    _answer_all(learner, attempt, right=0)
    attempt = exam_submit(learner=learner, attempt_id=attempt.pk, now=NOW)
    row = attempt.report["questions"][0]
    picked = [c["text"] for c in row["choices"] if c["chosen"]]
    assert (picked, [c["text"] for c in row["choices"] if c["correct"]], row["sources"]) == (
        ["300 seconds"],
        ["900 seconds"],
        [{"file": "notes-1.md", "line": 3}],
    )


def test_submitting_another_learners_attempt_is_not_found(learner, bank):
    attempt = exam_start(learner=learner, length=3, time_limit_minutes=6, now=NOW)
    with pytest.raises(Http404):
        exam_submit(learner=UserFactory(), attempt_id=attempt.pk, now=NOW)
    assert ExamAttempt.objects.get(pk=attempt.pk).submitted_at is None
