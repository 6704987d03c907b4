"""Redis stops while instructors upload notes: the uploads still succeed, the work waits in the outbox,
and once Redis is back the relay hands it to a real Celery worker, which runs each task exactly once.

Runs against a private redis-server on its own port (the shared Redis is never touched)."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from notes.models import IngestRun
from quizzes.models import OutboxMessage
from studyhub.outbox.services import outbox_relay
from tests.conftest import missing
from tests.faults.private_services import PrivateRedis
from tests.integration.worker import celery_worker, wait_for

pytestmark = pytest.mark.django_db(transaction=True)

UPLOADS = 3


@pytest.fixture
def redis_server() -> Iterator[PrivateRedis]:
    if not PrivateRedis.available():
        missing("needs redis-server on PATH")
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("the worker process needs a file or PostgreSQL test database")
    server = PrivateRedis()
    server.start()
    yield server
    server.stop()


@contextlib.contextmanager
def web_broker(url: str) -> Iterator[None]:
    """Point this process's Celery app (the "web" side) at ``url``, with eager mode off."""
    from studyhub.celery import app

    saved = (app.conf.broker_url, app.conf.task_always_eager)

    def reset_pools() -> None:  # kombu caches connection and producer pools per broker URL
        app._pool = None
        app.amqp._producer_pool = None

    app.conf.broker_url, app.conf.task_always_eager = url, False
    reset_pools()
    try:
        yield
    finally:
        app.conf.broker_url, app.conf.task_always_eager = saved
        reset_pools()


def upload(client, n: int) -> int:
    notes = f"# Amazon SQS\n\n- Queue {n} keeps messages for up to 14 days\n".encode()
    files = [SimpleUploadedFile(f"outage-{n}.md", notes)]
    return client.post(reverse("admin:notes_source_upload"), {"files": files}).status_code


def test_uploads_during_a_redis_outage_are_ingested_once_redis_is_back(
    redis_server, instructor_client, tmp_path
):
    log = tmp_path / "worker.log"
    with web_broker(redis_server.url):
        redis_server.stop()
        statuses = [upload(instructor_client, n) for n in range(UPLOADS)]
        waiting = OutboxMessage.objects.filter(sent_at=None).count()
        redis_server.start()
        with celery_worker(env={"REDIS_URL": redis_server.url}, log=log):
            sent = outbox_relay()
            done = wait_for(
                lambda: IngestRun.objects.filter(status=IngestRun.Status.DONE).count() == UPLOADS, timeout=60
            )
            resent = outbox_relay()
    received = re.findall(r"Task notes\.tasks\.ingest_run\[[^\]]+\] received", log.read_text())
    assert (statuses, waiting, sent, done, resent) == ([302] * UPLOADS, UPLOADS, UPLOADS, True, 0), (
        log.read_text()[-3000:]
    )
    assert len(received) == UPLOADS
