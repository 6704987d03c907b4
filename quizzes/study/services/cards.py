"""Writes of the learner's card browser: suspend / unsuspend, bury until their next learner-day,
unbury, flag / unflag one of their own cards. Each action is idempotent (doing it twice is doing it
once) and runs in one transaction; another learner's card raises CardState.DoesNotExist and changes
nothing."""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from quizzes.models import CardState
from quizzes.study.days import learner_day_bounds
from quizzes.study.services.learner_settings import learner_settings_get_or_create


def _own_card(*, learner: AbstractBaseUser, card_id: int) -> CardState:
    return CardState.objects.select_for_update().get(pk=card_id, learner=learner)


def _set(*, learner: AbstractBaseUser, card_id: int, **values: object) -> CardState:
    card = _own_card(learner=learner, card_id=card_id)
    changed = [field for field, value in values.items() if getattr(card, field) != value]
    for field in changed:
        setattr(card, field, values[field])
    if changed:
        card.save(update_fields=changed)
    return card


@transaction.atomic
def card_suspend(*, learner: AbstractBaseUser, card_id: int, now: datetime) -> CardState:
    return _set(learner=learner, card_id=card_id, suspended=True)


@transaction.atomic
def card_unsuspend(*, learner: AbstractBaseUser, card_id: int, now: datetime) -> CardState:
    return _set(learner=learner, card_id=card_id, suspended=False)


@transaction.atomic
def card_bury(*, learner: AbstractBaseUser, card_id: int, now: datetime) -> CardState:
    """Hide the card from reviews until the start of the learner's next day (their zone and rollover)."""
    card = _own_card(learner=learner, card_id=card_id)
    settings = learner_settings_get_or_create(learner=learner)
    _, next_day = learner_day_bounds(now=now, tz=settings.timezone, day_starts_hour=settings.day_starts_hour)
    return _set(learner=learner, card_id=card.pk, buried_until=next_day)


@transaction.atomic
def card_unbury(*, learner: AbstractBaseUser, card_id: int, now: datetime) -> CardState:
    return _set(learner=learner, card_id=card_id, buried_until=None)


@transaction.atomic
def card_flag(*, learner: AbstractBaseUser, card_id: int, now: datetime) -> CardState:
    return _set(learner=learner, card_id=card_id, flagged=True)


@transaction.atomic
def card_unflag(*, learner: AbstractBaseUser, card_id: int, now: datetime) -> CardState:
    return _set(learner=learner, card_id=card_id, flagged=False)


CARD_ACTIONS = {
    "suspend": card_suspend,
    "unsuspend": card_unsuspend,
    "bury": card_bury,
    "unbury": card_unbury,
    "flag": card_flag,
    "unflag": card_unflag,
}
