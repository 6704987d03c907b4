"""Accounts: sign-up for learners, login/logout, the instructors group, admin access."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from tests.factories import InstructorFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_signup_creates_a_learner_and_logs_them_in(client):
    response = client.post(
        reverse("signup"),
        {
            "username": "ana",
            "email": "ana@example.com",
            "password1": "a-long-pass-phrase",
            "password2": "a-long-pass-phrase",
        },
    )
    assert response.status_code == 302
    assert client.get(reverse("home")).context["user"].username == "ana"


def test_signup_with_mismatched_passwords_stores_nothing(client):
    response = client.post(
        reverse("signup"),
        {"username": "ana", "password1": "a-long-pass-phrase", "password2": "different-phrase"},
    )
    assert response.status_code == 400 and not get_user_model().objects.filter(username="ana").exists()


def test_login_page_renders(client):
    assert client.get(reverse("login")).status_code == 200


def test_login_with_the_right_password_redirects_home(client):
    UserFactory(username="ben")
    response = client.post(reverse("login"), {"username": "ben", "password": "pw-for-tests-1"})
    assert response.status_code == 302 and response.url == reverse("home")


def test_logout_is_a_post(client):
    client.force_login(UserFactory())
    assert client.post(reverse("logout")).status_code in (200, 302)
    assert "_auth_user_id" not in client.session


def test_instructors_group_can_author_notes_and_items():
    perms = set(Group.objects.get(name="instructors").permissions.values_list("codename", flat=True))
    assert {"change_topic", "change_item", "add_item", "change_source"} <= perms


def test_instructors_cannot_edit_learners_review_logs():
    perms = set(Group.objects.get(name="instructors").permissions.values_list("codename", flat=True))
    assert "change_reviewlog" not in perms and "change_cardstate" not in perms


def test_learner_has_no_admin_access(client):
    client.force_login(UserFactory())
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response.url


def test_instructor_reaches_the_admin(client):
    client.force_login(InstructorFactory())
    assert client.get("/admin/").status_code == 200


def test_instructors_can_see_and_change_the_beat_schedule():
    perms = set(Group.objects.get(name="instructors").permissions.values_list("codename", flat=True))
    assert {"view_periodictask", "change_periodictask"} <= perms
