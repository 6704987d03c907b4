"""Limit reading: the quantities of one line as ``limit`` facts, from the shape of the line alone.

For every quantity (:mod:`notes.facts.quantities`) of a sub-clause the reader decides

* its **qualifier**, from the words right before it and right after it
  (:data:`~notes.facts.limit_rules.QUALIFIERS`): maximum, minimum, default, typical or plain;
* its **attribute**, from the words around it: a label ("Memory per task: ..."), the noun phrase
  before the verb ("Automated backups kept 7 days" is a retention of automated backups), the counted
  noun ("up to 15 read replicas per source DB instance"), the noun after it ("24 hours retention"),
  else the attribute of the quantity before it in the line ("30 seconds and can't exceed 12 hours"),
  the noun phrase of the sub-clause before it ("Storage grows by itself, up to 128 TB") or the
  parent bullet when that is a short noun phrase;
* its **subject**: the line's scope subject (heading path and parent bullets, see
  :mod:`notes.facts.context`); the heading and parent lines are kept as the fact's evidence.

A range is a minimum and a maximum (a trivial low end, 0 or one of a count, is left out), never one
bare value; a typical range is one typical fact. A quantity the reader is not sure of is a *note*
(``FactDraft.note``): shown on the topic page, never taught. Unsure are: two qualifiers for one
number, a qualified and an unqualified number in one sub-clause, a comparison ("under 100 ms",
"more than 5"), a number with no unit or noun next to a qualifier or a label, a vague amount
("thousands per second"), and a quantity nothing names.
"""

from __future__ import annotations

import re
from dataclasses import replace

from notes.facts.consistency import _join
from notes.facts.context import _Ctx, _subject_in
from notes.facts.limit_names import (
    _AND_OF_RE,
    _BOUND_PREFIX_RE,
    _CLAUSE_RE,
    _DURATION_WORDS,
    _END_DEFAULT_RE,
    _GENERIC_SUBJECTS,
    _I,
    _LABEL_RE,
    _LAST_NP_RE,
    _MEASURE_WORDS,
    _NAMED_MEASURES,
    _PER_UNIT_RE,
    _PERIOD_RE,
    _PLURAL_RE,
    _REAL_TIME_RE,
    _RETRY_RE,
    _RIGHT_NOUN_RE,
    _SINGLE_RE,
    _TABLE_ROW_RE,
    _UNIT_DEFINITION_RE,
    EMPTY_NAMES,
    MAX_FACT_CLAUSE_CHARS,
    _counted_parent,
    _lookback_window,
    _name,
    _named_phrase,
    _one_of,
    _Reading,
    _scope_after,
    _split_verb,
    _strip_qualifiers,
    _subclauses,
    _with_measure,
    _without_praise,
    _without_restatements,
    _words,
    heading_thing_measure,
    question_attribute,
    with_heading_per,
)
from notes.facts.limit_names import (
    label_above as _label_above,
)
from notes.facts.limit_notes import evidence, note_of, without_alternatives, without_denied
from notes.facts.limit_rules import (
    ADVERB_AFTER,
    BARE_MEASURES,
    CARRYING_VERBS,
    CHANGE_VERBS,
    DATA_UNIT_SIZE,
    FAILURE_AFTER,
    GENERIC_MEASURES,
    LIMIT_NOUN,
    OF_PHRASE,
    PHRASE_BREAKS,
    QUALIFIERS_AFTER,
    SCALE_LABEL,
    SCOPE_AFTER,
    SCOPE_ELLIPSIS,
    STEP_NOUNS,
    SYNONYMS,
    TIMEOUT_STATUS,
    TYPICAL,
    UNSURE_AFTER,
    UNSURE_BEFORE,
    VARIANT_WORDS,
)
from notes.facts.quantities import _Qty, _scan_quantities, like, may_have_quantity, vague_spans
from notes.facts.servicenames import service_short_name
from notes.facts.subjects import _SUBJECT_TOPICS
from notes.outline import FactDraft
from notes.topics import find_topic_mentions
from notes.units import format_quantity


