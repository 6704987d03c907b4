"""Review mode of the mock exam: chosen at the start, feedback after each question, no clock, the
answer locked once its feedback is shown."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from quizzes.exams.services import REVIEW_HOURS, exam_answer_save, exam_page_open, exam_start, exam_submit
from quizzes.models import ExamAttempt, ExamQuestion
from tests.factories import ItemFactory, TopicFactory, UserFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def learner():
    return UserFactory()


@pytest.fixture
def bank():
    topic = TopicFactory()
    return [
        ItemFactory(
            topic=topic,
            choices=[
                {"text": "900 seconds", "correct": True, "explanation": "The stated maximum."},
                {"text": "300 seconds", "correct": False, "explanation": "A different limit."},
                {"text": "60 seconds", "correct": False},
            ],
        )
        for _ in range(3)
    ]


@pytest.fixture
def review(learner, bank):
    return exam_start(learner=learner, length=2, time_limit_minutes=10, mode="review", now=NOW)


def _key(attempt, position):
    return ExamQuestion.objects.get(attempt=attempt, position=position).item.correct_indexes


def _wrong(attempt, position):
    item = ExamQuestion.objects.get(attempt=attempt, position=position).item
    return [i for i, c in enumerate(item.choices) if not c["correct"]][:1]


def _save(learner, attempt, chosen, position=1, flagged=False, at=NOW):
    return exam_answer_save(
        learner=learner, attempt_id=attempt.pk, position=position, chosen=chosen, flagged=flagged, now=at
    )


def test_review_mode_has_no_clock_but_closes_after_a_day(review):
    assert review.mode == "review" and review.deadline == NOW + dt.timedelta(hours=REVIEW_HOURS)


def test_timed_mode_is_the_default(learner, bank):
    assert exam_start(learner=learner, length=1, now=NOW).mode == "timed"


def test_unanswered_review_question_shows_no_feedback(learner, review):
    page = exam_page_open(learner=learner, attempt_id=review.pk, position=1, now=NOW)
    assert not page.feedback and all(c.correct is None for c in page.choices)


def test_answered_review_question_shows_whether_it_was_right(learner, review):
    page = _save(learner, review, _wrong(review, 1))
    assert page.feedback and page.answer_correct is False


def test_answered_review_question_marks_the_correct_answer_and_says_why(learner, review):
    page = _save(learner, review, _key(review, 1))
    assert {c.text: (c.correct, c.explanation) for c in page.choices}["300 seconds"] == (
        False,
        "A different limit.",
    )


def test_review_answer_is_locked_once_its_feedback_is_shown(learner, review):
    _save(learner, review, _wrong(review, 1))
    _save(learner, review, _key(review, 1), flagged=True)
    question = ExamQuestion.objects.get(attempt=review, position=1)
    assert question.chosen == _wrong(review, 1) and question.flagged


def test_timed_mode_never_shows_feedback_before_the_report(learner, bank):
    attempt = exam_start(learner=learner, length=1, time_limit_minutes=10, now=NOW)
    page = _save(learner, attempt, _key(attempt, 1))
    assert not page.feedback and all(c.correct is None for c in page.choices)


def test_timed_mode_answer_can_still_be_changed(learner, bank):
    attempt = exam_start(learner=learner, length=1, time_limit_minutes=10, now=NOW)
    _save(learner, attempt, _wrong(attempt, 1))
    _save(learner, attempt, _key(attempt, 1))
    assert ExamQuestion.objects.get(attempt=attempt).chosen == _key(attempt, 1)


def test_review_mode_is_scored_like_a_timed_exam(learner, review):
    _save(learner, review, _key(review, 1))
    attempt = exam_submit(learner=learner, attempt_id=review.pk, now=NOW)
    assert (attempt.report["correct"], attempt.report["mode"]) == (1, "review")


# --- views ------------------------------------------------------------------------------------


def test_start_form_offers_both_modes(client, learner, bank):
    client.force_login(learner)
    body = client.get(reverse("quizzes:exam")).content.decode()
    assert 'value="timed"' in body and 'value="review"' in body


def test_starting_in_review_mode_from_the_form(client, learner, bank):
    client.force_login(learner)
    client.post(reverse("quizzes:exam"), {"length": 2, "time_limit_minutes": 10, "mode": "review"})
    assert ExamAttempt.objects.get(learner=learner).mode == "review"


def test_an_unknown_mode_is_refused_and_starts_nothing(client, learner, bank):
    client.force_login(learner)
    response = client.post(reverse("quizzes:exam"), {"length": 2, "time_limit_minutes": 10, "mode": "zen"})
    assert response.status_code == 400 and not ExamAttempt.objects.filter(learner=learner).exists()


def test_check_answer_without_javascript_comes_back_to_the_question_with_feedback(client, learner, review):
    client.force_login(learner)
    url = reverse("quizzes:exam-question", args=[review.pk, 1])
    with time_machine.travel(NOW, tick=False):
        response = client.post(url, {"choice": _wrong(review, 1), "go": "check"})
        body = client.get(url).content.decode()
    assert response["Location"] == url
    assert "Wrong.</strong>" in body and "correct answer</strong>" in body and "A different limit." in body


def test_review_question_page_has_no_timer_and_no_autosave(client, learner, review):
    client.force_login(learner)
    with time_machine.travel(NOW, tick=False):
        body = client.get(reverse("quizzes:exam-question", args=[review.pk, 1])).content.decode()
    assert 'id="exam-timer"' not in body and "hx-post" not in body and "Check answer" in body


def test_timed_question_page_does_not_reveal_the_key(client, learner, bank):
    client.force_login(learner)
    attempt = exam_start(learner=learner, length=1, time_limit_minutes=10, now=NOW)
    _save(learner, attempt, _key(attempt, 1))
    with time_machine.travel(NOW, tick=False):
        body = client.get(reverse("quizzes:exam-question", args=[attempt.pk, 1])).content.decode()
    assert "correct answer" not in body and "The stated maximum." not in body


def test_another_learner_cannot_see_a_review_exams_feedback(client, learner, review):
    _save(learner, review, _key(review, 1))
    client.force_login(UserFactory())
    with time_machine.travel(NOW, tick=False):
        assert client.get(reverse("quizzes:exam-question", args=[review.pk, 1])).status_code == 404


def test_submit_screen_of_a_review_exam_shows_no_clock(client, learner, review):
    client.force_login(learner)
    with time_machine.travel(NOW, tick=False):
        body = client.get(reverse("quizzes:exam-submit", args=[review.pk])).content.decode()
    assert "Review mode: no clock." in body and "Time left" not in body
