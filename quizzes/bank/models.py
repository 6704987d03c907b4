"""The question bank's records: items (flashcards, basic and cloze, and questions, single answer and
multiple response, in one table), their changes, learners' reports of problems with an item, and the
stored per-item statistics."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ItemQuerySet(models.QuerySet):
    def published(self) -> ItemQuerySet:
        return self.filter(status=Item.Status.PUBLISHED)

    def questions(self) -> ItemQuerySet:
        return self.filter(type__in=(Item.Type.SINGLE, Item.Type.MULTIPLE))

    def flashcards(self) -> ItemQuerySet:
        return self.filter(type__in=(Item.Type.BASIC, Item.Type.CLOZE))


class Item(models.Model):
    """One study item. Flashcards and questions share this table so scheduling and statistics treat
    them alike. ``key`` is derived from the facts (and the template) the item was built from, so
    regenerating after a re-ingest updates the row in place and keeps every learner's history."""

    class Kind(models.TextChoices):
        LIMIT = "limit", "Limit"
        INVOCATION = "invocation", "Invocation model"
        CONSISTENCY = "consistency", "Consistency / delivery"
        CONCEPT = "concept", "Concept"

    class Type(models.TextChoices):
        BASIC = "basic", "Flashcard"
        CLOZE = "cloze", "Cloze flashcard"
        SINGLE = "single", "Single answer"
        MULTIPLE = "multiple", "Multiple response"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        RETIRED = "retired", "Retired"

    class Origin(models.TextChoices):
        GENERATED = "generated", "Generated"
        AUTHORED = "authored", "Authored"

    key = models.CharField(max_length=64, unique=True)
    topic = models.ForeignKey("notes.Topic", on_delete=models.PROTECT, related_name="items")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    type = models.CharField(max_length=16, choices=Type.choices)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PUBLISHED, db_index=True)
    retired_by_generation = models.BooleanField(
        default=False,
        help_text="Retired because its facts left the notes: it comes back if they return. "
        "An instructor's own retirement is never undone.",
    )
    origin = models.CharField(max_length=16, choices=Origin.choices, default=Origin.GENERATED)
    # Flashcards: front/back (a cloze front holds "{{c1::…}}" and back holds extra context).
    front = models.TextField(blank=True)
    back = models.TextField(blank=True)
    # Questions: stem, choices [{"text": str, "correct": bool}], how many to choose, explanation.
    stem = models.TextField(blank=True)
    choices = models.JSONField(default=list, blank=True)
    choose = models.PositiveSmallIntegerField(default=1)
    explanation = models.TextField(blank=True)
    facts = models.ManyToManyField("notes.Fact", related_name="items", blank=True)
    sources = models.JSONField(default=list, blank=True)  # [{"file": str, "line": int}]
    sibling_group = models.CharField(
        max_length=64, blank=True, db_index=True, help_text="Items built from the same fact share this."
    )
    # Set when an instructor edits a generated item's wording: regeneration then keeps the edit.
    edited_at = models.DateTimeField(null=True, blank=True)
    # Set when a re-ingest changed the value this item teaches.
    changed_from = models.CharField(max_length=500, blank=True)
    changed_to = models.CharField(max_length=500, blank=True)
    changed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ItemQuerySet.as_manager()

    class Meta:
        ordering = ["topic__order", "topic__title", "kind", "type", "id"]
        indexes = [models.Index(fields=["status", "topic", "kind"])]

    def __str__(self) -> str:
        return (self.stem or self.front)[:80]

    @property
    def is_question(self) -> bool:
        return self.type in (self.Type.SINGLE, self.Type.MULTIPLE)

    @property
    def prompt(self) -> str:
        return self.stem if self.is_question else self.front

    @property
    def correct_indexes(self) -> list[int]:
        return [i for i, c in enumerate(self.choices) if c.get("correct")]


class ItemChange(models.Model):
    """A change of the value an item teaches, for telling the learners who studied the old one."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="changes")
    old_value = models.CharField(max_length=500)
    new_value = models.CharField(max_length=500)
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-changed_at"]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.old_value} -> {self.new_value}"


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
        constraints = [
            # One open report per learner, item and reason: a double click or a retry finds it.
            models.UniqueConstraint(
                fields=["learner", "item", "reason"],
                condition=models.Q(resolved=False),
                name="uniq_open_report_per_learner_item_reason",
            )
        ]

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
