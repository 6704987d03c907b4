"""Every URL of the ``quizzes`` and ``notes`` namespaces (plus home, accounts and the admin index) for
four visitors: anonymous, learner A (who owns the objects in the URLs), learner B and an instructor.
Then the writes: B can neither read nor change A's reviews, practice, exam attempts, notifications,
settings or export, whatever id or token B sends."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import time_machine
from django.urls import get_resolver, reverse
from django.utils import timezone

from quizzes.exams.services import exam_start, exam_submit
from quizzes.mail.services.emails import unsubscribe_token
from quizzes.models import (
    CardState,
    ExamAttempt,
    ExamQuestion,
    LearnerSettings,
    Notification,
    ReviewLog,
    ShownCard,
)
from quizzes.study.confusions import pair_id
from tests.factories import (
    InstructorFactory,
    ItemFactory,
    NotificationFactory,
    ReviewLogFactory,
    SourceLineFactory,
    TopicFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
ROLES = ("anonymous", "learner_a", "learner_b", "instructor")
LOGIN = "login"  # a redirect to the login page
SQS = [
    {"text": "Amazon SQS", "correct": True},
    {"text": "Amazon SNS", "correct": False},
    {"text": "Kinesis", "correct": False},
]
SNS = [
    {"text": "Amazon SNS", "correct": True},
    {"text": "Amazon SQS", "correct": False},
    {"text": "Amazon MQ", "correct": False},
]

# GET status per visitor: (anonymous, learner A, learner B, instructor). A owns the attempt, the
# notification, the confusion and the unsubscribe token in the URLs.
EXPECTED_GET = {
    "home": (200, 200, 200, 200),
    "login": (200, 200, 200, 200),
    "signup": (200, 302, 302, 302),
    "admin:index": (302, 302, 302, 200),
    "notes:topic-list": (200, 200, 200, 200),
    "notes:topic-detail": (200, 200, 200, 200),
    "quizzes:study": (LOGIN, 200, 200, 200),
    "quizzes:study-check": (405, 405, 405, 405),
    "quizzes:study-answer": (405, 405, 405, 405),
    "quizzes:study-undo": (405, 405, 405, 405),
    "quizzes:notification-dismiss": (405, 405, 405, 405),
    "quizzes:practice": (LOGIN, 200, 200, 200),
    "quizzes:practice-answer": (405, 405, 405, 405),
    "quizzes:settings": (LOGIN, 200, 200, 200),
    "quizzes:cards": (LOGIN, 200, 200, 200),
    "quizzes:card-action": (405, 405, 405, 405),
    "quizzes:progress-export": (LOGIN, 200, 200, 200),
    "quizzes:healthz": (200, 200, 200, 200),
    "quizzes:exam": (LOGIN, 200, 200, 200),
    "quizzes:exam-question": (LOGIN, 200, 404, 404),
    "quizzes:exam-submit": (LOGIN, 200, 404, 404),
    "quizzes:exam-report": (LOGIN, 200, 404, 404),
    "quizzes:progress": (LOGIN, 200, 200, 200),
    "quizzes:progress-drill": (LOGIN, 200, 404, 404),
    # The signed token is the authority (RFC 8058 one-click); GET only shows a confirmation.
    "quizzes:email-unsubscribe": (200, 200, 200, 200),
    "quizzes:item-report": (405, 405, 405, 405),
}


def routed_names(namespace: str) -> set[str]:
    _, resolver = get_resolver().namespace_dict[namespace]
    return {f"{namespace}:{name}" for name in resolver.reverse_dict if isinstance(name, str)}


@pytest.fixture(autouse=True)
def _frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def world():
    """Learner A's objects: a submitted exam, a running one, a notification, a confusion."""
    a, b, instructor = UserFactory(username="alice"), UserFactory(username="bob"), InstructorFactory()
    topic = TopicFactory(slug="messaging")
    SourceLineFactory(topic=topic)
    sqs, sns = ItemFactory(topic=topic, choices=SQS), ItemFactory(topic=topic, choices=SNS)
    ItemFactory(topic=topic)
    for item in (sqs, sns):
        ReviewLogFactory(learner=a, item=item, rating=1, correct=False, chosen=[1], reviewed_at=NOW)
    done = exam_start(learner=a, now=timezone.now(), length=2, time_limit_minutes=10)
    exam_submit(learner=a, attempt_id=done.pk, now=timezone.now())
    running = exam_start(learner=a, now=timezone.now(), length=2, time_limit_minutes=10)
    return {
        "learner_a": a,
        "learner_b": b,
        "instructor": instructor,
        "anonymous": None,
        "topic": topic,
        "item": sqs,
        "done": done,
        "running": running,
        "notification": NotificationFactory(learner=a),
        "card": CardState.objects.filter(learner=a).order_by("pk").first(),  # a missed exam question
        "pair": pair_id("Amazon SQS", "Amazon SNS"),
    }


def url_for(name: str, world: dict) -> str:
    args = {
        "notes:topic-detail": [world["topic"].slug],
        "quizzes:notification-dismiss": [world["notification"].pk],
        "quizzes:exam-question": [world["running"].pk, 1],
        "quizzes:exam-submit": [world["running"].pk],
        "quizzes:exam-report": [world["done"].pk],
        "quizzes:progress-drill": [world["pair"]],
        "quizzes:email-unsubscribe": [unsubscribe_token(learner_id=world["learner_a"].pk)],
        "quizzes:item-report": [world["item"].pk],
        "quizzes:card-action": [world["card"].pk, "suspend"],
    }.get(name, [])
    return reverse(name, args=args)


