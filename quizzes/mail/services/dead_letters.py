"""Dead letters: tasks that failed after their last retry, recorded for the admin, and their retry."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from quizzes.models import DeadLetter


def dead_letter_record(*, task_name: str, task_id: str, args: list, kwargs: dict, error: str) -> DeadLetter:
    return DeadLetter.objects.create(
        task_name=task_name, task_id=task_id or "", args=args, kwargs=kwargs, error=error
    )


@transaction.atomic
def dead_letter_retry(*, dead_letter_id: int, now: datetime) -> DeadLetter:
    """Enqueue the task again with the same arguments (safe: every task here is idempotent)."""
    from studyhub.outbox.services import outbox_enqueue

    letter = DeadLetter.objects.select_for_update().get(pk=dead_letter_id)
    letter.retried_at = now
    letter.save(update_fields=["retried_at"])
    outbox_enqueue(task=letter.task_name, args=list(letter.args), kwargs=dict(letter.kwargs))
    return letter
