"""Concept facts from a few general verb frames: what a thing used to be called, how it is billed,
what backs it, what you query it with, what it succeeded.

Each frame is a phrase of plain English with one slot ("formerly known as <name>", "is billed
<monthly>", "is backed by <store>", "you query it with <language>", "the successor to <name>") and
names the attribute it states (``former name``, ``billing``, ``backing store``, ``query language``,
``predecessor``). No frame names a service. The fact is about the line's subject, or about the part of
it the clause opens with ("AutoStop is billed by the hour" under WorkSpaces: "WorkSpaces AutoStop");
a clause whose opening names another catalogue service, or a slot that holds a number, a list or a
long phrase, gives nothing: a frame is only taught when it is plain.
"""

from __future__ import annotations

import re

from notes.facts.concepts import _concept
from notes.facts.consistency import _variant
from notes.facts.context import _Ctx, _subject_in
from notes.outline import FactDraft

_I = re.IGNORECASE
_NAME = r"(?P<v>[A-Za-z][\w&.+'’-]*(?:\s+[A-Za-z0-9][\w&.+'’-]*){0,4}?)"
_END = r"(?=\s*(?:[(),.;:]|\s-\s|\s–\s|\band\b|\bwith\b|\bso\b|$))"
_BILLING = {
    "by the second": "per second",
    "by the minute": "per minute",
    "by the hour": "hourly",
    "by the month": "monthly",
    "per hour": "hourly",
    "per month": "monthly",
}
_FRAMES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "former name",
        re.compile(
            r"\b(?:formerly|previously)\s+(?:known\s+as\s+|called\s+|named\s+)?(?:the\s+)?" + _NAME + _END, _I
        ),
    ),
    (
        "former name",
        re.compile(
            r"\b(?:used\s+to\s+be|was\s+once|was\s+previously)\s+(?:called|named|known\s+as)\s+(?:the\s+)?"
            + _NAME
            + _END,
            _I,
        ),
    ),
    ("former name", re.compile(r"\bthe\s+old\s+name\s+(?:is|was)\s+" + _NAME + _END, _I)),
    (
        "billing",
        re.compile(
            r"\b(?:is|are)\s+(?:billed|charged|priced)\s+(?P<v>monthly|hourly|per\s+second|per\s+minute|"
            r"per\s+hour|per\s+month|by\s+the\s+(?:second|minute|hour|month))\b",
            _I,
        ),
    ),
    ("backing store", re.compile(r"\b(?:is|are)\s+backed\s+by\s+(?:an?\s+|the\s+)?" + _NAME + _END, _I)),
    (
        "query language",
        re.compile(
            r"\b(?:you\s+)?quer(?:y|ies)\s+(?:it|them|the\s+data)?\s*(?:with|in|using)\s+(?P<v>[A-Z][\w+-]*)\b"
        ),
    ),
    ("query language", re.compile(r"\bqueries\s+are\s+(?:written\s+in\s+)?(?P<v>[A-Z][\w+-]*)\b")),
    ("predecessor", re.compile(r"\b(?:the\s+)?successor\s+(?:to|of)\s+(?:the\s+)?" + _NAME + _END, _I)),
)
_OPENING_RE = re.compile(r"(?P<np>[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*){0,2})\s*$")
_PRONOUNS = frozenset({"it", "this", "that", "they", "the service", "which", "its", "you", ""})


def frame_facts(ctx: _Ctx, clause: str) -> list[FactDraft]:
    """The frames one clause states, as concept facts of the line's subject or of the part the
    clause opens with."""
    facts: list[FactDraft] = []
    for attribute, pattern in _FRAMES:
        match = pattern.search(clause)
        if match is None or any(f.attribute == attribute for f in facts):
            continue
        value = match.group("v").strip().rstrip(".")
        if not value or re.search(r"(?<![A-Za-z])\d|,", value) or len(value.split()) > 5:
            continue
        subject = _subject_of(ctx, _opening(ctx.line.text, clause, match.start()))
        if subject is None:
            continue
        value = _BILLING.get(" ".join(value.lower().split()), value)
        facts.append(_concept(ctx, subject, attribute, value))
    return facts


def _opening(line: str, clause: str, start: int) -> str:
    """The words the frame's clause opens with; for a frame in brackets ("controls (the old name was
    guardrails)") the words before the bracket; for an appositive after a comma ("Video transcoding,
    the successor to X") nothing: it is said of the line's subject."""
    at = line.find(clause)
    head = (line[:at] if at >= 0 else "").rstrip()
    before = clause[:start]
    if head.endswith("(") and not before.strip():
        return re.split(r"[,;:.]\s", head[:-1])[-1]
    if before.rstrip().endswith(","):
        return ""
    return before


def _subject_of(ctx: _Ctx, before: str) -> str | None:
    """The line's subject, or that subject narrowed to the short noun phrase the clause opens with
    ("AutoStop" -> "WorkSpaces AutoStop"); None when the opening is long or names another service."""
    before = re.sub(r"\(.*?\)|\s+", " ", before).strip(" ,;:-(")
    words = before.split()
    if before.lower() in _PRONOUNS or (words and words[-1].lower() in {"it", "which", "that"}):
        return ctx.subject
    if len(words) > 3 or not _OPENING_RE.fullmatch(before):
        return None
    named = _subject_in(before)
    if named is not None:
        return ctx.subject if named.lower() in ctx.subject.lower() else None
    opening = _variant(re.sub(r"^(?:the|a|an)\s+", "", before, flags=_I))
    said = ctx.subject.lower()
    if opening.lower() == said or said.endswith(" " + opening.lower()):
        return ctx.subject
    return f"{ctx.subject} {opening}"  # "controls" under Control Tower: the Control Tower control
