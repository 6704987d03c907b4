"""Generation of study items from the active facts, updating items in place by their stable key.

Rules (see docs/export-schema.md for the item fields):

* a new item is ``published``, or ``draft`` when any source stating one of its facts has
  ``review_before_publish``;
* the status of an existing item is never changed by regeneration (an instructor's draft, publish or
  retire stays), except that a generated item the generator no longer produces (its facts are
  inactive, or it no longer passes the quality rules) is ``retired``, never deleted: learners'
  reviews hang off it. A retired item is not revived automatically; an instructor republishes it;
* when a fact's value changed since the item was last updated (``Fact.value_changed_at``), the item
  records ``changed_from``/``changed_to``/``changed_at`` and an :class:`~quizzes.models.ItemChange`,
  and every learner holding a card of it is told (:func:`quizzes.bank.services.changes.cards_flag_changed`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from notes.models import Fact, FactStatement, SourceLine, Topic
from quizzes.bank.generation import FactIn, ItemDraft, generate_drafts
from quizzes.bank.generation.inputs import OutlineRow, StatementRow, fact_input, line_map
from quizzes.bank.generation.wording import value_text
from quizzes.bank.services.changes import cards_flag_changed
from quizzes.models import Item, ItemChange

CONTENT_FIELDS = (
    "topic_id",
    "kind",
    "type",
    "front",
    "back",
    "stem",
    "choices",
    "choose",
    "explanation",
    "sources",
    "sibling_group",
)


@dataclass
class GenerationResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    retired: int = 0
    restored: int = 0  # items retired by generation whose facts came back
    changed: int = 0  # items whose taught value changed
    notified: int = 0  # learners' cards flagged because of those changes

    def __str__(self) -> str:
        return (
            f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged, "
            f"{self.retired} retired, {self.changed} changed ({self.notified} learner cards flagged)"
            + (f", {self.restored} restored" if self.restored else "")
        )


def source_lines(*, source_ids: set[int]) -> dict[tuple[str, int], tuple[str, tuple[str, ...]]]:
    """(file, line) -> (the line's own text, the outline above it) for the given sources."""
    rows: dict[str, list[OutlineRow]] = defaultdict(list)
    for name, number, depth, is_heading, text in (
        SourceLine.objects.filter(source_id__in=source_ids)
        .order_by("source_id", "position")
        .values_list("source__name", "number", "depth", "is_heading", "text")
    ):
        rows[name].append(OutlineRow(number, depth, is_heading, text))
    found: dict[tuple[str, int], tuple[str, tuple[str, ...]]] = {}
    for name, lines in rows.items():
        found.update(line_map(name, lines))
    return found


def fact_inputs(*, facts: list[Fact]) -> list[FactIn]:
    """Read-only copies of facts (with statements, sources and conflict) for the pure generator."""
    statements = {fact.pk: list(fact.statements.all()) for fact in facts}
    lines = source_lines(source_ids={st.source_id for sts in statements.values() for st in sts})
    result = []
    for fact in facts:
        conflict = getattr(fact, "conflict", None)
        sides = conflict.sides if conflict is not None and not conflict.resolved else []
        result.append(
            fact_input(
                key=fact.key,
                topic=fact.topic.slug,
                kind=fact.kind,
                subject=fact.subject,
                attribute=fact.attribute,
                value=fact.value,
                unit=fact.unit,
                magnitude=fact.magnitude,
                dimension=fact.dimension,
                text=fact.text,
                qualifier=str(getattr(fact, "qualifier", "") or ""),
                statements=[
                    StatementRow(st.source.name, st.line, st.value, st.text) for st in statements[fact.pk]
                ],
                lines=lines,
                conflict=sides,
                previous_value=fact.previous_value,
                previous_unit=fact.previous_unit,
            )
        )
    return result


def _active_facts() -> list[Fact]:
    statements = FactStatement.objects.select_related("source").order_by("source__name", "line")
    return list(
        Fact.objects.active()
        .select_related("topic", "conflict")
        .prefetch_related(Prefetch("statements", queryset=statements))
        .order_by("key")
    )


def _content(draft: ItemDraft, topics: dict[str, Topic]) -> dict[str, object]:
    return {
        "topic_id": topics[draft.topic].pk,
        "kind": draft.kind,
        "type": draft.type,
        "front": draft.front,
        "back": draft.back,
        "stem": draft.stem,
        "choices": [
            {
                "text": c.text,
                "correct": c.correct,
                **({"explanation": c.explanation} if c.explanation else {}),
            }
            for c in draft.choices
        ],
        "choose": draft.choose,
        "explanation": draft.explanation,
        "sources": [{"file": s.file, "line": s.line} for s in draft.sources],
        "sibling_group": draft.sibling_group,
    }


def _previous_text(facts: list[Fact]) -> str:
    return " / ".join(
        value_text(f.previous_value, f.previous_unit) if f.kind == "limit" else f.previous_value
        for f in facts
    )


# What an instructor's edit of a generated item owns (the rest still follows the facts).
INSTRUCTOR_WORDING = frozenset({"front", "back", "stem", "choices", "choose", "explanation"})


@transaction.atomic
def items_generate(*, now: datetime | None = None) -> GenerationResult:
    """Create, update and retire generated items so they match the active facts. Safe to run twice."""
    now = now or timezone.now()
    facts = _active_facts()
    by_key = {f.key: f for f in facts}
    topics = {f.topic.slug: f.topic for f in facts}
    drafts = generate_drafts(fact_inputs(facts=facts))
    existing = {
        i.key: i for i in Item.objects.filter(key__in=[d.key for d in drafts]).prefetch_related("facts")
    }
    result = GenerationResult()
    changed_ids: list[int] = []
    for draft in drafts:
        anchors = [by_key[k] for k in draft.fact_keys]
        content = _content(draft, topics)
        item = existing.get(draft.key)
        review = any(st.source.review_before_publish for f in anchors for st in f.statements.all())
        if item is None:
            item = Item.objects.create(
                key=draft.key,
                origin=Item.Origin.GENERATED,
                status=Item.Status.DRAFT if review else Item.Status.PUBLISHED,
                **content,
            )
            item.facts.set(anchors)
            result.created += 1
            continue
        seen_at = max(item.updated_at, item.changed_at or item.updated_at)
        moved = [
            f for f in anchors if f.previous_value and f.value_changed_at and f.value_changed_at > seen_at
        ]
        if item.edited_at is not None:
            # An instructor owns this wording: keep it, but only what is not wording follows the facts.
            content = {k: v for k, v in content.items() if k not in INSTRUCTOR_WORDING}
        dirty = any(getattr(item, name) != value for name, value in content.items())
        if item.status == Item.Status.RETIRED and item.retired_by_generation:
            # Its facts are back in the notes: so is the item (to review first where the source asks,
            # or where an instructor's wording may no longer fit).
            held = review or item.edited_at is not None
            item.status = Item.Status.DRAFT if held else Item.Status.PUBLISHED
            item.retired_by_generation = False
            result.restored += 1
            dirty = True
        if moved:
            item.changed_from = _previous_text(moved)[:500]
            item.changed_to = draft.teaches[:500]
            item.changed_at = now
            ItemChange.objects.create(item=item, old_value=item.changed_from, new_value=item.changed_to)
            changed_ids.append(item.pk)
            result.changed += 1
            if item.edited_at is not None and item.status == Item.Status.PUBLISHED:
                # The hand-edited wording teaches the old value: hide it until the instructor reviews it.
                item.status = Item.Status.DRAFT
        if dirty or moved:
            for name, value in content.items():
                setattr(item, name, value)
            item.save()
            result.updated += 1
        else:
            result.unchanged += 1
        if {f.pk for f in item.facts.all()} != {f.pk for f in anchors}:
            item.facts.set(anchors)
    result.retired = (
        Item.objects.filter(origin=Item.Origin.GENERATED)
        .exclude(status=Item.Status.RETIRED)
        .exclude(key__in=[d.key for d in drafts])
        .update(status=Item.Status.RETIRED, retired_by_generation=True, updated_at=now)
    )
    result.notified = cards_flag_changed(item_ids=changed_ids, now=now)
    return result
