"""Quantity scanning: the numbers of a clause with their units, nouns, rates and ranges.

Owns :class:`_Qty` and :func:`_scan_quantities`. A quantity is a numeral ("900", "10,240", "0.5",
"1K") or number words ("fifteen", "two", "one hundred") followed by

* a unit pint knows through :mod:`notes.units` ("900 seconds", "10GB", "99.9%"), possibly a rate
  ("300 messages per second", "1 MB per second": the "per second" is kept as ``per``);
* or a counted noun ("15 read replicas", "16 vCPU", "200 messages per 24 hours"): a count whose
  ``noun`` (and ``per`` phrase) names what is counted;
* or nothing: a bare number, which is never taught (``bare``).

Two quantities joined by a range word ("1-128 MB", "between 60 and 900 seconds", "from 128 MB up to
10,240 MB", "128 MB to 10 GB") are one range. "Thousands" and "millions" without a number are
``vague``. It names nothing: what the number is of is decided by :mod:`notes.facts.limits`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from notes.units import parse_quantity, to_base

_I = re.IGNORECASE


def _split(words: str) -> list[str]:
    return words.split()


# The one table of number words (issue 13, D6): the quantity grammar reads these, and
# :mod:`notes.facts.modes` extends them for retry counts ("once", "twice", "no more times").
NUMBER_WORDS: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS_WORDS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALE_WORDS = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
_SMALL_NUMBER = (
    r"(?:(?:" + "|".join(_TENS_WORDS) + r")(?:[\s-](?:" + "|".join(list(NUMBER_WORDS)[1:10]) + r"))?"
    r"|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
)
# "fifteen", "twenty-five", "one hundred and fifty", "two thousand five hundred"
_WORD_NUMBER = (
    _SMALL_NUMBER
    + r"(?:\s+(?:hundred|thousand|million|billion)\b(?:\s+(?:and\s+)?"
    + _SMALL_NUMBER
    + r"\b)?)*"
)
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_NUMBER_RE = re.compile(
    rf"(?<![\w.@$/\\#])(?<![A-Za-z]-)(?P<approx>~\s*)?(?:(?P<digits>{_DIGITS})(?P<k>[kK](?![a-zA-Z]))?"
    rf"(?:\s+(?P<scale>hundred|thousand|million|billion)\b)?|(?P<words>\b{_WORD_NUMBER}\b))",
    _I,
)
_TIME_UNIT = (
    r"milliseconds?|msecs?|ms|seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|wks?"
    r"|months?|years?|yrs?"
)
_UNIT_RE = re.compile(
    rf"^\s*-?\s*(?P<unit>{_TIME_UNIT}|[kmgt]?bps|[kmg]bit/s|[kmgtp]i?b|bytes?|b|%|percent|pps|rps|tps|qps)"
    r"(?![A-Za-z0-9])",
    _I,
)
_RATE_TIME_RE = re.compile(r"^\s*(?:/|\bper\b|\ba\b|\beach\b)\s*(?P<per>seconds?|secs?|s)(?![A-Za-z0-9])", _I)
# The thing counted: up to three words, none of them a word that ends a noun phrase.
_NOUN_STOP = frozenset(
    _split(
        "a an the and or but to of in on at by for from with per each is are was be can cannot could will "
        "would should may might must not no than as that which who this these those it its up more less "
        "via into over under after before when while if then so also only about around usually typically "
        "default defaults max min maximum minimum with without within across through between via among "
        "versus vs or nor yet t0"
    )
)
_WORD_RE = re.compile(r"^\s*(?P<word>[A-Za-z][A-Za-z0-9/'-]*)")
_PER_RE = re.compile(
    r"^\s*(?:per|/|for\s+each|in\s+(?:a|one|each))\s+(?P<per>(?:\d[\d,]*\s+)?[A-Za-z][A-Za-z0-9 /-]*)",
    _I,
)
_VAGUE_RE = re.compile(
    r"\b(?:hundreds|thousands|millions|billions|tens\s+of\s+thousands|many|several|dozens)\b", _I
)
# What joins two quantities into a range; the words before the first say "between"/"from".
_RANGE_JOIN_RE = re.compile(r"^\s*(?:-|–|—|to|t0|through|up\s+to|and)\s*$", _I)
_BETWEEN_RE = re.compile(r"\bbetween\s*$", _I)
_FROM_RE = re.compile(r"\b(?:from|ranges?|ranging|anywhere\s+from)\s*$", _I)
_PRONOUN_ONE_RE = re.compile(
    r"\b(?:each|every|which|this|that|another|any|no|the\s+(?!only\b|first\b)[a-z]+)\s*$", _I
)
# "86,400 seconds (one day)", "300 s (= 5 minutes)": the same amount said again in brackets.
_RESTATE_OPEN_RE = re.compile(r"^\s*\(\s*(?:=|~|≈|i\.e\.?,?|that\s+is,?|or|about|roughly)?\s*$", _I)
_RESTATE_CLOSE_RE = re.compile(r"^\s*\)")


@dataclass(slots=True)
class _Qty:
    start: int
    end: int
    low: float | None  # base magnitude of the low end for ranges
    high: float  # base magnitude (the value for single quantities)
    dimension: str
    unit_text: str
    approximate: bool = False
    noun: str = ""  # counts: the thing counted ("read replicas", "vCPU")
    per: str = ""  # "per task", "per 24 hours", "per second" (rates keep it out of the attribute)
    bare: bool = False  # a number with no unit and no noun: never taught
    written: str = ""  # the number as written (for "about two" etc.)

    @property
    def is_range(self) -> bool:
        return self.low is not None


@lru_cache(maxsize=4096)
def _base(number: str, unit: str) -> tuple[float, str] | None:
    """(base magnitude, dimension) of a number and a unit spelling, None when pint cannot read it."""
    quantity = parse_quantity(number, unit)
    return None if quantity is None else to_base(quantity)


# A line with none of these has no quantity: most lines, skipped at once.
_MAY_HAVE_NUMBER_RE = re.compile(
    r"\d|\b(?:"
    + "|".join([*NUMBER_WORDS, *_TENS_WORDS, *_SCALE_WORDS])
    + r")|\b(?:hundreds|thousands|millions|billions)\b",
    _I,
)


def may_have_quantity(text: str) -> bool:
    return _MAY_HAVE_NUMBER_RE.search(text) is not None


def _word_value(words: str) -> float | None:
    total, current = 0.0, 0.0
    for token in re.split(r"[\s-]+", words.lower()):
        if token == "and":
            continue
        if token in NUMBER_WORDS:
            current += NUMBER_WORDS[token]
        elif token in _TENS_WORDS:
            current += _TENS_WORDS[token]
        elif token == "hundred":
            current = (current or 1) * 100
        elif token in _SCALE_WORDS:
            total += (current or 1) * _SCALE_WORDS[token]
            current = 0
        else:
            return None
    return total + current


def _number_value(match: re.Match[str]) -> float | None:
    if match.group("words"):
        return _word_value(match.group("words"))
    value = float(match.group("digits").replace(",", ""))
    if match.group("k"):
        value *= 1000
    if match.group("scale"):
        value *= _SCALE_WORDS[match.group("scale").lower()]
    return value


def _number_text(value: float) -> str:
    return str(int(value)) if value == int(value) else repr(value)


def _noun_after(text: str) -> tuple[str, int]:
    """The counted noun right after a number ("read replicas per ..."), and where it ends."""
    words: list[str] = []
    pos = 0
    extra = re.match(r"^\s*(?:more|additional|extra|new|further)\b(?=\s+[A-Za-z])", text, _I)
    if extra:  # "60 more instances": instances
        pos = extra.end()
    while len(words) < 3:
        match = _WORD_RE.match(text[pos:])
        if not match or match.group("word").lower() in _NOUN_STOP:
            break
        words.append(match.group("word"))
        pos += match.end()
    return " ".join(words), pos


def _one(text: str, match: re.Match[str]) -> _Qty | None:
    if match.group("words") and match.group("words").isupper():
        return None  # "ONE", "QUORUM": a setting's name in capitals, not a number
    value = _number_value(match)
    if value is None:
        return None
    if match.group(0).strip().lower() == "one" and _PRONOUN_ONE_RE.search(text[: match.start()]):
        return None  # "keeps each one for 14 days", "the other one": a pronoun, not a count
    start, end = match.start(), match.end()
    rest = text[end:]
    approximate = bool(match.group("approx"))
    written = match.group(0).strip()
    if match.group("k") and _UNIT_RE.match(rest) and not re.match(r"^\s*(?:per|/)", rest, _I):
        return None  # "25kKB": a typo, not a quantity
    if re.match(r"^[A-Za-z]", rest) and not _UNIT_RE.match(rest):
        return None  # "5XX", "10x", "3rd", "v2": a code or an ordinal, not a quantity
    unit = _UNIT_RE.match(rest)
    if unit is not None:
        spelled = unit.group("unit")
        if spelled.lower() in {"m", "d"} and re.match(r"^\s+", rest):
            unit = None  # "5 m" reads as metres or a typo; "5m"/"7d" are time
    if unit is not None:
        unit_text = unit.group("unit")
        stop = end + unit.end()
        rate = _RATE_TIME_RE.match(text[stop:])
        based = _base(_number_text(value), unit_text)
        if based is None:
            return None
        high, dim = based
        per = ""
        if rate is not None:
            per, stop = "per second", stop + rate.end()
            more, length = _per_chain(text[stop:])  # "1 MB per second per shard"
            per, stop = f"{per} {more}".strip(), stop + length
        else:
            per, length = _per_chain(text[stop:])
            stop += length
        noun = _ABBREVIATED_NOUNS.get(unit_text.lower(), "")  # "1 million pps": packets per second
        return _Qty(start, stop, None, high, dim, unit_text, approximate, noun=noun, per=per, written=written)
    noun, length = _noun_after(rest)
    stop = end + length
    if not noun:
        per, length = _per_chain(rest)
        based = _base(_number_text(value), "")
        assert based is not None
        high, dim = based
        if per:  # "1,000 per second per partition": a count of what the label names
            return _Qty(start, end + length, None, high, dim, "", approximate, per=per, written=written)
        return _Qty(start, end, None, high, dim, "", approximate, bare=True, written=written)
    rate = _RATE_TIME_RE.match(text[stop:])
    if rate is not None:
        based = _base(_number_text(value), "items per second")
        assert based is not None
        high, dim = based
        stop += rate.end()
        per, length = _per_chain(text[stop:])
        return _Qty(
            start, stop + length, None, high, dim, noun, approximate, noun=noun, per=per, written=written
        )
    per, length = _per_chain(text[stop:])
    based = _base(_number_text(value), "")
    assert based is not None
    high, dim = based
    return _Qty(start, stop + length, None, high, dim, noun, approximate, noun=noun, per=per, written=written)


_ABBREVIATED_NOUNS = {"pps": "packets", "rps": "requests", "tps": "transactions", "qps": "queries"}


def _per_chain(text: str) -> tuple[str, int]:
    """ "per second per partition", "per 24 hours": the per phrases right after a quantity."""
    parts: list[str] = []
    pos = 0
    while True:
        match = _PER_RE.match(text[pos:])
        if match is None:
            break
        phrase, length = _per_phrase(match.group("per"))
        if not phrase:
            break
        parts.append(f"per {phrase}")
        pos += match.start("per") + length
    return " ".join(parts), pos


def _per_phrase(text: str) -> tuple[str, int]:
    """ "24 hours", "source DB instance": a number and a unit, or a noun phrase."""
    number = re.match(r"^(\d[\d,]*)\s+([A-Za-z]+)", text)
    if number is not None:
        return f"{number.group(1)} {number.group(2)}", number.end()
    return _noun_after(text)


def _scan_quantities(text: str, skip: Sequence[tuple[int, int]] = ()) -> list[_Qty]:
    """Every quantity of ``text`` left to right, ranges merged; spans in ``skip`` are not read."""
    found: list[_Qty] = []
    pos = 0
    while True:
        match = _NUMBER_RE.search(text, pos)
        if match is None:
            break
        pos = max(match.end(), pos + 1)
        if any(a <= match.start() < b for a, b in skip):
            continue
        if found and match.start() < found[-1].end:
            continue  # inside the previous quantity's noun or "per" phrase
        qty = _one(text, match)
        if qty is not None:
            found.append(qty)
            pos = max(pos, qty.end)
    return _ranges(text, found)


def _ranges(text: str, found: list[_Qty]) -> list[_Qty]:
    merged: list[_Qty] = []
    for qty in found:
        prev = merged[-1] if merged else None
        join = text[prev.end : qty.start] if prev is not None else ""
        if prev is not None and _restates(prev, qty, join, text[qty.end :]):
            closed = _RESTATE_CLOSE_RE.match(text, qty.end)
            merged[-1] = replace(prev, end=closed.end() if closed else qty.end)
            continue
        if (
            prev is not None
            and re.match(r"^\s*(?:or|/|=)\s*$", join)
            and (prev.dimension, prev.high, prev.low, prev.noun)
            == (qty.dimension, qty.high, qty.low, qty.noun)
            and not (prev.bare or qty.bare)
        ):
            merged[-1] = replace(qty, start=prev.start)  # "900s or 15mins": one value, two spellings
            continue
        if prev is not None and not prev.is_range and not qty.is_range and _RANGE_JOIN_RE.match(join):
            before = text[: prev.start]
            word = join.strip().lower()
            if (
                prev.bare
                and qty.bare
                and word != "and"
                and _FROM_RE.search(before)
                and prev.high < qty.high
                and not prev.per
                and not qty.per
            ):
                # "a confidence score from 0 to 100": a range of a unitless measure (still bare).
                merged[-1] = replace(
                    qty, start=prev.start, low=prev.high, written=f"{prev.written}-{qty.written}"
                )
                continue
            if word == "and" and not _BETWEEN_RE.search(before):
                merged.append(qty)
                continue
            if word.startswith("up") and not _FROM_RE.search(before):
                merged.append(qty)
                continue
            low = prev
            if prev.bare and not qty.bare:
                # "1-128 MB", "between 60 and 900 seconds": the low end takes the high end's unit.
                based = _base(_number_text(prev.high), qty.unit_text if not qty.noun else "")
                if based is None:
                    merged.append(qty)
                    continue
                high, dim = based
                if qty.dimension == "rate":
                    based = _base(_number_text(prev.high), "items per second")
                    assert based is not None
                    high, dim = based
                low = _Qty(prev.start, prev.end, None, high, dim, qty.unit_text, noun=qty.noun)
            if (
                low.dimension == qty.dimension
                and low.high <= qty.high
                and low.noun == qty.noun
                and not low.bare
            ):
                merged[-1] = _Qty(
                    prev.start,
                    qty.end,
                    low.high,
                    qty.high,
                    qty.dimension,
                    qty.unit_text,
                    prev.approximate or qty.approximate,
                    noun=qty.noun,
                    per=qty.per,
                    written=f"{prev.written}-{qty.written}",
                )
                continue
        merged.append(qty)
    return merged


def _restates(prev: _Qty, qty: _Qty, join: str, after: str) -> bool:
    """Whether ``qty`` only says ``prev`` again in brackets ("86,400 seconds (one day)")."""
    if not (_RESTATE_OPEN_RE.match(join) and _RESTATE_CLOSE_RE.match(after)):
        return False
    if prev.is_range or qty.is_range or prev.bare or qty.bare or prev.dimension != qty.dimension:
        return False
    if prev.noun != qty.noun or not prev.high:
        return False
    return abs(prev.high - qty.high) <= 0.02 * abs(prev.high)


def vague_spans(text: str) -> list[tuple[int, int]]:
    """Where the text gives a vague amount ("thousands of requests per second")."""
    return [m.span() for m in _VAGUE_RE.finditer(text)]


def like(model: _Qty, bare: _Qty) -> _Qty | None:
    """A bare number that leaves its unit to the quantity before it ("3000 messages per second with
    batching, 300 without"): the bare number in the model's unit, noun and rate; None when the model's
    own number cannot be read back or either is a range."""
    if model.is_range or bare.is_range or model.bare or not bare.bare:
        return None
    match = _NUMBER_RE.match(model.written)
    value = _number_value(match) if match else None
    if not value:
        return None
    return replace(
        model, start=bare.start, end=bare.end, high=model.high * bare.high / value, written=bare.written
    )
