"""The weekly review email delivered through a real SMTP server (aiosmtpd on loopback)."""

from __future__ import annotations

import datetime as dt
import email
import socket
from email import policy

import pytest
import time_machine
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Sink

from quizzes.mail.services.emails import weekly_review_send
from tests.factories import CardStateFactory, LearnerSettingsFactory, UserFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2025, 3, 10, 9, 0, tzinfo=dt.UTC)


class Keep(Sink):
    def __init__(self) -> None:
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 OK"


@pytest.fixture
def smtp_server(settings):
    with socket.socket() as probe:  # a free loopback port (aiosmtpd's self-check cannot use port 0)
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    handler = Keep()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    yield handler
    controller.stop()


@pytest.fixture
def delivered(smtp_server):
    user = LearnerSettingsFactory(user=UserFactory(username="ada")).user
    CardStateFactory(learner=user, due=NOW)
    with time_machine.travel(NOW, tick=False):
        weekly_review_send(learner_id=user.pk, iso_week="2025-W11", now=NOW)
    (envelope,) = smtp_server.envelopes
    return envelope, email.message_from_bytes(envelope.content, policy=policy.default)


def test_the_message_reaches_the_learners_address(delivered):
    envelope, _ = delivered
    assert envelope.rcpt_tos == ["ada@example.com"]


def test_the_message_is_multipart_alternative_with_text_then_html(delivered):
    _, message = delivered
    assert message.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in message.iter_parts()] == ["text/plain", "text/html"]


def test_the_message_has_the_subject_and_one_click_unsubscribe_headers(delivered):
    _, message = delivered
    assert message["Subject"] == "Your week in studyhub: 1 review due"
    assert message["List-Unsubscribe"].strip().startswith("<http://127.0.0.1:8000/email/unsubscribe/")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_the_html_part_has_the_start_reviewing_link(delivered):
    _, message = delivered
    html = message.get_body(preferencelist=("html",)).get_content()
    assert 'href="http://127.0.0.1:8000/study/"' in html and "Start reviewing" in html
