"""Reading a section: :func:`extract_facts`, which runs every extractor and merges repeats.

Per line: its context, the limit facts of the general quantity grammar of :mod:`notes.facts.limits`
(qualifier, range, attribute and subject from the line and its outline), and the general statement
reader of :mod:`notes.facts.statements` (invocation, consistency, concepts) per line and per clause;
then the facts that need several lines (enumerations, destinations). Facts of one key and value are
merged into one (lines and texts combined).
"""

from __future__ import annotations

from dataclasses import replace

from notes.facts.conflicts import _normalised_value
from notes.facts.context import _clauses, _contexts
from notes.facts.limits import limit_facts
from notes.facts.statements import clause_facts, line_facts, section_facts
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
    return [fact for fact in limits if fact.note or (fact.magnitude, fact.dimension) not in counted]


def extract_facts(section: TopicSection) -> list[FactDraft]:
    """All facts stated by one section, in source order, one fact per (key, value).

    Repeats inside the section (the same value stated on two lines, or twice in one line such as
    "900s or 15mins") are merged: their line numbers and texts are combined.
    """
    contexts = list(_contexts(section))
    raw: list[FactDraft] = []
    for ctx in contexts:
        statements = list(line_facts(ctx))
        for clause in _clauses(ctx.line.text):
            statements.extend(clause_facts(ctx, clause))
        raw.extend(statements)
        raw.extend(_not_read_twice(limit_facts(ctx), statements))
    raw.extend(section_facts(section.lines, contexts, section.heading))
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
        merged.values(), key=lambda f: (f.lines[0] if f.lines else 0, f.kind, f.subject, f.attribute)
    )
