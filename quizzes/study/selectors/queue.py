"""Reads for reviews and practice: the learner's daily counts and the next card of the review queue.

The queue is read on every answer, so it is written for that: a constant SQL text (prepared once per
connection on PostgreSQL, no ORM compilation per answer) that returns only ids and flags, then one
plain fetch of the card picked. Every query filters by the learner and is bounded (indexed range
scans, LIMITs), so loading the next card costs the same number of queries with 10 or 10,000 items and
100 or 100,000 reviews."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.db import connection

from quizzes.models import CardState, Item, LearnerSettings, Notification, ReviewLog
from quizzes.study.days import learner_day_bounds

# Cards in (re)learning due within this window are shown early when nothing else is left (as Anki).
LEARN_AHEAD = timedelta(minutes=20)
CANDIDATES = 10


@dataclass(frozen=True)
class DayCounts:
    new_today: int
    reviews_today: int
    due_now: int


@dataclass(frozen=True)
class NextCard:
    item: Item
    state: CardState | None  # None: a new item


@dataclass(frozen=True)
class _Candidate:
    pk: int  # CardState pk for a studied card, Item pk for a new one
    new: bool
    buried: bool  # a sibling (same fact) was studied this learner-day


_CS, _ITEM, _LOG = CardState._meta.db_table, Item._meta.db_table, ReviewLog._meta.db_table
_UNPUBLISHED = [status.value for status in Item.Status if status != Item.Status.PUBLISHED]

# Whether another item of row ``i``'s sibling group was studied since the start of the learner-day.
_BURIED = f"""CASE WHEN i.sibling_group <> '' AND EXISTS (
        SELECT 1 FROM {_ITEM} si JOIN {_CS} sc ON sc.item_id = si.id AND sc.learner_id = %s
        WHERE si.sibling_group = i.sibling_group AND si.id <> i.id AND sc.last_review >= %s
    ) THEN 1 ELSE 0 END"""

# The day's counts (always one row; due_now leaves out the few unpublished items through the status
# index rather than joining every due card to the item table) with the CANDIDATES most overdue published cards, learning cards
# due within LEARN_AHEAD included (flagged: not due yet).
_DUE_SQL = f"""
SELECT c.new_today, c.reviews_today, c.due_now, d.id, d.buried, d.ahead
FROM (
    SELECT
        (SELECT COUNT(*) FROM {_CS}
         WHERE learner_id = %s AND introduced_at >= %s AND introduced_at < %s) AS new_today,
        (SELECT COUNT(*) FROM {_LOG}
         WHERE learner_id = %s AND reviewed_at >= %s AND reviewed_at < %s AND mode = %s AND was_new = %s
        ) AS reviews_today,
        (SELECT COUNT(*) FROM {_CS} cs
         WHERE cs.learner_id = %s AND cs.due <= %s
         AND cs.item_id NOT IN (SELECT x.id FROM {_ITEM} x WHERE x.status IN ({", ".join(["%s"] * len(_UNPUBLISHED))}))) AS due_now
) c
LEFT JOIN (
    SELECT cs.id, cs.due, {_BURIED} AS buried, CASE WHEN cs.due > %s THEN 1 ELSE 0 END AS ahead
    FROM {_CS} cs JOIN {_ITEM} i ON i.id = cs.item_id
    WHERE cs.learner_id = %s AND cs.due <= %s AND i.status = %s
    ORDER BY cs.due, cs.id
    LIMIT %s
) d ON 1 = 1
ORDER BY d.due, d.id
"""

# The first CANDIDATES published items the learner has never seen, in item order. NOT IN reads only this
# learner's cards (a hashed subplan on PostgreSQL); NOT EXISTS let the planner merge-join against every
# learner's cards by item id, which grew with the number of learners.
_NEW_SQL = f"""
SELECT i.id, {_BURIED} AS buried
FROM {_ITEM} i
WHERE i.status = %s AND i.id NOT IN (SELECT cs.item_id FROM {_CS} cs WHERE cs.learner_id = %s)
ORDER BY i.id
LIMIT %s
"""


def _db_time(moment: datetime) -> object:
    return connection.ops.adapt_datetimefield_value(moment)


def _queue_head(
    *, learner_id: int, settings: LearnerSettings, now: datetime
) -> tuple[DayCounts, list[_Candidate], list[_Candidate]]:
    """The day's counts, the due-now candidates and the learn-ahead candidates: one query."""
    start, end = learner_day_bounds(now=now, tz=settings.timezone, day_starts_hour=settings.day_starts_hour)
    start, end, at = _db_time(start), _db_time(end), _db_time(now)
    published = Item.Status.PUBLISHED.value
    params = [
        *(learner_id, start, end),
        *(learner_id, start, end, ReviewLog.Mode.REVIEW.value, False),
        *(learner_id, at, *_UNPUBLISHED),
        *(learner_id, start, at),
        *(learner_id, _db_time(now + LEARN_AHEAD), published, CANDIDATES),
    ]
    with connection.cursor() as cursor:
        cursor.execute(_DUE_SQL, params)
        rows = cursor.fetchall()
    counts = DayCounts(new_today=rows[0][0], reviews_today=rows[0][1], due_now=rows[0][2])
    due_now = [_Candidate(row[3], False, bool(row[4])) for row in rows if row[3] is not None and not row[5]]
    ahead = [_Candidate(row[3], False, bool(row[4])) for row in rows if row[3] is not None and row[5]]
    return counts, due_now, ahead


