"""Explanations and flashcard backs: the line that decides the answer, with the outline that gives it
its meaning, every source line cited (file:line), and never a word past the line cited.

    From the notes: “Synchronous invocations > Service invoked > Amazon Cognito” (lambda.md:14).

An unresolved conflict is shown as what it is: the sources disagree, each side with its lines, and
nothing pretends the course settled it.
"""

from __future__ import annotations

import re

from .types import FactIn, SourceRef
from .wording import sentence, singular, value_text

CONTEXT_LEVELS = 3  # outline levels quoted above a line (the nearest ones)
PART_CHARS = 90  # a heading or parent bullet is quoted up to this many characters
LINE_CHARS = 200  # a line longer than this is quoted by the sentences that state the value
QUOTED_LINES = 6  # lines quoted in full; the rest are cited
CONFLICT_MARK = "sources disagree"


def sources_of(*facts: FactIn) -> tuple[SourceRef, ...]:
    seen: dict[tuple[str, int], SourceRef] = {}
    for fact in facts:
        for ref in fact.sources:
            seen.setdefault((ref.file, ref.line), ref)
        for side in fact.conflict:
            for ref in side.sources:
                seen.setdefault((ref.file, ref.line), ref)
    return tuple(seen.values())


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "\u2026"


def _numbers(fact: FactIn) -> set[str]:
    return set(re.findall(r"\d+", f"{fact.value}")) if fact.value else set()


def line_quote(ref: SourceRef, *facts: FactIn) -> str:
    """The line (clipped to the sentences that state a fact's value when long), after its outline."""
    parts, text = _quote_parts(ref, *facts)
    return " > ".join([*parts, text or "(line)"])


def _quote_parts(ref: SourceRef, *facts: FactIn) -> tuple[list[str], str]:
    """(the outline quoted above a line, the line as quoted)."""
    text = " ".join((ref.text or "").split())
    if len(text) > LINE_CHARS:
        sentences = re.split(r"(?<=[.!?])\s+", text)
        numbers = set().union(*(_numbers(f) for f in facts)) if facts else set()
        values = {f.value.lower().replace("-", " ") for f in facts if f.value}
        names = {w.lower() for f in facts for w in re.findall(r"[A-Z][A-Za-z0-9]+", f.subject)} - {
            "aws",
            "amazon",
        }
        # The sentences that state the value; failing those, the ones that share most words with the
        # value and the attribute ("within a partition" for "ordering scope: per partition"); failing
        # those, the ones that name the subject.
        keep = (
            [
                s
                for s in sentences
                if numbers & set(re.findall(r"\d+", s)) or any(v and v in s.lower() for v in values)
            ]
            or _best_overlap(sentences, facts)
            or [s for s in sentences if names & {w.lower() for w in re.findall(r"[A-Za-z0-9]+", s)}]
        )
        text = " \u2026 ".join(keep) if keep and len(keep) < len(sentences) else text
        text = _clip(text, LINE_CHARS)
    parts = [_clip(p, PART_CHARS) for p in ref.context[-CONTEXT_LEVELS:] if p.strip()]
    if parts and text and parts[-1].lower() == text.lower():
        parts = parts[:-1]
    return parts, text


def _stems(text: str) -> set[str]:
    return {singular(w)[:5] for w in re.findall(r"[a-z]{4,}", text.lower())}


def _best_overlap(sentences: list[str], facts: tuple[FactIn, ...]) -> list[str]:
    wanted = set().union(*(_stems(f"{f.value} {f.attribute}") for f in facts)) if facts else set()
    scores = [len(wanted & _stems(s)) for s in sentences]
    best = max(scores, default=0)
    return [s for s, score in zip(sentences, scores, strict=True) if best and score == best]


def quote_sources(*facts: FactIn, refs: tuple[SourceRef, ...] | None = None) -> str:
    """Each quoted line with its outline; lines under one parent share one quote of that outline
    ("Destinations > Amazon SQS; Amazon SNS" rather than the parent said again for every child), and
    a parent line quoted with its children is not quoted again on its own."""
    refs = sources_of(*facts) if refs is None else refs
    groups: dict[tuple[str, ...], list[tuple[str, SourceRef]]] = {}
    for ref in refs[:QUOTED_LINES]:
        parts, text = _quote_parts(ref, *facts)
        groups.setdefault(tuple(parts), []).append((text or "(line)", ref))
    for outline in list(groups):
        parent = groups.get(outline[:-1]) if outline else None
        if parent is not None and outline in groups:
            for text, ref in list(parent):
                if text == outline[-1]:  # the parent line itself: its children's quote says it
                    parent.remove((text, ref))
                    groups[outline].insert(0, ("", ref))
    quotes = []
    for outline, members in groups.items():
        if not members:
            continue
        said = "; ".join(text for text, _ in members if text)
        cites = ", ".join(ref.cite for _, ref in members)
        quotes.append(f"\u201c{' > '.join([*outline, said] if said else outline)}\u201d ({cites})")
    rest = refs[QUOTED_LINES:]
    tail = f"; also {', '.join(r.cite for r in rest)}" if rest else ""
    return "From the notes: " + "; ".join(quotes) + tail + "."


def conflict_note(*facts: FactIn) -> str:
    """ "The sources disagree about this: 512 MB (a.md:6); 10 GB (b.md:3). ..." for unresolved conflicts."""
    notes = []
    for fact in facts:
        if not fact.conflict:
            continue
        sides = "; ".join(
            f"{value_text(side.value, side.unit)} ({', '.join(ref.cite for ref in side.sources) or 'no line'})"
            for side in fact.conflict
        )
        notes.append(
            f"The sources disagree about this: {sides}. No one has settled it yet: "
            "check the current AWS documentation before you rely on either value."
        )
    return " ".join(notes)


def explanation(lead: str, *facts: FactIn) -> str:
    parts = [sentence(lead), quote_sources(*facts), conflict_note(*facts)]
    return " ".join(p for p in parts if p)


def card_back(answer: str, *facts: FactIn) -> str:
    parts = [sentence(answer), quote_sources(*facts), conflict_note(*facts)]
    return " ".join(p for p in parts if p)
