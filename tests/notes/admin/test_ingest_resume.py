"""A worker that dies mid-run (killed, out of memory, host restarted) does not leave the run stuck
"running": every file is ingested and marked done in one transaction, beat's ``ingest_runs_resume``
hands a silent run to a new worker, which finishes the files left and generates the items, and a run
that kills its worker again and again is failed with the file named."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import quizzes.bank.services.generation as generation_module
from notes.models import IngestFile, IngestRun, Source
from notes.services.uploads import (
    MAX_RESUMES,
    STALE_AFTER,
    ingest_run_create,
    ingest_run_process,
    ingest_runs_resume,
)
from quizzes.models import Item, OutboxMessage
from tests.admin_support import LAMBDA_NOTES, crash_on

pytestmark = pytest.mark.django_db

LAMBDA_ONLY = LAMBDA_NOTES.split("# Amazon SQS")[0]
SQS_NOTES = "# Amazon SQS\n\n- Messages can be up to 256 KB in size\n"


class WorkerKilled(BaseException):
    """Stands for SIGKILL: not an Exception, so nothing in the service catches it; the open transaction
    is rolled back as PostgreSQL does when a connection drops."""


def kill_worker_in_generation(monkeypatch) -> None:
    def generate(*args, **kwargs):
        raise WorkerKilled

    monkeypatch.setattr(generation_module, "items_generate", generate)


def run_of(*files: tuple[str, str]) -> IngestRun:
    return ingest_run_create(files=[(name, text.encode()) for name, text in files])


def killed_run(monkeypatch, *files: tuple[str, str], marker: str = "256 KB") -> IngestRun:
    """A run whose worker died while ingesting the file mentioning ``marker``; the patch is undone."""
    run = run_of(*files)
    crash_on(marker, WorkerKilled(), monkeypatch)
    with pytest.raises(WorkerKilled):
        ingest_run_process(run_id=run.pk)
    monkeypatch.undo()
    run.refresh_from_db()
    return run


def silent_since(run: IngestRun, minutes: float) -> None:
    IngestRun.objects.filter(pk=run.pk).update(heartbeat_at=timezone.now() - timedelta(minutes=minutes))


def test_a_killed_worker_leaves_finished_files_done_and_its_file_untouched(monkeypatch):
    run = killed_run(monkeypatch, ("lambda.md", LAMBDA_ONLY), ("sqs.md", SQS_NOTES))
    done = dict(run.files.values_list("name", "done"))
    assert (run.status, run.done, done) == ("running", 1, {"lambda.md": True, "sqs.md": False})
    assert list(Source.objects.values_list("name", flat=True)) == ["lambda.md"]


def test_running_the_killed_run_again_ingests_the_rest_and_finishes(monkeypatch):
    run = killed_run(monkeypatch, ("lambda.md", LAMBDA_ONLY), ("sqs.md", SQS_NOTES))
    run = ingest_run_process(run_id=run.pk)
    assert (run.status, run.done, [s["ok"] for s in run.summary]) == ("done", 2, [True, True])
    assert sorted(Source.objects.values_list("name", flat=True)) == ["lambda.md", "sqs.md"]


def test_a_run_killed_before_generation_generates_the_items_when_resumed(monkeypatch):
    run = run_of(("lambda.md", LAMBDA_ONLY))
    kill_worker_in_generation(monkeypatch)
    with pytest.raises(WorkerKilled):
        ingest_run_process(run_id=run.pk)
    monkeypatch.undo()
    assert (IngestFile.objects.get(run=run).done, Item.objects.count()) == (True, 0)
    run = ingest_run_process(run_id=run.pk)
    assert run.status == "done"
    assert Item.objects.filter(topic__slug="lambda").exists()


def test_resume_hands_a_silent_running_run_to_a_new_worker(monkeypatch):
    run = killed_run(monkeypatch, ("lambda.md", LAMBDA_ONLY), ("sqs.md", SQS_NOTES))
    silent_since(run, STALE_AFTER.total_seconds() / 60 + 1)
    OutboxMessage.objects.update(sent_at=timezone.now())  # the first task was delivered
    assert ingest_runs_resume() == [run.pk]
    run.refresh_from_db()
    assert run.resumes == 1
    assert (
        OutboxMessage.objects.filter(task="notes.tasks.ingest_run", args=[run.pk], sent_at=None).count() == 1
    )


def test_resume_leaves_a_run_whose_worker_is_alive_alone(monkeypatch):
    run = killed_run(monkeypatch, ("lambda.md", LAMBDA_ONLY), ("sqs.md", SQS_NOTES))
    silent_since(run, STALE_AFTER.total_seconds() / 60 - 1)
    assert ingest_runs_resume() == []


def test_resuming_twice_hands_the_run_over_once(monkeypatch):
    run = killed_run(monkeypatch, ("lambda.md", LAMBDA_ONLY), ("sqs.md", SQS_NOTES))
    silent_since(run, 60)
    now = timezone.now()
    assert (ingest_runs_resume(now=now), ingest_runs_resume(now=now)) == ([run.pk], [])


def test_a_run_that_keeps_killing_its_worker_fails_naming_the_file(monkeypatch):
    run = killed_run(monkeypatch, ("lambda.md", LAMBDA_ONLY), ("sqs.md", SQS_NOTES))
    IngestRun.objects.filter(pk=run.pk).update(resumes=MAX_RESUMES)
    silent_since(run, 60)
    assert ingest_runs_resume() == []
    run.refresh_from_db()
    assert (run.status, run.finished_at is not None) == ("failed", True)
    assert "sqs.md" in run.error and "lambda.md" not in run.error


def test_a_pending_run_whose_task_waits_in_the_outbox_is_left_to_the_outbox():
    run = run_of(("lambda.md", LAMBDA_ONLY))  # the broker was away: its task is still unsent
    IngestRun.objects.filter(pk=run.pk).update(created_at=timezone.now() - timedelta(hours=1))
    assert ingest_runs_resume() == []
    assert OutboxMessage.objects.count() == 1


def test_a_pending_run_whose_task_was_lost_is_sent_again_without_counting_a_death():
    run = run_of(("lambda.md", LAMBDA_ONLY))
    OutboxMessage.objects.update(sent_at=timezone.now())
    IngestRun.objects.filter(pk=run.pk).update(created_at=timezone.now() - timedelta(hours=1))
    assert ingest_runs_resume() == [run.pk]
    run.refresh_from_db()
    assert (run.status, run.resumes) == ("pending", 0)


def test_the_resumed_task_finishes_the_run_through_the_outbox(
    monkeypatch, django_capture_on_commit_callbacks
):
    run = killed_run(monkeypatch, ("lambda.md", LAMBDA_ONLY), ("sqs.md", SQS_NOTES))
    silent_since(run, 60)
    OutboxMessage.objects.update(sent_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        ingest_runs_resume()  # the relay sends the task; eager Celery runs it in-process
    run.refresh_from_db()
    assert (run.status, run.done) == ("done", 2)


def test_the_progress_page_says_the_run_was_resumed(monkeypatch, instructor_client):
    run = killed_run(monkeypatch, ("lambda.md", LAMBDA_ONLY), ("sqs.md", SQS_NOTES))
    IngestRun.objects.filter(pk=run.pk).update(resumes=1)
    page = instructor_client.get(reverse("admin:notes_ingestrun_progress", args=[run.pk])).content.decode()
    assert "its worker stopped" in page


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_file_another_worker_holds_is_skipped_and_that_worker_finishes_the_run():
    run = IngestRun.objects.create(total=2)  # not through the outbox: here it would run the task at once
    for name, text in (("lambda.md", LAMBDA_ONLY), ("sqs.md", SQS_NOTES)):
        IngestFile.objects.create(run=run, name=name, data=text.encode())
    held = IngestFile.objects.get(run=run, name="sqs.md")
    locked, release = threading.Event(), threading.Event()

    def other_worker() -> None:
        try:
            with transaction.atomic():
                IngestFile.objects.select_for_update().get(pk=held.pk)
                locked.set()
                release.wait(timeout=30)
        finally:
            connection.close()

    thread = threading.Thread(target=other_worker)
    thread.start()
    assert locked.wait(timeout=30)
    try:
        first = ingest_run_process(run_id=run.pk)
    finally:
        release.set()
        thread.join(timeout=30)
    assert (first.status, dict(first.files.values_list("name", "done"))) == (
        "running",
        {"lambda.md": True, "sqs.md": False},
    )
    assert ingest_run_process(run_id=run.pk).status == "done"


def test_the_run_list_reads_file_names_in_one_query_whatever_the_number_of_runs(instructor_client):
    def queries_for_list() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = instructor_client.get(reverse("admin:notes_ingestrun_changelist"))
        assert response.status_code == 200
        return len(captured)

    run_of(("lambda.md", LAMBDA_ONLY))
    one = queries_for_list()
    for n in range(4):
        run_of((f"sqs-{n}.md", SQS_NOTES), (f"more-{n}.md", SQS_NOTES))
    assert queries_for_list() == one
