"""The transactional outbox: Celery work recorded in the database, in the transaction that needs it.

A web request that must hand work to a worker writes an ``OutboxMessage`` beside its own rows, so the
work is kept even when the broker (Redis) is down; ``quizzes.services.outbox`` relays unsent rows to
the broker right after the commit and again from beat every minute.
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
        ordering = ["pk"]
        indexes = [
            models.Index(fields=["created_at"], condition=Q(sent_at__isnull=True), name="outbox_unsent")
        ]

    def __str__(self) -> str:
        state = "sent" if self.sent_at else "waiting"
        return f"{self.task} #{self.pk} ({state})"