def _read(
    ctx: _Ctx,
    qty: _Qty,
    left: str,
    right: str,
    inherited: dict[str, str],
    phrase: str,
    *,
    first: bool,
    before: str = "",
    prefix: str = "",
) -> tuple[_Reading, str]:
    """:func:`_read_in_scope`, and the case after the quantity ("with batching", "(zipped)") as its
    scope."""
    scope = _scope_after(right)
    if not scope:
        return _read_in_scope(
            ctx, qty, left, right, inherited, phrase, first=first, before=before, prefix=prefix
        )
    reading, owner = _read_in_scope(
        ctx, qty, left, "", inherited, phrase, first=first, before=before, prefix=prefix
    )
    if reading.attribute:
        reading = replace(reading, scope=scope)
    return reading, owner


_KEEPS_LAST_RE = re.compile(
    r"\b(?P<verb>keeps?|retains?|stores?|holds?)\s+(?:the\s+)?(?:last|past|most\s+recent)\s*$", re.I
)


def _read_in_scope(
    ctx: _Ctx,
    qty: _Qty,
    left: str,
    right: str,
    inherited: dict[str, str],
    phrase: str,
    *,
    first: bool,
    before: str = "",
    prefix: str = "",
) -> tuple[_Reading, str]:
    """What one quantity is (qualifier, attribute), and the noun phrase before its verb."""
    if _PERIOD_RE.match(qty.per):
        qty = replace(qty, per="")  # "200 messages per 24 hours": the period is the value's unit
    for pattern, _qualifier in () if first else QUALIFIERS_AFTER:
        # "512 MB by default and can be raised to 10 GB": the words after a number belong to it.
        match = pattern.match(left)
        if match:
            left = left[match.end() :]
            break
    alternative = bool(re.match(r"^\s*or\b", left, _I))
    left = re.sub(r"^\s*(?:and|or|but|then|while)\b", "", left, flags=_I)
    rest, qualifiers = _strip_qualifiers(left, qty.is_range)
    if alternative and not qualifiers:
        return _Reading(None, ""), ""  # "10 minutes default, or 1 minute": the other choice
    window = _lookback_window(ctx, qty, rest, right, qualifiers)
    if window == "lookback period":
        after = next((q for pattern, q in QUALIFIERS_AFTER if pattern.match(right)), "")
        return _Reading(qualifiers[0] if len(set(qualifiers)) == 1 else after, window), ""
    if window:
        return _Reading("", window), ""
    rest = _KEEPS_LAST_RE.sub(r"\g<verb> for", rest)  # "Keeps the last 90 days of events": a retention
    if UNSURE_BEFORE.search(rest) or UNSURE_AFTER.match(right):
        return _Reading(None, ""), ""
    for pattern, qualifier in QUALIFIERS_AFTER:
        if pattern.match(right):
            qualifiers.append(qualifier)
            break
    named, bounds = _named_phrase(rest, qty.dimension, ctx.subject)
    qualifiers += bounds
    noun_part, verb_part = _split_verb(rest.strip())
    # The verb's own subject: the words after the last preposition ("on failure it can retry": it).
    noun_part = _LAST_NP_RE.split(noun_part)[-1]
    pronoun = bool(re.search(r"\b(?:it|they|this|that|you|we|one)\s*$", noun_part, _I))
    owner = _name(noun_part) if verb_part and not pronoun else ""
    if owner and owner.lower().rstrip("s") in ctx.subject.lower():
        owner = ""  # "streams store ..." under Kinesis Data Streams: the subject itself
    label = _LABEL_RE.match(rest.strip())
    unit_of = _UNIT_DEFINITION_RE.search(rest) or _UNIT_DEFINITION_RE.search(prefix)
    if unit_of:
        named, label = _name(unit_of.group(1)), None  # "1 WCU = 1 KB": the size of one WCU
    if len(set(qualifiers)) > 1 or (label and not named):
        return _Reading(None, named), owner  # two bounds at once, or a label that names no quantity
    qualifier = qualifiers[0] if qualifiers else (TYPICAL if qty.approximate else "")
    if qty.is_range and qualifier and qualifier != TYPICAL:
        return _Reading(None, named), owner  # "Max hold time: 1 to 5 hours": a bound that is a range
    if qty.bare:
        if label and named and (" per " in f" {named} " or _PLURAL_RE.search(named)):
            # "Subscription filters per log group: 2"; "Listeners: 50" under "Quotas (per load balancer)"
            return _Reading(qualifier, with_heading_per(ctx, named)), owner
        if qty.is_range and not qualifier and named and BARE_MEASURES.search(named.split()[-1]):
            return _Reading("", named), owner  # "a confidence score from 0 to 100"
        if qualifier and not label and not _words(rest) and inherited.get(qty.dimension):
            return _Reading(qualifier, inherited[qty.dimension]), owner  # "5 by default, extendable to 50"
        return _Reading(None if (qualifier or label) else "", ""), owner
    if qty.noun:
        noun = _name(qty.noun)
        if noun.lower() in {"times", "more times", "time"}:
            # "can retry 0-2 times": the verb says what is counted; without one it is unclear.
            noun = "retries" if _RETRY_RE.search(rest) else ""
        if not noun:
            return _Reading(None, ""), owner
        if qty.dimension == "rate" and not label:
            return _Reading(qualifier, f"{_one_of(noun)} rate"), owner
        if label and named and _one_of(named.split()[-1].lower()) == _one_of(noun.split()[-1].lower()):
            # "Packets: 1 million pps", "Connections: up to 55,000 simultaneous connections"
            return _Reading(qualifier, f"{_one_of(noun)} rate" if qty.dimension == "rate" else noun), owner
        if qty.dimension == "rate" and named and SCALE_LABEL.match(named):
            return _Reading(
                qualifier or "maximum", f"{_one_of(noun)} rate"
            ), owner  # "scales: 300 messages/s"
        if unit_of and named:
            attribute = f"{noun} per {named}"  # "1 request = 1-10 messages": messages per request
        elif before and _MEASURE_WORDS.search(before) and not named:
            attribute = before  # "batch size (1-10 messages)"
        elif label and named and _MEASURE_WORDS.search(named):
            attribute = named  # "Sandbox sending rate: 1 message per second"
        elif label and named:
            attribute = f"{noun} {qty.per or 'per ' + named}"
        elif qty.per:
            verb = rest.split()[-1].lower() if rest.split() else ""
            done = CHANGE_VERBS.get(verb, "") if qty.per.startswith("per ") else ""
            attribute = f"{noun} {done} {qty.per}" if done else f"{noun} {qty.per}"
        elif owner and owner.lower() not in _GENERIC_SUBJECTS and named == owner:
            if not _SINGLE_RE.match(noun_part.strip()):
                return _Reading(None, noun), owner  # "Clients can have up to 10 sessions": each, or all?
            attribute = f"{noun} per {owner}"
        else:
            attribute = noun
        return _Reading(qualifier, attribute), owner
    attribute = named
    if not attribute:
        of = re.match(r"^\s*of\s+([A-Za-z][\w/-]*)\s*$", right)
        after = _RIGHT_NOUN_RE.match(right)
        if of and qty.dimension in ("size", "bandwidth"):
            attribute = _name(of.group(1))  # "up to 10GB of RAM", "10 Gbps of bandwidth"
        elif (
            after
            and not re.match(r"^\s*(?:per|by|and|or|to|of|from|for|in|on|at)\b", right, _I)
            and not ADVERB_AFTER.match(right)
        ):
            attribute = _name(after.group("phrase"))
            if STEP_NOUNS.match(attribute):
                base = canonical_attribute(inherited.get(qty.dimension, ""), "")[0]
                attribute = f"{base.removesuffix(' size')} increment" if base else ""
    if not attribute:
        # The bracket's noun phrase names a plain value only ("integration failure (29s)"), not a
        # bound ("Near real-time events (up to 5 minutes)" is not a maximum of events).
        attribute = inherited.get(qty.dimension, "") or phrase
        failure = FAILURE_AFTER.match(before) if qty.dimension == "time" and not qualifier else None
        if not attribute and failure and TIMEOUT_STATUS.match(ctx.line.text):
            attribute = f"{failure.group('thing').lower()} timeout"  # "504 : upstream failure (29s)"
        if not attribute and (
            (not qualifier and _DURATION_WORDS.search(_REAL_TIME_RE.sub("", before)))
            or _NAMED_MEASURES.search(before)
        ):
            attribute = before
    if not attribute and not _words(rest):
        # A parent bullet names the value only when it names a measure ("Timeout:", "Storage"), not a
        # group of things ("Errors > 504 : integration failure (29s)").
        parent = re.sub(r"\s*\([^()]*\)", "", ctx.line.path[-1]).strip() if ctx.line.path else ""
        measure = _NAMED_MEASURES.search(parent) or _DURATION_WORDS.search(_REAL_TIME_RE.sub("", parent))
        attribute = _name(parent) if len(parent) <= 40 and measure else ""
    if attribute.lower() in EMPTY_NAMES:
        # "Idle session timeout: 20 minutes by default, anything from 1 to 60 minutes"
        attribute = inherited.get(qty.dimension, "") or _name(ctx.line.scope)
    if not attribute and not _words(rest) and not re.search(r"[A-Za-z0-9]", right):
        attribute = question_attribute(
            ctx, qty.dimension, left
        )  # "Q: How much history ...?" > "Up to one year"
    if not attribute and qty.dimension == "count" and qty.per and not qty.noun and not _words(rest):
        attribute = _counted_parent(ctx)  # "Static IPs" > "up to 5 per account in each Region"
    label = _label_above(ctx, qty.dimension)
    if label and not attribute and not _words(rest) and not _words(right):
        attribute = (
            label  # "Caching" (the parent, or a few lines above in a flat outline) over "500MB to 237GB"
        )
    elif label and GENERIC_MEASURES.match(attribute):
        attribute = f"{label} {attribute}"  # "TTL" under "Caching": the caching TTL
    attribute = _with_measure(heading_thing_measure(ctx, attribute), qty.dimension)
    if attribute and qty.per:
        attribute = f"{attribute} {qty.per}"
    elif qty.per and qty.dimension in {"size", "time"}:
        attribute = f"{qty.dimension} {qty.per}"
    return _Reading(qualifier, attribute), owner


