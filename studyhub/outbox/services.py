"""The transactional outbox: enqueue Celery work in the caller's transaction, relay it to the broker.

``outbox_enqueue`` writes an ``OutboxMessage`` in the caller's transaction and, once that commits,
tries to send it at once. When the broker is down the row simply stays unsent: the web request still
succeeds, and ``outbox_relay`` (beat, every minute) sends it once the broker is back. Rows are claimed
with ``SELECT ... FOR UPDATE SKIP LOCKED``, so concurrent relays never send the same row twice; a
crash between the send and the commit can send a row again, which is why every task fed by the outbox
is idempotent (it claims its own rows).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from kombu import Connection
from kombu.exceptions import OperationalError as BrokerError

from quizzes.models import OutboxMessage

logger = logging.getLogger(__name__)

# A send that fails for these reasons is a broker outage: keep the row and try again later.
BROKER_ERRORS = (BrokerError, ConnectionError, OSError, TimeoutError)
KEEP_SENT = timedelta(days=7)
CONNECT_TIMEOUT = 2  # seconds


def outbox_enqueue(*, task: str, args: list, kwargs: dict | None = None) -> OutboxMessage:
    """Record ``task(*args, **kwargs)`` in the current transaction; it is sent after the commit."""
    message = OutboxMessage.objects.create(task=task, args=list(args), kwargs=dict(kwargs or {}))
    transaction.on_commit(lambda: _relay_after_commit(message.pk))
    return message


def outbox_relay(*, limit: int = 100, message_id: int | None = None) -> int:
    """Send up to ``limit`` unsent messages, oldest first; returns how many were sent.

    Stops at the first broker error: the failed row records the error and every row waits for the
    next relay.
    """
    from studyhub.celery import app

    sent = 0
    with transaction.atomic(), app.connection_for_write(connect_timeout=CONNECT_TIMEOUT) as broker:
        unsent = OutboxMessage.objects.select_for_update(skip_locked=True).filter(sent_at__isnull=True)
        if message_id is not None:
            unsent = unsent.filter(pk=message_id)
        for message in unsent.order_by("pk")[:limit]:
            try:
                _publish(message, broker)
            except BROKER_ERRORS as exc:
                message.attempts += 1
                message.last_error = f"{type(exc).__name__}: {exc}"[:2000]
                message.save(update_fields=["attempts", "last_error"])
                logger.warning("outbox: broker unavailable, %s stays queued: %s", message, exc)
                break
            message.sent_at = timezone.now()
            message.save(update_fields=["sent_at"])
            sent += 1
    return sent


def outbox_prune(*, now: datetime) -> int:
    """Delete messages sent more than a week ago; returns how many."""
    deleted, _ = OutboxMessage.objects.filter(sent_at__lt=now - KEEP_SENT).delete()
    return deleted


def _relay_after_commit(message_id: int) -> None:
    try:
        outbox_relay(limit=1, message_id=message_id)
    except Exception:  # the request already committed its work; beat's relay sends the row later
        logger.exception("outbox: could not relay message %s after commit", message_id)


def _publish(message: OutboxMessage, broker: Connection) -> None:
    from studyhub.celery import app

    if not app.conf.task_always_eager:
        # Fail fast while the broker is down (kombu would otherwise retry, holding up the request).
        broker.ensure_connection(max_retries=0)
    options = {"retry": False, "ignore_result": True, "connection": broker}
    app.loader.import_default_modules()  # registers the autodiscovered tasks (once) as a worker does
    task = app.tasks.get(message.task)
    if task is None:  # a task only the workers know
        app.send_task(message.task, args=message.args, kwargs=message.kwargs, **options)
    else:  # through the task, so eager mode (tests, laptop) runs it in-process
        task.apply_async(args=message.args, kwargs=message.kwargs, **options)
