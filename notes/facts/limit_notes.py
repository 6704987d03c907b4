"""The notes a limit reading leaves on the topic page: an unsure number quoted with its line, and
the checks that turn a reading into one (a value the line denies, the values either side of "or").
"""

from __future__ import annotations

import re

from notes.facts.context import _Ctx
from notes.facts.quantities import _scan_quantities
from notes.outline import FactDraft

_I = re.IGNORECASE


def evidence(ctx: _Ctx) -> tuple[str, ...]:
    """The heading, the title line and the parent lines above the line: what named its subject."""
    return tuple(dict.fromkeys(t for t in (*ctx.named_by, *ctx.line.path) if t))


def note_of(ctx: _Ctx, sub: str, written: str, unit: str, guess: str) -> FactDraft:
    return FactDraft(
        kind="limit",
        topic=ctx.topic,
        subject=ctx.subject,
        attribute=f"note: {' '.join(sub.split())[:150]}",
        value=f"{written} {unit}".strip(),
        text=ctx.line.text,
        lines=(ctx.line.number,),
        qualifier="unsure",
        evidence=evidence(ctx) + ((f"read as: {guess}",) if guess else ()),
        note=True,
    )


def without_alternatives(facts: list[FactDraft], text: str, ctx: _Ctx) -> list[FactDraft]:
    """ "10 s or 30 s, default 30 s": the values either side of "or" are choices; a plain reading of
    either is a note (the default keeps its own fact)."""
    found = _scan_quantities(text)
    either = {
        (q.high, q.dimension)
        for a, b in zip(found, found[1:], strict=False)
        if re.fullmatch(r"\s*,?\s*or\s*", text[a.end : b.start])
        for q in (a, b)
    }
    return [
        note_of(ctx, f.text, f.value, f.unit, f.attribute)
        if not f.note and not f.qualifier and (f.magnitude, f.dimension) in either
        else f
        for f in facts
    ]


_DENIAL_RE = re.compile(r"\b(?:not|never|isn't|is\s+not|aren't|nor)\s*$", _I)


def without_denied(facts: list[FactDraft], text: str, ctx: _Ctx) -> list[FactDraft]:
    """ "Up to one year. Not 30 days: 30 days is the free trial": a value the line denies is a trap,
    wherever else in the line it stands; it is a note, never taught."""
    denied = {(q.high, q.dimension) for q in _scan_quantities(text) if _DENIAL_RE.search(text[: q.start])}
    if not denied:
        return facts
    return [
        note_of(ctx, f.text, f.value, f.unit, f.attribute)
        if not f.note and (f.magnitude, f.dimension) in denied
        else f
        for f in facts
    ]
