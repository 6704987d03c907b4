"""The general grammar of modes: facts read from the shape of a line, for any subject, where the
lexicon of ``statements`` (written for the services seen so far) says nothing. (Limits are read by
the general grammar of :mod:`notes.facts.limits`.)

It reads only shapes that state one thing plainly, so a lecture on a service no lexicon names still
gives facts, and a line it cannot read for sure gives none (a gap is better than a wrong key):

* a delivery, consistency or ordering mode named by a closed vocabulary (``at least once``,
  ``strongly consistent``, ``no ordering guarantee``), when the clause names exactly one mode, no
  other subject and no negation or contrast.

The subject is the line's scope subject (the section's topic for a service no lexicon knows).
"""

from __future__ import annotations

import re

from notes.facts.context import _Ctx, _subject_in
from notes.outline import FactDraft

_I = re.IGNORECASE

# --- delivery, consistency and ordering modes ----------------------------------------------------

# attribute -> (pattern, value); the values are the generator's families (quizzes CONSISTENCY_FAMILIES).
_MODE_PHRASES: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("delivery guarantee", re.compile(r"\bat[\s-]+least[\s-]+once\b", _I), "at-least-once"),
    ("delivery guarantee", re.compile(r"\bexactly[\s-]+once\b", _I), "exactly-once"),
    ("delivery guarantee", re.compile(r"\bat[\s-]+most[\s-]+once\b", _I), "at-most-once"),
    ("read consistency", re.compile(r"\bstrong(?:ly)?[\s-]+consisten(?:t|cy)\b", _I), "strongly consistent"),
    (
        "read consistency",
        re.compile(r"\beventual(?:ly)?[\s-]+consisten(?:t|cy)\b", _I),
        "eventually consistent",
    ),
    (
        "ordering",
        re.compile(
            r"\bno\s+ordering\s+guarantee|\bbest[\s-]+effort\s+order|\b(?:out\s+of|any)\s+order\b|"
            r"\border(?:ing)?\s+is\s+not\s+guaranteed",
            _I,
        ),
        "best-effort",
    ),
    (
        "ordering",
        re.compile(
            r"\b(?:strict(?:ly)?\s+)?(?:FIFO\s+)?order(?:ing)?\s+(?:is\s+)?(?:preserved|guaranteed)\b|"
            r"\bin\s+(?:the\s+)?(?:same\s+)?order\s+(?:they\s+were\s+)?(?:sent|written|received)\b|"
            r"\bFIFO\s+order(?:ing)?\b",
            _I,
        ),
        "ordered",
    ),
)
# The mode must be what the clause predicates of its subject, nothing more: a label ("Delivery:"),
# a short subject and a verb that states it ("Messages are delivered", "EFS provides"), or nothing,
# before it; a head noun ("delivery", "reads") and "by default", or nothing, after it. "Strongly
# consistent reads cost twice as much", "supports strongly consistent reads" (an option, not the
# mode) and "ordering within a message group" (a qualified mode) are left to the topic page.
_MODE_BEFORE_RE = re.compile(
    r"^\s*(?:[A-Za-z][A-Za-z -]{0,30}:\s*"
    r"|(?:[A-Za-z][\w-]*\s+){1,4}(?:is|are)\s+(?:always\s+)?(?:delivered\s+|processed\s+)?"
    r"|(?:[A-Za-z][\w-]*\s+){1,4}(?:provides|gives|guarantees|uses|delivers)\s+)?$",
    _I,
)
_MODE_AFTER_RE = re.compile(
    r"^\s*(?:delivery|reads?|consistency|ordering|order|processing|semantics|guarantee)?\s*"
    r"(?:\(\s*default\s*\)|by\s+default)?\s*$",
    _I,
)
_NEGATION_RE = re.compile(
    r"\b(?:not|no|never|cannot|without|unlike|versus|vs|instead|rather|except)\b|n't\b", _I
)


def general_mode_facts(ctx: _Ctx, clause: str) -> list[FactDraft]:
    """The one mode a clause states plainly of the line's subject, or nothing."""
    found = [(attribute, pattern.search(clause), value) for attribute, pattern, value in _MODE_PHRASES]
    found = [(attribute, match, value) for attribute, match, value in found if match]
    if len(found) != 1:
        return []  # none, or two modes in one clause ("at-least-once, not exactly-once"): unclear
    attribute, match, value = found[0]
    before, after = clause[: match.start()], clause[match.end() :]
    if not (_MODE_BEFORE_RE.match(before) and _MODE_AFTER_RE.match(after)):
        return []
    if _NEGATION_RE.search(before + " " + after):
        return []
    other = _subject_in(clause)
    if other is not None and other != ctx.subject:
        return []  # the clause is about something else ("fan-out to SQS gives at-least-once")
    return [
        FactDraft(
            kind="consistency",
            topic=ctx.topic,
            subject=ctx.subject,
            attribute=attribute,
            value=value,
            text=ctx.line.text,
            lines=(ctx.line.number,),
        )
    ]
