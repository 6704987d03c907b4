"""Exactly once through a killed worker, with production's recovery timeouts: a worker SIGKILLed in
the middle of a weekly batch, a new worker started, and every learner has exactly one email within
5 minutes of the kill — the cut-off learner's claim is free again 90 s after its last heartbeat and
Redis redelivers the batch at its visibility timeout (studyhub/settings.py). Takes about 4 minutes."""

from __future__ import annotations

import os
import signal
import time

import pytest
from django.conf import settings
from django.db import connection

from quizzes.mail.services.emails import claim_heartbeat, claim_timeout
from quizzes.models import SendStatus, WeeklyEmail
from tests.integration.mail_worker import (
    enqueue_batch,
    learners_with_a_due_card,
    recipients,
    sent_count,
    start_worker,
    stop,
)
from tests.integration.worker import wait_for

pytestmark = [pytest.mark.redis, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

LEARNERS = 12
RECOVERY_SECONDS = 5 * 60


@pytest.fixture
def killed_in_mid_batch(queue, mail_dir, tmp_path):
    """A batch of 12 whose worker is SIGKILLed after 3 sends, while the 4th learner's send is under
    way (claimed, not out); returns the moment of the kill (monotonic) and the cut-off claim."""
    assert connection.vendor == "postgresql"
    ids = learners_with_a_due_card(LEARNERS)
    log = tmp_path / "first.log"
    worker = start_worker(queue=queue, mail_dir=mail_dir, log=log, send_delay=1.0, production_timeouts=True)
    try:
        enqueue_batch(queue=queue, learner_ids=ids)
        # Kill while the worker waits on a send (every message out is marked sent), not in the
        # documented window between the SMTP server's acceptance and the commit (docs/email.md).
        between_sends = lambda: sent_count() == len(list(mail_dir.glob("*.eml"))) >= 3  # noqa: E731
        assert wait_for(lambda: between_sends() and _cut_off() is not None, timeout=60), log.read_text()[
            -3000:
        ]
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait()
        killed_at = time.monotonic()
    finally:
        stop(worker)
    return killed_at, _cut_off()


def _cut_off() -> WeeklyEmail | None:
    return WeeklyEmail.objects.filter(status=SendStatus.SENDING).first()


def test_the_recovery_timeouts_are_production_s():
    assert (claim_timeout().total_seconds(), claim_heartbeat()) == (90, 20)
    assert settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] <= 4 * 60


def test_every_email_of_a_batch_whose_worker_was_killed_is_sent_exactly_once_within_5_minutes(
    killed_in_mid_batch, queue, mail_dir, tmp_path
):
    killed_at, cut_off = killed_in_mid_batch
    assert cut_off is not None and sent_count() < LEARNERS  # it really died in mid-batch, holding a claim
    log = tmp_path / "second.log"
    worker = start_worker(queue=queue, mail_dir=mail_dir, log=log, production_timeouts=True)
    try:
        left = RECOVERY_SECONDS - (time.monotonic() - killed_at)
        assert wait_for(lambda: sent_count() == LEARNERS, timeout=left, interval=1), log.read_text()[-3000:]
    finally:
        stop(worker)
    assert sorted(recipients(mail_dir).values()) == [1] * LEARNERS
    retaken = WeeklyEmail.objects.get(pk=cut_off.pk)
    assert (retaken.status, retaken.attempts) == (SendStatus.SENT, 2)  # the dead worker's claim, taken over
