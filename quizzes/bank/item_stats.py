"""Item analysis (pure, no database): facility index, discrimination index and choice counts of one
question from learners' first attempts, as Moodle's quiz statistics report defines them.

* **Facility index** — the mean score of the first attempts, in percent (here a mark is 0 or 1).
* **Discrimination index** — the correlation between the item mark ``p`` and the mark on the *rest of
  the test* ``q`` (the attempt's other questions, so the item does not correlate with itself), over
  the learners' first exam attempts containing the item, ×100:
  ``D = 100 · C(p, q) / sqrt(V(p) · V(q))``. Exams may differ in length, so ``q`` is the percentage of
  the other questions answered right rather than a raw count. Undefined (``None``) with fewer than two
  attempts or when either mark does not vary.
* **Choice counts** — how often each choice (by its index in ``item.choices``) was picked.

A question is flagged for review when its facility is below ``LOW_FACILITY`` or its discrimination is
negative (strong learners get it wrong more often than weak ones: a wrong key, or an ambiguous stem).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

LOW_FACILITY = 20.0  # percent
MIN_ATTEMPTS_TO_FLAG = 5  # fewer first attempts than this say nothing about a question


@dataclass(frozen=True)
class Attempt:
    """One answer of one learner to the item; ``rest`` is the rest-of-test mark (percent of the other
    questions right in the same exam) for exam answers, ``None`` for practice."""

    learner_id: int
    at: datetime
    correct: bool
    chosen: tuple[int, ...] = ()
    rest: float | None = None


@dataclass
class ItemAnalysis:
    attempts: int = 0
    facility: float | None = None
    discrimination: float | None = None
    exam_attempts: int = 0
    choice_counts: list[int] = field(default_factory=list)


def first_attempts(attempts: Iterable[Attempt]) -> list[Attempt]:
    """The earliest attempt of each learner (ties keep the first one given)."""
    first: dict[int, Attempt] = {}
    for attempt in attempts:
        held = first.get(attempt.learner_id)
        if held is None or attempt.at < held.at:
            first[attempt.learner_id] = attempt
    return list(first.values())


def facility_index(marks: Sequence[float]) -> float | None:
    return 100.0 * sum(marks) / len(marks) if marks else None


def discrimination_index(pairs: Sequence[tuple[float, float]]) -> float | None:
    """100 × Pearson correlation of (item mark, rest-of-test mark) pairs."""
    n = len(pairs)
    if n < 2:
        return None
    mean_p = sum(p for p, _ in pairs) / n
    mean_q = sum(q for _, q in pairs) / n
    cov = sum((p - mean_p) * (q - mean_q) for p, q in pairs)
    var_p = sum((p - mean_p) ** 2 for p, _ in pairs)
    var_q = sum((q - mean_q) ** 2 for _, q in pairs)
    if var_p == 0 or var_q == 0:
        return None
    return 100.0 * cov / math.sqrt(var_p * var_q)


def choice_counts(attempts: Iterable[Attempt], *, n_choices: int) -> list[int]:
    counts = [0] * n_choices
    for attempt in attempts:
        for index in set(attempt.chosen):
            if 0 <= index < n_choices:
                counts[index] += 1
    return counts


def item_analysis(attempts: Iterable[Attempt], *, n_choices: int) -> ItemAnalysis:
    """Facility and choice counts from each learner's first attempt (practice or exam); discrimination
    from each learner's first exam attempt."""
    attempts = list(attempts)
    first = first_attempts(attempts)
    first_exam = first_attempts(a for a in attempts if a.rest is not None)
    return ItemAnalysis(
        attempts=len(first),
        facility=facility_index([1.0 if a.correct else 0.0 for a in first]),
        discrimination=discrimination_index([(1.0 if a.correct else 0.0, float(a.rest)) for a in first_exam]),
        exam_attempts=len(first_exam),
        choice_counts=choice_counts(first, n_choices=n_choices),
    )


def review_flags(analysis: ItemAnalysis, *, low_facility: float = LOW_FACILITY) -> list[str]:
    """Why the question needs an instructor's look (empty: it does not)."""
    flags = []
    if (
        analysis.attempts >= MIN_ATTEMPTS_TO_FLAG
        and analysis.facility is not None
        and analysis.facility < low_facility
    ):
        flags.append(f"facility below {low_facility:g}%")
    if analysis.discrimination is not None and analysis.discrimination < 0:
        flags.append("negative discrimination")
    return flags


def rest_of_test(*, correct_in_attempt: int, questions_in_attempt: int, item_correct: bool) -> float | None:
    """Percent of the attempt's *other* questions answered right (``None`` for a one-question exam)."""
    others = questions_in_attempt - 1
    if others <= 0:
        return None
    return 100.0 * (correct_in_attempt - (1 if item_correct else 0)) / others
