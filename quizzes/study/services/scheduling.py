"""Writes of the FSRS schedule, shared by reviews, practice and the exam: record one answer (card
state + review log) and make items due now (missed exam questions)."""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from fsrs import Rating, State

from quizzes.models import CardState, Item, LearnerSettings, ReviewLog
from quizzes.study.fsrs_glue import as_utc, card_from_state, scheduler_for
from quizzes.study.limits import LEECH_LAPSES

CARD_STATE_FIELDS = (
    "card",
    "due",
    "state",
    "stability",
    "difficulty",
    "last_review",
    "reps",
    "lapses",
    "changed_notice",
    "suspended",
)


def card_state_review(
    *,
    learner: AbstractBaseUser,
    item_id: int,
    settings: LearnerSettings | None,
    state: CardState | None,
    rating: int,
    now: datetime,
    mode: str,
    duration_ms: int = 0,
    correct: bool | None = None,
    chosen: list[int] | None = None,
) -> tuple[ReviewLog, CardState]:
    """Review ``state`` (None for a new item) with FSRS: the new state and its ReviewLog (with the
    snapshot undo needs), not written: ``card_state_apply`` writes them, the review answer folds the
    writes into one statement (services/answer_write.py). No query."""
    rating = Rating(int(rating))
    now = as_utc(now)
    # New means never met: a card an exam made due (no reps yet) is due, not new.
    was_new = state is None
    card_before = card_state_snapshot(state)
    card = card_from_state(state, item_id=item_id, now=now)
    state_before = None if was_new else int(card.state)
    card, _ = scheduler_for(settings).review_card(
        card, rating, review_datetime=now, review_duration=duration_ms
    )
    if state is None:
        state = CardState(learner=learner, item_id=item_id, introduced_at=now)
    state.card = card.to_dict()
    state.due = card.due
    state.state = int(card.state)
    state.stability = card.stability
    state.difficulty = card.difficulty
    state.last_review = card.last_review
    state.reps += 1
    if rating == Rating.Again and state_before == State.Review:  # a lapse
        state.lapses += 1
        if state.lapses >= LEECH_LAPSES and (settings is None or settings.suspend_leeches):
            state.suspended = True
    state.changed_notice = False
    log = ReviewLog(
        learner=learner,
        item_id=item_id,
        rating=int(rating),
        reviewed_at=now,
        duration_ms=max(0, int(duration_ms)),
        mode=mode,
        correct=correct,
        chosen=list(chosen or []),
        state_before=state_before,
        was_new=was_new,
        card_before=card_before,
        card_after=card_state_snapshot(state),
    )
    return log, state


def card_state_apply(
    *,
    learner: AbstractBaseUser,
    item_id: int,
    settings: LearnerSettings | None,
    state: CardState | None,
    rating: int,
    now: datetime,
    mode: str,
    duration_ms: int = 0,
    correct: bool | None = None,
    chosen: list[int] | None = None,
) -> tuple[ReviewLog, CardState]:
    """Review ``state`` (None for a new item) with FSRS and write it plus a ReviewLog: two queries.
    The caller holds the transaction (and the lock that makes the answer happen once)."""
    log, state = card_state_review(
        learner=learner,
        item_id=item_id,
        settings=settings,
        state=state,
        rating=rating,
        now=now,
        mode=mode,
        duration_ms=duration_ms,
        correct=correct,
        chosen=chosen,
    )
    if state.pk is None:
        state.save(force_insert=True)
    else:
        state.save(update_fields=CARD_STATE_FIELDS)
    log.save(force_insert=True)
    return log, state


def card_state_snapshot(state: CardState | None) -> dict | None:
    """What an undo needs to put ``state`` back (None: there was no card)."""
    if state is None:
        return None
    snapshot = {name: getattr(state, name) for name in CARD_STATE_FIELDS}
    for name in ("due", "last_review"):
        snapshot[name] = snapshot[name].isoformat() if snapshot[name] is not None else None
    return snapshot


def card_state_holds(*, state: CardState | None, snapshot: dict) -> bool:
    """Whether ``state`` still holds what ``card_state_snapshot`` saw (no query): nothing rescheduled,
    suspended or answered it since."""
    if state is None:
        return False
    current = card_state_snapshot(state)
    for name in CARD_STATE_FIELDS:
        now_value, then = current[name], snapshot.get(name)
        if name in ("due", "last_review") and now_value is not None and then is not None:
            now_value, then = datetime.fromisoformat(now_value), datetime.fromisoformat(then)
        if now_value != then:
            return False
    return True


def card_state_restore(*, state: CardState, snapshot: dict) -> None:
    """Put a CardState back as ``card_state_snapshot`` saw it (one query)."""
    for name in CARD_STATE_FIELDS:
        value = snapshot.get(name)
        if name in ("due", "last_review") and value is not None:
            value = datetime.fromisoformat(value)
        setattr(state, name, value)
    state.save(update_fields=CARD_STATE_FIELDS)


@transaction.atomic
def card_record_answer(
    *,
    learner: AbstractBaseUser,
    item: Item,
    rating: int,
    now: datetime,
    mode: str,
    duration_ms: int = 0,
    correct: bool | None = None,
    chosen: list[int] | None = None,
) -> ReviewLog:
    """Apply one answer of ``learner`` to ``item``: get-or-create its CardState, review it with FSRS
    (the learner's desired retention) and write a ReviewLog. Returns the log."""
    settings, _ = LearnerSettings.objects.get_or_create(user=learner)
    state = CardState.objects.select_for_update().filter(learner=learner, item=item).first()
    log, _ = card_state_apply(
        learner=learner,
        item_id=item.pk,
        settings=settings,
        state=state,
        rating=rating,
        now=now,
        mode=mode,
        duration_ms=duration_ms,
        correct=correct,
        chosen=chosen,
    )
    return log


@transaction.atomic
def cards_make_due(*, learner: AbstractBaseUser, item_ids: list[int], now: datetime) -> int:
    """Make the items due at ``now`` for ``learner`` (creating new cards for never-seen items so
    they enter the queue at once). Returns how many items were made due."""
    now = as_utc(now)
    item_ids = list(dict.fromkeys(item_ids))
    moved = CardState.objects.filter(learner=learner, item_id__in=item_ids, due__gt=now).update(due=now)
    existing = set(
        CardState.objects.filter(learner=learner, item_id__in=item_ids).values_list("item_id", flat=True)
    )
    fresh = [
        CardState(
            learner=learner,
            item_id=item_id,
            card=card_from_state(None, item_id=item_id, now=now).to_dict(),
            due=now,
            introduced_at=now,
        )
        for item_id in item_ids
        if item_id not in existing
    ]
    CardState.objects.bulk_create(fresh, ignore_conflicts=True)
    return moved + len(fresh)