def canonical_attribute(attribute: str, qualifier: str) -> tuple[str, str]:
    """One name per measure ("function timeout" and "execution duration" are the execution time); a
    plain "execution limit" is a maximum."""
    if not qualifier:
        bounded = LIMIT_NOUN.sub("", attribute)
        if bounded != attribute and bounded:
            attribute, qualifier = bounded, "maximum"
    of = OF_PHRASE.match(attribute)
    if of:
        thing, measure = of.group("thing"), of.group("measure").lower()
        attribute = thing if measure in {"number", "count", "amount"} else f"{thing} {measure}"
    for pattern, canonical in SYNONYMS:
        if pattern.match(attribute):
            return canonical, qualifier
    return attribute, qualifier


def _draft(
    ctx: _Ctx,
    attribute: str,
    qualifier: str,
    magnitude: float,
    dimension: str,
    value: str = "",
    scope: str = "",
) -> FactDraft:
    attribute, qualifier = canonical_attribute(_without_praise(attribute), qualifier)
    attribute = f"{attribute} {scope}" if scope else attribute
    shown, unit = format_quantity(magnitude, dimension)
    subject = ctx.subject
    return FactDraft(
        kind="limit",
        topic=_SUBJECT_TOPICS.get(subject, ctx.topic),
        subject=subject,
        attribute=f"{qualifier} {attribute}" if qualifier else attribute,
        value=value or shown,
        unit=unit,
        magnitude=magnitude,
        dimension=dimension,
        text=ctx.line.text,
        lines=(ctx.line.number,),
        qualifier=qualifier,
        evidence=evidence(ctx),
    )


