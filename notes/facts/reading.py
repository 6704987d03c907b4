"""Reading a section: :func:`extract_facts`, which runs every extractor and merges repeats.

Per line: its context, the limit facts of the general quantity grammar of :mod:`notes.facts.limits`
(qualifier, range, attribute and subject from the line and its outline), and the general statement
reader of :mod:`notes.facts.statements` (invocation, consistency, concepts) per line and per clause;
then the facts that need several lines (enumerations, destinations). Facts of one key and value are
merged into one (lines and texts combined).
"""

from __future__ import annotations

import re
from dataclasses import replace

from notes.facts.conflicts import _normalised_value
from notes.facts.context import _clauses, _contexts, _Ctx, _subject_in
from notes.facts.hedges import (
    _SENTENCE_RE,
    is_contrasted,
    is_garbled_attribute,
    is_hedged,
    is_junk_value,
    is_logistics,
    is_number_over_number,
    resolve_pronoun,
    stating_sentences,
)
from notes.facts.limit_settings import limit_facts
from notes.facts.quantities import _scan_quantities
from notes.facts.statements import clause_facts, line_facts, section_facts
from notes.facts.subjects import subject_topic
from notes.outline import FactDraft, TopicSection


def _fact_key(fact: FactDraft) -> tuple[str, str, str, str, str, str]:
    return (fact.kind, fact.topic, fact.subject, fact.attribute, _normalised_value(fact), fact.dimension)


def _not_read_twice(limits: list[FactDraft], statements: list[FactDraft]) -> list[FactDraft]:
    """The limits of a line, less a number the statement reader already made a fact of.

    "On failure it retries 0-2 times" under an asynchronous heading is a retry count of that mode
    (``modes``: "maximum async retries"); the quantity grammar reads the same number as a bare
    "maximum retries". One number is one fact, so the reading that knows the mode wins.
    """
    counted = {
        (fact.magnitude, fact.dimension)
        for fact in statements
        if fact.kind == "limit" and fact.magnitude is not None
    }
    return [fact for fact in limits if _measure(fact) not in counted]


def _measure(fact: FactDraft) -> tuple[float | None, str]:
    """A limit's (magnitude, dimension); a note's read back from the value it quotes."""
    if not fact.note:
        return fact.magnitude, fact.dimension
    quantities = _scan_quantities(fact.value)
    if len(quantities) != 1 or quantities[0].bare or quantities[0].is_range:
        return None, ""
    return quantities[0].high, quantities[0].dimension


def _judged(fact: FactDraft, ctx: _Ctx | None) -> FactDraft | None:
    """A fact as the reader can vouch for it: None for course logistics, a note when the sentence
    stating it is hedged ("in our lab", "just a choice"), when the line's subject is not sure (no
    heading, parent or word of its own names it), when its attribute is no noun phrase ("maximum take a
    percentage": the reader cut a clause in the wrong place), or when a typical count is of a noun that is no
    attribute of the subject ("about 30 pages")."""
    line_text = ctx.line.text if ctx is not None else fact.text.split("\n")[0]
    sentences = stating_sentences(line_text, fact.value)
    if any(is_logistics(s) for s in sentences):
        return None
    if fact.kind == "limit" and is_junk_value(fact.value, fact.unit):
        return None
    if fact.note:
        return fact
    fact = _about_the_heading(fact, ctx)
    if fact.note:
        return fact
    unsure = ctx is not None and not ctx.sure
    doubtful = (
        is_garbled_attribute(fact.attribute)
        or any(is_hedged(s) for s in sentences)
        or (
            fact.kind == "limit"
            and (
                any(is_contrasted(s) for s in sentences)
                or is_number_over_number(f"{fact.value} {fact.unit}", fact.text)
            )
        )
    )
    if unsure or doubtful or _stray_typical_count(fact, ctx):
        return replace(fact, note=True)
    return fact


