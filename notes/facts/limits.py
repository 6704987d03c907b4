"""Limit extraction: turning the quantities of one clause into ``limit`` facts.

Owns the application of :data:`~notes.facts.limit_rules.LIMIT_RULES` and the pattern rules to a
clause: which rule names a quantity (left, right, clause, then path and lines above), which bound
a single value states, how ranges become a minimum and a maximum, and the clause length cap
:data:`MAX_FACT_CLAUSE_CHARS`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from notes.facts.context import _SUBCLAUSE_SPLIT_RE, _Ctx
from notes.facts.limit_rules import (
    _DEFAULT_RE,
    _MAX_RE,
    _MAX_WORD_RE,
    _MIN_RE,
    _PATTERN_RULES,
    LIMIT_RULES,
    LimitRule,
)
from notes.facts.quantities import _Qty, _scan_quantities
from notes.facts.subjects import _SUBJECT_TOPICS
from notes.outline import FactDraft
from notes.units import format_quantity, parse_quantity, to_base


def _fmt_limit(magnitude: float, dimension: str) -> tuple[str, str]:
    return format_quantity(magnitude, dimension)


def _limit(
    ctx: _Ctx,
    subject: str,
    attribute: str,
    magnitude: float | None,
    dimension: str,
    value: str = "",
    unit: str = "",
) -> FactDraft:
    if magnitude is not None:
        value, unit = _fmt_limit(magnitude, dimension)
    return FactDraft(
        kind="limit",
        topic=_SUBJECT_TOPICS.get(subject, ctx.topic),
        subject=subject,
        attribute=attribute,
        value=value,
        unit=unit,
        magnitude=magnitude,
        dimension=dimension,
        text=ctx.line.text,
        lines=(ctx.line.number,),
    )


def _bound(left: str, right: str) -> str:
    """Which bound a single value states: words right before it win ("up to 15 minutes (default 0)")."""
    if _MAX_RE.search(left[-40:]):
        return "max"
    if _MIN_RE.search(left[-20:]):
        return "min"
    if _DEFAULT_RE.search(left[-30:]) or _DEFAULT_RE.search(right):
        return "default"
    return "plain"


def _rule_applies(rule: LimitRule, ctx: _Ctx, qty: _Qty, clause: str) -> str | None:
    """The subject the rule gives this quantity, or None when the rule does not apply."""
    if qty.dimension not in rule.dimensions:
        return None
    if (
        _SUBJECT_TOPICS.get(ctx.subject, ctx.section_slug) not in rule.topics
        and ctx.section_slug not in rule.topics
    ):
        return None
    if rule.subjects and ctx.subject not in rule.subjects:
        return None
    if rule.requires is not None and not ctx.mentions(rule.requires, clause):
        return None
    return rule.subject or ctx.subject


# Every quantity of a clause searches the whole clause, so the cost grows with the square of its length:
# a 1 MB line of quantities took hours. The longest line of the lecture-notes corpus is 599 characters.
MAX_FACT_CLAUSE_CHARS = 2000


def _limit_facts_for_clause(
    ctx: _Ctx, clause: str, unnamed: Callable[[_Ctx, _Qty, str], list[FactDraft]] | None = None
) -> list[FactDraft]:
    """The limits of one clause; a quantity no rule names goes to ``unnamed`` (the general grammar)
    with its sub-clause."""
    if len(clause) > MAX_FACT_CLAUSE_CHARS:
        return []
    facts: list[FactDraft] = []
    consumed: list[tuple[int, int]] = []
    topic = ctx.topic
    for prule in _PATTERN_RULES:
        if topic not in prule.topics and ctx.section_slug not in prule.topics:
            continue
        for match in prule.pattern.finditer(clause):
            consumed.append(match.span())
            subject = prule.subject or ctx.subject
            for group, attribute, unit, qualitative in prule.outputs:
                if qualitative:
                    facts.append(
                        _limit(ctx, subject, attribute, None, "rate", match.group(group).lower(), unit)
                    )
                    continue
                quantity = parse_quantity(match.group(group), unit)
                if quantity is None:
                    continue
                magnitude, dimension = to_base(quantity)
                facts.append(_limit(ctx, subject, attribute, magnitude, dimension))
    for sub in _SUBCLAUSE_SPLIT_RE.split(clause):
        offset = clause.find(sub)
        sub_consumed = [(a - offset, b - offset) for a, b in consumed]
        quantities = _scan_quantities(sub, sub_consumed)
        for index, qty in enumerate(quantities):
            left = sub[quantities[index - 1].end if index else 0 : qty.start]
            right_end = quantities[index + 1].start if index + 1 < len(quantities) else len(sub)
            right = qty.unit_text + " " + sub[qty.end : right_end]
            named = _name_quantity(ctx, qty, left, right, clause)
            if not named and unnamed is not None:
                named = unnamed(ctx, qty, sub)
            facts.extend(named)
    return facts


def _name_quantity(ctx: _Ctx, qty: _Qty, left: str, right: str, clause: str) -> list[FactDraft]:
    contexts = [left, right, clause]
    for text in contexts:
        for rule in LIMIT_RULES:
            if not rule.keyword.search(text):
                continue
            subject = _rule_applies(rule, ctx, qty, clause)
            if subject is None:
                continue
            return _apply_rule(ctx, rule, subject, qty, left, right, clause)
    for rule in LIMIT_RULES:
        if rule.wide and ctx.mentions(rule.keyword, clause):
            subject = _rule_applies(rule, ctx, qty, clause)
            if subject is not None:
                return _apply_rule(ctx, rule, subject, qty, left, right, clause)
    return []


def _apply_rule(
    ctx: _Ctx, rule: LimitRule, subject: str, qty: _Qty, left: str, right: str, clause: str
) -> list[FactDraft]:
    attributes = dict(rule.attributes)
    if rule.variants:
        variant = ctx.label(rule.variants, clause)
        if variant is None:
            return []
        attributes = {k: v.format(variant=variant) for k, v in attributes.items()}
    if qty.is_range and rule.span:
        attribute = attributes.get("plain") or attributes.get("max")
        assert qty.low is not None
        low_value, unit = _fmt_limit(qty.low, qty.dimension)
        high_value, high_unit = _fmt_limit(qty.high, qty.dimension)
        if attribute is None or unit != high_unit:
            return []
        fact = _limit(ctx, subject, attribute, qty.high, qty.dimension)
        return [replace(fact, value=f"{low_value}-{high_value}")]
    if qty.is_range:
        assert qty.low is not None
        out: list[FactDraft] = []
        trivial_low = qty.low == 0 or (qty.dimension == "count" and qty.low == 1)
        if "min" in attributes and not trivial_low:
            out.append(_limit(ctx, subject, attributes["min"], qty.low, qty.dimension))
        if "max" in attributes:
            out.append(_limit(ctx, subject, attributes["max"], qty.high, qty.dimension))
        return out
    bound = _bound(left, right)
    if bound == "plain" and "plain" not in attributes and _MAX_WORD_RE.search(left):
        bound = "max"
    attribute = attributes.get(bound) or (attributes.get("max") if bound == "max" else None)
    if attribute is None:
        return []
    fact = _limit(ctx, subject, attribute, qty.high, qty.dimension)
    if qty.approximate:
        fact = replace(fact, value=f"~{fact.value}")
    return [fact]
