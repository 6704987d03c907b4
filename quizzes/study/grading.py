"""Grading of question answers; pure, shared by reviews, practice and the exam."""

from __future__ import annotations


def grade_choices(*, choices: list[dict], chosen: list[int]) -> bool:
    """All-or-nothing: right only when the chosen indexes are exactly the correct ones."""
    correct = {i for i, choice in enumerate(choices) if choice.get("correct")}
    return bool(correct) and set(chosen) == correct and len(chosen) == len(set(chosen))


def derived_rating(*, correct: bool) -> int:
    """The rating a question answer implies: wrong → Again (1), right → Good (3)."""
    return 3 if correct else 1