def client_as(client, role: str, world: dict):
    if world[role] is not None:
        client.force_login(world[role])
    return client


def test_every_url_of_the_app_namespaces_has_an_expected_status():
    assert routed_names("quizzes") | routed_names("notes") == {
        n for n in EXPECTED_GET if n.startswith(("quizzes:", "notes:"))
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(EXPECTED_GET))
def test_get_answers_each_visitor_as_expected(client, world, name, role):
    expected = EXPECTED_GET[name][ROLES.index(role)]
    response = client_as(client, role, world).get(url_for(name, world))
    if expected == LOGIN:
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    else:
        assert response.status_code == expected


# --- B against A's objects -----------------------------------------------------------------------


def shown_token(client, url: str, **params) -> str:
    return client.get(url, params).context["screen"].shown.token


@pytest.fixture
def a_client(client, world):
    client.force_login(world["learner_a"])
    return client


@pytest.fixture
def b_client(world):
    from django.test import Client

    other = Client()
    other.force_login(world["learner_b"])
    return other


def test_b_cannot_answer_a_review_with_a_token(a_client, b_client, world):
    token = shown_token(a_client, reverse("quizzes:study"))
    response = b_client.post(reverse("quizzes:study-answer"), {"token": token, "rating": 3})
    assert response.status_code == 404
    assert ShownCard.objects.get(token=token).answered_at is None


def test_b_cannot_check_a_review_with_a_token(a_client, b_client, world):
    token = shown_token(a_client, reverse("quizzes:study"))
    response = b_client.post(reverse("quizzes:study-check"), {"token": token, "chosen": [0]})
    assert response.status_code == 404


def test_b_cannot_answer_a_practice_question_with_a_token(a_client, b_client, world):
    token = shown_token(a_client, reverse("quizzes:practice"), start="1")
    before = ReviewLog.objects.count()
    response = b_client.post(reverse("quizzes:practice-answer"), {"token": token, "chosen": [0]})
    assert response.status_code == 404 and ReviewLog.objects.count() == before


def test_b_cannot_answer_a_running_exam(b_client, world):
    url = reverse("quizzes:exam-question", args=[world["running"].pk, 1])
    response = b_client.post(url, {"choice": [0], "flagged": "on"})
    question = ExamQuestion.objects.get(attempt=world["running"], position=1)
    assert response.status_code == 404 and (question.chosen, question.flagged) == ([], False)


@pytest.mark.parametrize("action", ["suspend", "bury", "flag"])
def test_b_cannot_suspend_bury_or_flag_a_card_of_a(b_client, world, action):
    card = world["card"]
    response = b_client.post(reverse("quizzes:card-action", args=[card.pk, action]))
    card.refresh_from_db()
    assert response.status_code == 404
    assert (card.suspended, card.buried_until, card.flagged) == (False, None, False)


def test_b_does_not_see_a_card_of_a_in_the_browser(b_client, world):
    response = b_client.get(reverse("quizzes:cards"))
    assert f'id="card-{world["card"].pk}"'.encode() not in response.content


def test_b_cannot_submit_a_running_exam(b_client, world):
    response = b_client.post(reverse("quizzes:exam-submit", args=[world["running"].pk]))
    assert response.status_code == 404
    assert ExamAttempt.objects.get(pk=world["running"].pk).submitted_at is None


def test_b_cannot_dismiss_a_notification(b_client, world):
    b_client.post(reverse("quizzes:notification-dismiss", args=[world["notification"].pk]))
    assert Notification.objects.get(pk=world["notification"].pk).read_at is None


def test_b_cannot_report_as_a(b_client, world):
    b_client.post(reverse("quizzes:item-report", args=[world["item"].pk]), {"reason": "typo"})
    assert list(world["item"].reports.values_list("learner__username", flat=True)) == ["bob"]


def test_b_settings_post_never_touches_a_row(a_client, b_client, world):
    a_client.get(reverse("quizzes:settings"))
    before = LearnerSettings.objects.filter(user=world["learner_a"]).values().get()
    b_client.post(
        reverse("quizzes:settings"),
        {
            "user": world["learner_a"].pk,
            "id": before["id"],
            "timezone": "Asia/Tokyo",
            "day_starts_hour": 3,
            "new_per_day": 1,
            "max_reviews_per_day": 1,
            "desired_retention": "0.8",
            "weekly_weekday": 0,
            "weekly_hour": 1,
        },
    )
    assert LearnerSettings.objects.filter(user=world["learner_a"]).values().get() == before
    assert LearnerSettings.objects.get(user=world["learner_b"]).timezone == "Asia/Tokyo"


def test_b_export_has_none_of_a_rows(b_client, world):
    data = json.loads(b_client.get(reverse("quizzes:progress-export")).content)
    assert "alice" not in json.dumps(data)
    assert data["learner"]["username"] == "bob"


def test_b_export_lists_none_of_a_attempts_or_reviews(b_client, world):
    body = json.dumps(json.loads(b_client.get(reverse("quizzes:progress-export")).content))
    assert (body.count(world["item"].key), body.count('"started_at"')) == (0, 0)


def test_guessing_attempt_ids_finds_nothing_of_a(b_client, world):
    statuses = {
        b_client.get(reverse("quizzes:exam-report", args=[attempt_id])).status_code
        for attempt_id in range(1, world["running"].pk + 5)
    }
    assert statuses == {404}
