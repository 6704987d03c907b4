"""Reading a section: :func:`extract_facts`, which runs every extractor and merges repeats.

Owns matching the :data:`~notes.facts.statements.STATEMENTS` lexicon against a clause, and the
per-section pass: line contexts, invoker, special and limit facts per line (limits read by the general
grammar of :mod:`notes.facts.limits`), statement facts per clause, then enumerations, with facts of one key and value merged into one (lines and texts combined).
"""

from __future__ import annotations

from dataclasses import replace

from notes.facts.conflicts import _normalised_value
from notes.facts.context import _clauses, _contexts, _Ctx
from notes.facts.enumerations import _enumeration_facts
from notes.facts.general import general_mode_facts
from notes.facts.invokers import _MODES, _invoker_facts
from notes.facts.limits import limit_facts
from notes.facts.special import _special_facts
from notes.facts.statements import STATEMENTS
from notes.facts.subjects import _SUBJECT_TOPICS
from notes.outline import FactDraft, TopicSection


def _statement_facts(ctx: _Ctx, clause: str) -> list[FactDraft]:
    facts: list[FactDraft] = []
    topic = ctx.topic
    for st in STATEMENTS:
        if topic not in st.topics and ctx.section_slug not in st.topics:
            continue
        if not st.pattern.search(clause):
            continue
        if st.requires is not None and not ctx.mentions(st.requires, clause):
            continue
        if st.mode is not None and ctx.label(_MODES, clause) != st.mode:
            continue
        subject, value = st.subject, st.value
        if st.labels:
            label = ctx.label(st.labels, clause)
            if label is None:
                if "{label}" in subject:
                    # A delivery guarantee is itself the label: at-least-once is standard, exactly-once FIFO.
                    continue
                continue
            subject = subject.replace("{label}", st.label_subjects[label])
            value = value.replace("{label}", st.label_subjects[label])
        facts.append(
            FactDraft(
                kind=st.kind,
                topic=_SUBJECT_TOPICS.get(subject, topic),
                subject=subject,
                attribute=st.attribute,
                value=value,
                text=ctx.line.text,
                lines=(ctx.line.number,),
            )
        )
    return facts


def _fact_key(fact: FactDraft) -> tuple[str, str, str, str, str, str]:
    return (fact.kind, fact.topic, fact.subject, fact.attribute, _normalised_value(fact), fact.dimension)


def extract_facts(section: TopicSection) -> list[FactDraft]:
    """All facts stated by one section, in source order, one fact per (key, value).

    Repeats inside the section (the same value stated on two lines, or twice in one line such as
    "900s or 15mins") are merged: their line numbers and texts are combined.
    """
    contexts = list(_contexts(section))
    raw: list[FactDraft] = []
    for index, ctx in enumerate(contexts):
        raw.extend(_invoker_facts(ctx))
        raw.extend(_special_facts(ctx, section.lines, index))
        raw.extend(limit_facts(ctx))
        for clause in _clauses(ctx.line.text):
            statements = _statement_facts(ctx, clause)
            if not any(f.kind == "consistency" for f in statements):
                statements += general_mode_facts(ctx, clause)
            raw.extend(statements)
    raw.extend(_enumeration_facts(section))
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