def _new_candidates(*, learner_id: int, settings: LearnerSettings, now: datetime) -> list[_Candidate]:
    start, _ = learner_day_bounds(now=now, tz=settings.timezone, day_starts_hour=settings.day_starts_hour)
    params = [learner_id, _db_time(start), Item.Status.PUBLISHED.value, learner_id, CANDIDATES]
    with connection.cursor() as cursor:
        cursor.execute(_NEW_SQL, params)
        return [_Candidate(row[0], True, bool(row[1])) for row in cursor.fetchall()]


def _load(candidate: _Candidate) -> NextCard | None:
    """The picked card with its item and topic (None when it vanished since the queue was read)."""
    if candidate.new:
        item = next(iter(Item.objects.select_related("topic").filter(pk=candidate.pk).order_by()), None)
        return NextCard(item, None) if item is not None else None
    state = next(iter(CardState.objects.select_related("item__topic").filter(pk=candidate.pk)), None)
    return NextCard(state.item, state) if state is not None else None


def review_next_card(
    *, learner: AbstractBaseUser, settings: LearnerSettings, now: datetime
) -> tuple[NextCard | None, DayCounts]:
    """The next card of the review queue and the day's counts: due cards, then new items (daily limit),
    then learning cards due within LEARN_AHEAD; an item whose sibling was studied this learner-day only
    when nothing else is left. Two queries (three when the queue falls through to new items)."""
    for _attempt in range(3):  # a card deleted between the two reads: read the queue again
        counts, due_now, ahead = _queue_head(learner_id=learner.pk, settings=settings, now=now)
        if counts.reviews_today >= settings.max_reviews_per_day:
            due_now, ahead = [], []
        fresh: list[_Candidate] = []
        if counts.new_today < settings.new_per_day and all(c.buried for c in due_now):
            fresh = _new_candidates(learner_id=learner.pk, settings=settings, now=now)
        ordered = due_now + fresh + ahead
        if not ordered:
            return None, counts
        picked = next((c for c in ordered if not c.buried), ordered[0])
        card = _load(picked)
        if card is not None:
            return card, counts
    return None, counts


def notifications_unread(*, learner: AbstractBaseUser, limit: int = 5) -> list[Notification]:
    return list(
        Notification.objects.filter(learner=learner, read_at__isnull=True).order_by("-created_at")[:limit]
    )
