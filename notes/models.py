"""Sources, their kept lines, topics, facts with the lines that state them, and conflicts."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse


class Source(models.Model):
    """One ingested notes file, identified by its file name."""

    name = models.CharField(max_length=255, unique=True)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField(default=0)
    line_count = models.PositiveIntegerField(default=0)
    kept_lines = models.PositiveIntegerField(default=0)
    review_before_publish = models.BooleanField(
        default=False,
        help_text="Keep items generated from this source as drafts until an instructor publishes them.",
    )
    content = models.BinaryField(
        blank=True, default=b"", help_text="The last ingested bytes, for re-ingesting."
    )
    ingested_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class TopicQuerySet(models.QuerySet):
    def with_counts(self) -> TopicQuerySet:
        """Lines, active facts, open conflicts and sources per topic, one subquery each: joining the
        three relations at once multiplies rows (as notes.selectors.topic_search found)."""
        return self.annotate(
            n_lines=Coalesce(_count_per_topic(SourceLine.objects.all()), 0),
            n_facts=Coalesce(_count_per_topic(Fact.objects.filter(is_active=True, taught=True)), 0),
            n_conflicts=Coalesce(_count_per_topic(Conflict.objects.filter(resolved=False)), 0),
            n_sources=Coalesce(_count_per_topic(SourceLine.objects.all(), "source"), 0),
        )


def _count_per_topic(queryset: models.QuerySet, column: str = "pk") -> models.Subquery:
    counted = queryset.filter(topic=models.OuterRef("pk")).order_by().values("topic")
    return models.Subquery(counted.annotate(n=models.Count(column, distinct=True)).values("n")[:1])


class Topic(models.Model):
    """One topic page, usually one AWS service, merged across every source."""

    slug = models.SlugField(max_length=100, unique=True)
    title = models.CharField(max_length=200)
    aliases = models.JSONField(default=list, blank=True)
    order = models.PositiveIntegerField(default=100)
    introduction = models.TextField(blank=True, help_text="Markdown, shown above the merged notes.")
    search_text = models.TextField(blank=True, editable=False, help_text="Title and aliases, lower-cased.")

    objects = TopicQuerySet.as_manager()

    class Meta:
        ordering = ["order", "title"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        if self.aliases is None:
            self.aliases = []
        aliases = self.aliases if isinstance(self.aliases, list) else []
        self.search_text = " | ".join([self.title, *map(str, aliases)]).lower()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("notes:topic-detail", args=[self.slug])

    def clean(self) -> None:
        if self.aliases in (None, ""):  # the admin's empty aliases box
            self.aliases = []
        if not isinstance(self.aliases, list) or not all(isinstance(a, str) for a in self.aliases):
            raise ValidationError(
                {"aliases": 'A JSON list of other names, e.g. ["SQS", "Simple Queue Service"].'}
            )


class SourceLine(models.Model):
    """A kept (non-noise) line of a source, with its place in the outline and its topic."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="lines")
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="lines")
    number = models.PositiveIntegerField()
    position = models.PositiveIntegerField(default=0)
    depth = models.PositiveSmallIntegerField(default=0)
    is_heading = models.BooleanField(default=False)
    text = models.TextField()
    raw = models.TextField(blank=True)

    class Meta:
        ordering = ["source__name", "position"]
        constraints = [models.UniqueConstraint(fields=["source", "position"], name="uniq_line_position")]
        indexes = [models.Index(fields=["topic", "source", "position"])]

    def __str__(self) -> str:
        return f"{self.source.name}:{self.number}"


class FactQuerySet(models.QuerySet):
    def active(self) -> FactQuerySet:
        """Facts still stated and taught (the question bank is built from these)."""
        return self.filter(is_active=True, taught=True)

    def untaught_notes(self) -> FactQuerySet:
        """Numbers the reader was not sure of: shown on the topic page, never taught."""
        return self.filter(is_active=True, taught=False)


