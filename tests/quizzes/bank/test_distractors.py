"""Distractor picking (pure): same dimension, wrong for the attribute, never the key in another unit."""

from __future__ import annotations

import math

from quizzes.bank.generation.distractors import categorical_distractors, limit_distractors
from quizzes.bank.generation.types import ConflictSide, FactIn, SourceRef


def limit(
    key="k-lambda-time",
    subject="Lambda",
    attribute="maximum execution time",
    value="900",
    unit="s",
    magnitude=900.0,
    dimension="time",
    **extra,
) -> FactIn:
    return FactIn(
        key=key,
        topic="lambda",
        kind="limit",
        subject=subject,
        attribute=attribute,
        value=value,
        unit=unit,
        magnitude=magnitude,
        dimension=dimension,
        sources=(SourceRef("a.md", 3, "a line"),),
        **extra,
    )


def test_three_distractors_for_a_time_limit():
    assert len(limit_distractors(key=limit(), pool=[])) == 3


def test_neighbours_of_900_seconds_are_round_values():
    texts = {c.text for c in limit_distractors(key=limit(), pool=[])}
    assert {"300 seconds", "600 seconds", "1800 seconds"} & texts


def test_an_equivalent_in_another_unit_is_never_offered():
    other = limit(
        key="k-sqs-delay", subject="SQS", attribute="maximum delivery delay", value="15", unit="min"
    )
    choices = limit_distractors(key=limit(), pool=[other])
    assert all(not math.isclose(c.magnitude, 900.0) for c in choices)


def test_other_limit_of_the_same_dimension_is_used():
    other = limit(
        key="k-ttl", subject="DAX", attribute="cache TTL default", value="5", unit="min", magnitude=300.0
    )
    choices = limit_distractors(key=limit(), pool=[other])
    assert any(math.isclose(c.magnitude, 300.0) for c in choices)


def test_other_limit_of_another_dimension_is_never_used():
    size = limit(
        key="k-size",
        attribute="maximum memory",
        value="900",
        unit="MB",
        magnitude=900 * 1024**2,
        dimension="size",
    )
    choices = limit_distractors(key=limit(), pool=[size])
    assert all(c.magnitude < 10**6 for c in choices)


def test_unit_trap_keeps_the_number_and_changes_the_unit():
    texts = {c.text for c in limit_distractors(key=limit(value="15", unit="min"), pool=[])}
    assert texts & {"15 seconds", "15 hours"}


def test_values_of_a_conflict_side_are_not_distractors():
    conflicted = limit(conflict=(ConflictSide("900", "s"), ConflictSide("600", "s")))
    choices = limit_distractors(key=conflicted, pool=[])
    assert all(not math.isclose(c.magnitude, 600.0) for c in choices)


def test_distractors_are_distinct_in_value():
    choices = limit_distractors(
        key=limit(), pool=[limit(key="k2", attribute="x", value="5", unit="min", magnitude=300.0)]
    )
    magnitudes = [c.magnitude for c in choices]
    assert len({round(m, 6) for m in magnitudes}) == len(magnitudes)


def test_a_limit_without_magnitude_gets_no_distractors():
    assert (
        limit_distractors(
            key=limit(value="millions", unit="per second", magnitude=None, dimension="rate"), pool=[]
        )
        == []
    )


def test_categorical_distractors_skip_forbidden_and_key():
    picked = categorical_distractors(
        key_value="Choice",
        candidates=["Choice", "Loop", "Task", "Retry", "loop"],
        forbidden=["Task"],
        count=3,
        seed="s",
    )
    assert sorted(picked) == ["Loop", "Retry"]
