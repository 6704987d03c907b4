"""A learner's mock exams: one attempt and its questions, drawn from the bank. Every row belongs to
exactly one learner."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
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


class ExamBlueprint(models.Model):
    """An instructor's exam guide: how much of the mock exam each topic gets, like the domain weights
    of a certification's exam guide. The active one (at most one) is what exams are drawn by."""

    name = models.CharField(max_length=120)
    active = models.BooleanField(default=True, help_text="Mock exams are drawn by the active blueprint.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-active", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["active"],
                condition=models.Q(active=True),
                name="uniq_exam_blueprint_active",
                violation_error_message="Another blueprint is active: make that one inactive first.",
            )
        ]

    def __str__(self) -> str:
        return self.name


class ExamBlueprintWeight(models.Model):
    blueprint = models.ForeignKey(ExamBlueprint, on_delete=models.CASCADE, related_name="weights")
    topic = models.ForeignKey("notes.Topic", on_delete=models.CASCADE, related_name="+")
    weight = models.DecimalField(
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(0)],
        help_text="Any non-negative number: shares are weight ÷ the sum of weights (percentages work).",
    )

    class Meta:
        ordering = ["-weight", "topic__title"]
        constraints = [
            models.UniqueConstraint(
                fields=["blueprint", "topic"],
                name="uniq_exam_blueprint_topic",
                violation_error_message="This topic already has a weight in this blueprint.",
            ),
            models.CheckConstraint(
                condition=models.Q(weight__gte=0),
                name="exam_blueprint_weight_non_negative",
                violation_error_message="A weight cannot be negative.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.topic}: {self.weight}"
