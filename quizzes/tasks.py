"""Celery tasks of the quizzes app: thin wrappers around services, safe to run twice."""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError


@shared_task(acks_late=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def generate_items() -> None:
    from quizzes.services.generation import items_generate

    items_generate()
