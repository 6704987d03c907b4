"""Celery tasks of the notes app: thin wrappers around services, safe to run twice."""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError


@shared_task(acks_late=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def ingest_run(run_id: int) -> None:
    from notes.services.uploads import ingest_run_process

    ingest_run_process(run_id=run_id)


@shared_task(acks_late=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def ingest_runs_resume() -> list[int]:
    """Every five minutes (beat): hand ingest runs whose worker died to a new worker. Safe to run twice."""
    from notes.services.uploads import ingest_runs_resume as resume

    return resume()
