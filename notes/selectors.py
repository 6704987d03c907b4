"""Reads of the notes app: topic lists, topic pages, the course overview."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce

from notes.merging import OutlineLine, Section, merge_outline
from notes.models import Conflict, Fact, FactStatement, Source, SourceLine, Topic


def _count(queryset: QuerySet, column: str = "pk") -> Subquery:
    """A per-topic count as a subquery: joining lines, facts and conflicts at once multiplies rows
    (the corpus' topic list took 41 s that way)."""
    counted = queryset.filter(topic=OuterRef("pk")).order_by().values("topic")
    return Subquery(counted.annotate(n=Count(column, distinct=True)).values("n")[:1])


def topic_search(*, query: str = "") -> QuerySet[Topic]:
    topics = Topic.objects.filter(Exists(SourceLine.objects.filter(topic=OuterRef("pk")))).annotate(
        n_lines=Coalesce(_count(SourceLine.objects.all()), 0),
        n_facts=Coalesce(_count(Fact.objects.active()), 0),
        n_conflicts=Coalesce(_count(Conflict.objects.filter(resolved=False)), 0),
        n_sources=Coalesce(_count(SourceLine.objects.all(), "source"), 0),
    )
    query = " ".join(query.split()).lower()
    if query:
        topics = topics.filter(search_text__contains=query)
    return topics.order_by("order", "title")


OPEN_AT_MOST_LINES = 60  # topics this short fit on a screen or two: no folding


@dataclass
class TopicPage:
    topic: Topic
    sections: list[Section]  # the merged outline, in reading order
    furniture: list[Section]  # page furniture and exercises, folded away at the end
    open_sections: bool  # a short topic is shown unfolded
    limits: list[Fact]
    invocation: list[Fact]
    consistency: list[Fact]
    concepts: list[Fact]
    conflicts: list[Conflict]
    notes: list[Fact]  # numbers the reader was not sure of: shown, never taught


def topic_page(*, slug: str) -> TopicPage:
    topic = Topic.objects.get(slug=slug)
    sections = merge_outline(
        (
            OutlineLine(source=name, number=number, depth=depth, text=text, is_heading=is_heading)
            for name, number, depth, text, is_heading in SourceLine.objects.filter(topic=topic)
            .order_by("source__name", "position")
            .values_list("source__name", "number", "depth", "text", "is_heading")
        ),
        topic_names=[topic.title, topic.slug],
    )
    facts = list(
        Fact.objects.active()
        .filter(topic=topic)
        .select_related("conflict")
        .prefetch_related(
            Prefetch(
                "statements",
                queryset=FactStatement.objects.select_related("source").order_by("source__name", "line"),
            )
        )
        .order_by("subject", "attribute")
    )
    by_kind: dict[str, list[Fact]] = {kind: [] for kind, _ in Fact.Kind.choices}
    for fact in facts:
        by_kind[fact.kind].append(fact)
    conflicts = list(Conflict.objects.filter(topic=topic, fact__is_active=True).select_related("fact"))
    return TopicPage(
        topic=topic,
        sections=[s for s in sections if not s.folded],
        furniture=[s for s in sections if s.folded],
        open_sections=sum(s.line_count for s in sections) <= OPEN_AT_MOST_LINES,
        limits=by_kind["limit"],
        invocation=by_kind["invocation"],
        consistency=by_kind["consistency"],
        concepts=by_kind["concept"],
        conflicts=conflicts,
        notes=list(
            Fact.objects.untaught_notes()
            .filter(topic=topic)
            .prefetch_related(
                Prefetch(
                    "statements",
                    queryset=FactStatement.objects.select_related("source").order_by("source__name", "line"),
                )
            )
            .order_by("subject", "attribute")
        ),
    )


def course_overview() -> dict[str, int]:
    return {
        "topics": Topic.objects.filter(lines__isnull=False).distinct().count(),
        "facts": Fact.objects.active().count(),
        "sources": Source.objects.count(),
        "conflicts": Conflict.objects.filter(resolved=False, fact__is_active=True).count(),
    }
