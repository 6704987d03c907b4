"""An instructor's edit of a generated item survives regeneration until they ask to regenerate it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from notes.models import Fact
from quizzes.bank.services.generation import items_generate
from quizzes.bank.services.item_bank import items_regenerate
from quizzes.models import Item
from tests.factories import FactFactory, FactStatementFactory

pytestmark = pytest.mark.django_db

EDITED_STEM = "How long, at most, can one Lambda invocation run before it is stopped?"


@pytest.fixture
def edited_question():
    fact = FactStatementFactory(fact=FactFactory(attribute="maximum execution time")).fact
    items_generate()
    item = Item.objects.get(type="single")
    Item.objects.filter(pk=item.pk).update(stem=EDITED_STEM, edited_at=timezone.now())
    return item, fact


def change_value(fact: Fact) -> None:
    Fact.objects.filter(pk=fact.pk).update(
        value="600",
        magnitude=600.0,
        previous_value="900",
        previous_unit="s",
        value_changed_at=timezone.now() + timedelta(seconds=1),
    )
    fact.statements.update(value="600", magnitude=600.0)


def test_regeneration_keeps_an_instructors_wording(edited_question):
    item, _ = edited_question
    items_generate()
    item.refresh_from_db()
    assert item.stem == EDITED_STEM


def test_a_value_change_under_an_edit_hides_the_item_for_review(edited_question):
    item, fact = edited_question
    change_value(fact)
    items_generate(now=timezone.now() + timedelta(minutes=1))
    item.refresh_from_db()
    assert item.status == Item.Status.DRAFT and item.changed_to and item.stem == EDITED_STEM


def test_the_regenerate_action_drops_the_edit(edited_question):
    item, _ = edited_question
    items_regenerate(item_ids=[item.pk])
    item.refresh_from_db()
    assert item.stem != EDITED_STEM and item.edited_at is None
