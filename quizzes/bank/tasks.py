"""Celery tasks of the question bank: thin wrappers around services, safe to run twice.

Task names stay ``quizzes.tasks.*``: beat's schedule rows and outbox rows name tasks by that string.
"""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError

# Both tasks rebuild from what is stored (idempotent), so a redelivery or a retry is harmless.
RETRIED_ON_DATABASE_ERRORS = {
    "acks_late": True,
    "autoretry_for": (OperationalError,),
    "retry_backoff": True,
    "max_retries": 5,
}


@shared_task(name="quizzes.tasks.generate_items", **RETRIED_ON_DATABASE_ERRORS)
def generate_items() -> None:
    from quizzes.bank.services.generation import items_generate

    items_generate()


@shared_task(name="quizzes.tasks.compute_item_statistics", **RETRIED_ON_DATABASE_ERRORS)
def compute_item_statistics() -> None:
    """Daily (beat): item analysis of every question, stored in ItemStatistics. Safe to run twice."""
    from quizzes.bank.services.item_stats import item_statistics_compute

    item_statistics_compute()
