"""Quantity normalisation for facts extracted from lecture notes (pint based).

The notes spell quantities in many ways ("900 seconds", "900s", "15mins", "24-hour", "10240MB",
"1K request per second", "~100ms", "99.9%").  This module turns those spellings into pint
quantities on one shared :data:`ureg`, reduces them to a base magnitude per dimension and formats
them back for display.

Conventions:

* AWS sizes are binary: ``KB``/``MB``/``GB``/``TB`` mean KiB/MiB/GiB/TiB, so ``10 GB == 10240 MB``
  (Lambda's memory limit is written both ways).  Display uses the AWS spelling (``GB``, not ``GiB``).
* Dimensions returned by :func:`to_base` are ``"time"`` (seconds), ``"size"`` (bytes), ``"count"``
  (items), ``"rate"`` (items per second) and ``"percent"`` (percent points, ``99.9`` for 99.9 %).
* Counted things (shards, messages, batches, requests, retries ...) all share one ``item``
  dimension: the fact's attribute says what is counted.
* Ranges ("1-2ms", "1-10 messages", "0 to 3600s") are parsed by :func:`parse_range`;
  :func:`parse_quantity` only accepts a single number.
* Anything doubtful (``"25kKB"``, unknown units) parses to ``None`` rather than to a guess.
"""

from __future__ import annotations

import math
import re
from typing import Any

import pint

__all__ = [
    "DIMENSIONS",
    "Quantity",
    "format_quantity",
    "parse_quantity",
    "parse_range",
    "same_magnitude",
    "same_quantity",
    "to_base",
    "ureg",
]

ureg = pint.UnitRegistry()
# pint's own "count" is dimensionless (like "percent"); counted things get their own dimension so a
# count can never compare equal to a percentage.
ureg.define("item = [item]")
# pint's bit/byte are dimensionless too, and SI-prefixed (kB = 1000 B).  AWS sizes get their own
# binary units in a [size] dimension: aws_KB = 1024 aws_byte, and so on.
ureg.define("aws_byte = [size]")
ureg.define("aws_KB = 1024 * aws_byte")
ureg.define("aws_MB = 1024 * aws_KB")
ureg.define("aws_GB = 1024 * aws_MB")
ureg.define("aws_TB = 1024 * aws_GB")
ureg.define("aws_PB = 1024 * aws_TB")
# Network bandwidth is decimal bits per second (10 Gbps = 10,000 Mbps), a dimension of its own.
ureg.define("aws_bps = [bandwidth]")
ureg.define("aws_Kbps = 1000 * aws_bps")
ureg.define("aws_Mbps = 1000 * aws_Kbps")
ureg.define("aws_Gbps = 1000 * aws_Mbps")
ureg.define("aws_Tbps = 1000 * aws_Gbps")

Quantity = pint.Quantity

DIMENSIONS = ("time", "size", "count", "rate", "percent", "bandwidth")

# Unit spellings found in notes (lower-cased) -> pint unit name.
_TIME_UNITS = {
    "ms": "millisecond",
    "msec": "millisecond",
    "millisecond": "millisecond",
    "milliseconds": "millisecond",
    "s": "second",
    "sec": "second",
    "secs": "second",
    "second": "second",
    "seconds": "second",
    "min": "minute",
    "mins": "minute",
    "minute": "minute",
    "minutes": "minute",
    "h": "hour",
    "hr": "hour",
    "hrs": "hour",
    "hour": "hour",
    "hours": "hour",
    "d": "day",
    "day": "day",
    "days": "day",
    "week": "week",
    "weeks": "week",
    "year": "year",
    "years": "year",
    "yr": "year",
    "yrs": "year",
}
_SIZE_UNITS = {
    "b": "aws_byte",
    "byte": "aws_byte",
    "bytes": "aws_byte",
    "kb": "aws_KB",
    "kib": "aws_KB",
    "mb": "aws_MB",
    "mib": "aws_MB",
    "gb": "aws_GB",
    "gib": "aws_GB",
    "tb": "aws_TB",
    "tib": "aws_TB",
    "pb": "aws_PB",
    "pib": "aws_PB",
}
_BANDWIDTH_UNITS = {
    "bps": "aws_bps",
    "kbps": "aws_Kbps",
    "mbps": "aws_Mbps",
    "gbps": "aws_Gbps",
    "tbps": "aws_Tbps",
    "kbit/s": "aws_Kbps",
    "mbit/s": "aws_Mbps",
    "gbit/s": "aws_Gbps",
}
# Counts per second written as one abbreviation ("1 million pps", "100 TPS").
_RATE_ABBREVIATIONS = frozenset({"rps", "pps", "tps", "qps"})
_COUNT_WORDS = frozenset(
    {
        "shard",
        "shards",
        "message",
        "messages",
        "batch",
        "batches",
        "request",
        "requests",
        "record",
        "records",
        "item",
        "items",
        "execution",
        "executions",
        "concurrent execution",
        "concurrent executions",
        "instance",
        "instances",
        "retry",
        "retries",
        "time",
        "times",
        "event",
        "events",
        "function",
        "functions",
        "invocation",
        "invocations",
        "consumer",
        "consumers",
        "transaction",
        "transactions",
        "call",
        "calls",
        "connection",
        "connections",
    }
)
_PERCENT_UNITS = frozenset({"%", "percent", "pct"})
_RATE_SEP = re.compile(r"\s*(?:/|\bper\b)\s*", re.IGNORECASE)

