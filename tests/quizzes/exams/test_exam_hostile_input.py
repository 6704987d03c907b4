"""Whatever a learner types into the mock exam's forms, query strings and URLs: never a 500, and a
refused request (4xx) leaves the stored exam exactly as it was."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizzes.exams.services import exam_start, exam_submit
from quizzes.models import ExamAttempt, ExamQuestion, ReviewLog
from quizzes.study.limits import MAX_CHOICES
from tests.factories import ItemFactory, TopicFactory, UserFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
TRICKY = [
    "²",  # "²".isdigit() is True, int("²") fails
    "١٢",  # Arabic-Indic digits: int() reads them, the forms must not
    "𝟙",
    "٣",
    "-1",
    "1e3",
    " 3 ",
    "0",
    str(MAX_CHOICES - 1),
    str(MAX_CHOICES),
    "25",
    "99999999999999999999",
    "\x00",
    "prev",
    "next",
    "review",
    "wrong",
    "flagged",
    "unanswered",
    "all",
    "timed",
    "check",
    "on",
    "",
]
VALUE = st.one_of(st.sampled_from(TRICKY), st.text(max_size=24), st.integers().map(str))
FIELDS = ["choice", "flagged", "go", "length", "time_limit_minutes", "show", "mode", "csrfmiddlewaretoken"]
FORM = st.dictionaries(
    keys=st.sampled_from(FIELDS), values=st.lists(VALUE, min_size=1, max_size=3), max_size=5
)
ANY = settings(max_examples=50, deadline=None, suppress_health_check=list(HealthCheck))


@pytest.fixture
def bank():
    topics = [TopicFactory(slug=f"topic-{n}") for n in range(3)]
    return [ItemFactory(topic=topics[n % 3]) for n in range(6)]


@pytest.fixture
def learner():
    return UserFactory()


@pytest.fixture
def logged_in(learner) -> Client:
    client = Client()
    client.force_login(learner)
    return client


@pytest.fixture
def running(learner, bank) -> ExamAttempt:
    return exam_start(learner=learner, length=3, time_limit_minutes=130, now=timezone.now())


def _stored(learner) -> tuple:
    return (
        list(
            ExamAttempt.objects.filter(learner=learner)
            .order_by("pk")
            .values_list("pk", "submitted_at", "score_scaled", "report")
        ),
        list(
            ExamQuestion.objects.filter(attempt__learner=learner)
            .order_by("pk")
            .values_list("pk", "chosen", "flagged", "answered_at", "time_spent_ms")
        ),
        ReviewLog.objects.filter(learner=learner).count(),
    )


def _check(response, before, after) -> None:
    assert response.status_code < 500
    if 400 <= response.status_code < 500:
        assert after == before


@ANY
@given(form=FORM, htmx=st.booleans())
def test_any_answer_post_is_saved_or_refused_cleanly(logged_in, learner, running, form, htmx):
    before = _stored(learner)
    url = reverse("quizzes:exam-question", args=[running.pk, 1])
    response = logged_in.post(url, form, **(HTMX if htmx else {}))
    _check(response, before, _stored(learner))


@ANY
@given(go=VALUE, choice=st.lists(VALUE, max_size=3))
def test_any_go_and_choice_are_saved_or_refused_cleanly(logged_in, learner, running, go, choice):
    before = _stored(learner)
    url = reverse("quizzes:exam-question", args=[running.pk, 2])
    response = logged_in.post(url, {"go": go, "choice": choice, "flagged": "on"})
    _check(response, before, _stored(learner))


@ANY
@given(form=FORM)
def test_any_start_post_starts_one_exam_or_is_refused_cleanly(logged_in, learner, bank, form):
    before = _stored(learner)
    response = logged_in.post(reverse("quizzes:exam"), form)
    _check(response, before, _stored(learner))
    assert ExamAttempt.objects.filter(learner=learner, submitted_at__isnull=True).count() <= 1


@ANY
@given(query=FORM, name=st.sampled_from(["exam", "exam-question", "exam-submit", "exam-report"]))
def test_any_query_string_on_any_exam_page_is_answered(logged_in, learner, running, query, name):
    args = {"exam": [], "exam-question": [running.pk, 1]}.get(name, [running.pk])
    before = _stored(learner)
    response = logged_in.get(reverse(f"quizzes:{name}", args=args), query)
    _check(response, before, _stored(learner))


@ANY
@given(query=FORM)
def test_any_query_string_on_a_report_is_answered(logged_in, learner, running, query):
    exam_submit(learner=learner, attempt_id=running.pk, now=timezone.now())
    before = _stored(learner)
    response = logged_in.get(reverse("quizzes:exam-report", args=[running.pk]), query)
    assert response.status_code < 500 and _stored(learner) == before


@ANY
@given(
    attempt_id=st.integers(min_value=0, max_value=10**30), position=st.integers(min_value=0, max_value=10**30)
)
def test_any_attempt_and_question_number_in_the_url_is_answered(
    logged_in, learner, running, attempt_id, position
):
    before = _stored(learner)
    response = logged_in.post(f"/exam/{attempt_id}/q/{position}/", {"choice": ["1"]})
    _check(response, before, _stored(learner))


def test_a_superscript_question_number_is_refused_and_saves_nothing(logged_in, running):
    url = reverse("quizzes:exam-question", args=[running.pk, 1])
    response = logged_in.post(url, {"choice": ["1"], "go": "²"})
    assert response.status_code == 400 and ExamQuestion.objects.get(attempt=running, position=1).chosen == []


def test_a_refused_answer_says_why(logged_in, running):
    url = reverse("quizzes:exam-question", args=[running.pk, 1])
    response = logged_in.post(url, {"choice": ["1"], "go": "²"})
    assert "Not saved: Go to" in response.content.decode()


def test_a_refused_htmx_answer_returns_the_status_partial_with_the_reason(logged_in, running):
    url = reverse("quizzes:exam-question", args=[running.pk, 1])
    response = logged_in.post(url, {"choice": ["99"]}, **HTMX)
    body = response.content.decode()
    assert response.status_code == 400 and "Not saved:" in body and "<html" not in body


def test_the_answer_form_takes_the_last_index_the_shared_limit_allows(logged_in, learner):
    ItemFactory(choices=[{"text": f"c{i}", "correct": i == MAX_CHOICES - 1} for i in range(MAX_CHOICES)])
    attempt = exam_start(learner=learner, length=1, time_limit_minutes=6, now=timezone.now())
    url = reverse("quizzes:exam-question", args=[attempt.pk, 1])
    logged_in.post(url, {"choice": [str(MAX_CHOICES - 1)]})
    assert ExamQuestion.objects.get(attempt=attempt).chosen == [MAX_CHOICES - 1]


def test_the_answer_form_refuses_an_index_past_the_shared_limit(logged_in, running):
    url = reverse("quizzes:exam-question", args=[running.pk, 1])
    assert logged_in.post(url, {"choice": [str(MAX_CHOICES)]}).status_code == 400


def test_an_index_the_question_does_not_have_is_refused(logged_in, running):
    url = reverse("quizzes:exam-question", args=[running.pk, 1])  # the factory's items have 4 choices
    assert logged_in.post(url, {"choice": ["7"]}).status_code == 400


def test_a_start_with_arabic_indic_or_superscript_digits_is_refused(logged_in, learner, bank):
    response = logged_in.post(reverse("quizzes:exam"), {"length": "²", "time_limit_minutes": "6"})
    assert response.status_code == 400 and not ExamAttempt.objects.filter(learner=learner).exists()


@ANY
@given(show=st.lists(VALUE, min_size=1, max_size=3), htmx=st.booleans())
def test_any_report_filter_is_answered_and_a_refused_one_changes_nothing(
    logged_in, learner, running, show, htmx
):
    exam_submit(learner=learner, attempt_id=running.pk, now=timezone.now())
    before = _stored(learner)
    url = reverse("quizzes:exam-report", args=[running.pk])
    response = logged_in.get(url, {"show": show}, **(HTMX if htmx else {}))
    _check(response, before, _stored(learner))
    assert response.status_code in (200, 400)


@ANY
@given(form=FORM, htmx=st.booleans())
def test_any_answer_post_in_review_mode_is_saved_or_refused_cleanly(logged_in, learner, bank, form, htmx):
    attempt = exam_start(learner=learner, length=2, time_limit_minutes=10, mode="review", now=timezone.now())
    before = _stored(learner)
    url = reverse("quizzes:exam-question", args=[attempt.pk, 1])
    response = logged_in.post(url, form, **(HTMX if htmx else {}))
    _check(response, before, _stored(learner))
