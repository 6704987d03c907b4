"""Telling learners that an item they studied now teaches a different value."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from quizzes.models import CardState, Item, Notification


def change_message(*, item: Item) -> str:
    fact = item.facts.order_by("id").first()
    what = f"{fact.subject} {fact.attribute}" if fact is not None else item.prompt
    return f"The notes changed: {what} was {item.changed_from}, now {item.changed_to}."


@transaction.atomic
def cards_flag_changed(*, item_ids: list[int], now: datetime) -> int:
    """Flag every learner's card of the given items as changed, make it due ``now`` and notify the learner.

    Returns the number of cards flagged. Safe to run twice for the same change: a card already
    flagged is not notified again.
    """
    if not item_ids:
        return 0
    items = {item.pk: item for item in Item.objects.filter(pk__in=item_ids).prefetch_related("facts")}
    states = list(CardState.objects.select_for_update().filter(item_id__in=items, changed_notice=False))
    notifications = []
    for state in states:
        state.changed_notice = True
        state.due = now  # they learned the old value: show the card again soon
        notifications.append(
            Notification(
                learner_id=state.learner_id,
                item_id=state.item_id,
                message=change_message(item=items[state.item_id]),
            )
        )
    CardState.objects.bulk_update(states, ["changed_notice", "due"], batch_size=500)
    Notification.objects.bulk_create(notifications, batch_size=500)
    return len(states)
