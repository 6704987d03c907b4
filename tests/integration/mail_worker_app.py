"""The Celery app a mail integration test runs in its worker process: the production app from
``studyhub.celery`` with test knobs read from the environment —

STUDYHUB_TEST_QUEUE       the default queue, so fanned-out tasks stay on the test's own queue
STUDYHUB_TEST_VISIBILITY  seconds before Redis redelivers an unacknowledged message (1 hour in production)
STUDYHUB_TEST_CLAIM       seconds before a "sending" claim may be taken over (15 minutes in production)
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
app.conf.broker_transport_options = {
    "visibility_timeout": float(os.environ.get("STUDYHUB_TEST_VISIBILITY", "2")),
    "unacked_restore_interval": 1,
    "unacked_restore_throttle": 1,
}
settings.EMAIL_BACKEND = "tests.integration.mail_worker_app.OneFilePerMessageBackend"
settings.QUIZZES_EMAIL_CLAIM_TIMEOUT = int(os.environ.get("STUDYHUB_TEST_CLAIM", "2"))


class OneFilePerMessageBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        folder = Path(os.environ["STUDYHUB_TEST_MAIL_DIR"])
        for message in email_messages:
            time.sleep(float(os.environ.get("STUDYHUB_TEST_SEND_DELAY", "0")))
            name = uuid.uuid4().hex
            (folder / f"{name}.tmp").write_bytes(message.message().as_bytes())
            (folder / f"{name}.tmp").rename(folder / f"{name}.eml")
        return len(email_messages)