def _facts(ctx: _Ctx, qty: _Qty, reading: _Reading) -> list[FactDraft]:
    if qty.dimension == "count" and _PERIOD_RE.match(qty.per):
        return [replace(f, unit=qty.per) for f in _facts(ctx, replace(qty, per=""), reading)]
    attribute, scope = reading.attribute, reading.scope
    if qty.is_range:
        assert qty.low is not None
        if reading.qualifier == TYPICAL:
            low, unit = format_quantity(qty.low, qty.dimension)
            high, high_unit = format_quantity(qty.high, qty.dimension)
            if unit != high_unit:
                return []
            return [
                _draft(ctx, attribute, TYPICAL, qty.high, qty.dimension, value=f"{low}-{high}", scope=scope)
            ]
        facts = [_draft(ctx, attribute, "maximum", qty.high, qty.dimension, scope=scope)]
        if not (qty.low == 0 or (qty.dimension == "count" and qty.low == 1)):
            facts.insert(0, _draft(ctx, attribute, "minimum", qty.low, qty.dimension, scope=scope))
        return facts
    qualifier = reading.qualifier or ""
    if not qualifier and qty.dimension == "size" and DATA_UNIT_SIZE.match(_without_praise(attribute)):
        qualifier = "maximum"  # "kinesis data record : 1MB": the largest a record may be
    fact = _draft(ctx, attribute, qualifier, qty.high, qty.dimension, scope=scope)
    if len(fact.value.replace(".", "")) > 6 and qty.unit_text and qty.written:
        # "47.9 TiB" is whole in no display unit (52,666,606,970,470 B): shown as the note writes it.
        fact = replace(fact, value=qty.written.lstrip("~ "), unit=qty.unit_text)
    return [fact]


