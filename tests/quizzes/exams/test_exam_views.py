"""The mock exam pages: start, answer with and without htmx, the deadline, the report, privacy."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from quizzes.models import ExamAttempt, ExamQuestion
from tests.factories import ItemFactory, LearnerSettingsFactory, TopicFactory, UserFactory

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def learner():
    return UserFactory()


@pytest.fixture
def bank():
    topics = [TopicFactory(slug=f"topic-{n}") for n in range(3)]
    return [ItemFactory(topic=topics[n % 3]) for n in range(6)]


@pytest.fixture
def attempt(client, learner, bank):
    client.force_login(learner)
    with time_machine.travel(START, tick=False):
        client.post(reverse("quizzes:exam"), {"length": 3, "time_limit_minutes": 6})
    return ExamAttempt.objects.get(learner=learner)


def _url(attempt, position=1):
    return reverse("quizzes:exam-question", args=[attempt.pk, position])


def test_exam_page_offers_the_length_form(client, learner, bank):
    client.force_login(learner)
    response = client.get(reverse("quizzes:exam"))
    assert b'name="length"' in response.content and b'name="time_limit_minutes"' in response.content


def test_exam_page_requires_login(client):
    response = client.get(reverse("quizzes:exam"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_starting_redirects_to_the_first_question(client, learner, bank):
    client.force_login(learner)
    response = client.post(reverse("quizzes:exam"), {"length": 3, "time_limit_minutes": 6})
    assert response["Location"] == _url(ExamAttempt.objects.get(learner=learner))


def test_starting_with_an_empty_bank_shows_an_error(client, learner):
    client.force_login(learner)
    response = client.post(reverse("quizzes:exam"), {"length": 3, "time_limit_minutes": 6})
    assert b"no published questions" in response.content


def test_exam_page_offers_to_resume_the_attempt_in_progress(client, attempt):
    with time_machine.travel(START + dt.timedelta(minutes=1), tick=False):
        response = client.get(reverse("quizzes:exam"))
    assert _url(attempt).encode() in response.content and b"Resume" in response.content


def test_question_page_shows_the_stem_and_the_timer(client, attempt):
    with time_machine.travel(START + dt.timedelta(minutes=1), tick=False):
        response = client.get(_url(attempt))
    question = attempt.questions.get(position=1)
    assert question.item.stem.encode() in response.content and b">5:00</time>" in response.content


def test_plain_post_saves_and_goes_to_the_next_question(client, attempt):
    with time_machine.travel(START, tick=False):
        response = client.post(_url(attempt), {"choice": [2], "go": "next"})
    assert response["Location"] == _url(attempt, 2) and attempt.questions.get(position=1).chosen == [2]


def test_plain_post_jumps_to_a_question_from_the_map(client, attempt):
    with time_machine.travel(START, tick=False):
        response = client.post(_url(attempt), {"choice": [2], "go": "3"})
    assert response["Location"] == _url(attempt, 3)


def test_htmx_change_saves_and_returns_the_status_partial(client, attempt):
    with time_machine.travel(START, tick=False):
        response = client.post(_url(attempt), {"choice": [1], "flagged": "on"}, **HTMX)
    body = response.content.decode()
    assert "Answer saved." in body and 'id="exam-map"' in body and "<html" not in body


def test_question_page_varies_on_hx_request(client, attempt):
    with time_machine.travel(START, tick=False):
        response = client.get(_url(attempt))
    assert "HX-Request" in response["Vary"]


def test_reload_shows_the_saved_answer_checked(client, attempt):
    with time_machine.travel(START, tick=False):
        client.post(_url(attempt), {"choice": [1]}, **HTMX)
        response = client.get(_url(attempt))
    assert 'value="1" id="choice-' in response.content.decode()
    assert response.content.decode().count("checked") == 1


def test_request_after_the_deadline_lands_on_the_report(client, attempt):
    with time_machine.travel(START + dt.timedelta(minutes=7), tick=False):
        response = client.get(_url(attempt, 2))
    assert response["Location"] == reverse("quizzes:exam-report", args=[attempt.pk])


def test_htmx_save_after_the_deadline_redirects_the_browser_to_the_report(client, attempt):
    with time_machine.travel(START + dt.timedelta(minutes=7), tick=False):
        response = client.post(_url(attempt), {"choice": [1]}, **HTMX)
    assert response["HX-Redirect"] == reverse("quizzes:exam-report", args=[attempt.pk])


def test_submit_shows_the_report_with_score_and_explanations(client, attempt):
    with time_machine.travel(START + dt.timedelta(minutes=1), tick=False):
        response = client.post(reverse("quizzes:exam-submit", args=[attempt.pk]), follow=True)
    body = response.content.decode()
    assert 'Score: <span class="score-number">100</span>' in body and "notes-1.md:3" in body


def test_report_of_a_running_exam_goes_back_to_the_questions(client, attempt):
    with time_machine.travel(START + dt.timedelta(minutes=1), tick=False):
        response = client.get(reverse("quizzes:exam-report", args=[attempt.pk]))
    assert response["Location"] == _url(attempt)


@pytest.mark.parametrize("name", ["exam-question", "exam-submit", "exam-report"])
def test_another_learner_gets_404_on_every_exam_page(client, attempt, name):
    client.force_login(UserFactory())
    args = [attempt.pk, 1] if name == "exam-question" else [attempt.pk]
    with time_machine.travel(START, tick=False):
        assert client.get(reverse(f"quizzes:{name}", args=args)).status_code == 404


def test_another_learner_cannot_answer_or_submit(client, attempt):
    client.force_login(UserFactory())
    with time_machine.travel(START, tick=False):
        client.post(_url(attempt), {"choice": [1]})
        client.post(reverse("quizzes:exam-submit", args=[attempt.pk]))
    assert ExamQuestion.objects.get(attempt=attempt, position=1).chosen == []
    assert ExamAttempt.objects.get(pk=attempt.pk).submitted_at is None


def test_report_labels_the_right_choice_correct_answer(client, attempt):
    with time_machine.travel(START + dt.timedelta(minutes=1), tick=False):
        response = client.post(reverse("quizzes:exam-submit", args=[attempt.pk]), follow=True)
    body = response.content.decode()
    assert "correct answer</strong>" in body and ">key</strong>" not in body


def test_auto_submit_time_is_shown_in_the_learners_time_zone(client, learner, attempt):
    LearnerSettingsFactory(user=learner, timezone="Europe/Berlin")
    with time_machine.travel(START + dt.timedelta(minutes=7), tick=False):
        response = client.get(reverse("quizzes:exam-report", args=[attempt.pk]))
    assert "submitted for you at <time" in response.content.decode()
    assert ">10:06</time> (Europe/Berlin)" in response.content.decode()
