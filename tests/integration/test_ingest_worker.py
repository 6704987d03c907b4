"""Uploaded notes are ingested by a real Celery worker: on Redis, and on the embedded broker."""

from __future__ import annotations

import uuid

import pytest
from celery import Celery
from django.conf import settings

from notes.models import IngestFile, IngestRun, Source
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
    broker_dir = tmp_path / "celery" / "broker"
    broker_dir.mkdir(parents=True)
    run = make_run()
    producer = Celery("producer", broker="filesystem://")
    producer.conf.broker_transport_options = {
        "data_folder_in": str(broker_dir),
        "data_folder_out": str(broker_dir),
    }
    env = {"REDIS_URL": "", "STUDYHUB_VAR_DIR": str(tmp_path)}
    with celery_worker(env=env, log=tmp_path / "worker.log"):
        producer.send_task("notes.tasks.ingest_run", args=[run.pk])
        assert wait_for(lambda: run_finished(run), timeout=60), (tmp_path / "worker.log").read_text()[-2000:]
    assert Source.objects.filter(name="sqs.md").exists()
