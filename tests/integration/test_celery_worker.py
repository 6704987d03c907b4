"""The weekly review email through a real Celery worker process on the machine's Redis: a batch
enqueued twice, and a worker killed (SIGKILL) in mid-batch and started again, still give every
learner exactly one email."""

from __future__ import annotations

import datetime as dt
import email
import os
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from pathlib import Path

import pytest
from celery import Celery
from django.conf import settings
from django.db import connection

from quizzes.mail.selectors import iso_week_of
from quizzes.models import SendStatus, WeeklyEmail
from tests.factories import CardStateFactory, LearnerSettingsFactory, UserFactory
from tests.integration import worker as worker_helpers
from tests.integration.worker import ROOT, wait_for

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def shared_database():
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("the worker process needs a file or PostgreSQL test database (DATABASES TEST NAME)")


@pytest.fixture
def queue():
    name = f"test-mail-{uuid.uuid4().hex[:8]}"
    yield name
    import redis

    redis.Redis.from_url(settings.REDIS_URL).delete(name)


@pytest.fixture
def mail_dir(tmp_path) -> Path:
    folder = tmp_path / "mail"
    folder.mkdir()
    return folder


def start_worker(*, queue: str, mail_dir: Path, log: Path, send_delay: float = 0.0) -> subprocess.Popen:
    env = {
        **os.environ,
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


def test_a_batch_enqueued_twice_sends_each_learner_one_email(shared_database, queue, mail_dir, tmp_path):
    ids = learners_with_a_due_card(6)
    log = tmp_path / "worker.log"
    worker = start_worker(queue=queue, mail_dir=mail_dir, log=log)
    try:
        enqueue_batch(queue=queue, learner_ids=ids)
        enqueue_batch(queue=queue, learner_ids=ids)
        finished = wait_for(lambda: log.read_text().count("succeeded in") >= 2, timeout=60)
        assert finished, log.read_text()[-3000:]
    finally:
        stop(worker)
    assert sorted(recipients(mail_dir).values()) == [1] * 6


def test_a_worker_killed_in_mid_batch_and_restarted_sends_each_learner_exactly_one_email(
    shared_database, queue, mail_dir, tmp_path
):
    ids = learners_with_a_due_card(12)
    first_log, second_log = tmp_path / "first.log", tmp_path / "second.log"
    worker = start_worker(queue=queue, mail_dir=mail_dir, log=first_log, send_delay=1.0)
    try:
        enqueue_batch(queue=queue, learner_ids=ids)
        # Kill while the worker waits on the next send (every message out is marked sent), not in the
        # documented window between the SMTP server's acceptance and the commit (docs/email.md).
        assert wait_for(lambda: sent_count() == len(list(mail_dir.glob("*.eml"))) >= 3, timeout=60), (
            first_log.read_text()[-3000:]
        )
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait()
    finally:
        stop(worker)
    assert sent_count() < 12  # it really died in mid-batch

    time.sleep(2.5)  # past the visibility timeout and the claim timeout of the test worker
    worker = start_worker(queue=queue, mail_dir=mail_dir, log=second_log)
    try:
        assert wait_for(lambda: sent_count() == 12, timeout=90), second_log.read_text()[-3000:]
        assert wait_for(lambda: "succeeded in" in second_log.read_text(), timeout=30)
    finally:
        stop(worker)
    assert sorted(recipients(mail_dir).values()) == [1] * 12