def _about_the_heading(fact: FactDraft, ctx: _Ctx | None) -> FactDraft:
    """A line under one service's heading that opens with another service as a modifier ("EC2
    findings: ...", "An EC2 instance needs at least 30 hours of data" under Compute Optimizer) is
    about the heading's service: a list labelled "<other> <noun>" is the heading service's "<other>
    <noun>"; a limit whose name repeats the other service's is not sure of its subject (a note)."""
    if ctx is None or not ctx.heading or fact.topic == ctx.section_slug:
        return fact
    heading = _subject_in(ctx.heading)
    if heading is None or subject_topic(heading) != ctx.section_slug:
        return fact
    other = fact.subject.casefold()
    if fact.kind == "limit" and re.search(rf"\b{re.escape(other)}\b", fact.attribute.casefold()):
        return replace(fact, note=True)
    label = f"{other} {fact.attribute.casefold()}"
    if fact.kind == "concept" and ctx.line.text.casefold().lstrip("-*• ").startswith(label):
        return replace(
            fact, subject=heading, topic=ctx.section_slug, attribute=f"{fact.subject} {fact.attribute}"
        )
    return fact


def _stray_typical_count(fact: FactDraft, ctx: _Ctx | None) -> bool:
    if fact.qualifier != "typical" or fact.dimension != "count" or ctx is None:
        return False
    noun = (fact.unit or fact.attribute).split()[-1:] or [""]
    stem = noun[0].casefold().rstrip("s")
    scope = " ".join((ctx.heading, *ctx.line.path)).casefold()
    return not stem or stem not in scope


def _sentences(ctx: _Ctx) -> list[_Ctx]:
    """A joined prose paragraph is read one sentence at a time (a number never takes its attribute
    from another sentence); every other line is read whole."""
    if not ctx.line.last:
        return [ctx]
    parts = [p for p in _SENTENCE_RE.split(ctx.line.text) if p.strip()]
    if len(parts) <= 1:
        return [ctx]
    out: list[_Ctx] = []
    for index, part in enumerate(parts):
        before = tuple(reversed(parts[:index]))
        text = resolve_pronoun(part.strip(), parts[index - 1]) if index else part.strip()
        out.append(replace(ctx, line=replace(ctx.line, text=text), window=(*before, *ctx.window)))
    return out


def extract_facts(section: TopicSection) -> list[FactDraft]:
    """All facts stated by one section, in source order, one fact per (key, value).

    Repeats inside the section (the same value stated on two lines, or twice in one line such as
    "900s or 15mins") are merged: their line numbers and texts are combined.
    """
    contexts = list(_contexts(section))
    raw: list[FactDraft] = []
    for line_ctx in contexts:
        for ctx in _sentences(line_ctx):
            statements = list(line_facts(ctx))
            for clause in _clauses(ctx.line.text):
                statements.extend(clause_facts(ctx, clause))
            found = statements + _not_read_twice(limit_facts(ctx), statements)
            raw.extend(fact for fact in (_judged(f, ctx) for f in found) if fact is not None)
    by_line = {ctx.line.number: ctx for ctx in contexts}
    for fact in section_facts(section.lines, contexts, section.heading):
        judged = _judged(fact, by_line.get(fact.lines[0]) if fact.lines else None)
        if judged is not None:
            raw.append(judged)
    merged: dict[tuple[str, ...], FactDraft] = {}
    for fact in raw:
        key = _fact_key(fact)
        if key not in merged:
            merged[key] = fact
            continue
        old = merged[key]
        lines = tuple(sorted(set(old.lines) | set(fact.lines)))
        texts = old.text.split("\n")
        text = "\n".join(texts + [t for t in fact.text.split("\n") if t not in texts])
        merged[key] = replace(old, lines=lines, text=text)
    return sorted(
        _self_contradictions_as_notes(list(merged.values())),
        key=lambda f: (f.lines[0] if f.lines else 0, f.kind, f.subject, f.attribute),
    )


def _self_contradictions_as_notes(facts: list[FactDraft]) -> list[FactDraft]:
    """Two lines of one passage giving one subject's one bound two values ("max 34" and "max 50" under
    one heading) name two things the reader could not tell apart (a variant or tier it missed): both
    are notes for the topic page, never items. Sources that disagree are another matter, flagged by
    :mod:`notes.facts.conflicts`."""
    values: dict[tuple[str, str, str], set[str]] = {}
    for fact in facts:
        if fact.kind == "limit" and not fact.note:
            key = (fact.subject.casefold(), fact.attribute.casefold(), fact.dimension)
            values.setdefault(key, set()).add(_normalised_value(fact))
    torn = {key for key, found in values.items() if len(found) > 1}
    if not torn:
        return facts
    return [
        replace(fact, note=True)
        if fact.kind == "limit"
        and (fact.subject.casefold(), fact.attribute.casefold(), fact.dimension) in torn
        else fact
        for fact in facts
    ]
