"""CSRF on every state-changing request: without the token each POST is refused (403); with the token in
the ``X-CSRFToken`` header, as htmx sends it from ``hx-headers`` on ``<body>``, it goes through. The
one-click unsubscribe (RFC 8058) is the only view exempt."""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from quizzes.exams.services import exam_start
from quizzes.mail.services.emails import unsubscribe_token
from tests.factories import ItemFactory, NotificationFactory, UserFactory

pytestmark = pytest.mark.django_db

SETTINGS = {
    "timezone": "UTC",
    "day_starts_hour": 4,
    "new_per_day": 10,
    "max_reviews_per_day": 100,
    "desired_retention": "0.9",
    "weekly_weekday": 0,
    "weekly_hour": 8,
}


@pytest.fixture
def learner():
    return UserFactory(username="carol")


@pytest.fixture
def csrf_client():
    return Client(enforce_csrf_checks=True)


def _post_targets(learner) -> dict[str, tuple[str, dict, bool]]:
    """name -> (url, data, logged in) of every POST endpoint, with data a valid request would carry."""
    item = ItemFactory()
    attempt = exam_start(learner=learner, now=timezone.now(), length=1, time_limit_minutes=5)
    return {
        "study-check": (reverse("quizzes:study-check"), {"token": "x" * 43, "chosen": [0]}, True),
        "study-answer": (reverse("quizzes:study-answer"), {"token": "x" * 43, "rating": 3}, True),
        "practice-answer": (reverse("quizzes:practice-answer"), {"token": "x" * 43, "chosen": [0]}, True),
        "notification-dismiss": (
            reverse("quizzes:notification-dismiss", args=[NotificationFactory(learner=learner).pk]),
            {},
            True,
        ),
        "settings": (reverse("quizzes:settings"), SETTINGS, True),
        "exam-start": (reverse("quizzes:exam"), {"length": 1, "time_limit_minutes": 5}, True),
        "exam-answer": (reverse("quizzes:exam-question", args=[attempt.pk, 1]), {"choice": [0]}, True),
        "exam-flag": (reverse("quizzes:exam-question", args=[attempt.pk, 1]), {"flagged": "on"}, True),
        "exam-submit": (reverse("quizzes:exam-submit", args=[attempt.pk]), {}, True),
        "item-report": (reverse("quizzes:item-report", args=[item.pk]), {"reason": "typo"}, True),
        "logout": (reverse("logout"), {}, True),
        "login": (reverse("login"), {"username": "carol", "password": "pw-for-tests-1"}, False),
        "signup": (
            reverse("signup"),
            {"username": "dave", "password1": "a-long-pass-phrase", "password2": "a-long-pass-phrase"},
            False,
        ),
    }


ENDPOINTS = [
    "study-check",
    "study-answer",
    "practice-answer",
    "notification-dismiss",
    "settings",
    "exam-start",
    "exam-answer",
    "exam-flag",
    "exam-submit",
    "item-report",
    "logout",
    "login",
    "signup",
]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_post_without_the_token_is_refused(csrf_client, learner, endpoint):
    url, data, logged_in = _post_targets(learner)[endpoint]
    if logged_in:
        csrf_client.force_login(learner)
    assert csrf_client.post(url, data).status_code == 403


def _page_token(client: Client) -> str:
    """The token htmx sends: read from ``hx-headers`` on ``<body>`` of a page."""
    body = client.get(reverse("home")).content.decode()
    headers = re.search(r"<body hx-headers='([^']+)'", body).group(1)
    return json.loads(headers)["X-CSRFToken"]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_post_with_the_htmx_header_token_passes(csrf_client, learner, endpoint):
    url, data, logged_in = _post_targets(learner)[endpoint]
    if logged_in:
        csrf_client.force_login(learner)
    token = _page_token(csrf_client)
    response = csrf_client.post(url, data, headers={"X-CSRFToken": token, "HX-Request": "true"})
    assert response.status_code != 403


def test_the_token_in_the_form_field_also_passes(csrf_client, learner):
    csrf_client.force_login(learner)
    token = _page_token(csrf_client)
    response = csrf_client.post(reverse("quizzes:settings"), {**SETTINGS, "csrfmiddlewaretoken": token})
    assert response.status_code == 302


def test_a_token_from_another_session_is_refused(csrf_client, learner):
    stranger = Client(enforce_csrf_checks=True)
    foreign = _page_token(stranger)
    csrf_client.force_login(learner)
    csrf_client.get(reverse("home"))
    response = csrf_client.post(reverse("quizzes:settings"), SETTINGS, headers={"X-CSRFToken": foreign})
    assert response.status_code == 403


def test_one_click_unsubscribe_accepts_a_post_without_the_token(csrf_client, learner):
    url = reverse("quizzes:email-unsubscribe", args=[unsubscribe_token(learner_id=learner.pk)])
    assert csrf_client.post(url, {"List-Unsubscribe": "One-Click"}).status_code == 200


def _exempt_views(patterns, prefix: str = "") -> set[str]:
    found = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            found |= _exempt_views(pattern.url_patterns, namespace)
        elif isinstance(pattern, URLPattern) and getattr(pattern.callback, "csrf_exempt", False):
            found.add(f"{prefix}{pattern.name}")
    return found


def test_one_click_unsubscribe_is_the_only_csrf_exempt_view():
    assert _exempt_views(get_resolver().url_patterns) == {"quizzes:email-unsubscribe"}
