"""Pure mock-exam logic: drawing questions across topics, the scaled score and the breakdowns.

No database here, so the rules are unit-tested directly (tests/quizzes/exams/test_exam_scoring.py).

Scaling: ``score = 100 + 900 × correct / total``, rounded half up to a whole number, so an empty
answer sheet scores 100, a perfect one 1000, and the pass mark of 720 needs 68.9 % correct
(45 of 65 on a full-length exam). Unanswered questions count as wrong; "Choose TWO" questions are
all-or-nothing.
"""

from __future__ import annotations

import random
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

MIN_SCORE = 100
MAX_SCORE = 1000
PASS_MARK = 720


def scaled_score(*, correct: int, total: int) -> int:
    """100 + 900 × correct / total, rounded half up (exact integer arithmetic)."""
    if total <= 0:
        return MIN_SCORE
    if not 0 <= correct <= total:
        raise ValueError(f"correct={correct} outside 0..{total}")
    span = MAX_SCORE - MIN_SCORE
    return MIN_SCORE + (2 * span * correct + total) // (2 * total)


def exam_passed(*, score: int) -> bool:
    return score >= PASS_MARK


@dataclass(frozen=True)
class Outcome:
    """One graded exam question, reduced to what the breakdowns need."""

    topic: str
    kind: str
    correct: bool


@dataclass(frozen=True)
class Breakdown:
    label: str
    correct: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.correct / self.total) if self.total else 0


@dataclass(frozen=True)
class ExamScore:
    correct: int
    total: int
    score: int
    passed: bool
    by_topic: list[Breakdown]
    by_kind: list[Breakdown]


def _breakdown(pairs: Iterable[tuple[str, bool]]) -> list[Breakdown]:
    tally: dict[str, list[int]] = {}
    for label, ok in pairs:
        row = tally.setdefault(label, [0, 0])
        row[0] += int(ok)
        row[1] += 1
    # Weakest first: that is what the learner should read.
    rows = [Breakdown(label=label, correct=c, total=t) for label, (c, t) in tally.items()]
    return sorted(rows, key=lambda b: (b.correct / b.total, b.label))


def exam_score(*, outcomes: Sequence[Outcome]) -> ExamScore:
    correct = sum(o.correct for o in outcomes)
    score = scaled_score(correct=correct, total=len(outcomes))
    return ExamScore(
        correct=correct,
        total=len(outcomes),
        score=score,
        passed=exam_passed(score=score),
        by_topic=_breakdown((o.topic, o.correct) for o in outcomes),
        by_kind=_breakdown((o.kind, o.correct) for o in outcomes),
    )


def stratified_draw(*, pools: Mapping[Hashable, Sequence[int]], length: int, rng: random.Random) -> list[int]:
    """Draw ``length`` ids across the pools (one pool per topic) in proportion to their sizes.

    Each topic gets its floor share of the draw; the seats left over go to the largest remainders
    (ties broken at random), so every topic big enough to earn a seat is represented. The result is
    shuffled so topics are interleaved. Asking for more than there is returns everything.
    """
    pools = {k: list(v) for k, v in pools.items() if v}
    total = sum(len(v) for v in pools.values())
    length = max(0, min(length, total))
    if not length:
        return []
    quotas: dict[Hashable, int] = {}
    remainders: list[tuple[float, float, Hashable]] = []
    for key, ids in pools.items():
        exact = length * len(ids) / total
        quotas[key] = int(exact)
        remainders.append((exact - int(exact), rng.random(), key))
    for _, _, key in sorted(remainders, key=lambda r: (r[0], r[1]), reverse=True)[
        : length - sum(quotas.values())
    ]:
        quotas[key] += 1
    drawn: list[int] = []
    for key, ids in pools.items():
        drawn.extend(rng.sample(ids, quotas[key]))
    rng.shuffle(drawn)
    return drawn