_BOUNDS = frozenset({"maximum", "minimum"})


def _one_value_each(facts: list[FactDraft], ctx: _Ctx) -> list[FactDraft]:
    """One line giving two values for one attribute ("1 min wait, then 2 min wait") is unclear: notes."""
    values: dict[str, set[float | None]] = {}
    for fact in facts:
        if not fact.note:
            values.setdefault(fact.attribute, set()).add(fact.magnitude)
    unclear = {attribute for attribute, found in values.items() if len(found) > 1}
    plain: dict[str, list[FactDraft]] = {}
    for fact in facts:
        if not fact.note and not fact.qualifier:
            plain.setdefault(fact.dimension, []).append(fact)
    for same in plain.values():
        if len({f.attribute for f in same}) > 1 and len(same) + len(unclear) >= 3:
            unclear |= {f.attribute for f in same}  # "1 min wait - retry - 2 min wait": a timeline
    bounded = {f.attribute.split(" ", 1)[-1] for f in facts if not f.note and f.qualifier in _BOUNDS}
    # "1 million pps -> up to 10 million pps": beside a bound of its own measure a plain value is
    # where it starts, or its default, or a typical one; which, the line does not say.
    unclear |= {f.attribute for f in facts if not f.note and not f.qualifier and f.attribute in bounded}
    return [
        note_of(ctx, f.text, f.value, f.unit, f.attribute) if f.attribute in unclear else f for f in facts
    ]


def _acting_service(ctx: _Ctx, clause: str) -> _Ctx:
    """The line's context, about the service a clause makes the subject of its verb: "For a queue
    Lambda adds 60 instances per minute" is about Lambda, whatever the line's scope subject is. The
    last service named right before a verb (:data:`PHRASE_BREAKS`) and before the clause's first number
    acts; a clause where none does keeps the line's subject."""
    first = re.search(r"\d", clause)
    head = clause[: first.start()] if first else clause
    acting = ""
    for mention in find_topic_mentions(head):
        if mention.concept:
            continue
        verb = re.match(r"^\s+([a-z]+)\b", head[mention.end :])
        if verb and verb.group(1) in PHRASE_BREAKS and verb.group(1) not in {"is", "are", "to", "from", "at"}:
            written = head[mention.start : mention.end]
            acting = _subject_in(written) or service_short_name(mention.title)
    if not acting or acting == ctx.subject:
        return ctx
    return replace(ctx, subject=acting)


_ONE_PER_RE = re.compile(
    r"^\s*(?:1|one)\s*(?P<noun>[A-Za-z][\w-]*)\s+(?:per|for\s+(?:each|every))\s+(?=\d)", _I
)


def _ratio_fact(ctx: _Ctx, sub: str) -> FactDraft | None:
    """ "1 vCPU per 1769 MB": one of a thing for each amount, the amount per that thing. Its measure is
    the one the parent bullet names ("Memory allocation" over it: memory per vCPU), else the
    dimension's ("size per vCPU"). Only a single amount of size or time, no qualifier."""
    match = _ONE_PER_RE.match(sub)
    if match is None:
        return None
    quantities = _scan_quantities(sub[match.end() :])
    if len(quantities) != 1 or quantities[0].is_range or quantities[0].bare:
        return None
    qty = quantities[0]
    if qty.dimension not in {"size", "time"} or qty.per or qty.noun:
        return None
    parent = ctx.line.path[-1] if ctx.line.path else ""
    measure = (_MEASURE_WORDS if qty.dimension == "size" else _DURATION_WORDS).search(parent)
    name = measure.group(0).lower() if measure else qty.dimension
    return _draft(ctx, f"{name} per {match.group('noun')}", "", qty.high, qty.dimension)


