"""A learner's study data: settings, FSRS card state per item, review log, shown-card tokens and
notifications. Every row belongs to exactly one learner."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models


class LearnerSettings(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="study_settings"
    )
    timezone = models.CharField(max_length=64, default="UTC")
    day_starts_hour = models.PositiveSmallIntegerField(default=4, validators=[MaxValueValidator(23)])
    new_per_day = models.PositiveIntegerField(default=20, validators=[MaxValueValidator(1000)])
    max_reviews_per_day = models.PositiveIntegerField(default=200, validators=[MaxValueValidator(10000)])
    desired_retention = models.FloatField(
        default=0.90, validators=[MinValueValidator(0.7), MaxValueValidator(0.99)]
    )
    exam_date = models.DateField(null=True, blank=True)
    weekly_email = models.BooleanField(default=True)
    weekly_weekday = models.PositiveSmallIntegerField(
        default=0, validators=[MaxValueValidator(6)]
    )  # 0 = Monday
    weekly_hour = models.PositiveSmallIntegerField(default=8, validators=[MaxValueValidator(23)])
    daily_reminder = models.BooleanField(default=False)
    suspend_leeches = models.BooleanField(
        default=True, help_text="Suspend a card once it has lapsed 8 times (a leech)."
    )
    # When the learner last undid an answer: answers from before it cannot be undone (one step of undo).
    last_undo_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"settings of {self.user}"


class CardState(models.Model):
    """FSRS state of one item for one learner (``card`` is py-fsrs ``Card.to_dict()``)."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="card_states"
    )
    item = models.ForeignKey("quizzes.Item", on_delete=models.CASCADE, related_name="card_states")
    card = models.JSONField(default=dict)
    due = models.DateTimeField(db_index=True)
    state = models.PositiveSmallIntegerField(default=1)  # fsrs.State: 1 learning, 2 review, 3 relearning
    stability = models.FloatField(null=True, blank=True)
    difficulty = models.FloatField(null=True, blank=True)
    last_review = models.DateTimeField(null=True, blank=True)
    reps = models.PositiveIntegerField(default=0)
    lapses = models.PositiveIntegerField(default=0)
    introduced_at = models.DateTimeField()
    changed_notice = models.BooleanField(
        default=False, help_text="The item's value changed since last studied."
    )
    suspended = models.BooleanField(default=False, help_text="Never shown in reviews until unsuspended.")
    buried_until = models.DateTimeField(null=True, blank=True, help_text="Not shown in reviews before this.")
    flagged = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["learner", "item"], name="uniq_card_state")]
        indexes = [
            models.Index(fields=["learner", "due"]),
            models.Index(fields=["learner", "introduced_at"]),
            # The review queue (issue #16): the due list in its order (due, then id) read up to the
            # two cards it needs, the cards studied this learner-day (the sibling groups in play)
            # and the (re)learning cards by due time, without reading the review backlog.
            models.Index(fields=["learner", "due", "id"], name="cardstate_learner_due_id"),
            models.Index(fields=["learner", "last_review"], name="cardstate_learner_reviewed"),
            models.Index(
                fields=["learner", "due"], condition=~models.Q(state=2), name="cardstate_learning_due"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.learner} · item {self.item_id}"


class ReviewLog(models.Model):
    class Mode(models.TextChoices):
        REVIEW = "review"
        PRACTICE = "practice"
        EXAM = "exam"

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_logs"
    )
    item = models.ForeignKey("quizzes.Item", on_delete=models.CASCADE, related_name="review_logs")
    rating = models.PositiveSmallIntegerField()  # fsrs.Rating 1..4
    reviewed_at = models.DateTimeField()
    duration_ms = models.PositiveIntegerField(default=0)
    mode = models.CharField(max_length=16, choices=Mode.choices, default=Mode.REVIEW)
    correct = models.BooleanField(null=True, blank=True)
    chosen = models.JSONField(default=list, blank=True)  # indexes of the picked choices, for questions
    state_before = models.PositiveSmallIntegerField(null=True, blank=True)
    was_new = models.BooleanField(default=False)
    # The card as it was before this answer (None: there was no card), so the answer can be undone.
    card_before = models.JSONField(null=True, blank=True)
    # The card as this answer left it: undo puts card_before back only while the card still holds this
    # (an exam, a change in the notes or the card browser may have changed it since). None: logged
    # before this was kept.
    card_after = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["-reviewed_at"]
        indexes = [models.Index(fields=["learner", "reviewed_at"]), models.Index(fields=["item", "mode"])]

    def __str__(self) -> str:
        return f"{self.learner} rated item {self.item_id}: {self.rating}"


class ShownCard(models.Model):
    """One showing of an item; its token makes the answer idempotent (double clicks, retries, tabs)."""

    token = models.CharField(max_length=43, unique=True)
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shown_cards"
    )
    item = models.ForeignKey("quizzes.Item", on_delete=models.CASCADE, related_name="+")
    mode = models.CharField(max_length=16, choices=ReviewLog.Mode.choices, default=ReviewLog.Mode.REVIEW)
    shown_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)
    # The choices of the first check of a question: the answer is graded on these, not on a later post.
    checked = models.JSONField(null=True, blank=True)
    review_log = models.OneToOneField(
        ReviewLog, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        indexes = [models.Index(fields=["learner", "shown_at"])]

    def __str__(self) -> str:
        return self.token


class Notification(models.Model):
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    item = models.ForeignKey(
        "quizzes.Item", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    message = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.message[:60]
