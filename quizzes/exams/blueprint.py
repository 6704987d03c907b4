"""Pure drawing by an exam blueprint: topic weights (like an exam guide's domain weights) become
seats by largest-remainder rounding, and a topic with too few questions gives its missing seats to
the other weighted topics, again in proportion to their weights.

No database here; the plan is deterministic (ties go to the larger weight, then the earlier topic),
so the start page can show exactly the seats the draw will use. Only which items fill the seats,
and their order, is random."""

from __future__ import annotations

import random
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass


def largest_remainder(*, weights: Mapping[Hashable, float], seats: int) -> dict[Hashable, int]:
    """``seats`` split in proportion to ``weights`` (all > 0): floors first, then one more seat to
    each of the largest remainders."""
    total = sum(weights.values())
    if seats <= 0 or total <= 0:
        return dict.fromkeys(weights, 0)
    order = {key: n for n, key in enumerate(weights)}
    exact = {key: seats * w / total for key, w in weights.items()}
    quotas = {key: int(x) for key, x in exact.items()}
    left = seats - sum(quotas.values())
    ranked = sorted(weights, key=lambda k: (-(exact[k] - quotas[k]), -weights[k], order[k]))
    for key in ranked[:left]:
        quotas[key] += 1
    return quotas


@dataclass(frozen=True)
class TopicSeats:
    topic: Hashable
    weight: float
    share: float  # weight ÷ sum of weights
    target: int  # seats the weight earns in an exam of the length asked for
    available: int  # published questions of the topic
    seats: int  # seats it gets after filling

    @property
    def short(self) -> int:
        """Seats it could not fill itself (the others filled them)."""
        return max(0, self.target - self.available)

    @property
    def extra(self) -> int:
        """Seats it took over from topics with too few questions."""
        return max(0, self.seats - self.target)


def blueprint_plan(
    *, weights: Mapping[Hashable, float], available: Mapping[Hashable, int], length: int
) -> list[TopicSeats]:
    """The seats of every weighted topic for an exam of ``length`` (fewer when the weighted topics
    hold fewer questions). Topics of weight 0 get none."""
    weighted = {k: float(w) for k, w in weights.items() if w > 0}
    capacity = {k: max(0, int(available.get(k, 0))) for k in weighted}
    target = largest_remainder(weights=weighted, seats=max(0, length))  # what the weights earn
    seats = {k: min(target[k], capacity[k]) for k in weighted}
    left = max(0, min(length, sum(capacity.values()))) - sum(seats.values())
    while left > 0:  # each round places at least one seat: some open topic earns one and has room
        open_topics = {k: w for k, w in weighted.items() if capacity[k] > seats[k]}
        for key, more in largest_remainder(weights=open_topics, seats=left).items():
            placed = min(more, capacity[key] - seats[key])
            seats[key] += placed
            left -= placed
    total = sum(weighted.values())
    return [
        TopicSeats(
            topic=k,
            weight=w,
            share=w / total,
            target=target[k],
            available=capacity[k],
            seats=seats[k],
        )
        for k, w in weighted.items()
    ]


def blueprint_draw(
    *,
    pools: Mapping[Hashable, Sequence[int]],
    weights: Mapping[Hashable, float],
    length: int,
    rng: random.Random,
) -> list[int]:
    """``length`` ids drawn by the blueprint's plan, shuffled so topics interleave."""
    plan = blueprint_plan(weights=weights, available={k: len(v) for k, v in pools.items()}, length=length)
    drawn: list[int] = []
    for row in plan:
        drawn.extend(rng.sample(list(pools.get(row.topic, [])), row.seats))
    rng.shuffle(drawn)
    return drawn
