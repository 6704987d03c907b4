"""The transactional outbox: Celery work recorded in the database, in the transaction that needs it.

A web request that must hand work to a worker writes an ``OutboxMessage`` beside its own rows, so the
work is kept even when the broker (Redis) is down; ``studyhub.outbox.services`` relays unsent rows to
the broker right after the commit and again from beat every minute.

Both apps use it (``notes`` for uploads, ``quizzes`` for the item statistics and dead letters), so it
lives with the project's wiring; its table was created by the ``quizzes`` app's first migration and
stays under that app label (``quizzes_outboxmessage``), so moving the code changed no migration.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone


class OutboxMessage(models.Model):
    task = models.CharField(max_length=200)  # registered Celery task name
    args = models.JSONField(default=list, blank=True)
    kwargs = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)  # failed sends so far
    last_error = models.TextField(blank=True)

    class Meta:
        app_label = "quizzes"  # the table and migration history it has always had (see the docstring)
        ordering = ["pk"]
        indexes = [
            models.Index(fields=["created_at"], condition=Q(sent_at__isnull=True), name="outbox_unsent")
        ]

    def __str__(self) -> str:
        state = "sent" if self.sent_at else "waiting"
        return f"{self.task} #{self.pk} ({state})"