def _variant_of_parent(ctx: _Ctx) -> _Ctx:
    """A parent bullet that is one word naming a tier or variant ("FIFO", "Standard", "Express",
    :data:`VARIANT_WORDS`) scopes its lines' limits as it scopes their modes
    (:mod:`notes.facts.consistency`): "FIFO" > "scales: 300 messages per second" is about FIFO queues,
    not the whole service."""
    parent = ctx.line.path[-1].strip().rstrip(":").strip() if ctx.line.path else ""
    if not VARIANT_WORDS.fullmatch(parent):
        return ctx
    joined = _join(ctx.subject, parent)
    return ctx if joined == ctx.subject else replace(ctx, subject=joined)


_PER_SERVICE_LABEL_RE = re.compile(
    r"^(?P<what>[A-Za-z][\w -]{0,40}?)\s+per\s+(?P<scope>[^:]{2,60}?)\s*:\s*(?P<rest>\S.*)$"
)


def _per_named_service(ctx: _Ctx, text: str) -> tuple[_Ctx, str]:
    """ "Faces per Rekognition collection: 20 million" under another service: the faces per
    collection of the service the label names."""
    found = _PER_SERVICE_LABEL_RE.match(text)
    if found is None:
        return ctx, text
    scope = found.group("scope")
    named = [m for m in find_topic_mentions(scope) if not m.concept]
    thing = scope[named[0].end :].strip() if len(named) == 1 and named[0].start == 0 else ""
    if not thing or _subject_in(thing) is not None:
        return ctx, text
    service = _subject_in(scope[: named[0].end]) or service_short_name(named[0].title)
    if not service or service == ctx.subject:
        return ctx, text
    return replace(ctx, subject=service), f"{found.group('what')} per {thing}: {found.group('rest')}"


