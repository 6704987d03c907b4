"""Garbage in the settings form: each bad value gets a clear error (400, the form again) and nothing is
stored. Complements tests/quizzes/study/test_settings_view.py (unknown time zone, retention 0.5/0.995/abc,
new limit -1)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from quizzes.models import LearnerSettings
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

VALID = {
    "timezone": "Europe/Berlin",
    "day_starts_hour": 5,
    "new_per_day": 15,
    "max_reviews_per_day": 150,
    "desired_retention": "0.92",
    "exam_date": "2026-09-01",
    "weekly_email": "on",
    "weekly_weekday": 6,
    "weekly_hour": 9,
}
BAD = [
    pytest.param("timezone", "../../etc/passwd", "Select a valid choice", id="timezone-path"),
    pytest.param("timezone", "Europe/Berlin\x00", "Select a valid choice", id="timezone-nul"),
    pytest.param("timezone", "x" * 10_000, "Select a valid choice", id="timezone-huge"),
    pytest.param("desired_retention", "5", "less than or equal to 0.99", id="retention-5"),
    pytest.param("desired_retention", "-0.9", "greater than or equal to 0.7", id="retention-negative"),
    pytest.param("desired_retention", "nan", "Enter a number", id="retention-nan"),
    pytest.param("desired_retention", "inf", "Enter a number", id="retention-infinity"),
    pytest.param("new_per_day", "-5", "greater than or equal to 0", id="new-negative"),
    pytest.param("new_per_day", "9" * 30, "less than or equal to 1000", id="new-huge"),
    pytest.param("new_per_day", "1e3", "Enter a whole number", id="new-float"),
    pytest.param("max_reviews_per_day", "-1", "greater than or equal to 0", id="reviews-negative"),
    pytest.param("max_reviews_per_day", "10001", "less than or equal to 10000", id="reviews-over-limit"),
    pytest.param("day_starts_hour", "24", "Select a valid choice", id="hour-24"),
    pytest.param("day_starts_hour", "-1", "Select a valid choice", id="hour-negative"),
    pytest.param("weekly_hour", "99999999999999999999", "Select a valid choice", id="weekly-hour-huge"),
    pytest.param("weekly_weekday", "7", "Select a valid choice", id="weekday-7"),
    pytest.param("exam_date", "2026-02-30", "Enter a valid date", id="date-impossible"),
    pytest.param("exam_date", "99999-01-01", "Enter a valid date", id="date-huge-year"),
]


@pytest.fixture
def learner(client):
    user = UserFactory()
    client.force_login(user)
    client.get(reverse("quizzes:settings"))  # the defaults exist before the bad POST
    return user


def stored(learner) -> dict:
    return LearnerSettings.objects.filter(user=learner).values().get()


@pytest.mark.parametrize(("field", "value", "message"), BAD)
def test_bad_value_is_rejected_with_a_clear_error(client, learner, field, value, message):
    response = client.post(reverse("quizzes:settings"), {**VALID, field: value})
    assert response.status_code == 400 and message in response.text


@pytest.mark.parametrize(("field", "value", "message"), BAD)
def test_bad_value_stores_nothing(client, learner, field, value, message):
    before = stored(learner)
    client.post(reverse("quizzes:settings"), {**VALID, field: value})
    assert stored(learner) == before


def test_missing_fields_store_nothing(client, learner):
    before = stored(learner)
    response = client.post(reverse("quizzes:settings"), {"timezone": "Europe/Berlin"})
    assert response.status_code == 400 and stored(learner) == before
