"""The weekly review email through a real Celery worker process on the machine's Redis: a batch
enqueued twice, and a worker killed (SIGKILL) in mid-batch and started again, still give every
learner exactly one email."""

from __future__ import annotations

import os
import signal
import time

import pytest
from django.db import connection

from tests.integration.mail_worker import (
    enqueue_batch,
    learners_with_a_due_card,
    recipients,
    sent_count,
    start_worker,
    stop,
)
from tests.integration.worker import wait_for

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def shared_database():
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("the worker process needs a file or PostgreSQL test database (DATABASES TEST NAME)")


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