def limit_facts(ctx: _Ctx) -> list[FactDraft]:
    """The limits (and the notes of unsure numbers) one line states."""
    text = ctx.line.text
    if len(text) > MAX_FACT_CLAUSE_CHARS or not may_have_quantity(text):
        return []
    row = _TABLE_ROW_RE.match(text)
    if row:
        text = f"{row.group(1).strip()}: {row.group(2).strip()}"  # "| Setting | Value |" is "Setting: Value"
    facts: list[FactDraft] = []
    inherited: dict[str, str] = {}
    phrase = ""
    per_unit = _PER_UNIT_RE.match(text)
    if per_unit:
        text = text[per_unit.end() :]  # "1 shard : 1MB ingestion, 2MB consumption": each per shard
    ctx, text = _per_named_service(_variant_of_parent(ctx), text)
    line_ctx = ctx
    for clause in (c.strip() for c in _CLAUSE_RE.split(text) if c and c.strip()):
        ctx = _acting_service(line_ctx, clause)
        scoped: tuple[_Qty, _Reading] | None = None  # the clause's last quantity with a with/without scope
        bound_cases: dict[str, str] = {}  # attribute -> the bound its first case was read with
        for sub, before in _subclauses(clause):
            ratio = _ratio_fact(ctx, sub)
            if ratio is not None:
                facts.append(ratio)
                continue
            quantities = _scan_quantities(sub)
            for start, end in vague_spans(sub):
                if re.search(r"\bper\b|/\s*s\b|\ba\s+second\b", sub[end : end + 40], _I):
                    facts.append(note_of(ctx, sub, sub[start:end], "", ""))
            if not quantities:
                noun, verb = _split_verb(sub)
                named = _name(noun) if verb and CARRYING_VERBS.match(verb.split()[0]) else ""
                phrase = named if named and len(named.split()) <= 3 else ""
                continue
            default_at_end = bool(_END_DEFAULT_RE.search(sub)) and len(quantities) == 1
            readings: list[tuple[_Qty, _Reading]] = []
            for index, qty in enumerate(quantities):
                left = sub[quantities[index - 1].end if index else 0 : qty.start]
                right = sub[
                    qty.end : quantities[index + 1].start if index + 1 < len(quantities) else len(sub)
                ]
                other = SCOPE_ELLIPSIS.match(right) if scoped and not left.strip() else None
                model = like(scoped[0], qty) if other else None
                if other and model is not None:
                    # "3000 messages per second with batching, 300 without": the other case.
                    word, (_, reading) = other.group("word").lower(), scoped
                    scope = reading.scope
                    flipped = (
                        scope.replace("without", "with")
                        if word == "with"
                        else scope.replace("with", "without", 1)
                    )
                    if word != scope.split()[0]:
                        readings.append((model, replace(reading, scope=flipped)))
                        continue
                reading, owner = _read(
                    ctx,
                    qty,
                    left,
                    right,
                    inherited,
                    phrase,
                    first=not index,
                    before=before,
                    prefix=sub[: qty.start],
                )
                if per_unit and reading.attribute and " per " not in f" {reading.attribute} ":
                    reading = replace(
                        reading, attribute=f"{reading.attribute} per {per_unit.group(1).lower()}"
                    )
                if owner and not phrase:
                    phrase = owner if len(owner.split()) <= 3 else phrase
                if default_at_end and reading.qualifier == "":
                    reading = replace(reading, qualifier="default")  # "... moving window of data by default"
                if reading.scope and reading.qualifier == "" and not left.strip():
                    # "Max upload: 5 GB (single request), 5 TB (multipart)": the label bounds each case.
                    reading = replace(reading, qualifier=bound_cases.get(reading.attribute, ""))
                elif reading.scope and reading.qualifier:
                    bound_cases.setdefault(reading.attribute, reading.qualifier)
                if (
                    reading.qualifier is not None
                    and reading.attribute
                    and (not qty.bare or reading.qualifier)
                ):
                    inherited[qty.dimension] = _BOUND_PREFIX_RE.sub("", reading.attribute)
                    if SCOPE_AFTER.match(right):
                        scoped = (qty, reading)
                readings.append((qty, reading))
            opening = _BOUND_PREFIX_RE.match(sub.strip())
            if opening and readings and readings[0][1].qualifier:
                # "Maximum memory of 2MB and package size of 10KB": the bound opens both.
                readings = [
                    (q, replace(r, qualifier=readings[0][1].qualifier))
                    if i and r.qualifier == "" and _AND_OF_RE.match(sub[quantities[i - 1].end : q.start])
                    else (q, r)
                    for i, (q, r) in enumerate(readings)
                ]
            taught = [r for q, r in readings if not q.bare and r.qualifier is not None]
            if any(r.qualifier for r in taught) and any(
                not r.qualifier and not q.is_range
                for q, r in readings
                if not q.bare and r.qualifier is not None
            ):
                # "2 MB and 10 KB, at most": one qualifier, two numbers: which it bounds is unclear.
                readings = [(q, replace(r, qualifier=None) if not q.is_range else r) for q, r in readings]
            for qty, reading in readings:
                unit = qty.noun if qty.noun else qty.unit_text
                if reading.qualifier is None or not reading.attribute:
                    if reading.qualifier is None or not qty.bare:
                        facts.append(note_of(ctx, sub, qty.written, unit, reading.attribute))
                    continue
                labelled = _LABEL_RE.match(_strip_qualifiers(sub[: qty.start], False)[0].strip())
                if qty.bare and not labelled and not qty.is_range and not reading.qualifier:
                    continue  # a labelled count ("Subscription filters per log group: 2") is read
                if (
                    qty.dimension == "count"
                    and not (qty.is_range or reading.qualifier)
                    and (qty.high <= 1 or not (qty.per or labelled))
                ):
                    continue  # "Invoke 1 AWS service", "Two launch types → ...": a count, not a limit
                facts.extend(_facts(ctx, qty, reading))
    facts = _without_restatements(_one_value_each(facts, line_ctx))
    return without_denied(without_alternatives(facts, text, line_ctx), text, line_ctx)
