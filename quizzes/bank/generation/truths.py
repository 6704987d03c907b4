"""What the whole bank holds true, so that no wrong choice is also true.

A wrong choice is also true when any fact of the bank gives it for the same subject and attribute,
whatever the qualifier (the default retention is no wrong maximum retention, the minimum memory no
wrong maximum memory), or for an attribute that covers or is covered by the key's ("5XX" covers
"503": "server error" is no wrong meaning of 503, "service unavailable" none of 5XX).
"""

from __future__ import annotations

import functools
import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from notes.units import parse_quantity, to_base

from .types import FactIn
from .vocabulary import invocation_model, is_model_attribute
from .wording import normalise, qualified, split_qualifier, without_subject_noun

_VENDOR = re.compile(r"^(?:amazon|aws)\s+")
_WILDCARD = re.compile(r"^\d*[xX]+\d*$|^\d+[xX]*$")


def subject_key(subject: str) -> str:
    return _VENDOR.sub("", normalise(subject))


def attribute_key(fact: FactIn) -> str:
    """The attribute without its qualifier or a word repeating the subject's noun."""
    return _attribute_key(fact.attribute, fact.subject, getattr(fact, "qualifier", ""))


@functools.lru_cache(maxsize=65536)
def _attribute_key(attribute: str, subject: str, qualifier: str) -> str:
    _, base = qualified(_Named(attribute, qualifier))
    while (inner := split_qualifier(base))[0]:
        base = inner[1]  # "default maximum event age": a value of the setting "maximum event age"
    return normalise(without_subject_noun(base, subject))


@dataclass(frozen=True)
class _Named:
    attribute: str
    qualifier: str


def _token_covers(general: str, specific: str) -> bool:
    """ "5xx" covers "503" and "5xx"; "4xx" does not cover "503"."""
    if len(general) != len(specific) or not _WILDCARD.match(general) or not specific.isdigit():
        return False
    return all(g in "xX" or g == s for g, s in zip(general, specific, strict=True))


def attributes_overlap(a: str, b: str) -> bool:
    """Same attribute, or the same words but for one code that covers the other ("http 5xx meaning",
    "http 503 meaning")."""
    if a == b:
        return True
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb):
        return False
    differ = [(x, y) for x, y in zip(wa, wb, strict=True) if x != y]
    return len(differ) == 1 and (_token_covers(*differ[0]) or _token_covers(*reversed(differ[0])))


@dataclass
class Truths:
    """Every value the bank states, by subject and qualifier-free attribute."""

    facts: dict[str, list[tuple[str, FactIn]]] = field(default_factory=lambda: defaultdict(list))
    models: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    _ordered: dict[str, list[FactIn]] = field(default_factory=dict)

    def add(self, fact: FactIn) -> None:
        self.facts[subject_key(fact.subject)].append((attribute_key(fact), fact))
        if is_model_attribute(fact.attribute) and (model := invocation_model(fact.value)) is not None:
            self.models[subject_key(fact.subject)].add(model)

    def same_attribute(self, fact: FactIn) -> list[FactIn]:
        """Facts of the bank about the same subject and (overlapping) attribute, ``fact`` included."""
        mine = attribute_key(fact)
        return [
            f for key, f in self.facts.get(subject_key(fact.subject), ()) if attributes_overlap(key, mine)
        ]

    def models_of(self, subject: str) -> set[str]:
        """The invocation models the bank gives a service."""
        return set(self.models.get(subject_key(subject), ()))

    def by_dimension(self, dimension: str) -> list[FactIn]:
        """The bank's limits of one dimension with a positive magnitude, by magnitude."""
        if dimension not in self._ordered:
            limits = [
                f
                for facts in self.facts.values()
                for _, f in facts
                if f.kind == "limit"
                and f.dimension == dimension
                and f.magnitude is not None
                and f.magnitude > 0
            ]
            self._ordered[dimension] = sorted(limits, key=lambda f: (f.magnitude, f.key))
        return self._ordered[dimension]

    def limits(self, subject: str) -> list[FactIn]:
        return [f for _, f in self.facts.get(subject_key(subject), ()) if f.kind == "limit"]

    def magnitudes(self, fact: FactIn) -> list[float]:
        found: list[float] = []
        for other in self.same_attribute(fact):
            if other.dimension == fact.dimension and other.magnitude is not None:
                found.append(other.magnitude)
            found += [
                m
                for side in other.conflict
                if (m := side_magnitude(side.value, side.unit, fact.dimension)) is not None
            ]
        return found

    def values(self, fact: FactIn) -> set[str]:
        found: set[str] = set()
        for other in self.same_attribute(fact):
            found |= {normalise(v) for v in (other.value, *other.stated_values) if v}
            found |= {normalise(side.value) for side in other.conflict}
        return found

    def true_quantity(self, fact: FactIn, magnitude: float) -> bool:
        return any(math.isclose(magnitude, m, rel_tol=1e-6, abs_tol=1e-9) for m in self.magnitudes(fact))

    def true_text(self, fact: FactIn, text: str) -> bool:
        return normalise(text) in self.values(fact)


def side_magnitude(value: str, unit: str, dimension: str) -> float | None:
    quantity = parse_quantity(value, unit)
    if quantity is None:
        return None
    try:
        magnitude, found = to_base(quantity)
    except ValueError:
        return None
    return magnitude if found == dimension or not dimension else None


def truths_of(facts: Iterable[FactIn]) -> Truths:
    truths = Truths()
    for fact in facts:
        truths.add(fact)
    return truths
