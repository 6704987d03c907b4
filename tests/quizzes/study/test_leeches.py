"""Leeches (as Anki): the 8th lapse suspends the card when the learner's setting says so."""

from __future__ import annotations

from datetime import timedelta

import pytest

from quizzes.models import LearnerSettings
from quizzes.study.services.scheduling import LEECH_LAPSES, card_state_apply
from tests.factories import CardStateFactory, FlashcardFactory, UserFactory
from tests.quizzes.study.study_helpers import NOW

pytestmark = pytest.mark.django_db


def lapse(*, lapses: int, suspend_leeches: bool):
    learner = UserFactory()
    settings = LearnerSettings.objects.create(user=learner, suspend_leeches=suspend_leeches)
    state = CardStateFactory(
        learner=learner, item=FlashcardFactory(), due=NOW - timedelta(days=1), lapses=lapses
    )
    _, state = card_state_apply(
        learner=learner,
        item_id=state.item_id,
        settings=settings,
        state=state,
        rating=1,
        now=NOW,
        mode="review",
    )
    state.refresh_from_db()
    return state


def test_the_eighth_lapse_suspends_the_card():
    state = lapse(lapses=LEECH_LAPSES - 1, suspend_leeches=True)
    assert (state.lapses, state.suspended) == (8, True)


def test_the_seventh_lapse_does_not_suspend():
    assert not lapse(lapses=LEECH_LAPSES - 2, suspend_leeches=True).suspended


def test_a_learner_who_keeps_leeches_is_not_suspended():
    state = lapse(lapses=LEECH_LAPSES - 1, suspend_leeches=False)
    assert (state.lapses, state.suspended) == (8, False)
