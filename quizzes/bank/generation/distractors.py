"""Wrong-but-plausible choices.

Numeric distractors for a limit are of the same dimension and wrong for the attribute: other limits
the notes give (of other attributes), round neighbours of the key (300/600/1800 s for 900 s) and
unit traps (900 minutes for 900 seconds). A candidate equal to the key in any unit (15 minutes for
900 seconds), or to any value some source gives for the same fact, is never offered.
"""

from __future__ import annotations

import bisect
import hashlib
import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from notes.units import parse_quantity, to_base

from .truths import Truths, attribute_key, subject_key
from .types import FactIn
from .wording import magnitude_text, normalise, unit_factor, value_text

NEIGHBOUR_FACTORS = (1 / 3, 2 / 3, 2.0, 0.5, 4.0, 0.25, 3.0, 10.0, 0.1, 1.5)
PERCENT_LADDER = (90.0, 95.0, 99.0, 99.5, 99.9, 99.95, 99.99, 99.999, 99.999999999)
# Neighbouring units for unit traps, by canonical unit (same number, wrong unit).
UNIT_TRAPS = {
    "ms": ("s",),
    "s": ("min", "ms"),
    "sec": ("min",),
    "seconds": ("min",),
    "min": ("s", "h"),
    "mins": ("s", "h"),
    "minutes": ("s", "h"),
    "h": ("min", "days"),
    "hours": ("min", "days"),
    "day": ("h", "weeks"),
    "days": ("h", "weeks"),
    "kb": ("MB", "B"),
    "mb": ("GB", "KB"),
    "gb": ("MB", "TB"),
    "tb": ("GB",),
}
PLAUSIBLE_RATIO = 40.0  # other limits further than this from the key look silly next to it


@dataclass(frozen=True, slots=True)
class NumericChoice:
    magnitude: float
    text: str
    source: FactIn | None = None  # the other fact of the bank this value is true of, if any


def stable_rank(seed: str, text: str) -> str:
    """A deterministic pseudo-random order: regenerating gives the same choices."""
    return hashlib.sha256(f"{seed}|{text}".encode()).hexdigest()


def side_magnitude(value: str, unit: str) -> float | None:
    quantity = parse_quantity(value, unit)
    if quantity is None:
        return None
    try:
        return to_base(quantity)[0]
    except ValueError:
        return None


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def limit_distractors(
    *, key: FactIn, pool: Sequence[FactIn], count: int = 3, truths: Truths | None = None
) -> list[NumericChoice]:
    """``count`` wrong values for a limit fact, or fewer when there are not enough good ones.

    ``truths`` (the whole bank) forbids every value any fact gives for the key's subject and
    attribute, whatever its qualifier: the default or the minimum is never a wrong maximum."""
    if key.magnitude is None or not key.dimension or key.magnitude <= 0:
        return []
    forbidden = [key.magnitude]
    if truths is not None:
        forbidden += truths.magnitudes(key)
    forbidden += [m for side in key.conflict if (m := side_magnitude(side.value, side.unit)) is not None]
    if key.previous_value:  # the old value is not "true per the notes" any more, but it is a cruel trap
        previous = side_magnitude(key.previous_value, key.previous_unit)
        if previous is not None:
            forbidden.append(previous)
    chosen: list[NumericChoice] = []
    key_text = normalise(value_text(key.value, key.unit))

    def take(candidates: Iterable[NumericChoice], limit: int) -> None:
        taken = 0
        for candidate in candidates:
            if len(chosen) >= count or taken >= limit:
                return
            if candidate.magnitude <= 0 or any(_close(candidate.magnitude, f) for f in forbidden):
                continue
            if any(_close(candidate.magnitude, c.magnitude) for c in chosen):
                continue
            if normalise(candidate.text) in {key_text, *(normalise(c.text) for c in chosen)}:
                continue
            chosen.append(candidate)
            taken += 1

    take(_from_other_limits(key, pool, truths), 1)
    take(_unit_traps(key), 1)
    take(_neighbours(key), count)
    take(_from_other_limits(key, pool, truths), count)
    return sorted(chosen, key=lambda c: c.magnitude)


