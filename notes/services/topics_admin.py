"""Instructors' writes on sources, topics and conflicts from the admin: re-ingesting a source,
merging two topics that ingestion split, and resolving a conflict between sources."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction

from notes.models import Conflict, Fact, IngestRun, Source, SourceLine, Topic
from notes.services.ingest import refresh_facts
from notes.services.uploads import ingest_run_create
from notes.signals import Dependents, facts_changed_send, topic_merging_send
from notes.units import format_quantity, parse_quantity, to_base


class TopicMergeError(ValueError):
    """The two topics cannot be merged; the message is meant for the instructor."""


@dataclass
class MergeResult:
    lines: int = 0
    facts: int = 0
    conflicts: int = 0
    dependents: list[Dependents] = field(default_factory=list)  # what receivers of topic_merging moved

    def describe(self) -> str:
        """ "12 lines, 4 facts, 6 items, 1 conflicts" """
        counts = [f"{self.lines} lines", f"{self.facts} facts"]
        counts += [f"{d.count} {d.what}" for d in self.dependents]
        return ", ".join([*counts, f"{self.conflicts} conflicts"])


def source_reingest(*, source_ids: Iterable[int]) -> IngestRun | None:
    """Ingest the stored copy of each source again (after a parser change, say) as one IngestRun.
    Sources ingested before copies were kept are skipped; ``None`` when nothing is left to do."""
    sources = [s for s in Source.objects.filter(pk__in=list(source_ids)) if s.content]
    if not sources:
        return None
    with transaction.atomic():
        # An unchanged SHA-256 makes ingestion skip the file; clearing it forces the re-parse.
        Source.objects.filter(pk__in=[s.pk for s in sources]).update(sha256="")
        return ingest_run_create(files=[(s.name, bytes(s.content)) for s in sources])


@transaction.atomic
def topic_merge(*, source_id: int, target_id: int) -> MergeResult:
    """Move every line, fact and conflict of the source topic to the target (and, through the
    ``topic_merging`` signal, whatever other apps keep on it: study items), keep the source's slug,
    title and aliases as aliases of the target (so a later ingest files the same heading under the
    target), then delete the source topic."""
    if source_id == target_id:
        raise TopicMergeError("Pick two different topics.")
    topics = {t.pk: t for t in Topic.objects.select_for_update().filter(pk__in=[source_id, target_id])}
    if len(topics) != 2:
        raise TopicMergeError("One of the topics no longer exists.")
    source, target = topics[source_id], topics[target_id]
    result = MergeResult(
        lines=SourceLine.objects.filter(topic=source).update(topic=target),
        facts=Fact.objects.filter(topic=source).update(topic=target),
        dependents=topic_merging_send(source_id=source.pk, target_id=target.pk),
        conflicts=Conflict.objects.filter(topic=source).update(topic=target),
    )
    aliases = [*target.aliases]
    for alias in (source.slug, source.title.lower(), *source.aliases):
        if alias and alias not in aliases and alias != target.slug:
            aliases.append(alias)
    target.aliases = aliases
    if not target.introduction.strip() and source.introduction.strip():
        target.introduction = source.introduction
    target.save()
    source.delete()
    return result


@dataclass
class ConflictResolution:
    conflict: Conflict
    value_changed: bool
    dependents: list[Dependents]  # what receivers of facts_changed rebuilt

    def describe_dependents(self) -> str:
        """ "3 items regenerated" (empty when nothing listens)"""
        return ", ".join(f"{d.count} {d.what} regenerated" for d in self.dependents)


def conflict_value_normalise(*, fact: Fact, value: str, unit: str = "") -> tuple[str, str]:
    """An instructor's value for a fact, in the display form ingestion uses ("300 s" -> "5 min");
    raises ``ValueError`` (a message for the instructor) when a limit's value is not a quantity of the
    fact's dimension."""
    value, unit = " ".join(value.split()), unit.strip()
    if not value:
        raise ValueError("Write the right value.")
    if not fact.dimension:
        return value, unit
    if not unit and " " in value:
        value, unit = value.split(" ", 1)
    quantity = parse_quantity(value, unit)
    try:
        magnitude, dimension = to_base(quantity) if quantity is not None else (None, "")
    except ValueError:
        magnitude, dimension = None, ""
    if magnitude is None or dimension != fact.dimension:
        raise ValueError(f"“{value} {unit}”".replace(" ”", "”") + f" is not a {fact.dimension} value.")
    return format_quantity(magnitude, dimension)


@transaction.atomic
def conflict_resolve(*, conflict_id: int, value: str, unit: str = "") -> ConflictResolution:
    """Settle a conflict on ``value``/``unit`` (one side's or the instructor's own): the fact takes that
    value, and what is built from facts is rebuilt through ``facts_changed`` (the study items, whose
    learners are told of a change)."""
    conflict = Conflict.objects.select_for_update().select_related("fact").get(pk=conflict_id)
    if not any((side.get("value"), side.get("unit", "")) == (value, unit) for side in conflict.sides):
        value, unit = conflict_value_normalise(fact=conflict.fact, value=value, unit=unit)
    conflict.resolved = True
    conflict.resolved_value = value
    conflict.resolved_unit = unit
    conflict.save(update_fields=["resolved", "resolved_value", "resolved_unit", "updated_at"])
    changed = refresh_facts(fact_ids=[conflict.fact_id])
    dependents = facts_changed_send()
    conflict.refresh_from_db()
    return ConflictResolution(
        conflict=conflict, value_changed=conflict.fact_id in changed, dependents=dependents
    )
