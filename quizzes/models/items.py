"""Items: flashcards (basic and cloze) and questions (single answer, multiple response) in one table."""

from __future__ import annotations

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
