"""A live worker's mail claims are refreshed by a heartbeat thread while its batch works, so a slow
send never makes them look like a dead worker's (committed rows: the thread has its own connection)."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.core.mail.backends.base import BaseEmailBackend

from quizzes.mail.selectors import iso_week_of
from quizzes.mail.services.emails import weekly_review_send
from quizzes.models import WeeklyEmail
from tests.factories import CardStateFactory, LearnerSettingsFactory, UserFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres]

WAIT_SECONDS = 30  # a bound for a wait that ends as soon as the beat is seen, not a timing


class WaitsForAHeartbeat(BaseEmailBackend):
    """Holds the send until the claim's ``claimed_at`` has moved (or gives up)."""

    seen: list[bool] = []

    def send_messages(self, email_messages) -> int:
        first = WeeklyEmail.objects.get().claimed_at
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline and WeeklyEmail.objects.get().claimed_at == first:
            time.sleep(0.02)
        WaitsForAHeartbeat.seen.append(WeeklyEmail.objects.get().claimed_at > first)
        return len(email_messages)


def test_the_heartbeat_refreshes_the_claim_while_the_send_is_in_progress(settings):
    settings.EMAIL_BACKEND = "tests.quizzes.mail.test_claim_heartbeat.WaitsForAHeartbeat"
    settings.QUIZZES_EMAIL_CLAIM_HEARTBEAT = 0.05
    now = dt.datetime.now(dt.UTC)
    learner = LearnerSettingsFactory(
        user=UserFactory(username="ada"),
        timezone="UTC",
        weekly_weekday=now.weekday(),  # the slot is this hour: the send is in its window
        weekly_hour=now.hour,
    ).user
    CardStateFactory(learner=learner, due=now)
    WaitsForAHeartbeat.seen = []
    weekly_review_send(learner_id=learner.pk, iso_week=iso_week_of(now), now=now)
    assert WaitsForAHeartbeat.seen == [True]


def test_a_finished_batch_leaves_no_heartbeat_running(settings):
    import threading

    settings.QUIZZES_EMAIL_CLAIM_HEARTBEAT = 0.05
    learner = LearnerSettingsFactory(user=UserFactory(username="bob"), timezone="UTC").user
    now = dt.datetime.now(dt.UTC)
    weekly_review_send(learner_id=learner.pk, iso_week=iso_week_of(now), now=now)
    assert not [t for t in threading.enumerate() if t.name.startswith("claim-heartbeat-")]
