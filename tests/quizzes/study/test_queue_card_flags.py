"""The review queue and the card browser's marks: suspended and buried cards are never shown (nor
counted), a bury ends at its time, a flagged card is still shown."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from quizzes.models import ShownCard
from quizzes.study.selectors.queue import review_queue
from tests.factories import CardStateFactory, FlashcardFactory, LearnerSettingsFactory
from tests.quizzes.study.study_helpers import NOW

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def due_card(learner, **fields):
    return CardStateFactory(learner=learner, item=FlashcardFactory(), due=NOW - timedelta(days=1), **fields)


def shown_item(client):
    client.get(reverse("quizzes:study"))
    shown = ShownCard.objects.order_by("-pk").first()
    return shown.item_id if shown else None


def test_a_suspended_due_card_is_not_shown(client, learner):
    due_card(learner, suspended=True)
    assert shown_item(client) is None


def test_a_buried_due_card_is_not_shown(client, learner):
    due_card(learner, buried_until=NOW + timedelta(hours=2))
    assert shown_item(client) is None


def test_a_bury_that_has_ended_lets_the_card_come_back(client, learner):
    state = due_card(learner, buried_until=NOW - timedelta(minutes=1))
    assert shown_item(client) == state.item_id


def test_a_flagged_due_card_is_still_shown(client, learner):
    state = due_card(learner, flagged=True)
    assert shown_item(client) == state.item_id


def test_suspended_and_buried_cards_are_not_counted_as_due(learner):
    settings = LearnerSettingsFactory(user=learner)
    due_card(learner, suspended=True)
    due_card(learner, buried_until=NOW + timedelta(hours=2))
    flagged = due_card(learner, flagged=True)
    counts, candidates, _ = review_queue(learner_id=learner.pk, settings=settings, now=NOW)
    assert counts.due_now == 1 and [c.pk for c in candidates if c.kind == "due"] == [flagged.pk]


def test_suspending_in_the_browser_takes_the_card_out_of_reviews(client, learner):
    state = due_card(learner)
    client.post(reverse("quizzes:card-action", args=[state.pk, "suspend"]))
    assert shown_item(client) is None
