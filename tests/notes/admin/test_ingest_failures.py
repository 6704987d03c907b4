"""An ingest run always ends: a file that fails for a reason that is not its input (a bug) is reported
on that file alone with its notes untouched, a failure to generate items marks the run failed with a
message, and only the database being away leaves the run to the task's retry."""

from __future__ import annotations

import pytest
from django.db import OperationalError
from django.urls import reverse

import quizzes.bank.services.generation as generation_module
from notes.models import IngestRun, Source
from notes.services.uploads import ingest_run_create, ingest_run_process
from tests.admin_support import LAMBDA_NOTES, crash_on

pytestmark = pytest.mark.django_db

SQS_NOTES = "# Amazon SQS\n\n- Messages can be up to 256 KB in size\n"


def run_of(*files: tuple[str, str]) -> IngestRun:
    return ingest_run_create(files=[(name, text.encode()) for name, text in files])


def test_a_file_that_crashes_is_reported_and_the_others_are_ingested(monkeypatch):
    crash_on("256 KB", RuntimeError("bug"), monkeypatch)
    run = ingest_run_process(
        run_id=run_of(("sqs.md", SQS_NOTES), ("lambda.md", LAMBDA_NOTES.split("# Amazon SQS")[0])).pk
    )
    summaries = {s["name"]: s for s in run.summary}
    assert (run.status, summaries["lambda.md"]["ok"], summaries["sqs.md"]["ok"]) == ("done", True, False)
    assert "internal error" in summaries["sqs.md"]["error"]


def test_a_file_that_crashes_leaves_no_source_behind(monkeypatch):
    crash_on("256 KB", RuntimeError("bug"), monkeypatch)
    ingest_run_process(run_id=run_of(("sqs.md", SQS_NOTES)).pk)
    assert not Source.objects.filter(name="sqs.md").exists()


def test_failed_generation_marks_the_run_failed_with_a_message(monkeypatch):
    def broken_generation(*args, **kwargs):
        raise RuntimeError("bug")

    monkeypatch.setattr(generation_module, "items_generate", broken_generation)
    run = ingest_run_process(run_id=run_of(("lambda.md", LAMBDA_NOTES)).pk)
    assert (run.status, run.finished_at is not None) == ("failed", True)
    assert "generating study items" in run.error


def test_the_failed_run_page_says_so_and_stops_polling(monkeypatch, instructor_client):
    monkeypatch.setattr(generation_module, "items_generate", lambda *a, **k: 1 / 0)
    run = ingest_run_process(run_id=run_of(("lambda.md", LAMBDA_NOTES)).pk)
    page = instructor_client.get(reverse("admin:notes_ingestrun_progress", args=[run.pk])).content.decode()
    assert "Ingestion failed" in page and run.error in page and "hx-trigger" not in page


def test_database_away_leaves_the_file_to_the_retry(monkeypatch):
    crash_on("256 KB", OperationalError("server closed the connection"), monkeypatch)
    run = run_of(("sqs.md", SQS_NOTES))
    with pytest.raises(OperationalError):
        ingest_run_process(run_id=run.pk)
    run.refresh_from_db()
    assert (run.status, run.files.get().done) == ("running", False)
