"""Learners' reports of problems with an item, and the stored per-item statistics."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ItemReport(models.Model):
    """A learner says an item is wrong, unclear or has a typo. Instructors resolve it; the learner's
    reason and text stay as written (the admin shows them read-only)."""

    class Reason(models.TextChoices):
        WRONG = "wrong", "Wrong"
        UNCLEAR = "unclear", "Unclear"
        TYPO = "typo", "Typo"
        OTHER = "other", "Other"

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="item_reports"
    )
    item = models.ForeignKey("quizzes.Item", on_delete=models.CASCADE, related_name="reports")
    reason = models.CharField(max_length=16, choices=Reason.choices)
    text = models.TextField(blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved = models.BooleanField(default=False)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["resolved", "-created_at"]
        indexes = [models.Index(fields=["item", "resolved"])]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} report on item {self.item_id}"


class ItemStatistics(models.Model):
    """Item analysis of one question from learners' first attempts, recomputed by a Celery task."""

    item = models.OneToOneField("quizzes.Item", on_delete=models.CASCADE, related_name="statistics")
    attempts = models.PositiveIntegerField(default=0)
    facility = models.FloatField(null=True, blank=True, help_text="Mean score of first attempts, in %.")
    discrimination = models.FloatField(
        null=True, blank=True, help_text="Correlation (×100) of the item mark with the rest-of-test mark."
    )
    exam_attempts = models.PositiveIntegerField(default=0)
    choice_counts = models.JSONField(default=list, blank=True)  # picks per index of item.choices
    open_reports = models.PositiveIntegerField(default=0)
    flagged = models.BooleanField(default=False, db_index=True)
    flag_reasons = models.CharField(max_length=200, blank=True)
    computed_at = models.DateTimeField()

    class Meta:
        verbose_name_plural = "item statistics"
        ordering = ["-flagged", "facility"]

    def __str__(self) -> str:
        return f"statistics of item {self.item_id}"
