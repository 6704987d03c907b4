"""Uploaded files ingested by a Celery task, with progress recorded on the IngestRun."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from notes.models import IngestFile, IngestRun
from notes.services.ingest import FileSummary, ingest_bytes


def ingest_run_create(*, files: Iterable[tuple[str, bytes]]) -> IngestRun:
    """Store the uploads and enqueue their ingestion through the outbox (kept if the broker is down)."""
    from quizzes.services.outbox import outbox_enqueue

    with transaction.atomic():
        run = IngestRun.objects.create()
        IngestFile.objects.bulk_create(_ingest_file(run, name, data) for name, data in files)
        run.total = run.files.count()
        run.save(update_fields=["total"])
        outbox_enqueue(task="notes.tasks.ingest_run", args=[run.pk])
    return run


def _ingest_file(run: IngestRun, name: str, data: bytes) -> IngestFile:
    """An oversized file is refused at once, not stored: 50 MB in the database took the request 2.5 s."""
    limit = settings.NOTES_MAX_FILE_BYTES
    if len(data) <= limit:
        return IngestFile(run=run, name=name, data=data)
    error = f"{name}: file is {len(data):,} bytes, over the {limit:,}-byte limit"
    summary = FileSummary(name=name, ok=False, error=error).as_dict()
    return IngestFile(run=run, name=name, data=b"", done=True, summary=summary)


def ingest_run_process(*, run_id: int) -> IngestRun:
    """Ingest every file of the run not yet done; a second run of the task skips finished files."""
    run = IngestRun.objects.get(pk=run_id)
    if run.status == IngestRun.Status.DONE:
        return run
    IngestRun.objects.filter(pk=run_id).update(status=IngestRun.Status.RUNNING)
    changed = False
    for upload in run.files.filter(done=False):
        summary = ingest_bytes(name=upload.name, data=bytes(upload.data))
        changed = changed or (summary.ok and summary.changed)
        with transaction.atomic():
            IngestFile.objects.filter(pk=upload.pk).update(done=True, summary=summary.as_dict())
            IngestRun.objects.filter(pk=run_id).update(done=run.files.filter(done=True).count())
    if changed:
        from quizzes.services.generation import items_generate  # ingestion triggers generation

        items_generate()
    summaries = list(run.files.values_list("summary", flat=True))
    IngestRun.objects.filter(pk=run_id).update(
        status=IngestRun.Status.DONE,
        summary=summaries,
        finished_at=timezone.now(),
    )
    run.refresh_from_db()
    return run