class Fact(models.Model):
    """A claim about (subject, attribute). Its ``key`` is stable across re-ingests."""

    class Kind(models.TextChoices):
        LIMIT = "limit", "Limit"
        INVOCATION = "invocation", "Invocation model"
        CONSISTENCY = "consistency", "Consistency / delivery"
        CONCEPT = "concept", "Concept"

    key = models.CharField(max_length=40, unique=True)
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="facts")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    subject = models.CharField(max_length=200)
    attribute = models.CharField(max_length=200)
    value = models.CharField(max_length=500)
    unit = models.CharField(max_length=32, blank=True)
    magnitude = models.FloatField(null=True, blank=True)
    dimension = models.CharField(max_length=16, blank=True)
    text = models.TextField()
    qualifier = models.CharField(
        max_length=16,
        blank=True,
        help_text='Limits: "maximum", "minimum", "default", "typical", "unsure" (a note) or blank (a plain value).',
    )
    evidence = models.TextField(
        blank=True,
        help_text="The heading and parent lines that named the subject, outermost first, one a line.",
    )
    taught = models.BooleanField(
        default=True,
        help_text="False for a number the reader was not sure of: a note on the topic page, no item.",
    )
    is_active = models.BooleanField(default=True, help_text="False once no source states it any more.")
    previous_value = models.CharField(max_length=500, blank=True)
    previous_unit = models.CharField(max_length=32, blank=True)
    value_changed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = FactQuerySet.as_manager()

    class Meta:
        ordering = ["topic__order", "topic__title", "kind", "subject", "attribute"]
        indexes = [models.Index(fields=["topic", "kind"])]

    def __str__(self) -> str:
        return f"{self.subject} · {self.attribute}: {self.display_value}"

    @property
    def display_value(self) -> str:
        return f"{self.value} {self.unit}".strip()


class FactStatement(models.Model):
    """One source line stating a fact, with the value that line gives."""

    fact = models.ForeignKey(Fact, on_delete=models.CASCADE, related_name="statements")
    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="statements")
    line = models.PositiveIntegerField()
    text = models.TextField()
    value = models.CharField(max_length=500)
    unit = models.CharField(max_length=32, blank=True)
    magnitude = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["source__name", "line"]
        constraints = [models.UniqueConstraint(fields=["fact", "source", "line"], name="uniq_statement")]
        indexes = [models.Index(fields=["source", "fact"])]

    def __str__(self) -> str:
        return f"{self.source.name}:{self.line}"


class FactValue(models.Model):
    """How many files state each distinct value of a fact, kept up to date on every ingest so that
    deciding a fact's value and spotting a conflict never re-reads every statement."""

    fact = models.ForeignKey(Fact, on_delete=models.CASCADE, related_name="values")
    value_key = models.CharField(max_length=200)
    value = models.CharField(max_length=500)
    unit = models.CharField(max_length=32, blank=True)
    magnitude = models.FloatField(null=True, blank=True)
    files = models.PositiveIntegerField(default=0)
    first_file = models.CharField(max_length=255)
    first_line = models.PositiveIntegerField(default=0)
    first_text = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["fact", "value_key"], name="uniq_fact_value")]

    def __str__(self) -> str:
        return f"{self.value} {self.unit} ({self.files} files)".strip()


class Conflict(models.Model):
    """Sources disagree about one fact; ``sides`` lists each value with the lines stating it."""

    fact = models.OneToOneField(Fact, on_delete=models.CASCADE, related_name="conflict")
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="conflicts")
    sides = models.JSONField(default=list)  # [{"value", "unit", "sources": [{"file", "line", "text"}]}]
    resolved = models.BooleanField(default=False)
    resolved_value = models.CharField(max_length=500, blank=True)
    resolved_unit = models.CharField(max_length=32, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["topic__title", "fact__subject"]

    def __str__(self) -> str:
        return f"Conflict on {self.fact}"

    @property
    def summary(self) -> str:
        return " vs ".join(f"{s['value']} {s.get('unit', '')}".strip() for s in self.sides)


class IngestRun(models.Model):
    """Progress and outcome of one ingestion of uploaded files (admin upload -> Celery task)."""

    class Status(models.TextChoices):
        PENDING = "pending"
        RUNNING = "running"
        DONE = "done"
        FAILED = "failed"

    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    summary = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True, help_text="Why the run failed, when it did.")
    created_at = models.DateTimeField(auto_now_add=True)
    heartbeat_at = models.DateTimeField(
        null=True, blank=True, help_text="Last sign of life of the worker ingesting it (start, each file)."
    )
    resumes = models.PositiveSmallIntegerField(
        default=0, help_text="Times the run was handed to a new worker after its worker went silent."
    )
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Ingest #{self.pk} ({self.status})"


class IngestFile(models.Model):
    """One uploaded file waiting in (or done with) an ingest run."""

    run = models.ForeignKey(IngestRun, on_delete=models.CASCADE, related_name="files")
    name = models.CharField(max_length=255)
    data = models.BinaryField()
    done = models.BooleanField(default=False)
    summary = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name
