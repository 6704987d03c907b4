"""Setting lines: a label and the values it may take, read as one setting's bounds and default.

A cheat-sheet line names one setting and then says, in comma-separated parts, what it may be:

* "Endpoint weight: 0 to 255, default 128" -> minimum 0, maximum 255, default 128;
* "Max payload: 6 MB by default, can be raised to 100 MB" -> the *maximum payload* is a setting
  whose default is 6 MB and whose maximum is 100 MB ("default maximum payload size");
* "Topic count defaults to 10, and can be set anywhere between 1 and 100" (a noun phrase and its
  verb instead of a label).

The line is read here only when every part is one bound, one default or one range of a single
quantity of one dimension, and the default lies inside the range: anything else is left to the
line reader (:mod:`notes.facts.limits`), which makes notes of what it is not sure of. Because the
parts say what each number is, a bare number is read when the label names a count-like measure
(:data:`~notes.facts.limit_rules.BARE_MEASURES`: "retry attempts", "threshold count"), and a
range's low end is kept (it is one of the setting's bounds, not a trivial "1-10 messages").
A bound-named label ("Maximum event age: 60 s to 24 h") with no default stays the line reader's:
whether the range is the setting's or the bound's spread is unclear.
"""

from __future__ import annotations

import re
from dataclasses import replace

from notes.facts.consistency import _join
from notes.facts.context import _Ctx
from notes.facts.limit_names import (
    _BOUND_PREFIX_RE,
    _DURATION_WORDS,
    _MEASURE_WORDS,
    _name,
    _strip_qualifiers,
    _with_measure,
    heading_thing_measure,
)
from notes.facts.limit_rules import BARE_MEASURES, DEFAULT, MAXIMUM, MINIMUM
from notes.facts.limits import _draft
from notes.facts.limits import limit_facts as line_limit_facts
from notes.facts.quantities import _Qty, _scan_quantities
from notes.outline import FactDraft

_I = re.IGNORECASE

_LABEL_RE = re.compile(
    r"^(?P<label>[A-Za-z][^:=|()]{1,60}?)\s*(?:\((?P<aside>[^()\d]{1,40})\))?\s*:\s*(?P<rest>\S.*)$"
)
# "Topic count defaults to 10, ...": the noun phrase before its verb names the setting.
_VERB_LABEL_RE = re.compile(r"^(?P<label>[A-Za-z][A-Za-z -]{1,50}?)\s+(?P<rest>defaults?\s+to\s+.*)$", _I)
# Prose: "The build timeout is 60 minutes by default and may be set from 5 minutes to 36 hours",
# "How long it waits is the wait timeout, one hour by default, and you can set it between ...".
_PROSE_LABEL_RES = (
    re.compile(
        r"^(?:the\s+)?(?P<label>[A-Za-z][A-Za-z -]{1,40}?)\s+(?:is\s+|(?=ranges?\s+from\s))(?P<rest>\S.*)$",
        _I,
    ),
    re.compile(r"^.{0,60}?\bis\s+the\s+(?P<label>[A-Za-z][A-Za-z -]{1,40}?),\s+(?P<rest>\S.*)$", _I),
)
_PART_SPLIT_RE = re.compile(
    r"\s*(?:,(?=\s)|;)\s*(?:and\s+|but\s+)?|\s+and\s+(?=(?:can|may|it|is|defaults?)\b)", _I
)
_BOUND_LABEL_RE = re.compile(r"^(?P<bound>max(?:imum)?|min(?:imum)?)\.?\s+(?P<rest>\S.*)$", _I)
_LATEX_RE = re.compile(r"\\[a-z]+\{([^{}]*)\}|\$")

