"""Redis dies under logged-in learners and an instructor: every page keeps answering.

gunicorn (2 workers, DEBUG off) runs with REDIS_URL on a private redis-server (the shared Redis is
never touched), which the test kills and starts again. A learner answers reviews and reads
/progress/, another logs in, an instructor uploads notes through the admin, before, during and after
the outage: no answer is an error, every acknowledged answer is one stored review, every upload is
kept in the outbox."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from notes.models import IngestRun
from quizzes.models import OutboxMessage, ReviewLog
from tests.conftest import missing
from tests.factories import FlashcardFactory, InstructorFactory, UserFactory
from tests.faults.private_services import PrivateRedis, free_port
from tests.faults.web_client import WebClient
from tests.integration import worker
from tests.integration.worker import ROOT, wait_for

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

PASSWORD = "pw-for-tests-1"  # tests.factories.UserFactory's
UPLOAD_PATH = "/admin/notes/source/upload/"


@pytest.fixture
def redis_server() -> Iterator[PrivateRedis]:
    if not PrivateRedis.available():
        missing("needs redis-server on PATH")
    server = PrivateRedis()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def server(redis_server) -> Iterator[int]:
    env = {
        **os.environ,
        "DATABASE_URL": worker.test_database_url(),
        "REDIS_URL": redis_server.url,
        "DEBUG": "0",
        "SECRET_KEY": settings.SECRET_KEY,
        "SECURE_SSL_REDIRECT": "0",
        "DJANGO_SETTINGS_MODULE": "studyhub.settings",
    }
    env.pop("CELERY_TASK_ALWAYS_EAGER", None)
    port = free_port()
    gunicorn = str(Path(sys.executable).parent / "gunicorn")  # the running venv's, wherever it is
    proc = subprocess.Popen(
        [gunicorn, "studyhub.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2", "--log-level", "error"],
        cwd=ROOT,
        env=env,
    )
    try:
        assert wait_for(lambda: WebClient(port).get("/healthz") == 200, timeout=30)
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=15)


def answer(client: WebClient) -> tuple[int, int]:
    """Show the next card and rate it Good: (status of the page, status of the answer)."""
    shown = client.get("/study/")
    token = client.shown_token()
    return shown, client.post("/study/answer/", {"token": token, "rating": "3"}) if token else 0


def upload(client: WebClient, n: int) -> int:
    client.get(UPLOAD_PATH)
    notes = f"# Amazon SQS\n\n- Queue {n} keeps messages for up to 14 days\n".encode()
    return client.post_files(UPLOAD_PATH, "files", {f"redis-down-{n}.md": notes})


def test_pages_answers_login_and_uploads_work_while_redis_is_down(redis_server, server):
    if connection.vendor != "postgresql":
        pytest.skip("gunicorn needs the shared test database")
    learner, other = UserFactory(), UserFactory()
    instructor = InstructorFactory()
    FlashcardFactory.create_batch(30)
    statuses: list[tuple[str, str, int]] = []
    answers_acknowledged = 0

    def record(phase: str, what: str, status: int) -> None:
        statuses.append((phase, what, status))

    learner_client, instructor_client = WebClient(server), WebClient(server)
    record("before", "learner login", learner_client.login(learner.username, PASSWORD))
    record("before", "instructor login", instructor_client.login(instructor.username, PASSWORD))

    uploads = 0
    for phase in ("before", "during", "after"):
        if phase == "during":
            redis_server.stop()
        if phase == "after":
            redis_server.start()
        for _ in range(4):
            shown, answered = answer(learner_client)
            record(phase, "study page", shown)
            record(phase, "answer", answered)
            answers_acknowledged += answered == 302
        record(phase, "progress", learner_client.get("/progress/"))
        fresh = WebClient(server)
        record(phase, "login", fresh.login(other.username, PASSWORD))
        record(phase, "study page after login", fresh.get("/study/"))
        record(phase, "upload", upload(instructor_client, uploads))
        uploads += 1

    expected = {"login": 302, "learner login": 302, "instructor login": 302, "answer": 302, "upload": 302}
    wrong = [(phase, what, status) for phase, what, status in statuses if status != expected.get(what, 200)]
    assert wrong == []
    stored = ReviewLog.objects.filter(learner=learner).count()
    assert (answers_acknowledged, stored) == (12, 12)
    runs = list(IngestRun.objects.values_list("pk", flat=True))
    kept = OutboxMessage.objects.filter(task="notes.tasks.ingest_run").count()
    assert (len(runs), kept) == (uploads, uploads)
