"""/settings/: the learner's study settings, created on first access, validated before storing."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
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
    "exam_date": "2025-09-01",
    "weekly_email": "on",
    "weekly_weekday": 6,
    "weekly_hour": 9,
}


def test_first_visit_creates_default_settings(client, learner):
    client.get(reverse("quizzes:settings"))
    assert LearnerSettings.objects.get(user=learner).new_per_day == 20


def test_valid_settings_are_stored(client, learner):
    response = client.post(reverse("quizzes:settings"), VALID)
    settings = LearnerSettings.objects.get(user=learner)
    assert response.status_code == 302
    assert (settings.timezone, settings.desired_retention, str(settings.exam_date)) == (
        "Europe/Berlin",
        0.92,
        "2025-09-01",
    )


def test_unknown_time_zone_is_rejected_and_nothing_stored(client, learner):
    response = client.post(reverse("quizzes:settings"), {**VALID, "timezone": "Mars/Olympus_Mons"})
    assert response.status_code == 400 and b"Select a valid choice" in response.content
    assert LearnerSettings.objects.get(user=learner).timezone == "UTC"


@pytest.mark.parametrize("retention", ["0.5", "0.995", "abc"])
def test_retention_out_of_range_is_rejected(client, learner, retention):
    response = client.post(reverse("quizzes:settings"), {**VALID, "desired_retention": retention})
    assert response.status_code == 400
    assert LearnerSettings.objects.get(user=learner).desired_retention == 0.90


def test_negative_new_limit_is_rejected(client, learner):
    response = client.post(reverse("quizzes:settings"), {**VALID, "new_per_day": "-1"})
    assert response.status_code == 400 and LearnerSettings.objects.get(user=learner).new_per_day == 20


def test_settings_are_per_learner(client, learner):
    other = UserFactory()
    client.post(reverse("quizzes:settings"), VALID)
    assert not LearnerSettings.objects.filter(user=other).exists()


@pytest.mark.parametrize("exam_date", ["9999-12-31", "2036-12-05", "2016-12-01", "0001-01-01"])
def test_an_exam_date_beyond_ten_years_is_refused_and_nothing_stored(client, learner, exam_date):
    with time_machine.travel(dt.datetime(2026, 12, 3, 12, tzinfo=dt.UTC), tick=False):
        response = client.post(reverse("quizzes:settings"), {**VALID, "exam_date": exam_date})
    settings = LearnerSettings.objects.get(user=learner)
    assert response.status_code == 400 and b"within 10 years of today" in response.content
    assert (settings.exam_date, settings.timezone) == (None, "UTC")


@pytest.mark.parametrize("exam_date", ["2036-12-01", "2017-01-01"])
def test_an_exam_date_within_ten_years_is_stored(client, learner, exam_date):
    with time_machine.travel(dt.datetime(2026, 12, 3, 12, tzinfo=dt.UTC), tick=False):
        response = client.post(reverse("quizzes:settings"), {**VALID, "exam_date": exam_date})
    assert response.status_code == 302
    assert str(LearnerSettings.objects.get(user=learner).exam_date) == exam_date


def test_the_settings_form_offers_to_suspend_leeches(client, learner):
    content = client.get(reverse("quizzes:settings")).content
    assert b'name="suspend_leeches"' in content and b"Suspend leeches (cards forgotten 8 times)" in content


def test_turning_leech_suspension_off_is_stored(client, learner):
    client.post(reverse("quizzes:settings"), VALID)  # an unticked box is not sent
    assert LearnerSettings.objects.get(user=learner).suspend_leeches is False


def test_turning_leech_suspension_on_is_stored(client, learner):
    LearnerSettings.objects.create(user=learner, suspend_leeches=False)
    client.post(reverse("quizzes:settings"), {**VALID, "suspend_leeches": "on"})
    assert LearnerSettings.objects.get(user=learner).suspend_leeches is True
