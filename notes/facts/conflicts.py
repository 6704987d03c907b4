"""Cross-source conflicts: facts with one key whose sources disagree about the value.

Owns :class:`ConflictDraft`, :class:`ConflictSide` and :class:`ConflictSource`, value
normalisation, which facts are comparable at all (:data:`COMPARABLE_CONCEPTS`,
:func:`is_comparable`: a partial list is not a contradiction) and :func:`find_conflicts`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from notes.facts.statements import _COMPARABLE_STATEMENT_ATTRIBUTES
from notes.outline import FactDraft
from notes.units import same_magnitude

# Concept attributes whose values come from a closed vocabulary, so differing values are conflicts.
COMPARABLE_CONCEPTS = _COMPARABLE_STATEMENT_ATTRIBUTES | frozenset({"runtimes"})


@dataclass(frozen=True, slots=True)
class ConflictSource:
    """Where one side of a conflict is stated."""

    source: str  # source (file) name
    lines: tuple[int, ...]
    text: str


@dataclass(frozen=True, slots=True)
class ConflictSide:
    """One of the disagreeing values, with every source that states it."""

    value: str
    unit: str
    magnitude: float | None
    sources: tuple[ConflictSource, ...]


@dataclass(frozen=True, slots=True)
class ConflictDraft:
    """Sources disagree about one fact key (topic, subject, attribute)."""

    kind: str
    topic: str
    subject: str
    attribute: str
    sides: tuple[ConflictSide, ...]  # at least two, ordered by first (source, line)


def _normalised_value(fact: FactDraft) -> str:
    value = re.sub(r"\s+", " ", fact.value.strip().lower())
    if ", " in value:
        value = ", ".join(sorted(value.split(", ")))
    return value


def is_comparable(*, kind: str, attribute: str) -> bool:
    """Whether two different values of this fact contradict each other (a partial list does not)."""
    if kind == "concept":
        # An HTTP code's meaning is now the note's own words: two wordings are no contradiction.
        return attribute in COMPARABLE_CONCEPTS
    return True


def _comparable(fact: FactDraft) -> bool:
    # A note (a number the reader is not sure of) is never taught, so it never disagrees.
    return not fact.note and is_comparable(kind=fact.kind, attribute=fact.attribute)


def find_conflicts(facts: Iterable[tuple[str, FactDraft]]) -> list[ConflictDraft]:
    """Facts with one key but different normalised values, across (and within) sources.

    Limits with a magnitude compare by magnitude (tolerant to float error: 15 min == 900 s,
    10 GB == 10240 MB); a qualitative limit ("thousands per second") and every other kind compare
    by normalised value string (case, spacing and list order ignored).  Enumerations and free-text
    concept values are never conflicts.
    """
    groups: dict[tuple[str, str, str], list[tuple[str, FactDraft]]] = {}
    for source, fact in facts:
        if not _comparable(fact):
            continue
        groups.setdefault((fact.topic, fact.subject, fact.attribute), []).append((source, fact))
    conflicts: list[ConflictDraft] = []
    for (topic, subject, attribute), members in groups.items():
        sides: list[tuple[FactDraft, list[tuple[str, FactDraft]]]] = []
        for source, fact in sorted(members, key=lambda m: (m[0], m[1].lines)):
            for representative, stated in sides:
                if _same_value(representative, fact):
                    stated.append((source, fact))
                    break
            else:
                sides.append((fact, [(source, fact)]))
        if len(sides) < 2:
            continue
        conflicts.append(
            ConflictDraft(
                kind=sides[0][0].kind,
                topic=topic,
                subject=subject,
                attribute=attribute,
                sides=tuple(
                    ConflictSide(
                        value=rep.value,
                        unit=rep.unit,
                        magnitude=rep.magnitude,
                        sources=tuple(ConflictSource(src, f.lines, f.text) for src, f in stated),
                    )
                    for rep, stated in sides
                ),
            )
        )
    return sorted(conflicts, key=lambda c: (c.topic, c.subject, c.attribute))


def _same_value(a: FactDraft, b: FactDraft) -> bool:
    if a.magnitude is not None and b.magnitude is not None:
        return a.dimension == b.dimension and same_magnitude(a.magnitude, b.magnitude)
    return _normalised_value(a) == _normalised_value(b)
