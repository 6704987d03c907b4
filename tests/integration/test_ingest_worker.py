"""Uploaded notes are ingested by a real Celery worker: on Redis, and on the embedded broker; a worker
SIGKILLed half-way through a file leaves that file untouched and the run resumable."""

from __future__ import annotations

import os
import signal
import time
import uuid
from datetime import timedelta

import pytest
from celery import Celery
from django.conf import settings
from django.utils import timezone

from notes.models import IngestFile, IngestRun, Source
from notes.services.uploads import ingest_runs_resume
from tests.integration.worker import celery_worker, wait_for

pytestmark = pytest.mark.django_db(transaction=True)

NOTES = b"# Amazon SQS\n\n- Messages can be up to 256 KB in size\n"


def make_run() -> IngestRun:
    run = IngestRun.objects.create(total=1)
    IngestFile.objects.create(run=run, name="sqs.md", data=NOTES)
    return run


def run_finished(run: IngestRun) -> bool:
    run.refresh_from_db()
    return run.status == IngestRun.Status.DONE


@pytest.mark.redis
def test_worker_on_redis_ingests_an_uploaded_run(tmp_path):
    queue = f"test-{uuid.uuid4().hex[:8]}"
    run = make_run()
    producer = Celery("producer", broker=settings.REDIS_URL)
    with celery_worker(queue=queue, env={"REDIS_URL": settings.REDIS_URL}, log=tmp_path / "worker.log"):
        producer.send_task("notes.tasks.ingest_run", args=[run.pk], queue=queue)
        assert wait_for(lambda: run_finished(run), timeout=60), (tmp_path / "worker.log").read_text()[-2000:]
    assert Source.objects.filter(name="sqs.md").exists() and run.done == 1


def test_worker_on_the_embedded_filesystem_broker_ingests_an_uploaded_run(tmp_path):
    run = make_run()
    producer, env = filesystem_producer(tmp_path)
    with celery_worker(env=env, log=tmp_path / "worker.log"):
        producer.send_task("notes.tasks.ingest_run", args=[run.pk])
        assert wait_for(lambda: run_finished(run), timeout=60), (tmp_path / "worker.log").read_text()[-2000:]
    assert Source.objects.filter(name="sqs.md").exists()


def filesystem_producer(tmp_path) -> tuple[Celery, dict[str, str]]:
    broker_dir = tmp_path / "celery" / "broker"
    broker_dir.mkdir(parents=True)
    producer = Celery("producer", broker="filesystem://")
    producer.conf.broker_transport_options = {
        "data_folder_in": str(broker_dir),
        "data_folder_out": str(broker_dir),
    }
    return producer, {"REDIS_URL": "", "STUDYHUB_VAR_DIR": str(tmp_path)}


def test_a_worker_killed_mid_file_leaves_it_untouched_and_resume_finishes_the_run(tmp_path):
    run = IngestRun.objects.create(total=2)
    IngestFile.objects.create(
        run=run, name="lambda.md", data=b"# AWS Lambda\n\n- Maximum execution time: 900 seconds\n"
    )
    IngestFile.objects.create(
        run=run, name="sns.md", data=b"# Amazon SNS\n\n- Messages can be up to 256 KB in size\n"
    )
    producer, env = filesystem_producer(tmp_path)
    env |= {"STUDYHUB_TEST_SLOW_MARKER": "256 KB", "STUDYHUB_TEST_SLOW_SECONDS": "60"}
    log = tmp_path / "worker.log"
    with celery_worker(env=env, log=log, app="tests.integration.ingest_worker_app") as worker:
        producer.send_task("notes.tasks.ingest_run", args=[run.pk])
        first_done = lambda: IngestFile.objects.filter(run=run, name="lambda.md", done=True).exists()  # noqa: E731
        assert wait_for(first_done, timeout=60), log.read_text()[-2000:]
        time.sleep(1.0)  # the worker is now inside sns.md's transaction, asleep
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait()

    run.refresh_from_db()
    assert (run.status, run.done) == ("running", 1)
    assert list(Source.objects.values_list("name", flat=True)) == ["lambda.md"]  # sns.md rolled back

    IngestRun.objects.filter(pk=run.pk).update(heartbeat_at=timezone.now() - timedelta(hours=1))
    assert ingest_runs_resume() == [run.pk]  # through the outbox; eager Celery runs it in this process
    assert wait_for(lambda: run_finished(run), timeout=30)
    assert sorted(Source.objects.values_list("name", flat=True)) == ["lambda.md", "sns.md"]
