"""Quantity scanning: numbers with units (and ranges) in a clause, as base magnitudes.

Owns the number/unit regexes, :class:`_Qty` and :func:`_scan_quantities`, which also merges two
quantities joined by a range word ("128MB - 10GB") into one range. It names nothing: which
attribute a quantity states is decided by :mod:`notes.facts.limits`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from notes.units import parse_quantity, parse_range, to_base

_I = re.IGNORECASE


_NUM = r"~?\d+(?:,\d{3})*(?:\.\d+)?"
_UNIT = (
    r"milliseconds?|msec|ms|seconds?|secs?|s|minutes?|mins?|hours?|hrs?|h|days?|weeks?|years?|yrs?"
    r"|[kmgtp]i?b|bytes?|b|%|percent|shards?|messages?|batch(?:es)?|requests?|records?|items?"
    r"|executions?|instances?|retr(?:y|ies)|times|events?|invocations?|consumers?"
)
_QUANTITY_RE = re.compile(
    rf"(?<![\w.@$/\-])(?P<num>{_NUM}(?:[kK](?![iI]?[bB]))?)"
    rf"(?:\s*(?:-|–|—|\bto\b|\bt0\b)\s*(?P<num2>{_NUM}))?"
    rf"(?:\s*-?\s*(?P<unit>{_UNIT})(?:\s*(?:/|\bper\b)\s*(?P<per>seconds?|sec|s|minutes?|min|hours?))?)?"
    r"(?![A-Za-z0-9])",
    _I,
)
_RANGE_JOIN_RE = re.compile(r"^\s*(?:-|–|—|to|t0)\s*$", _I)


@dataclass(slots=True)
class _Qty:
    start: int
    end: int
    low: float | None  # base magnitude of the low end for ranges
    high: float  # base magnitude (the value for single quantities)
    dimension: str
    unit_text: str
    approximate: bool = False

    @property
    def is_range(self) -> bool:
        return self.low is not None


def _scan_quantities(text: str, skip: Sequence[tuple[int, int]]) -> list[_Qty]:
    found: list[_Qty] = []
    for match in _QUANTITY_RE.finditer(text):
        if any(a <= match.start() < b for a, b in skip):
            continue
        unit = match.group("unit") or ""
        if match.group("per"):
            unit = f"{unit} per {match.group('per')}"
        if match.group("num2"):
            parsed = parse_range(f"{match.group('num')}-{match.group('num2')}", unit)
            if parsed is None:
                continue
            (low, dim), (high, _) = to_base(parsed[0]), to_base(parsed[1])
            found.append(_Qty(match.start(), match.end(), low, high, dim, unit))
            continue
        quantity = parse_quantity(match.group("num"), unit)
        if quantity is None:
            continue
        high, dim = to_base(quantity)
        found.append(
            _Qty(match.start(), match.end(), None, high, dim, unit, match.group("num").startswith("~"))
        )
    # "128MB - 10GB", "512MB to 10GB": two quantities joined by a range word make one range.
    merged: list[_Qty] = []
    for qty in found:
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and not prev.is_range
            and not qty.is_range
            and prev.dimension == qty.dimension
            and prev.high <= qty.high
            and _RANGE_JOIN_RE.match(text[prev.end : qty.start])
        ):
            merged[-1] = _Qty(prev.start, qty.end, prev.high, qty.high, qty.dimension, qty.unit_text)
        else:
            merged.append(qty)
    return merged
