"""Lexicon-driven fact extraction from topic sections, and cross-source conflict detection.

Precision beats recall here: flashcards and exam questions are generated from these facts, so a
number the lexicon cannot name is skipped rather than given a made-up attribute.

Four kinds of fact are extracted (see :data:`notes.outline.FACT_KINDS`):

* ``limit`` - a number with a unit.  Each quantity found in a line is named by the first
  :class:`LimitRule` whose keyword appears next to it (left of it, then right of it, then anywhere in
  the clause, then - for rules that allow it - in the outline path or the few lines above).  The
  rule gives the canonical attribute, so "Maximum execution time: 900 seconds" and "900s or 15mins
  function timeout" both become ``Lambda / maximum execution time``.  Ranges give a minimum and a
  maximum fact (a trivial minimum, 0 - or 1 for counts - is dropped).  An unqualified single value
  takes the rule's ``plain`` bound; "up to"/"max"/"no more than" make it a maximum, "default" a
  default.  Documented decisions: an unqualified retention ("1 year retention") and an unqualified
  /tmp size ("512MB storage available as /tmp") are *maximum* claims, so they conflict with sources
  that give a different maximum.
* ``invocation`` - how services invoke Lambda (from the outline path or inline lists), plus
  retry/DLQ/destination/batch behaviour.
* ``consistency`` - read consistency, delivery guarantees, duplicates and ordering.
* ``concept`` - enumerations (state types, endpoint types, ...) and short definitions, with values
  written by this lexicon (never the raw line) so that equal meanings compare equal.

:func:`find_conflicts` groups facts from all sources by ``(topic, subject, attribute)`` and reports
a :class:`ConflictDraft` when the normalised values disagree (limits by magnitude, with tolerance).
Enumerations and free-text definitions are never conflicts: a partial list is not a contradiction.
"""

from __future__ import annotations

from notes.facts.conflicts import (
    COMPARABLE_CONCEPTS,
    ConflictDraft,
    ConflictSide,
    ConflictSource,
    find_conflicts,
    is_comparable,
)
from notes.facts.enumerations import ENUMERATION_ATTRIBUTES
from notes.facts.limits import MAX_FACT_CLAUSE_CHARS as MAX_FACT_CLAUSE_CHARS
from notes.facts.reading import extract_facts
from notes.facts.statements import STATEMENTS as STATEMENTS
from notes.facts.statements import Statement as Statement

__all__ = [
    "COMPARABLE_CONCEPTS",
    "ConflictDraft",
    "is_comparable",
    "ConflictSide",
    "ConflictSource",
    "ENUMERATION_ATTRIBUTES",
    "extract_facts",
    "find_conflicts",
]
