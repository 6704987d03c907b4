"""Login behind a proxy: axes counts the client's address (from X-Forwarded-For, as far as our own
proxies vouch for it), locks username + address, and the signup and password-reset throttles count
per address and per email."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import RequestFactory
from django.urls import reverse

from studyhub.throttle import client_address
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ATTACKER, OWNER = "203.0.113.66", "192.0.2.10"
PASSWORD = "pw-for-tests-1"  # tests.factories.UserFactory's


@pytest.fixture(autouse=True)
def _one_proxy(settings) -> None:
    settings.TRUSTED_PROXIES = 1  # the test client's REMOTE_ADDR (127.0.0.1) is the load balancer


def log_in(client, username: str, password: str, address: str):
    return client.post(
        reverse("login"), {"username": username, "password": password}, HTTP_X_FORWARDED_FOR=address
    )


def test_failures_from_one_address_do_not_lock_the_owner_out_from_another(client):
    owner = UserFactory(username="owner")
    for _ in range(5):
        log_in(client, owner.username, "wrong-guess", ATTACKER)
    response = log_in(client, owner.username, PASSWORD, OWNER)
    assert (response.status_code, response.url) == (302, reverse("home"))


def test_the_attackers_address_is_locked_after_five_failures(client):
    owner = UserFactory(username="owner")
    for _ in range(5):
        log_in(client, owner.username, "wrong-guess", ATTACKER)
    assert log_in(client, owner.username, PASSWORD, ATTACKER).status_code == 429


def test_a_forged_forwarded_entry_is_not_believed(client):
    # The client wrote 192.0.2.10; our one proxy appended the address it really came from.
    owner = UserFactory(username="owner")
    for _ in range(5):
        log_in(client, owner.username, "wrong-guess", f"{OWNER}, {ATTACKER}")
    assert log_in(client, owner.username, PASSWORD, OWNER).status_code == 302


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.66", "127.0.0.1"),
        (1, "203.0.113.66", "203.0.113.66"),
        (1, "192.0.2.10, 203.0.113.66", "203.0.113.66"),
        (2, "192.0.2.10, 203.0.113.66", "192.0.2.10"),
        (2, "203.0.113.66", "127.0.0.1"),
        (1, "not-an-address", "127.0.0.1"),
        (1, "", "127.0.0.1"),
        (1, "192.0.2.10, 2001:db8::7", "2001:db8::7"),
        (3, "192.0.2.10, 198.51.100.1, 203.0.113.66", "192.0.2.10"),
    ],
)
def test_the_client_address_is_the_entry_our_proxies_vouch_for(settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXIES = proxies
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected


def test_an_address_header_the_client_writes_itself_is_not_believed(settings):
    settings.TRUSTED_PROXIES = 1
    request = RequestFactory().get(
        "/",
        HTTP_X_FORWARDED_FOR="192.0.2.10",
        HTTP_X_REAL_IP="203.0.113.66",
        HTTP_CF_CONNECTING_IP="203.0.113.67",
    )
    assert client_address(request) == "192.0.2.10"


def reset(client, email: str, address: str = ATTACKER):
    return client.post(reverse("password_reset"), {"email": email}, HTTP_X_FORWARDED_FOR=address)


def test_eight_resets_from_one_address_do_not_send_eight_emails(client):
    for n in range(8):
        UserFactory(username=f"reset{n}")
    statuses = [reset(client, f"reset{n}@example.com").status_code for n in range(8)]
    assert (len(mail.outbox), statuses) == (5, [302] * 5 + [429] * 3)


def test_resets_for_one_email_from_many_addresses_send_three_emails(client):
    UserFactory(username="target")
    for n in range(8):
        reset(client, "target@example.com", address=f"198.51.100.{n + 1}")
    assert len(mail.outbox) == 3


def test_signups_from_one_address_are_throttled(client, settings):
    settings.SIGNUP_PER_ADDRESS_PER_HOUR = 2
    statuses = []
    for n in range(3):
        data = {"username": f"new{n}", "password1": "a-long-pass-phrase", "password2": "a-long-pass-phrase"}
        statuses.append(client.post(reverse("signup"), data, HTTP_X_FORWARDED_FOR=ATTACKER).status_code)
        client.logout()
    assert statuses == [302, 302, 429]


def test_a_throttle_lets_everyone_through_while_the_cache_is_down(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "studyhub.cache.FaultTolerantRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    UserFactory(username="target")
    statuses = [reset(client, "target@example.com").status_code for _ in range(6)]
    assert statuses == [302] * 6