_SETTABLE = r"(?:you\s+(?:can|may)\s+set\s+it\s+(?:anywhere\s+)?|(?:it\s+)?(?:can|may)\s+be\s+(?:set|configured|adjusted|changed)\s+(?:anywhere\s+)?|ranges?\s+|settable\s+)?"
# (pattern of one part, what its quantity is); the quantity is the ``v`` group.
_PARTS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rf"^(?:{pattern})$", _I), kind)
    for pattern, kind in (
        (r"(?:the\s+)?defaults?(?:\s+(?:is|of|to))?\s*:?\s*(?P<v>.+?)", DEFAULT),
        (r"(?:it\s+is\s+|is\s+)?(?P<v>.+?)\s+(?:by\s+default|\(default\)|is\s+the\s+default)", DEFAULT),
        (
            r"(?:(?:it\s+)?(?:can|may)\s+be\s+(?:raised|increased|extended|set|configured)\s+(?:up\s+)?to|"
            r"up\s+to|at\s+most|no\s+more\s+than|max(?:imum)?\.?|≤)\s*(?P<v>.+?)",
            MAXIMUM,
        ),
        (r"(?P<v>.+?)\s+max(?:imum)?", MAXIMUM),
        (r"(?:at\s+least|no\s+less\s+than|min(?:imum)?\.?|≥)\s*(?P<v>.+?)", MINIMUM),
        (rf"{_SETTABLE}(?:from\s+|between\s+)?(?P<v>.+?)", "range"),
    )
)
# A parent bullet of two or three plain words names the case its settings are of ("Cached volumes"),
# unless it names a group of facts ("Service limits", "Key numbers").
_CASE_PARENT_RE = re.compile(r"[A-Za-z][A-Za-z-]*(?:\s+[A-Za-z][A-Za-z-]*){1,2}")
_GROUP_WORDS_RE = re.compile(
    r"\b(?:limits?|quotas?|maximums?|minimums?|defaults?|settings?|numbers?|facts?|values?|notes?|options?|"
    r"configuration|parameters?|details?|basics?|features?|key|main|important)\b",
    _I,
)
_OR_RE = re.compile(r"^or\s+", _I)
_EACH_RE = re.compile(r"\s+each\s*\.?$", _I)
_OFF_RE = re.compile(r"^(?:off|none|disabled|unset|not\s+set)\.?$", _I)
_RANGE_JOIN_RE = re.compile(r"^\s*(?:-{1,2}|–|—|to|up\s+to|and)\s*$", _I)


def _one_quantity(text: str) -> _Qty | None:
    """The single quantity (or range) that is the whole of ``text``, None otherwise."""
    text = text.strip().rstrip(".")
    found = _scan_quantities(text)
    if len(found) == 2 and _RANGE_JOIN_RE.match(text[found[0].end : found[1].start]):
        low, high = found
        if low.bare and not high.bare and not high.noun:
            rebuilt = _scan_quantities(f"{low.written} {high.unit_text}")
            low = rebuilt[0] if len(rebuilt) == 1 else low
        if (low.dimension, low.bare, low.noun) != (
            high.dimension,
            high.bare,
            high.noun,
        ) or low.high > high.high:
            return None
        found = [replace(high, start=low.start, low=low.high, written=f"{low.written}-{high.written}")]
    if len(found) != 1 or found[0].start > 0 or text[found[0].end :].strip():
        return None
    return found[0]


def _without_restatement(part: str) -> str:
    """ "from 5 minutes to 36 hours (2,160 minutes)": a bracket that restates a value says nothing new."""
    bracket = re.search(r"\s*\(([^()]*)\)\s*\.?$", part)
    said = _one_quantity(bracket.group(1)) if bracket else None
    if bracket is None or said is None or said.is_range:
        return part
    before = _scan_quantities(part[: bracket.start()])
    return part[: bracket.start()] if any(said.high in (q.high, q.low) for q in before) else part


def _parts(rest: str) -> list[tuple[str, _Qty]] | None:
    out = []
    for part in (_without_restatement(p.strip()) for p in _PART_SPLIT_RE.split(rest) if p and p.strip()):
        part = _EACH_RE.sub("", _OR_RE.sub("", part))  # "OFF, or 1 to 1,440 minutes"; "max 15 TiB each"
        if _OFF_RE.match(part):
            continue  # "OFF": the setting may also be turned off, no value
        for pattern, kind in _PARTS:
            match = pattern.match(part.rstrip("."))
            qty = _one_quantity(match.group("v")) if match else None
            if qty is not None and (kind == "range") == qty.is_range:
                out.append((kind, qty))
                break
        else:
            return None
    return out


