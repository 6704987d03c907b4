"""The thin layer between py-fsrs and our rows: schedulers per learner, Card <-> CardState, and the
interval each rating would give ("<10m", "1d", "4d"), as Anki shows on its buttons."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from fsrs import Card, Rating, Scheduler

if TYPE_CHECKING:
    from quizzes.models import CardState, LearnerSettings

RATINGS = (Rating.Again, Rating.Hard, Rating.Good, Rating.Easy)


@lru_cache(maxsize=64)
def _scheduler(desired_retention: float, fuzz: bool) -> Scheduler:
    return Scheduler(desired_retention=desired_retention, enable_fuzzing=fuzz)


def scheduler_for(settings: LearnerSettings | None, *, fuzz: bool = True) -> Scheduler:
    retention = settings.desired_retention if settings is not None else 0.90
    return _scheduler(round(float(retention), 2), fuzz)


def as_utc(moment: datetime) -> datetime:
    """py-fsrs insists on ``tzinfo is timezone.utc``; Django may hand us other UTC tzinfo objects."""
    return moment.astimezone(UTC)


def card_from_state(state: CardState | None, *, item_id: int, now: datetime) -> Card:
    """The FSRS card of a CardState, or a fresh one (card_id = item id, so no clock sleep)."""
    if state is None or not state.card:
        return Card(card_id=item_id, due=as_utc(now))
    card = Card.from_dict(state.card)
    card.due = as_utc(state.due)  # the column wins: cards_make_due moves only the column
    if card.last_review is not None:
        card.last_review = as_utc(card.last_review)
    return card


def format_interval(delta: timedelta) -> str:
    seconds = max(delta.total_seconds(), 0)
    if seconds < 60:
        return "<1m"
    minutes = seconds / 60
    if minutes < 60:
        return f"<{round(minutes)}m"
    hours = minutes / 60
    if hours < 24:
        return f"{round(hours)}h"
    days = hours / 24
    if days < 30:
        return f"{round(days)}d"
    if days < 365:
        return f"{days / 30:.1f}mo".replace(".0mo", "mo")
    return f"{days / 365:.1f}y".replace(".0y", "y")


def interval_preview(card: Card, now: datetime, settings: LearnerSettings | None = None) -> dict[int, str]:
    """{rating: label} for Again/Hard/Good/Easy, without fuzz (the real interval may differ by a day)."""
    scheduler = scheduler_for(settings, fuzz=False)
    now = as_utc(now)
    return {
        int(r): format_interval(scheduler.review_card(card, r, review_datetime=now)[0].due - now)
        for r in RATINGS
    }
