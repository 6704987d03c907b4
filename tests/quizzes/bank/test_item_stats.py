"""Item analysis maths (quizzes/bank/item_stats.py) on a hand-computed example."""

from __future__ import annotations

import datetime as dt

import pytest

from quizzes.bank.item_stats import (
    Attempt,
    discrimination_index,
    facility_index,
    first_attempts,
    item_analysis,
    rest_of_test,
    review_flags,
)

T0 = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)


def at(minutes: int) -> dt.datetime:
    return T0 + dt.timedelta(minutes=minutes)


# Four learners' first exam attempts: item mark p and rest-of-test mark q (percent).
#   p = 1, 1, 0, 0 ; q = 80, 60, 40, 20
#   mean p = 0.5, mean q = 50
#   Σ(p-p̄)(q-q̄) = .5·30 + .5·10 + (-.5)(-10) + (-.5)(-30) = 15 + 5 + 5 + 15 = 40
#   Σ(p-p̄)² = 4 · .25 = 1 ;  Σ(q-q̄)² = 900 + 100 + 100 + 900 = 2000
#   D = 100 · 40 / sqrt(1 · 2000) = 100 · 40 / 44.7214 = 89.443
HAND = [(1.0, 80.0), (1.0, 60.0), (0.0, 40.0), (0.0, 20.0)]


def test_discrimination_on_the_hand_computed_example():
    assert discrimination_index(HAND) == pytest.approx(89.443, abs=1e-3)


def test_discrimination_is_negative_when_strong_learners_get_it_wrong():
    reversed_marks = [(1 - p, q) for p, q in HAND]
    assert discrimination_index(reversed_marks) == pytest.approx(-89.443, abs=1e-3)


def test_discrimination_is_undefined_when_everyone_scores_the_same():
    assert discrimination_index([(1.0, 80.0), (1.0, 20.0)]) is None


def test_facility_is_the_mean_mark_in_percent():
    assert facility_index([1, 0, 0, 1, 1]) == pytest.approx(60.0)


def test_only_each_learners_first_attempt_counts():
    attempts = [Attempt(1, at(5), True), Attempt(1, at(1), False), Attempt(2, at(3), True)]
    assert sorted((a.learner_id, a.correct) for a in first_attempts(attempts)) == [(1, False), (2, True)]


def test_rest_of_test_leaves_the_item_out():
    # 7 right of 10 including this item: the other 9 questions have 6 right.
    assert rest_of_test(correct_in_attempt=7, questions_in_attempt=10, item_correct=True) == pytest.approx(
        66.667, abs=1e-3
    )


def test_item_analysis_on_the_hand_computed_example():
    exam = [
        Attempt(1, at(1), True, (0,), 80.0),
        Attempt(2, at(1), True, (0,), 60.0),
        Attempt(3, at(1), False, (2,), 40.0),
        Attempt(4, at(1), False, (2,), 20.0),
    ]
    practice_later = [Attempt(3, at(9), True, (0,))]  # a second attempt: not a first attempt
    practice_only = [Attempt(5, at(2), False, (1,))]
    analysis = item_analysis(exam + practice_later + practice_only, n_choices=4)
    # first attempts: learners 1..5 -> marks 1,1,0,0,0 -> facility 40 %; picks: A×2, B×1, C×2, D×0
    assert (analysis.attempts, analysis.facility, analysis.choice_counts) == (5, 40.0, [2, 1, 2, 0])
    assert analysis.discrimination == pytest.approx(89.443, abs=1e-3) and analysis.exam_attempts == 4


def test_a_question_almost_nobody_gets_right_is_flagged():
    analysis = item_analysis([Attempt(i, at(i), i == 0) for i in range(6)], n_choices=4)  # 1 of 6: 16.7 %
    assert review_flags(analysis) == ["facility below 20%"]


def test_a_question_with_negative_discrimination_is_flagged():
    exam = [Attempt(i, at(1), p == 1.0, (), q) for i, (p, q) in enumerate((1 - p, q) for p, q in HAND)]
    assert "negative discrimination" in review_flags(item_analysis(exam, n_choices=4))


def test_a_healthy_question_is_not_flagged():
    exam = [Attempt(i, at(1), p == 1.0, (), q) for i, (p, q) in enumerate(HAND)]
    assert review_flags(item_analysis(exam, n_choices=4)) == []