def _label(text: str) -> tuple[str, str, str] | None:
    """(scope, setting name, rest) of a setting line, None when it has no label."""
    found = _LABEL_RE.match(text)
    if found is None:
        return None
    scope, label, rest = "", found.group("label"), found.group("rest")
    inner = _VERB_LABEL_RE.match(rest)
    if inner:
        scope, label, rest = label, inner.group("label"), inner.group("rest")
    return scope, label, rest


def _prose_label(text: str) -> tuple[str, str, str] | None:
    """(scope, setting name, rest) of a sentence that names a setting before its values; the name
    must name a measure ("the build timeout is ..."), not a thing ("the function is ...")."""
    found = _VERB_LABEL_RE.match(text)
    if found:
        return "", found.group("label"), found.group("rest")
    for pattern in _PROSE_LABEL_RES:
        found = pattern.match(text)
        label = found.group("label") if found else ""
        if label and (
            _DURATION_WORDS.search(label) or _MEASURE_WORDS.search(label) or BARE_MEASURES.search(label)
        ):
            return "", label, found.group("rest")
    return None


def setting_facts(ctx: _Ctx) -> list[FactDraft] | None:
    """The bounds and default of the one setting a line names, None when the line is not one."""
    text = _LATEX_RE.sub(lambda m: m.group(1) or "", ctx.line.text).strip()
    text = re.sub(r"^\W+", "", text)
    labelled = _label(text) or _prose_label(text)
    if labelled is None:
        return None
    scope, label, rest = labelled
    parts = _parts(rest)
    if not parts or len({q.dimension for _, q in parts}) != 1:
        return None
    kinds = [kind for kind, _ in parts]
    if len(set(kinds)) != len(kinds):
        return None
    off = any(_OFF_RE.match(_OR_RE.sub("", p.strip())) for p in _PART_SPLIT_RE.split(rest) if p)
    if len(parts) == 1 and not parts[0][1].bare and len(_scan_quantities(rest)) == 1 and not off:
        return None  # one quantity with a unit is the line reader's ("Memory: 128 MB to 10 GB")
    bound = _BOUND_LABEL_RE.match(label.strip())
    if bound and DEFAULT not in kinds:
        return None  # "Max hold time: 1 to 5 hours": the setting's range, or the bound's spread?
    name = heading_thing_measure(ctx, _name(bound.group("rest") if bound else label))
    bare = any(q.bare for _, q in parts)
    if not name or (bare and not BARE_MEASURES.search(name)) or any(q.noun for _, q in parts):
        return None
    lows = [q.low for k, q in parts if k == "range"] + [q.high for k, q in parts if k == MINIMUM]
    highs = [q.high for k, q in parts if k in {"range", MAXIMUM}]
    defaults = [q.high for k, q in parts if k == DEFAULT]
    if defaults and any(lo is not None and defaults[0] < lo for lo in lows):
        return None
    if defaults and any(defaults[0] > hi for hi in highs):
        return None
    dimension = parts[0][1].dimension
    head, per, tail = name.partition(" per ")
    name = _with_measure(head, dimension) + (f" per {tail}" if per else "")
    if bound:
        name = f"{'maximum' if bound.group('bound').lower().startswith('max') else 'minimum'} {name}"
    if scope and _name(scope):
        ctx = replace(ctx, subject=_join(ctx.subject, _name(scope)))
    elif ctx.line.path and _CASE_PARENT_RE.fullmatch(ctx.line.path[-1].strip(" :*")):
        case = ctx.line.path[-1].strip(" :*")
        if not _GROUP_WORDS_RE.search(case):
            ctx = replace(ctx, subject=_join(ctx.subject, case))  # "Cached volumes" > "each volume: ..."
    pers = {q.per for _, q in parts if q.per}
    if len(pers) > 1:
        return None
    per_phrase = f" {pers.pop()}" if pers else ""  # "0 % to 100 % per endpoint group, default 100 %"
    facts: list[FactDraft] = []
    for kind, qty in parts:
        ends = [(MINIMUM, qty.low), (MAXIMUM, qty.high)] if kind == "range" else [(kind, qty.high)]
        for qualifier, magnitude in ends:
            assert magnitude is not None
            if bound and name.startswith(qualifier):
                fact = _draft(ctx, name[len(qualifier) + 1 :] + per_phrase, qualifier, magnitude, dimension)
            else:
                fact = _draft(ctx, name + per_phrase, qualifier, magnitude, dimension)
            facts.append(fact)
    return facts


