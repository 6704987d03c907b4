"""Pure detection of confusions: pairs of values or services a learner keeps mixing up.

Input is a learner's answers to questions (from any mode); output is the pairs worth a contrast
drill. A pair is reported when

* the learner picked the same wrong choice for the same item more than once, or
* the learner mixed up the same two values on two or more different items (picked "SNS" where the
  key was "SQS" on one item and did it again, in either direction, on another).

Values are compared after normalisation (case, spacing, thousands separators, an "Amazon"/"AWS"
prefix and the spelling of common units: "29 seconds" == "29 s"), and a pair is unordered: SQS for
SNS and SNS for SQS are the same confusion. The pair id is a short stable hash of the normalised
pair, used in the drill URL.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

_UNIT_WORDS = {
    "milliseconds": "ms",
    "millisecond": "ms",
    "msec": "ms",
    "seconds": "s",
    "second": "s",
    "secs": "s",
    "sec": "s",
    "minutes": "min",
    "minute": "min",
    "mins": "min",
    "hours": "h",
    "hour": "h",
    "hrs": "h",
    "days": "d",
    "day": "d",
    "megabytes": "mb",
    "megabyte": "mb",
    "gigabytes": "gb",
    "gigabyte": "gb",
    "kilobytes": "kb",
    "kilobyte": "kb",
}
_PREFIX = re.compile(r"^(amazon|aws)\s+")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")
_WORD = re.compile(r"[a-z]+")


def normalize_value(text: str) -> str:
    """The comparable form of a choice's text."""
    value = " ".join(text.casefold().split())
    value = _PREFIX.sub("", value)
    value = _THOUSANDS.sub("", value)
    value = re.sub(r"(?<=\d)(?=[a-z])", " ", value)  # "29s" -> "29 s"
    value = _WORD.sub(lambda m: _UNIT_WORDS.get(m.group(0), m.group(0)), value)
    return value.strip(" .")


def pair_id(a: str, b: str) -> str:
    """Stable id of an unordered pair of (normalised) values."""
    low, high = sorted((normalize_value(a), normalize_value(b)))
    return hashlib.sha256(f"{low}\x1f{high}".encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Answer:
    """One answer to a question: the choice texts, the key and what was picked (indexes)."""

    item_id: int
    choices: Sequence[str]
    correct: Sequence[int]
    chosen: Sequence[int]


@dataclass(frozen=True)
class Slip:
    """One wrong pick: on ``item_id`` the key was ``key`` and the learner picked ``picked``."""

    item_id: int
    key: str
    picked: str


@dataclass
class Confusion:
    pair_id: str
    a: str  # the two values as first seen, in a stable order
    b: str
    slips: list[Slip] = field(default_factory=list)
    reason: str = ""  # "repeated" (same wrong pick on one item) or "across-items"

    @property
    def count(self) -> int:
        return len(self.slips)

    @property
    def item_ids(self) -> list[int]:
        return sorted({s.item_id for s in self.slips})


def slips(answer: Answer) -> list[Slip]:
    """The (key, wrong pick) pairs of one answer; none when it was right.

    With one key and one wrong pick the pair is clear. With several ("Choose TWO"), each wrong pick
    is paired with each key the learner missed.
    """
    chosen, correct = set(answer.chosen), set(answer.correct)
    if chosen == correct:
        return []
    wrong = sorted(i for i in chosen - correct if 0 <= i < len(answer.choices))
    missed = sorted(i for i in correct - chosen if 0 <= i < len(answer.choices))
    return [
        Slip(item_id=answer.item_id, key=answer.choices[k], picked=answer.choices[w])
        for w in wrong
        for k in missed
        if normalize_value(answer.choices[k]) != normalize_value(answer.choices[w])
    ]


def find_confusions(answers: Iterable[Answer]) -> list[Confusion]:
    """Pairs the learner mixes up, most frequent first."""
    grouped: dict[str, Confusion] = {}
    for answer in answers:
        for slip in slips(answer):
            pid = pair_id(slip.key, slip.picked)
            if pid not in grouped:
                a, b = sorted((slip.key, slip.picked), key=normalize_value)
                grouped[pid] = Confusion(pair_id=pid, a=a, b=b)
            grouped[pid].slips.append(slip)
    found = []
    for confusion in grouped.values():
        picks = [(s.item_id, normalize_value(s.picked)) for s in confusion.slips]
        if len(set(picks)) < len(picks):
            confusion.reason = "repeated"
        elif len(confusion.item_ids) > 1:
            confusion.reason = "across-items"
        else:
            continue
        found.append(confusion)
    return sorted(found, key=lambda c: (-c.count, normalize_value(c.a), normalize_value(c.b)))
