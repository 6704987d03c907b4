"""Login throttling by django-axes: five wrong passwords lock the username and address for an hour;
the sixth attempt is refused even with the right password, on a friendly page with status 429."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

RIGHT = "pw-for-tests-1"


@pytest.fixture
def locked_out(client):
    """Five failed logins as "erin" from the test client's address."""
    UserFactory(username="erin")
    for _ in range(5):
        client.post(reverse("login"), {"username": "erin", "password": "wrong-guess"})
    return client


def login(client, password: str = RIGHT, username: str = "erin"):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_four_failures_still_let_the_right_password_in(client):
    UserFactory(username="erin")
    for _ in range(4):
        login(client, "wrong-guess")
    response = login(client)
    assert response.status_code == 302 and "_auth_user_id" in client.session


def test_sixth_attempt_with_the_right_password_is_refused(locked_out):
    response = login(locked_out)
    assert response.status_code == 429 and "_auth_user_id" not in locked_out.session


def test_lockout_page_explains_what_happened(locked_out):
    response = login(locked_out)
    assert "Too many failed log-in attempts" in response.text
    assert "registration/locked_out.html" in [t.name for t in response.templates]


def test_lockout_is_per_username_so_another_learner_can_still_log_in(locked_out):
    UserFactory(username="frank")
    assert login(locked_out, username="frank").status_code == 302
