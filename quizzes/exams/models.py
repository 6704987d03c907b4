"""A learner's mock exams: one attempt and its questions, drawn from the bank. Every row belongs to
exactly one learner."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ExamAttempt(models.Model):
    class Mode(models.TextChoices):
        TIMED = "timed", "Timed: the real exam's clock, feedback in the report"
        REVIEW = "review", "Review: feedback after each question, no clock"

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="exam_attempts"
    )
    started_at = models.DateTimeField()
    deadline = models.DateTimeField()
    submitted_at = models.DateTimeField(null=True, blank=True)
    auto_submitted = models.BooleanField(default=False)
    length = models.PositiveIntegerField(default=65)
    time_limit_minutes = models.PositiveIntegerField(default=130)
    mode = models.CharField(max_length=8, choices=Mode.choices, default=Mode.TIMED)
    score_scaled = models.PositiveIntegerField(null=True, blank=True)
    passed = models.BooleanField(null=True, blank=True)
    report = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            # One running exam per learner, held by the database: parallel starts cannot make two.
            models.UniqueConstraint(
                fields=["learner"],
                condition=models.Q(submitted_at__isnull=True),
                name="uniq_exam_running_per_learner",
            )
        ]

    def __str__(self) -> str:
        return f"exam {self.pk} of {self.learner}"


class ExamQuestion(models.Model):
    attempt = models.ForeignKey(ExamAttempt, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveIntegerField()
    item = models.ForeignKey("quizzes.Item", on_delete=models.PROTECT, related_name="+")
    choice_order = models.JSONField(default=list)  # shuffled indexes into item.choices
    chosen = models.JSONField(default=list, blank=True)  # indexes into item.choices
    flagged = models.BooleanField(default=False)
    answered_at = models.DateTimeField(null=True, blank=True)
    correct = models.BooleanField(null=True, blank=True)
    # Time on this question: from its page being shown to its answer being saved, summed over visits.
    shown_at = models.DateTimeField(null=True, blank=True)  # start of the current visit
    time_spent_ms = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["attempt", "position"], name="uniq_exam_position")]

    def __str__(self) -> str:
        return f"Q{self.position} of exam {self.attempt_id}"
