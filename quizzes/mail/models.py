"""Mail and rollup records: one weekly email per learner per ISO week, one daily reminder per
learner per local date, the hourly snapshots the dashboard and the emails read, and dead letters of
tasks that failed after their last retry."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class SendStatus(models.TextChoices):
    SENDING = "sending", "Claimed, sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed, will be retried"
    SKIPPED = "skipped", "Skipped: nothing to study"


class WeeklyEmail(models.Model):
    """The claim and the receipt of one weekly review email.

    The row is inserted (status ``sending``) before the message is handed to the mail server and set
    to ``sent`` right after; the unique constraint makes the insert the claim, so a second run, a
    redelivered message or two beat processes cannot both send. See docs/email.md for the reclaim rule.
    """

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="weekly_emails"
    )
    iso_week = models.CharField(
        max_length=8, help_text='ISO week in the learner\'s time zone, e.g. "2025-W07".'
    )
    status = models.CharField(max_length=8, choices=SendStatus.choices, default=SendStatus.SENDING)
    claim_token = models.CharField(max_length=32, blank=True)
    claimed_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=1)
    error = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["learner", "iso_week"], name="uniq_weekly_email")]
        indexes = [models.Index(fields=["iso_week", "status"])]

    def __str__(self) -> str:
        return f"{self.iso_week} · {self.learner} · {self.status}"


class DailyReminder(models.Model):
    """The claim and the receipt of one "reviews due" reminder per learner per local date."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="daily_reminders"
    )
    local_date = models.DateField()
    status = models.CharField(max_length=8, choices=SendStatus.choices, default=SendStatus.SENDING)
    claim_token = models.CharField(max_length=32, blank=True)
    claimed_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=1)
    error = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["learner", "local_date"], name="uniq_daily_reminder")]

    def __str__(self) -> str:
        return f"{self.local_date} · {self.learner} · {self.status}"


class LearnerSnapshot(models.Model):
    """The latest hourly rollup of one learner's schedule (one row per learner, overwritten)."""

    learner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="snapshot"
    )
    computed_at = models.DateTimeField()
    cards = models.PositiveIntegerField(default=0)
    due_now = models.PositiveIntegerField(default=0)
    overdue = models.PositiveIntegerField(default=0, help_text="Due before the start of the learner's today.")
    due_today = models.PositiveIntegerField(default=0, help_text="Due before the end of the learner's today.")
    new_available = models.PositiveIntegerField(default=0)
    retrievability = models.FloatField(
        null=True, blank=True, help_text="Mean predicted recall of studied cards now."
    )
    forecast = models.JSONField(
        default=list, blank=True, help_text="Reviews due on each of the next 7 learner-days."
    )

    class Meta:
        indexes = [models.Index(fields=["overdue"])]

    def __str__(self) -> str:
        return f"snapshot of {self.learner} at {self.computed_at:%Y-%m-%d %H:%M}"


class TopicSnapshot(models.Model):
    """The latest hourly rollup of one learner's cards in one topic."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="topic_snapshots"
    )
    topic = models.ForeignKey("notes.Topic", on_delete=models.CASCADE, related_name="+")
    computed_at = models.DateTimeField()
    cards = models.PositiveIntegerField(default=0)
    due_now = models.PositiveIntegerField(default=0)
    retrievability = models.FloatField(
        help_text="Mean predicted recall of the learner's cards in the topic now."
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["learner", "topic"], name="uniq_topic_snapshot")]

    def __str__(self) -> str:
        return f"{self.learner} · {self.topic_id}: {self.retrievability:.2f}"


class DeadLetter(models.Model):
    """A task that failed after its last retry, kept so an instructor can read the error and retry."""

    task_name = models.CharField(max_length=200)
    task_id = models.CharField(max_length=64, blank=True)
    args = models.JSONField(default=list, blank=True)
    kwargs = models.JSONField(default=dict, blank=True)
    error = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    retried_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.task_name} failed at {self.created_at:%Y-%m-%d %H:%M}"
