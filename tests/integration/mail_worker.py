"""The mail worker harness of the integration tests: a real Celery worker process
(``tests/integration/mail_worker_app.py``) on the machine's Redis, learners with a card due, a batch
enqueued by a real producer, and the emails it wrote counted per recipient."""

from __future__ import annotations

import datetime as dt
import email
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

from celery import Celery
from django.conf import settings

from quizzes.mail.selectors import iso_week_of
from quizzes.models import SendStatus, WeeklyEmail
from tests.factories import CardStateFactory, LearnerSettingsFactory, UserFactory
from tests.integration import worker as worker_helpers
from tests.integration.worker import ROOT


def start_worker(
    *, queue: str, mail_dir: Path, log: Path, send_delay: float = 0.0, production_timeouts: bool = False
) -> subprocess.Popen:
    """A mail worker on ``queue``; with test timeouts (2 s) unless ``production_timeouts``, when Redis's
    visibility timeout, the claim timeout and the claim heartbeat are those of studyhub/settings.py."""
    test_timeouts = {
        "STUDYHUB_TEST_VISIBILITY": "2",
        "STUDYHUB_TEST_CLAIM": "2",
        "STUDYHUB_TEST_HEARTBEAT": "0.5",
    }
    env = {
        **os.environ,
        **({} if production_timeouts else test_timeouts),
        "DATABASE_URL": worker_helpers.test_database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "PYTHONUNBUFFERED": "1",
        "STUDYHUB_TEST_QUEUE": queue,
        "STUDYHUB_TEST_MAIL_DIR": str(mail_dir),
        "STUDYHUB_TEST_SEND_DELAY": str(send_delay),
    }
    env.pop("CELERY_TASK_ALWAYS_EAGER", None)
    command = [sys.executable, "-m", "celery", "-A", "tests.integration.mail_worker_app", "worker"]
    options = ["--pool", "solo", "--loglevel", "INFO", "-Q", queue, "--without-gossip", "--without-mingle"]
    return subprocess.Popen(
        [*command, *options], cwd=ROOT, env=env, stdout=log.open("a"), stderr=subprocess.STDOUT
    )


def stop(worker: subprocess.Popen) -> None:
    if worker.poll() is None:
        worker.terminate()
        try:
            worker.wait(timeout=15)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()


def learners_with_a_due_card(n: int) -> list[int]:
    now = dt.datetime.now(dt.UTC)
    ids = []
    for i in range(n):
        user = LearnerSettingsFactory(
            user=UserFactory(username=f"worker-learner-{i}"),
            timezone="UTC",
            weekly_weekday=now.weekday(),  # the slot is this hour: the batch is in its window
            weekly_hour=now.hour,
        ).user
        CardStateFactory(learner=user, due=now - dt.timedelta(hours=1))
        ids.append(user.pk)
    return ids


def enqueue_batch(*, queue: str, learner_ids: list[int]) -> None:
    producer = Celery("producer", broker=settings.REDIS_URL)  # a real producer: no eager mode here
    week = iso_week_of(dt.datetime.now(dt.UTC))
    producer.send_task("quizzes.tasks.send_weekly_batch", args=[learner_ids, week], queue=queue)


def recipients(mail_dir: Path) -> Counter:
    return Counter(email.message_from_bytes(p.read_bytes())["To"] for p in mail_dir.glob("*.eml"))


def sent_count() -> int:
    return WeeklyEmail.objects.filter(status=SendStatus.SENT).count()
