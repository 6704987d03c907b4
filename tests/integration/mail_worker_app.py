"""The Celery app a mail integration test runs in its worker process: the production app from
``studyhub.celery`` with test knobs read from the environment —

STUDYHUB_TEST_QUEUE       the default queue, so fanned-out tasks stay on the test's own queue
STUDYHUB_TEST_VISIBILITY  seconds before Redis redelivers an unacknowledged message (unset: production's)
STUDYHUB_TEST_CLAIM       seconds before a "sending" claim may be taken over (unset: production's 90)
STUDYHUB_TEST_HEARTBEAT   seconds between two refreshes of a live batch's claims (unset: production's 20)
STUDYHUB_TEST_MAIL_DIR    each message is written there as one .eml file (atomically, by rename)
STUDYHUB_TEST_SEND_DELAY  seconds each send takes, so a test can kill the worker in mid-batch
"""

from __future__ import annotations

import os
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend

from studyhub.celery import app

app.conf.task_default_queue = os.environ["STUDYHUB_TEST_QUEUE"]
production_visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
app.conf.broker_transport_options = {
    "visibility_timeout": float(os.environ.get("STUDYHUB_TEST_VISIBILITY", production_visibility)),
    "unacked_restore_interval": 1,
    "unacked_restore_throttle": 1,
}
settings.EMAIL_BACKEND = "tests.integration.mail_worker_app.OneFilePerMessageBackend"
for variable, setting in (
    ("STUDYHUB_TEST_CLAIM", "QUIZZES_EMAIL_CLAIM_TIMEOUT"),
    ("STUDYHUB_TEST_HEARTBEAT", "QUIZZES_EMAIL_CLAIM_HEARTBEAT"),
):
    if variable in os.environ:
        setattr(settings, setting, float(os.environ[variable]))


class OneFilePerMessageBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        folder = Path(os.environ["STUDYHUB_TEST_MAIL_DIR"])
        for message in email_messages:
            time.sleep(float(os.environ.get("STUDYHUB_TEST_SEND_DELAY", "0")))
            name = uuid.uuid4().hex
            (folder / f"{name}.tmp").write_bytes(message.message().as_bytes())
            (folder / f"{name}.tmp").rename(folder / f"{name}.eml")
        return len(email_messages)
