"""Uploaded files ingested by a Celery task, with progress recorded on the IngestRun."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.db import InterfaceError, OperationalError, transaction
from django.utils import timezone

from notes.models import IngestFile, IngestRun
from notes.services.ingest import FileSummary, ingest_bytes

logger = logging.getLogger(__name__)
# The database going away is not the file's fault: the task retries and finished files stay finished.
RETRYABLE = (OperationalError, InterfaceError)


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


def _ingest_upload(upload: IngestFile) -> FileSummary:
    """One file's summary. A failure that is not the input's (a bug) is logged and reported on that
    file alone; the file's transaction rolled back, so its notes are as they were."""
    try:
        return ingest_bytes(name=upload.name, data=bytes(upload.data))
    except RETRYABLE:
        raise
    except Exception:
        logger.exception("ingesting %s (run %s) failed", upload.name, upload.run_id)
        error = f"{upload.name}: could not be ingested (an internal error, logged); its notes were left as they were"
        return FileSummary(name=upload.name, ok=False, changed=False, error=error)


def ingest_run_process(*, run_id: int) -> IngestRun:
    """Ingest every file of the run not yet done; a second run of the task skips finished files. The run
    always ends DONE or FAILED (never stuck "running"), unless the database itself is away (retried)."""
    run = IngestRun.objects.get(pk=run_id)
    if run.status in (IngestRun.Status.DONE, IngestRun.Status.FAILED):
        return run
    IngestRun.objects.filter(pk=run_id).update(status=IngestRun.Status.RUNNING)
    changed = False
    for upload in run.files.filter(done=False):
        summary = _ingest_upload(upload)
        changed = changed or (summary.ok and summary.changed)
        with transaction.atomic():
            IngestFile.objects.filter(pk=upload.pk).update(done=True, summary=summary.as_dict())
            IngestRun.objects.filter(pk=run_id).update(done=run.files.filter(done=True).count())
    status, error = IngestRun.Status.DONE, ""
    if changed:
        from quizzes.services.generation import items_generate  # ingestion triggers generation

        try:
            items_generate()
        except RETRYABLE:
            raise
        except Exception:
            logger.exception("generating items after ingest run %s failed", run_id)
            status = IngestRun.Status.FAILED
            error = "The notes were ingested, but generating study items from them failed (logged)."
    summaries = list(run.files.values_list("summary", flat=True))
    IngestRun.objects.filter(pk=run_id).update(
        status=status, error=error, summary=summaries, finished_at=timezone.now()
    )
    run.refresh_from_db()
    return run