# "up to five lexicons to one request": the lexicons per request; "one request takes at most 3,000
# characters": the characters per request. "one" there picks the thing each value is counted for.
_ONE_EACH = r"(?:one|a\s+single|each|every)\s+(?P<noun>[A-Za-z][\w-]*)"
_TO_ONE_RE = re.compile(rf"(?<=[a-z])\s+(?P<prep>to|in|for|on)\s+{_ONE_EACH}(?=\s*(?:[.,;)]|$))", _I)
# "to one X" is "per X" after a verb of attaching ("apply up to 5 rules to one table"), not of sending
# ("send up to 10 messages to one queue": a batch, not what a queue holds).
_ATTACHING_RE = re.compile(r"\b(?:apply|applied|attach(?:ed)?|add(?:ed)?|assign(?:ed)?|associate[ds]?)\b", _I)
_ONE_TAKES_RE = re.compile(
    rf"(?:(?<=^)|(?<=[;:]\s)){_ONE_EACH}\s+(?P<verb>takes|holds|accepts|carries|has|gets|allows|"
    r"can\s+(?:take|hold|have|carry|accept))\s+(?P<bound>up\s+to|at\s+most|no\s+more\s+than)\s+"
    r"(?P<amount>[\d,.]+\s+[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*)?)(?=\s*(?:[.,;(]|$))",
    _I,
)


def per_each(text: str) -> str:
    """The line with "to one request" / "one request takes ..." said as "per request"."""
    text = _TO_ONE_RE.sub(
        lambda m: (
            f" per {m.group('noun')}"
            if m.group("prep").lower() != "to" or _ATTACHING_RE.search(m.string[: m.start()])
            else m.group(0)
        ),
        text,
    )
    return _ONE_TAKES_RE.sub(
        lambda m: f"{m.group('verb')} {m.group('bound')} {m.group('amount')} per {m.group('noun')}", text
    )


# "`DetectDocument` accepts ...": an operation's name (one CamelCase word) acting as the subject of
# the line's verb scopes the line's limits to that operation.
_OPERATION_RE = re.compile(
    r"^\W*(?P<op>[A-Z][a-z]+(?:[A-Z][a-z0-9]*)+)`?\s+(?:accepts|takes|allows|supports|handles|holds|can|returns)\b"
)


def _of_operation(ctx: _Ctx) -> _Ctx:
    found = _OPERATION_RE.match(ctx.line.text)
    return replace(ctx, subject=_join(ctx.subject, found.group("op"))) if found else ctx


def limit_facts(ctx: _Ctx) -> list[FactDraft]:
    """The limits one line states: a setting line's bounds and default, else the line reader's (on
    the line with its "one X" said as "per X"; the facts quote the line as written)."""
    if _CHOICES_RE.search(ctx.line.text):
        return [_as_note(ctx, f) for f in _limit_facts(ctx)]  # "window choices: 60, 120, 300 or 600 s"
    return _limit_facts(ctx)


def _as_note(ctx: _Ctx, fact: FactDraft) -> FactDraft:
    if fact.note:
        return fact
    return replace(
        fact, note=True, qualifier="unsure", attribute=f"note: {' '.join(ctx.line.text.split())[:150]}"
    )


# Three or more numbers in a row, the last after "or"/"and": the values one may choose, not a limit.
_CHOICE = r"\d[\d.]*(?:\s*[A-Za-z%]{1,8})?"
_CHOICES_RE = re.compile(rf"{_CHOICE},\s+{_CHOICE}(?:,\s+{_CHOICE})*,?\s+(?:or|and)\s+{_CHOICE}")


