"""One-click unsubscribe: a signed token, no login, GET confirms, POST (RFC 8058) unsubscribes."""

from __future__ import annotations

import pytest
from django.test import Client

from quizzes.mail.services.emails import unsubscribe_token, unsubscribe_url
from quizzes.models import LearnerSettings
from tests.factories import LearnerSettingsFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner():
    return LearnerSettingsFactory(daily_reminder=True).user


@pytest.fixture
def csrf_client():
    return Client(enforce_csrf_checks=True)  # as a mail provider: no cookie, no CSRF token


def path_for(learner, mailing_list="weekly") -> str:
    return unsubscribe_url(learner_id=learner.pk, mailing_list=mailing_list).removeprefix(
        "http://127.0.0.1:8000"
    )


def weekly_email_on(learner) -> bool:
    return LearnerSettings.objects.get(user=learner).weekly_email


def test_get_shows_a_confirm_button(learner, client):
    response = client.get(path_for(learner))
    assert response.status_code == 200 and b'<button type="submit">Unsubscribe</button>' in response.content


def test_get_does_not_unsubscribe(learner, client):
    client.get(path_for(learner))
    assert weekly_email_on(learner)


def test_one_click_post_unsubscribes_without_login_or_csrf_token(learner, csrf_client):
    response = csrf_client.post(path_for(learner), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200 and not weekly_email_on(learner)


def test_the_daily_list_token_turns_off_only_the_daily_reminder(learner, csrf_client):
    csrf_client.post(path_for(learner, "daily"))
    settings = LearnerSettings.objects.get(user=learner)
    assert (settings.daily_reminder, settings.weekly_email) == (False, True)


def test_a_tampered_token_is_refused(learner, csrf_client):
    token = unsubscribe_token(learner_id=learner.pk)
    response = csrf_client.post(path_for(learner).replace(token, token[:-2] + "xx"))
    assert response.status_code == 400 and weekly_email_on(learner)


def test_unsubscribing_twice_is_harmless(learner, csrf_client):
    csrf_client.post(path_for(learner))
    assert csrf_client.post(path_for(learner)).status_code == 200
