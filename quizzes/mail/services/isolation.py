"""One bad learner never fails a batch: run a batch's work on all its learners at once, and if that
raises for a reason that is not the infrastructure's (a learner's data the code cannot compute with),
run it again learner by learner so that only the learner who fails is left out, as a dead letter of
their own that an instructor can read and retry from the admin.

Infrastructure errors (the database or the mail server down) still fail the whole batch, so that
Celery retries it: they are nobody's data and retrying the learners one by one would not help.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from smtplib import SMTPException
from typing import TypeVar

from django.db import InterfaceError, OperationalError, transaction

from quizzes.models import DeadLetter

logger = logging.getLogger(__name__)

INFRASTRUCTURE_ERRORS = (SMTPException, OSError, OperationalError, InterfaceError)
LEARNER_TASK = "quizzes.tasks.send_weekly_review"  # the one-learner task a dead letter retries

T = TypeVar("T")
OnError = Callable[[int, Exception], None]


def each_learner(
    *, learner_ids: list[int], work: Callable[[list[int]], list[T]], on_error: OnError
) -> list[T]:
    """``work(learner_ids)``; if it raises a non-infrastructure error, ``work([id])`` for each learner,
    each in its own savepoint, calling ``on_error(id, exc)`` for the learners that still raise."""
    try:
        with transaction.atomic():
            return work(learner_ids)
    except INFRASTRUCTURE_ERRORS:
        raise
    except Exception as exc:
        if len(learner_ids) == 1:
            logger.exception("learner %s left out of the batch", learner_ids[0])
            on_error(learner_ids[0], exc)
            return []
        logger.warning("batch of %d learners failed; retrying them one by one", len(learner_ids))
    results: list[T] = []
    for learner_id in learner_ids:
        try:
            with transaction.atomic():
                results.extend(work([learner_id]))
        except INFRASTRUCTURE_ERRORS:
            raise
        except Exception as exc:
            logger.exception("learner %s left out of the batch", learner_id)
            on_error(learner_id, exc)
    return results


def error_text(exc: Exception) -> str:
    return "".join(traceback.format_exception(exc))[-4000:]


def learner_dead_letter(*, task_name: str, args: list, error: str) -> DeadLetter:
    """The dead letter of one learner's failed send: one per task and arguments until it is retried
    (the hourly dispatch tries the learner again every hour; that must not pile up letters)."""
    letter = (
        DeadLetter.objects.filter(task_name=task_name, retried_at__isnull=True, args=args)
        .order_by("-pk")
        .first()
    )
    if letter is not None:
        letter.error = error
        letter.save(update_fields=["error"])
        return letter
    return DeadLetter.objects.create(task_name=task_name, task_id="", args=args, kwargs={}, error=error)