def _limit_facts(ctx: _Ctx) -> list[FactDraft]:
    found = setting_facts(ctx)
    if found is not None:
        return found
    ctx = _of_operation(ctx)
    said = per_each(ctx.line.text)
    if said == ctx.line.text:
        return _with_parent_measure(ctx, line_limit_facts(ctx))
    facts = line_limit_facts(replace(ctx, line=replace(ctx.line, text=said)))
    return [replace(f, text=ctx.line.text) for f in facts]


# The words a child line may have before its number when it only bounds its parent's quantity.
_BARE_BOUND_WORDS = frozenset(
    {"can", "could", "be", "it", "is", "and", "but", "you", "which", "that", "this"}
)


def _with_parent_measure(ctx: _Ctx, facts: list[FactDraft]) -> list[FactDraft]:
    """ "parcels are kept for 4 days by default" > "can be raised to 14 days": a child line that only
    bounds a quantity names none of its own; it bounds its parent's (the maximum retention). Read
    only when the child's one number is a note for want of a name and its parent states exactly one
    quantity of the same dimension."""
    if not ctx.line.path or not facts or not all(f.note for f in facts):
        return facts
    quantities = _scan_quantities(ctx.line.text)
    if len(quantities) == 1 and not quantities[0].bare:
        labelled = _under_measure_label(ctx, quantities[0])
        if labelled is not None:
            return labelled
    if len(quantities) != 1 or quantities[0].bare or quantities[0].is_range:
        return facts
    qty = quantities[0]
    left, qualifiers = _strip_qualifiers(ctx.line.text[: qty.start], False)
    if len(set(qualifiers)) != 1 or any(w.lower() not in _BARE_BOUND_WORDS for w in left.split()):
        return facts
    parent = replace(ctx, line=replace(ctx.line, text=ctx.line.path[-1], path=ctx.line.path[:-1]))
    named = [f for f in limit_facts(parent) if not f.note and f.dimension == qty.dimension]
    if len(named) != 1:
        return facts
    base = _BOUND_PREFIX_RE.sub("", named[0].attribute)
    labelled = replace(ctx, line=replace(ctx.line, text=f"{base}: {ctx.line.text}"))
    read = [f for f in line_limit_facts(labelled) if not f.note]
    if len(read) != 1 or read[0].attribute == named[0].attribute:
        return facts
    return [replace(read[0], text=ctx.line.text)]


# Words a child line may say before a range of its parent's setting ("can be set from 0 up to 3600 s").
_SETTABLE_RE = re.compile(
    r"^\s*(?:(?:it\s+)?(?:can|may)\s+be\s+(?:set|configured|adjusted|changed|tuned)|"
    r"settable|configurable|adjustable|you\s+can\s+(?:set|configure|choose|pick)(?:\s+it)?)\s+"
    r"(?=(?:from|between|anywhere|to|up\s+to|at\s+most|at\s+least)\b)",
    _I,
)


def _under_measure_label(ctx: _Ctx, qty: _Qty) -> list[FactDraft] | None:
    """ "Deregistration delay (the old name)" > "can be set from 0 up to 3600 seconds": a child that
    only says how far its parent's setting goes, under a parent that names a measure and states no
    number, is that setting's range. None when the line is not one."""
    parent = re.sub(r"\s*\([^()]*\)", "", ctx.line.path[-1]).strip(" :")
    if not parent or len(parent.split()) > 5 or _scan_quantities(parent):
        return None
    if not (_DURATION_WORDS.search(parent) or _MEASURE_WORDS.search(parent)):
        return None
    settable = _SETTABLE_RE.match(ctx.line.text)
    if settable is None:
        return None
    rest = ctx.line.text[settable.end() :]
    labelled = replace(ctx, line=replace(ctx.line, text=f"{parent}: {rest}", path=ctx.line.path[:-1]))
    read = [f for f in line_limit_facts(labelled) if not f.note]
    return [replace(f, text=ctx.line.text) for f in read] or None
