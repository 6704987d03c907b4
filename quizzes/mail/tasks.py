"""Celery tasks of the scheduled mail: thin wrappers around services, safe to run twice.

Beat (see studyhub/schedule.py) runs the three ``*_dispatch`` tasks hourly; each finds who is due and
fans out one task per batch of learner ids. Batch tasks are idempotent (claim rows), so they are
``acks_late`` and retried with exponential backoff on SMTP and database errors; after the last retry
``DeadLetterTask`` records a ``DeadLetter`` an instructor can retry from the admin.

Task names stay ``quizzes.tasks.*`` whatever module defines them: beat's schedule rows, outbox rows
and dead letters in the database name tasks by that string.
"""

from __future__ import annotations

import logging
from datetime import date
from functools import partial
from smtplib import SMTPException

from celery import Task, shared_task
from django.db import OperationalError, transaction
from django.utils import timezone

logger = logging.getLogger(__name__)


class DeadLetterTask(Task):
    """Records a dead letter when the task fails for good (after its last retry)."""

    def on_failure(self, exc, task_id, args, kwargs, einfo) -> None:
        from quizzes.mail.services.dead_letters import dead_letter_record

        try:
            dead_letter_record(
                task_name=self.name,
                task_id=task_id,
                args=list(args),
                kwargs=dict(kwargs),
                error=f"{exc!r}\n\n{einfo}",
            )
        except Exception:  # the database may be what failed; the worker log still has the error
            logger.exception("could not record the dead letter of %s %s", self.name, task_id)


RETRIED = {
    "base": DeadLetterTask,
    "acks_late": True,
    "autoretry_for": (SMTPException, OSError, OperationalError),
    "retry_backoff": True,
    "max_retries": 5,
    "ignore_result": True,
}


def _chunks(ids: list[int]) -> list[list[int]]:
    from quizzes.mail.services.emails import batch_size

    size = batch_size()
    return [ids[i : i + size] for i in range(0, len(ids), size)]


@shared_task(name="quizzes.tasks.rollups_dispatch", **RETRIED)
def rollups_dispatch() -> None:
    from quizzes.mail.selectors import active_learner_ids

    for chunk in _chunks(active_learner_ids()):
        transaction.on_commit(partial(rollups_batch.delay, chunk))


@shared_task(name="quizzes.tasks.rollups_batch", **RETRIED)
def rollups_batch(learner_ids: list[int]) -> None:
    from quizzes.mail.services.rollups import rollups_refresh_each

    rollups_refresh_each(learner_ids=learner_ids, now=timezone.now())


@shared_task(name="quizzes.tasks.weekly_reviews_dispatch", **RETRIED)
def weekly_reviews_dispatch() -> None:
    from quizzes.mail.selectors import weekly_emails_due

    for iso_week, ids in weekly_emails_due(now=timezone.now()).items():
        for chunk in _chunks(ids):
            transaction.on_commit(partial(send_weekly_batch.delay, chunk, iso_week))


@shared_task(name="quizzes.tasks.send_weekly_batch", **RETRIED)
def send_weekly_batch(learner_ids: list[int], iso_week: str) -> None:
    from quizzes.mail.services.emails import weekly_reviews_send_batch

    weekly_reviews_send_batch(learner_ids=learner_ids, iso_week=iso_week, now=timezone.now())


@shared_task(name="quizzes.tasks.send_weekly_review", **RETRIED)
def send_weekly_review(learner_id: int, iso_week: str) -> None:
    from quizzes.mail.services.emails import weekly_review_send

    weekly_review_send(learner_id=learner_id, iso_week=iso_week, now=timezone.now())


@shared_task(name="quizzes.tasks.daily_reminders_dispatch", **RETRIED)
def daily_reminders_dispatch() -> None:
    from quizzes.mail.selectors import daily_reminders_due

    for local_date, ids in daily_reminders_due(now=timezone.now()).items():
        for chunk in _chunks(ids):
            transaction.on_commit(partial(send_daily_reminders.delay, chunk, local_date.isoformat()))


@shared_task(name="quizzes.tasks.send_daily_reminders", **RETRIED)
def send_daily_reminders(learner_ids: list[int], local_date: str) -> None:
    from quizzes.mail.services.emails import daily_reminders_send_batch

    daily_reminders_send_batch(
        learner_ids=learner_ids, local_date=date.fromisoformat(local_date), now=timezone.now()
    )
