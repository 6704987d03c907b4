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
* ``invocation`` - which services invoke a function service how (a list under a mode label, an
  inline list, a sentence in the invoker's own section), plus the behaviour of each mode (who waits,
  who retries, batches, destinations, DLQ), from a general vocabulary (``modes``).
* ``consistency`` - read consistency, replication, delivery guarantees, duplicates and ordering
  (``consistency``), attached to the subject the clause, its parent bullet or label is about.
* ``concept`` - enumerations ("Endpoint Types" over a list, "Two launch types -> EC2 and Fargate"),
  definitions ("Term: what it is") and named lists (HTTP codes, managed policies, runtimes)
  (``concepts``). Service names come from the catalogue data file, never from a rule.

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
from notes.facts.limit_rules import LIMIT_RULES as LIMIT_RULES
from notes.facts.limit_rules import LimitRule as LimitRule
from notes.facts.limits import MAX_FACT_CLAUSE_CHARS as MAX_FACT_CLAUSE_CHARS
from notes.facts.reading import extract_facts

__all__ = [
    "COMPARABLE_CONCEPTS",
    "ConflictDraft",
    "is_comparable",
    "ConflictSide",
    "ConflictSource",
    "extract_facts",
    "find_conflicts",
]