_NUMBER_RE = re.compile(r"^~?\s*(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*([kK])?$")
_RANGE_RE = re.compile(r"^~?\s*(\d+(?:\.\d+)?)\s*(?:-|–|—|\bto\b|\bt0\b)\s*(\d+(?:\.\d+)?)$", re.IGNORECASE)

_TOLERANCE = 1e-12


def _parse_number(number: str) -> tuple[float, bool] | None:
    """Return (value, had_k_suffix) for "900", "~100", "1,000", "1K", "99.9"; None otherwise."""
    match = _NUMBER_RE.match(number.strip())
    if not match:
        return None
    value = float(match.group(1).replace(",", ""))
    if match.group(2):
        return value * 1000, True
    return value, False


def _unit_name(unit: str) -> tuple[str, str] | None:
    """Map a note spelling to (pint expression, dimension) or None when unknown."""
    text = unit.strip().lstrip("-").strip().rstrip(".")
    if not text:
        return "item", "count"
    lower = text.lower()
    if lower in _PERCENT_UNITS:
        return "percent", "percent"
    if lower in _TIME_UNITS:
        return _TIME_UNITS[lower], "time"
    if lower in _SIZE_UNITS:
        return _SIZE_UNITS[lower], "size"
    if lower in _BANDWIDTH_UNITS:
        return _BANDWIDTH_UNITS[lower], "bandwidth"
    if lower in _COUNT_WORDS:
        return "item", "count"
    parts = _RATE_SEP.split(lower)
    if len(parts) == 2:
        numerator, denominator = parts
        if (numerator in _COUNT_WORDS or numerator in {"", "rps"}) and denominator in _TIME_UNITS:
            return f"item / {_TIME_UNITS[denominator]}", "rate"
    if lower in _RATE_ABBREVIATIONS:
        return "item / second", "rate"
    return None


def parse_quantity(number: str, unit: str = "") -> Quantity | None:
    """Parse one number and its unit spelling into a pint quantity on :data:`ureg`.

    ``number`` is e.g. ``"900"``, ``"~100"``, ``"1K"``, ``"1,000"``; ``unit`` is e.g. ``"seconds"``,
    ``"s"``, ``"15mins"``'s ``"mins"``, ``"-hour"``, ``"KB"``, ``"messages per second"``, ``"%"`` or
    ``""`` for a bare count.  A ``K`` multiplier is only accepted on counts and rates: ``"25k"`` +
    ``"KB"`` (a typo in the notes) is rejected.  Ranges are rejected: use :func:`parse_range`.
    """
    parsed = _parse_number(number)
    resolved = _unit_name(unit)
    if parsed is None or resolved is None:
        return None
    value, had_k = parsed
    expression, dimension = resolved
    if had_k and dimension not in {"count", "rate"}:
        return None
    return ureg.Quantity(value, expression)


def parse_range(number: str, unit: str = "") -> tuple[Quantity, Quantity] | None:
    """Parse ``"1-2"``/``"0 to 3600"``/``"1 – 10"`` with a unit into (low, high); None when not a range.

    The notes also write "0 t0 3600s" (typo for "to"), which is accepted.  ``low`` must not exceed
    ``high``.
    """
    match = _RANGE_RE.match(number.strip())
    if not match:
        return None
    low = parse_quantity(match.group(1), unit)
    high = parse_quantity(match.group(2), unit)
    if low is None or high is None or low.magnitude > high.magnitude:
        return None
    return low, high


_BASE_UNITS = {
    "time": "second",
    "size": "aws_byte",
    "count": "item",
    "rate": "item / second",
    "percent": "percent",
    "bandwidth": "aws_bps",
}


