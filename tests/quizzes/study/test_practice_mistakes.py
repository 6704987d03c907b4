"""The mistakes set of "practise my mistakes": questions answered wrong in practice or in an exam,
until answered right twice after the last wrong answer; each learner only ever sees their own."""

from __future__ import annotations

import datetime as dt

import pytest

from quizzes.models import Item
from quizzes.study.selectors.practice import practice_mistakes
from quizzes.study.services.practice import practice_show_next
from tests.factories import ItemFactory, ReviewLogFactory, UserFactory
from tests.quizzes.study.study_helpers import NOW

pytestmark = pytest.mark.django_db


def minutes(n: int) -> dt.datetime:
    return NOW + dt.timedelta(minutes=n)


def answer(learner, item, *, correct: bool, at: int, mode: str = "practice"):
    return ReviewLogFactory(
        learner=learner,
        item=item,
        correct=correct,
        mode=mode,
        rating=3 if correct else 1,
        reviewed_at=minutes(at),
    )


def mistakes_of(learner) -> set[int]:
    return set(practice_mistakes(learner=learner, items=Item.objects.all()).values_list("pk", flat=True))


def test_a_question_answered_wrong_in_practice_is_a_mistake():
    learner, item = UserFactory(), ItemFactory()
    answer(learner, item, correct=False, at=0)
    assert mistakes_of(learner) == {item.pk}


def test_a_question_answered_wrong_in_an_exam_is_a_mistake():
    learner, item = UserFactory(), ItemFactory()
    answer(learner, item, correct=False, at=0, mode="exam")
    assert mistakes_of(learner) == {item.pk}


def test_a_question_answered_wrong_only_in_reviews_is_not_a_practice_mistake():
    learner = UserFactory()
    answer(learner, ItemFactory(), correct=False, at=0, mode="review")
    assert mistakes_of(learner) == set()


def test_a_question_only_ever_answered_right_is_not_a_mistake():
    learner = UserFactory()
    answer(learner, ItemFactory(), correct=True, at=0)
    assert mistakes_of(learner) == set()


def test_one_right_answer_after_the_wrong_one_keeps_the_question_in():
    learner, item = UserFactory(), ItemFactory()
    answer(learner, item, correct=False, at=0)
    answer(learner, item, correct=True, at=1)
    assert mistakes_of(learner) == {item.pk}


def test_two_right_answers_after_the_wrong_one_take_the_question_out():
    learner, item = UserFactory(), ItemFactory()
    answer(learner, item, correct=False, at=0)
    answer(learner, item, correct=True, at=1)
    answer(learner, item, correct=True, at=2, mode="review")
    assert mistakes_of(learner) == set()


def test_right_answers_before_the_last_wrong_one_do_not_count():
    learner, item = UserFactory(), ItemFactory()
    answer(learner, item, correct=False, at=0)
    answer(learner, item, correct=True, at=1)
    answer(learner, item, correct=True, at=2)
    answer(learner, item, correct=False, at=3, mode="exam")
    answer(learner, item, correct=True, at=4)
    assert mistakes_of(learner) == {item.pk}


def test_another_learners_mistakes_are_not_mine():
    me, other, item = UserFactory(), UserFactory(), ItemFactory()
    answer(other, item, correct=False, at=0)
    assert mistakes_of(me) == set()


def test_another_learners_right_answers_do_not_clear_my_mistake():
    me, other, item = UserFactory(), UserFactory(), ItemFactory()
    answer(me, item, correct=False, at=0)
    answer(other, item, correct=True, at=1)
    answer(other, item, correct=True, at=2)
    assert mistakes_of(me) == {item.pk}


def test_practising_mistakes_draws_only_from_my_mistakes():
    learner, missed = UserFactory(), ItemFactory()
    ItemFactory()
    answer(learner, missed, correct=False, at=0)
    for _ in range(10):
        screen = practice_show_next(learner=learner, topic_ids=[], kinds=[], mistakes=True, now=minutes(5))
        assert screen.item == missed


def test_practising_mistakes_without_any_shows_nothing():
    learner = UserFactory()
    ItemFactory()
    screen = practice_show_next(learner=learner, topic_ids=[], kinds=[], mistakes=True, now=NOW)
    assert screen.shown is None and screen.mistakes
