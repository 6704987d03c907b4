"""Lexicon-driven fact extraction from topic sections, and cross-source conflict detection.

Precision beats recall here: flashcards and exam questions are generated from these facts, so a
number the lexicon cannot name is skipped rather than given a made-up attribute.

Four kinds of fact are extracted (see :data:`notes.outline.FACT_KINDS`):

* ``limit`` - a number with a unit or a counted noun, read by the general grammar of
  :mod:`notes.facts.limits` (no rule names a service, a subject or an attribute): its qualifier
  (maximum, minimum, default, typical or plain) from the words next to it, its attribute from the
  words around it and its parents, its subject from the heading path, title line and parent bullets.
  A range is a minimum and a maximum (a trivial minimum, 0 - or 1 for counts - is dropped). A number
  the reader is not sure of is a *note* (``FactDraft.note``): shown on the topic page, never taught,
  never a conflict. Each limit keeps its ``qualifier`` and ``evidence`` (heading and parent lines).
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
