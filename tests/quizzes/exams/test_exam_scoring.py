"""The pure exam rules: scaled score, pass mark, breakdowns and the stratified draw."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from quizzes.exams.scoring import Outcome, exam_passed, exam_score, scaled_score, stratified_draw


@pytest.mark.parametrize(
    ("correct", "total", "score"),
    [(0, 65, 100), (65, 65, 1000), (45, 65, 723), (44, 65, 709), (1, 3, 400), (2, 3, 700), (1, 2, 550)],
)
def test_scaled_score_is_100_plus_900_times_fraction_rounded(correct, total, score):
    assert scaled_score(correct=correct, total=total) == score


def test_scaled_score_rounds_half_up():
    # 100 + 900 * 1/8 = 212.5 -> 213 (Python's round() would give 212)
    assert scaled_score(correct=1, total=8) == 213


def test_scaled_score_of_an_empty_exam_is_the_minimum():
    assert scaled_score(correct=0, total=0) == 100


def test_scaled_score_rejects_more_correct_than_questions():
    with pytest.raises(ValueError):
        scaled_score(correct=4, total=3)


def test_pass_mark_is_720_inclusive():
    assert exam_passed(score=720) and not exam_passed(score=719)


def test_exam_score_breaks_down_by_topic_weakest_first():
    outcomes = [
        Outcome("Lambda", "Limit", True),
        Outcome("Lambda", "Limit", True),
        Outcome("SQS", "Concept", False),
        Outcome("SQS", "Limit", True),
    ]
    result = exam_score(outcomes=outcomes)
    assert [(b.label, b.correct, b.total) for b in result.by_topic] == [("SQS", 1, 2), ("Lambda", 2, 2)]


def test_exam_score_breaks_down_by_kind():
    outcomes = [
        Outcome("Lambda", "Limit", True),
        Outcome("SQS", "Limit", False),
        Outcome("SQS", "Concept", True),
    ]
    result = exam_score(outcomes=outcomes)
    assert {b.label: (b.correct, b.total) for b in result.by_kind} == {"Limit": (1, 2), "Concept": (1, 1)}


def test_exam_score_totals_and_verdict():
    result = exam_score(outcomes=[Outcome("t", "k", True)] * 3 + [Outcome("t", "k", False)])
    assert (result.correct, result.total, result.score, result.passed) == (3, 4, 775, True)


def test_stratified_draw_is_proportional_to_topic_size():
    pools = {"big": list(range(60)), "small": list(range(100, 120)), "tiny": list(range(200, 220))}
    drawn = stratified_draw(pools=pools, length=10, rng=random.Random(1))
    per_topic = Counter("big" if i < 100 else "small" if i < 200 else "tiny" for i in drawn)
    assert per_topic == {"big": 6, "small": 2, "tiny": 2}


def test_stratified_draw_represents_every_topic_that_earns_a_seat():
    pools = {t: [t * 100 + i for i in range(10)] for t in range(5)}
    drawn = stratified_draw(pools=pools, length=5, rng=random.Random(7))
    assert sorted(i // 100 for i in drawn) == [0, 1, 2, 3, 4]


def test_stratified_draw_never_repeats_an_item():
    pools = {"a": list(range(7)), "b": list(range(10, 13))}
    drawn = stratified_draw(pools=pools, length=9, rng=random.Random(3))
    assert len(drawn) == len(set(drawn)) == 9


def test_stratified_draw_returns_the_whole_bank_when_asked_for_more():
    drawn = stratified_draw(pools={"a": [1, 2], "b": [3]}, length=65, rng=random.Random(0))
    assert sorted(drawn) == [1, 2, 3]


def test_stratified_draw_of_an_empty_bank_is_empty():
    assert stratified_draw(pools={}, length=65, rng=random.Random(0)) == []
