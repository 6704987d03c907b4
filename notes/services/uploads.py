"""Uploaded files ingested by a Celery task, with progress recorded on the IngestRun."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.db import InterfaceError, OperationalError, transaction
from django.db.models import Q
from django.utils import timezone

from notes.models import IngestFile, IngestRun
from notes.services.ingest import FileSummary, ingest_bytes
from notes.signals import facts_changed_send
from studyhub.outbox.models import OutboxMessage
from studyhub.outbox.services import outbox_enqueue

logger = logging.getLogger(__name__)
# The database going away is not the file's fault: the task retries and finished files stay finished.
RETRYABLE = (OperationalError, InterfaceError)
ENDED = (IngestRun.Status.DONE, IngestRun.Status.FAILED)
OPEN = (IngestRun.Status.PENDING, IngestRun.Status.RUNNING)
INGEST_TASK = "notes.tasks.ingest_run"
# A worker writes a heartbeat when it starts a run and after every file (at most 5 MB, seconds each):
# ten silent minutes mean it died. A death after three resumptions means a file kills it.
STALE_AFTER = timedelta(minutes=10)
MAX_RESUMES = 3


def ingest_run_create(*, files: Iterable[tuple[str, bytes]]) -> IngestRun:
    """Store the uploads and enqueue their ingestion through the outbox (kept if the broker is down)."""
    with transaction.atomic():
        run = IngestRun.objects.create()
        IngestFile.objects.bulk_create(_ingest_file(run, name, data) for name, data in files)
        run.total = run.files.count()
        run.save(update_fields=["total"])
        outbox_enqueue(task=INGEST_TASK, args=[run.pk])
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
    """Ingest every file of the run not yet done, then generate items if any file changed. Safe to run
    twice, even at once: each file is ingested and marked done in one transaction under a row lock
    (a file another worker holds is skipped), and the run is finished under a lock on the run. The run
    always ends DONE or FAILED, unless the database itself is away (the task retries) or the worker
    dies (``ingest_runs_resume`` hands the run to a new worker)."""
    started = (
        IngestRun.objects.filter(pk=run_id)
        .exclude(status__in=ENDED)
        .update(status=IngestRun.Status.RUNNING, heartbeat_at=timezone.now())
    )
    if started:
        for file_id in IngestFile.objects.filter(run_id=run_id, done=False).values_list("pk", flat=True):
            _ingest_file_once(run_id=run_id, file_id=file_id)
    return _run_finish(run_id=run_id)


def _ingest_file_once(*, run_id: int, file_id: int) -> None:
    """Ingest one upload and mark it done in the same transaction: a worker killed at any point leaves
    the file either untouched or finished, never ingested-but-waiting."""
    with transaction.atomic():
        upload = IngestFile.objects.select_for_update(skip_locked=True).filter(pk=file_id, done=False).first()
        if upload is None:  # finished meanwhile, or being ingested by another worker
            return
        summary = _ingest_upload(upload)
        IngestFile.objects.filter(pk=upload.pk).update(done=True, summary=summary.as_dict())
        IngestRun.objects.filter(pk=run_id).update(
            done=IngestFile.objects.filter(run_id=run_id, done=True).count(), heartbeat_at=timezone.now()
        )


def _run_finish(*, run_id: int) -> IngestRun:
    """End the run once every file is done. Generation runs when any file of the run changed, including
    files a worker that died had finished, so a resumed run never leaves the items behind the notes."""
    with transaction.atomic():
        run = IngestRun.objects.select_for_update().get(pk=run_id)
        if run.status in ENDED or run.files.filter(done=False).exists():
            return run  # ended already, or a file is still with another worker, which finishes the run
        summaries = list(run.files.values_list("summary", flat=True))
        run.status, run.error = IngestRun.Status.DONE, ""
        if any(s.get("ok") and s.get("changed") for s in summaries):
            try:
                facts_changed_send()  # the study items are regenerated (quizzes listens)
            except RETRYABLE:
                raise
            except Exception:
                logger.exception("generating items after ingest run %s failed", run_id)
                run.status = IngestRun.Status.FAILED
                run.error = "The notes were ingested, but generating study items from them failed (logged)."
        run.summary = summaries
        run.finished_at = timezone.now()
        run.save(update_fields=["status", "error", "summary", "finished_at"])
    return run


def ingest_runs_resume(
    *, now: datetime | None = None, stale_after: timedelta = STALE_AFTER, max_resumes: int = MAX_RESUMES
) -> list[int]:
    """Hand every run whose worker went silent (no heartbeat for ``stale_after``) to a new worker, and
    return their ids. A run that went silent ``max_resumes`` times is marked failed instead, naming the
    file it was on (a file that kills the worker must not loop for ever). A pending run whose task is
    still in the outbox (broker away) is the outbox's to send. Safe to run twice: runs are claimed with
    SKIP LOCKED and their heartbeat moves to ``now``."""
    now = now or timezone.now()
    cutoff = now - stale_after
    silent = Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, created_at__lt=cutoff)
    resumed = []
    with transaction.atomic():
        runs = IngestRun.objects.select_for_update(skip_locked=True).filter(silent, status__in=OPEN)
        for run in runs.order_by("pk"):
            if (
                run.status == IngestRun.Status.PENDING
                and OutboxMessage.objects.filter(
                    task=INGEST_TASK, args=[run.pk], sent_at__isnull=True
                ).exists()
            ):
                continue
            if run.status == IngestRun.Status.RUNNING and run.resumes >= max_resumes:
                _run_give_up(run, now=now)
                continue
            if run.status == IngestRun.Status.RUNNING:
                run.resumes += 1
            run.heartbeat_at = now
            run.save(update_fields=["resumes", "heartbeat_at"])
            outbox_enqueue(task=INGEST_TASK, args=[run.pk])
            resumed.append(run.pk)
    return resumed


def _run_give_up(run: IngestRun, *, now: datetime) -> None:
    waiting = list(run.files.filter(done=False).values_list("name", flat=True))
    run.status = IngestRun.Status.FAILED
    run.error = (
        f"The worker stopped {run.resumes + 1} times while ingesting {', '.join(waiting) or 'this run'}; "
        "the files not done were left as they were. Check the worker's log, then upload them again."
    )
    run.summary = list(run.files.values_list("summary", flat=True))
    run.finished_at = now
    run.save(update_fields=["status", "error", "summary", "finished_at"])
