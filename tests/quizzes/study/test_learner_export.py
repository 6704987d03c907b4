"""/progress/export.json: all of the learner's own data, nobody else's."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from quizzes.models import ExamAttempt, ExamQuestion, LearnerSettings
from tests.factories import CardStateFactory, ItemFactory, ReviewLogFactory, UserFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2025, 5, 6, 12, 0, tzinfo=UTC)


def export(client) -> dict:
    response = client.get(reverse("quizzes:progress-export"))
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)


def test_export_is_a_download(client, learner):
    assert "attachment" in client.get(reverse("quizzes:progress-export"))["Content-Disposition"]


def test_export_names_its_format_and_version(client, learner):
    data = export(client)
    assert (data["format"], data["version"]) == ("studyhub.learner-export", 1)


def test_export_contains_settings(client, learner):
    LearnerSettings.objects.create(user=learner, timezone="Asia/Tokyo")
    assert export(client)["settings"]["timezone"] == "Asia/Tokyo"


def test_export_contains_card_states_by_item_key(client, learner):
    state = CardStateFactory(learner=learner)
    assert [s["item"] for s in export(client)["card_states"]] == [state.item.key]


def test_export_contains_the_review_log(client, learner):
    ReviewLogFactory(learner=learner, rating=2, duration_ms=3100, reviewed_at=NOW)
    entry = export(client)["review_log"][0]
    assert (entry["rating"], entry["duration_ms"], entry["reviewed_at"]) == (
        2,
        3100,
        "2025-05-06T12:00:00+00:00",
    )


def test_export_contains_exam_attempts_with_questions(client, learner):
    attempt = ExamAttempt.objects.create(
        learner=learner, started_at=NOW, deadline=NOW + timedelta(minutes=130)
    )
    ExamQuestion.objects.create(attempt=attempt, position=1, item=ItemFactory(), chosen=[2], correct=False)
    questions = export(client)["exam_attempts"][0]["questions"]
    assert (questions[0]["position"], questions[0]["chosen"], questions[0]["correct"]) == (1, [2], False)


def test_export_leaves_out_other_learners_data(client, learner):
    other = UserFactory()
    CardStateFactory(learner=other)
    ReviewLogFactory(learner=other)
    ExamAttempt.objects.create(learner=other, started_at=NOW, deadline=NOW)
    data = export(client)
    assert (data["card_states"], data["review_log"], data["exam_attempts"]) == ([], [], [])


def test_export_requires_login(client):
    assert client.get(reverse("quizzes:progress-export")).status_code == 302
