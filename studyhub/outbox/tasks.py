"""The outbox's own task: beat relays every minute what the broker missed.

Its name stays ``quizzes.tasks.outbox_relay`` (the beat schedule row in the database names it so).
"""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone


@shared_task(name="quizzes.tasks.outbox_relay", ignore_result=True, expires=55)
def outbox_relay() -> int:
    """Every minute (beat): send the outbox rows the broker missed; safe to run twice (skip locked)."""
    from studyhub.outbox.services import outbox_prune
    from studyhub.outbox.services import outbox_relay as relay

    sent = relay(limit=500)
    outbox_prune(now=timezone.now())
    return sent