def dimension_of(q: Quantity) -> str | None:
    """The dimension name of a quantity built by this module, or None for anything else."""
    dims = q.dimensionality
    if dims == ureg.second.dimensionality:
        return "time"
    if dims == ureg.aws_byte.dimensionality:
        return "size"
    if dims == ureg.item.dimensionality:
        return "count"
    if dims == (ureg.item / ureg.second).dimensionality:
        return "rate"
    if dims == ureg.aws_bps.dimensionality:
        return "bandwidth"
    if not dims and str(q.units) == "percent":
        return "percent"
    return None


def to_base(q: Quantity) -> tuple[float, str]:
    """Return (magnitude in the dimension's base unit, dimension).

    Base units: seconds, bytes, items, items per second, percent points.  Raises ``ValueError``
    for a quantity of no known dimension.
    """
    dimension = dimension_of(q)
    if dimension is None:
        raise ValueError(f"unsupported quantity: {q!r}")
    return float(q.to(_BASE_UNITS[dimension]).magnitude), dimension


# Display units, largest first: (display name, pint unit).  A magnitude is shown in the largest unit
# in which it is a whole number (900 s -> 15 min, 10240 MB -> 10 GB, 29 s -> 29 s).
_DISPLAY_UNITS: dict[str, tuple[tuple[str, str], ...]] = {
    "time": (
        ("years", "year"),
        ("days", "day"),
        ("h", "hour"),
        ("min", "minute"),
        ("s", "second"),
        ("ms", "millisecond"),
    ),
    "size": (("TB", "aws_TB"), ("GB", "aws_GB"), ("MB", "aws_MB"), ("KB", "aws_KB"), ("B", "aws_byte")),
    "bandwidth": (
        ("Tbps", "aws_Tbps"),
        ("Gbps", "aws_Gbps"),
        ("Mbps", "aws_Mbps"),
        ("Kbps", "aws_Kbps"),
        ("bps", "aws_bps"),
    ),
}
_SIMPLE_UNITS = {"count": "", "rate": "per second", "percent": "%"}


def _format_number(value: float) -> str:
    if _is_whole(value):
        return str(round(value))
    return f"{value:.12g}"


def _is_whole(value: float) -> bool:
    return math.isclose(value, round(value), rel_tol=_TOLERANCE, abs_tol=_TOLERANCE)


def format_quantity(magnitude: float, dimension: str) -> tuple[str, str]:
    """Format a base magnitude for display: ``(900, "time") -> ("15", "min")``.

    Time and size use the largest unit in which the value is whole (``1`` year only when the
    magnitude is exactly pint's Julian year); counts have an empty unit, rates ``"per second"``,
    percentages ``"%"``.
    """
    if dimension in _SIMPLE_UNITS:
        return _format_number(magnitude), _SIMPLE_UNITS[dimension]
    if dimension not in _DISPLAY_UNITS:
        raise ValueError(f"unknown dimension: {dimension!r}")
    base = ureg.Quantity(magnitude, _BASE_UNITS[dimension])
    candidates = _DISPLAY_UNITS[dimension]
    if magnitude == 0:
        return "0", {"time": "s", "size": "B", "bandwidth": "bps"}[dimension]
    for name, pint_unit in candidates:
        value = float(base.to(pint_unit).magnitude)
        # 24 h and 60 s read better than "1 day" and "1 min" (that is how AWS states them).
        minimum = 2 if name in {"days", "min"} else 1
        if _is_whole(value) and round(value) >= minimum:
            if name == "years" and round(value) == 1:
                name = "year"
            return _format_number(value), name
    name, pint_unit = candidates[-1]
    return _format_number(float(base.to(pint_unit).magnitude)), name


def same_magnitude(a: float, b: float) -> bool:
    """True when two base magnitudes are equal up to float error."""
    return math.isclose(a, b, rel_tol=_TOLERANCE, abs_tol=_TOLERANCE)


def same_quantity(a: Any, b: Any) -> bool:
    """True when two quantities (pint quantities or ``(magnitude, dimension)`` pairs) are equal.

    Different dimensions are never equal; magnitudes are compared with a relative tolerance so that
    ``15 min == 900 s`` and ``10 GB == 10240 MB`` despite float conversions.
    """
    base_a = a if isinstance(a, tuple) else to_base(a)
    base_b = b if isinstance(b, tuple) else to_base(b)
    return base_a[1] == base_b[1] and same_magnitude(base_a[0], base_b[0])
