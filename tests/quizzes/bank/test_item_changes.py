"""A fact whose value changed: items updated in place, learners told and shown the card again."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from notes.models import Fact
from quizzes.bank.services.changes import cards_flag_changed
from quizzes.bank.services.generation import items_generate
from quizzes.models import CardState, Item, ItemChange, Notification
from tests.factories import FactFactory, FactStatementFactory, FlashcardFactory, UserFactory

pytestmark = pytest.mark.django_db


def card_state(learner, item, due):
    return CardState.objects.create(learner=learner, item=item, due=due, introduced_at=due)


@pytest.fixture
def studied():
    """A generated limit item a learner has a card for, due in ten days; then the value changes."""
    fact = FactStatementFactory(fact=FactFactory(attribute="maximum execution time")).fact
    items_generate()
    item = Item.objects.get(type="single")
    learner = UserFactory()
    card_state(learner, item, timezone.now() + timedelta(days=10))
    Fact.objects.filter(pk=fact.pk).update(
        value="600",
        magnitude=600.0,
        previous_value="900",
        previous_unit="s",
        value_changed_at=timezone.now() + timedelta(seconds=1),
    )
    fact.statements.update(value="600", magnitude=600.0)
    return item, learner


def test_changed_item_keeps_its_key_and_teaches_the_new_value(studied):
    item, _ = studied
    items_generate(now=timezone.now() + timedelta(minutes=1))
    item.refresh_from_db()
    assert any(c["correct"] and c["text"] == "600 seconds" for c in item.choices)


def test_changed_item_records_old_and_new_value(studied):
    item, _ = studied
    items_generate(now=timezone.now() + timedelta(minutes=1))
    item.refresh_from_db()
    assert (item.changed_from, item.changed_to) == (
        "900 seconds",
        "600 seconds",
    ) and item.changed_at is not None


def test_change_is_logged_once(studied):
    item, _ = studied
    items_generate(now=timezone.now() + timedelta(minutes=1))
    items_generate(now=timezone.now() + timedelta(minutes=2))
    assert ItemChange.objects.filter(item=item).count() == 1


def test_learner_card_is_flagged_and_due_now(studied):
    item, learner = studied
    now = timezone.now() + timedelta(minutes=1)
    items_generate(now=now)
    state = CardState.objects.get(learner=learner, item=item)
    assert state.changed_notice and state.due == now


def test_learner_is_notified_with_old_and_new_value(studied):
    item, learner = studied
    items_generate(now=timezone.now() + timedelta(minutes=1))
    message = Notification.objects.get(learner=learner, item=item).message
    assert message.startswith("The notes changed:") and "was 900 seconds, now 600 seconds" in message


def test_cards_flag_changed_counts_flagged_cards():
    item = FlashcardFactory(changed_from="1", changed_to="2")
    now = timezone.now()
    for learner in (UserFactory(), UserFactory()):
        card_state(learner, item, now + timedelta(days=3))
    assert cards_flag_changed(item_ids=[item.pk], now=now) == 2


def test_cards_flag_changed_leaves_other_items_alone():
    item, other = FlashcardFactory(), FlashcardFactory()
    now = timezone.now()
    state = card_state(UserFactory(), other, now + timedelta(days=3))
    cards_flag_changed(item_ids=[item.pk], now=now)
    state.refresh_from_db()
    assert not state.changed_notice and state.due > now


def test_cards_flag_changed_twice_notifies_once():
    item = FlashcardFactory(changed_from="1", changed_to="2")
    now = timezone.now()
    card_state(UserFactory(), item, now + timedelta(days=3))
    cards_flag_changed(item_ids=[item.pk], now=now)
    cards_flag_changed(item_ids=[item.pk], now=now)
    assert Notification.objects.count() == 1