OTHER_LIMITS_WINDOW = 24  # other limits looked at on each side of the key's magnitude


def _from_other_limits(
    key: FactIn, pool: Sequence[FactIn], truths: Truths | None = None
) -> Iterator[NumericChoice]:
    """Other limits of the same dimension within a plausible ratio of the key, in a stable pseudo-random
    order: the nearest few on each side of the key's magnitude (bounded work however big the bank)."""
    # Counts of different things (batches, retries, executions) are not the same kind of answer.
    if key.dimension == "count" or key.magnitude is None:
        return
    ordered = truths.by_dimension(key.dimension) if truths is not None else _by_magnitude(pool, key.dimension)
    magnitudes = [f.magnitude for f in ordered]
    at = bisect.bisect_left(magnitudes, key.magnitude)
    window = ordered[max(0, at - OTHER_LIMITS_WINDOW) : at + OTHER_LIMITS_WINDOW]
    mine = (subject_key(key.subject), attribute_key(key))
    found = []
    for fact in window:
        if fact.key == key.key or (subject_key(fact.subject), attribute_key(fact)) == mine:
            continue
        ratio = max(fact.magnitude, key.magnitude) / min(fact.magnitude, key.magnitude)
        if ratio <= PLAUSIBLE_RATIO:
            found.append((stable_rank(key.key, fact.key), fact))
    found.sort(key=lambda pair: pair[0])
    for _, fact in found:
        yield NumericChoice(fact.magnitude, magnitude_text(fact.magnitude, fact.dimension), fact)


def _by_magnitude(pool: Sequence[FactIn], dimension: str) -> list[FactIn]:
    limits = [
        f
        for f in pool
        if f.kind == "limit" and f.dimension == dimension and f.magnitude is not None and f.magnitude > 0
    ]
    return sorted(limits, key=lambda f: (f.magnitude, f.key))


def _unit_traps(key: FactIn) -> list[NumericChoice]:
    traps = []
    number = _number(key.value)
    if number is None:
        return traps
    for unit in UNIT_TRAPS.get(key.unit.lower(), ()):
        factor = unit_factor(unit, key.dimension)
        if factor is not None:
            traps.append(NumericChoice(number * factor, value_text(key.value, unit)))
    return traps


def _neighbours(key: FactIn) -> list[NumericChoice]:
    number = _number(key.value)
    factor = unit_factor(key.unit, key.dimension) if key.unit else 1.0
    if number is None or factor is None:
        return []
    if key.dimension == "percent":
        ladder = sorted(PERCENT_LADDER, key=lambda p: abs(p - number))
        return [NumericChoice(p, value_text(f"{p:g}", key.unit)) for p in ladder]
    found = []
    for multiplier in NEIGHBOUR_FACTORS:
        value = number * multiplier
        if value < 1 or not math.isclose(value, round(value), abs_tol=1e-9):
            continue
        found.append(NumericChoice(round(value) * factor, value_text(str(round(value)), key.unit)))
    return found


def _number(text: str) -> float | None:
    try:
        return float(text.replace(",", "").lstrip("~"))
    except ValueError:
        return None


def categorical_distractors(
    *, key_value: str, candidates: Iterable[str], forbidden: Iterable[str], count: int, seed: str
) -> list[str]:
    """Up to ``count`` distinct candidates that are neither the key nor any forbidden (also true) value."""
    banned = {normalise(key_value), *(normalise(f) for f in forbidden)}
    seen: set[str] = set()
    picked: list[tuple[str, str]] = []
    for candidate in candidates:
        norm = normalise(candidate)
        if not norm or norm in banned or norm in seen:
            continue
        seen.add(norm)
        picked.append((stable_rank(seed, norm), candidate))
    picked.sort()
    return [text for _, text in picked[:count]]
