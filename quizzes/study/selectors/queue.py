"""Reads for reviews: the learner's counters and the next card of the review queue.

The queue is correct by construction, and read in one query:

- **due**: cards due now (learning and review), most overdue first; a card whose sibling (same fact)
  was studied this learner-day comes after the others but still comes. Review-state cards stop at the
  day's review maximum (learning steps never do).
- **new**: items the learner never met, in the order the course teaches them (topic order, then the
  first source file and line the item cites, then id), while the day's new count is under the limit.
  An item is *buried* when another item of its sibling group was studied this learner-day or is in
  the queue now: it waits for tomorrow, and the next fact's item comes instead (never the whole new
  queue).
- **ahead**: (re)learning cards due within LEARN_AHEAD, shown early when nothing else is left.

The answer undo would take back is the learner's latest answer (any mode) when it is a review
answer given after their last undo (one step of undo, never an older answer).

The card answered last is never picked while any other card of those three lists is available.
The counters mean one thing each and are exactly what the queue will show with the clock stopped:
``due_now`` review cards due (within the review maximum), ``learning`` (re)learning cards due within
LEARN_AHEAD, ``new_left`` the new items it will still introduce today (one per sibling group).

A constant SQL text (prepared once per connection on PostgreSQL), bounded by LIMITs and indexed on
the learner, then one plain fetch of the card picked: two queries with 10 or 10,000 items."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.db import connection

from notes.models import Topic
from quizzes.models import CardState, Item, LearnerSettings, Notification, ReviewLog
from quizzes.study.days import learner_day_bounds

# Cards in (re)learning due within this window are shown early when nothing else is left (as Anki).
LEARN_AHEAD = timedelta(minutes=20)
REVIEW_STATE = 2
NEVER = datetime(2000, 1, 1, tzinfo=UTC)  # "no undo yet": before any answer


@dataclass(frozen=True)
class DayCounts:
    due_now: int  # review-state cards due now that today's review maximum still allows
    learning: int  # (re)learning cards due now or within LEARN_AHEAD
    new_left: int  # new items the queue will still introduce today
    new_today: int  # new items introduced in reviews today
    reviews_today: int  # reviews of review-state cards today (what the daily maximum counts)
    undo_log: int | None = None  # the review answer undo would take back (None: nothing to undo)

    @property
    def answered(self) -> bool:
        return self.undo_log is not None

    @property
    def total(self) -> int:
        return self.due_now + self.learning + self.new_left


@dataclass(frozen=True)
class NextCard:
    item: Item
    state: CardState | None  # None: a new item


@dataclass(frozen=True)
class Candidate:
    kind: str  # "due", "new" or "ahead"
    pk: int  # CardState pk for a studied card, Item pk for a new one
    item_id: int


_CS, _ITEM, _LOG, _TOPIC = (
    CardState._meta.db_table,
    Item._meta.db_table,
    ReviewLog._meta.db_table,
    Topic._meta.db_table,
)


def _source_order() -> tuple[str, str]:
    """SQL for the first cited source file and line of item ``i`` (the course's order within a topic)."""
    if connection.vendor == "postgresql":
        return (
            "(i.sources -> 0 ->> 'file')",
            "(CASE WHEN jsonb_typeof(i.sources -> 0 -> 'line') = 'number' "
            "THEN (i.sources -> 0 ->> 'line')::numeric END)",
        )
    return "json_extract(i.sources, '$[0].file')", "json_extract(i.sources, '$[0].line')"


# A card the review queue may show: published item, not suspended, not buried by the learner. The
# item's status is a correlated lookup by primary key: a join would let the planner hash every
# published item (work that grows with the bank) to check the few cards it reads.
_SHOWABLE = """cs.learner_id = %(learner)s AND NOT cs.suspended
    AND (cs.buried_until IS NULL OR cs.buried_until <= %(now)s)
    AND (SELECT x.status FROM {item} x WHERE x.id = cs.item_id) = %(published)s"""

# A sibling (same fact) of card ``cs``'s item was studied this learner-day: checked on the rows the
# due list reads, through the sibling-group and (learner, item) indexes (scalar subqueries, which the
# planner keeps per row instead of turning them into a join over the learner's day).
_SIBLING_TODAY = """(SELECT 1 FROM {item} si
    WHERE si.sibling_group = (SELECT i0.sibling_group FROM {item} i0 WHERE i0.id = cs.item_id)
    AND si.sibling_group <> '' AND si.id <> cs.item_id
    AND (SELECT sc.last_review FROM {cs} sc WHERE sc.learner_id = %(learner)s AND sc.item_id = si.id)
        >= %(start)s
    LIMIT 1) IS NOT NULL"""

# The same for a counter, which reads up to the day's limit of cards: the item's status checked
# against the (few) items not published, hashed once, instead of one lookup per card read.
_COUNTABLE = """cs.learner_id = %(learner)s AND NOT cs.suspended
    AND (cs.buried_until IS NULL OR cs.buried_until <= %(now)s)
    AND cs.item_id NOT IN (SELECT x.id FROM {item} x WHERE x.status IN ({unpublished}))"""

_UNPUBLISHED = ", ".join(f"'{s}'" for s in Item.Status.values if s != Item.Status.PUBLISHED)  # constants

# A never-met published item whose sibling group is not in play today (one item per group).
_NEW_ITEM = """i.status = %(published)s
    AND i.id NOT IN (SELECT c2.item_id FROM {cs} c2 WHERE c2.learner_id = %(learner)s)
    AND (i.sibling_group = '' OR i.sibling_group NOT IN (SELECT g FROM played))"""


def queue_ctes() -> str:
    """``WITH done, played, counts, due_head, new_head, ahead_head, candidates``: the counters (one
    row, ``counts``) and the head of each list (``candidates``: kind 1 due, 2 new, 3 ahead; at most
    two of each, and a list is read only while the ones before it hold fewer than two cards, since
    the pick, which skips at most the one card answered last, never reaches it otherwise). The
    parameters are ``review_queue``'s.

    The work is bounded by what is shown, not by the bank or the history (issue #16): the due counter
    counts at most the reviews today's maximum still allows and the new counter at most the new
    items today's limit still allows (the screen shows no more: ``day_counts``), the due list is read
    in (learner, due) index order with the sibling check on the rows read (the cards without a
    sibling studied today first, the others only when fewer than two remain), the learning counter
    through a partial index of the (re)learning cards."""
    source_file, source_line = _source_order()
    showable = _SHOWABLE.format(item=_ITEM)
    countable = _COUNTABLE.format(item=_ITEM, unpublished=_UNPUBLISHED)
    sibling_today = _SIBLING_TODAY.format(item=_ITEM, cs=_CS)
    new_item = _NEW_ITEM.format(cs=_CS)
    topic_order = connection.ops.quote_name("order")
    greatest, least = ("GREATEST", "LEAST") if connection.vendor == "postgresql" else ("MAX", "MIN")
    # OFFSET 0 keeps ``played``'s subquery whole on PostgreSQL, so its filter g <> '' reads the
    # subquery's output instead of repeating the item lookup per card (issue #16, phase 5).
    fence = "OFFSET 0" if connection.vendor == "postgresql" else ""
    due_list = f"""FROM {_CS} cs WHERE {showable} AND cs.due <= %(now)s
    AND (cs.state <> {REVIEW_STATE} OR (SELECT reviews_today FROM done) < %(max_reviews)s)"""
    return f"""WITH done AS (
    SELECT
        (SELECT COUNT(*) FROM {_LOG} WHERE learner_id = %(learner)s AND mode = %(review)s
         AND reviewed_at >= %(start)s AND reviewed_at < %(end)s AND was_new = %(true)s) AS new_today,
        (SELECT COUNT(*) FROM {_LOG} WHERE learner_id = %(learner)s AND mode = %(review)s
         AND reviewed_at >= %(start)s AND reviewed_at < %(end)s AND was_new = %(false)s
         AND (state_before = {REVIEW_STATE} OR state_before IS NULL)) AS reviews_today,
        (SELECT l.item_id FROM {_LOG} l WHERE l.learner_id = %(learner)s AND l.mode = %(review)s
         ORDER BY l.reviewed_at DESC, l.id DESC LIMIT 1) AS last_item,
        (SELECT CASE WHEN l.mode = %(review)s AND l.reviewed_at > %(undone)s THEN l.id END
         FROM {_LOG} l WHERE l.learner_id = %(learner)s
         ORDER BY l.reviewed_at DESC, l.id DESC LIMIT 1) AS undo_log
),
played AS (
    SELECT p.g FROM (
        SELECT (SELECT si.sibling_group FROM {_ITEM} si WHERE si.id = sc.item_id) AS g FROM {_CS} sc
        WHERE sc.learner_id = %(learner)s
        AND (sc.last_review >= %(start)s OR (sc.due <= %(ahead)s AND NOT sc.suspended))
        {fence}
    ) p WHERE p.g <> ''
),
counts AS (
    SELECT d.new_today, d.reviews_today, d.last_item, d.undo_log,
        (SELECT COUNT(*) FROM (
            SELECT 1 FROM {_CS} cs WHERE {countable} AND cs.state = {REVIEW_STATE} AND cs.due <= %(now)s
            LIMIT {greatest}(0, %(max_reviews)s - (SELECT reviews_today FROM done))
        ) r) AS due_reviews,
        (SELECT COUNT(*) FROM {_CS} cs WHERE {countable}
         AND cs.state <> {REVIEW_STATE} AND cs.due <= %(ahead)s) AS learning,
        {least}(
            (SELECT COUNT(*) FROM (
                SELECT 1 FROM {_ITEM} i WHERE {new_item} AND i.sibling_group = ''
                LIMIT {greatest}(0, %(new_per_day)s - (SELECT new_today FROM done))
            ) n)
            + (SELECT COUNT(*) FROM (
                SELECT DISTINCT i.sibling_group FROM {_ITEM} i WHERE {new_item} AND i.sibling_group <> ''
                ORDER BY i.sibling_group LIMIT {greatest}(0, %(new_per_day)s - (SELECT new_today FROM done))
            ) n),
            {greatest}(0, %(new_per_day)s - d.new_today)
        ) AS new_available
    FROM done d
),
due_fresh AS (
    SELECT 1 AS kind, cs.id AS pk, cs.item_id AS item_id, cs.due AS due_at, 0 AS sibling_today
    {due_list} AND NOT {sibling_today}
    ORDER BY cs.due, cs.id
    LIMIT 2
),
due_late AS (
    SELECT 1 AS kind, cs.id AS pk, cs.item_id AS item_id, cs.due AS due_at, 1 AS sibling_today
    {due_list} AND (SELECT COUNT(*) FROM due_fresh) < 2 AND {sibling_today}
    ORDER BY cs.due, cs.id
    LIMIT 2
),
due_head AS (
    SELECT * FROM (SELECT * FROM due_fresh UNION ALL SELECT * FROM due_late) h
    ORDER BY h.sibling_today, h.due_at, h.pk
    LIMIT 2
),
new_head AS (
    SELECT 2 AS kind, i.id AS pk, i.id AS item_id, i.created_at AS due_at, 0 AS sibling_today
    FROM {_ITEM} i JOIN {_TOPIC} t ON t.id = i.topic_id
    WHERE (SELECT COUNT(*) FROM due_head) < 2 AND (SELECT new_today FROM done) < %(new_per_day)s
    AND {new_item}
    ORDER BY t.{topic_order}, t.title, {source_file}, {source_line}, i.id
    LIMIT 1
),
ahead_head AS (
    SELECT 3 AS kind, cs.id AS pk, cs.item_id AS item_id, cs.due AS due_at, 0 AS sibling_today
    FROM {_CS} cs
    WHERE (SELECT COUNT(*) FROM due_head) + (SELECT COUNT(*) FROM new_head) < 2
    AND {showable} AND cs.state <> {REVIEW_STATE} AND cs.due > %(now)s AND cs.due <= %(ahead)s
    ORDER BY cs.due, cs.id
    LIMIT 2
),
candidates AS (
    SELECT * FROM due_head UNION ALL SELECT * FROM new_head UNION ALL SELECT * FROM ahead_head
)"""


def _queue_sql() -> str:
    return f"""{queue_ctes()}
SELECT c.new_today, c.reviews_today, c.last_item, c.due_reviews, c.learning, c.new_available,
    c.undo_log, q.kind, q.pk, q.item_id
FROM counts c LEFT JOIN candidates q ON 1 = 1
ORDER BY q.kind, q.sibling_today, q.due_at, q.pk
"""


_KINDS = {1: "due", 2: "new", 3: "ahead"}
_SQL: dict[str, str] = {}


def _sql() -> str:
    if connection.vendor not in _SQL:
        _SQL[connection.vendor] = _queue_sql()
    return _SQL[connection.vendor]


def _db_time(moment: datetime) -> object:
    return connection.ops.adapt_datetimefield_value(moment)


def queue_params(*, learner_id: int, settings: LearnerSettings, now: datetime) -> dict[str, object]:
    """The parameters of ``queue_ctes()``."""
    start, end = learner_day_bounds(now=now, tz=settings.timezone, day_starts_hour=settings.day_starts_hour)
    return {
        "learner": learner_id,
        "start": _db_time(start),
        "end": _db_time(end),
        "now": _db_time(now),
        "ahead": _db_time(now + LEARN_AHEAD),
        "published": Item.Status.PUBLISHED.value,
        "review": ReviewLog.Mode.REVIEW.value,
        "true": True,
        "false": False,
        "max_reviews": settings.max_reviews_per_day,
        "new_per_day": settings.new_per_day,
        "undone": _db_time(settings.last_undo_at or NEVER),
    }


def day_counts(row: Sequence, *, settings: LearnerSettings) -> DayCounts:
    """The counters from the first seven columns of a queue row (``counts``: new_today,
    reviews_today, last_item, due_reviews, learning, new_available, undo_log)."""
    new_today, reviews_today, _, due_reviews, learning, new_available, undo_log = row[:7]
    return DayCounts(
        due_now=max(0, min(due_reviews, settings.max_reviews_per_day - reviews_today)),
        learning=learning,
        new_left=max(0, min(new_available, settings.new_per_day - new_today)),
        new_today=new_today,
        reviews_today=reviews_today,
        undo_log=undo_log,
    )


def review_queue(
    *, learner_id: int, settings: LearnerSettings, now: datetime
) -> tuple[DayCounts, list[Candidate], int | None]:
    """The counters, the head of each list (due, new, ahead; in the order the queue takes them) and
    the item answered last in reviews: one query."""
    with connection.cursor() as cursor:
        cursor.execute(_sql(), queue_params(learner_id=learner_id, settings=settings, now=now))
        rows = cursor.fetchall()
    counts, last_item = day_counts(rows[0], settings=settings), rows[0][2]
    candidates = [Candidate(_KINDS[row[7]], row[8], row[9]) for row in rows if row[7] is not None]
    return counts, candidates, last_item


def queue_pick(candidates: list[Candidate], *, last_item: int | None) -> Candidate | None:
    """The first candidate that is not the card answered last; that card only when it is alone."""
    others = [c for c in candidates if c.item_id != last_item]
    return (others or candidates or [None])[0]


def _load(candidate: Candidate) -> NextCard | None:
    """The picked card with its item and topic (None when it vanished since the queue was read)."""
    if candidate.kind == "new":
        item = next(iter(Item.objects.select_related("topic").filter(pk=candidate.pk).order_by()), None)
        return NextCard(item, None) if item is not None else None
    state = next(iter(CardState.objects.select_related("item__topic").filter(pk=candidate.pk)), None)
    return NextCard(state.item, state) if state is not None else None


def review_counts(*, learner: AbstractBaseUser, settings: LearnerSettings, now: datetime) -> DayCounts:
    """The counters alone (the feedback screen shows them too)."""
    return review_queue(learner_id=learner.pk, settings=settings, now=now)[0]


def review_next_card(
    *, learner: AbstractBaseUser, settings: LearnerSettings, now: datetime
) -> tuple[NextCard | None, DayCounts]:
    """The next card of the review queue and the counters: two queries."""
    counts = None
    for _attempt in range(3):  # a card deleted between the two reads: read the queue again
        counts, candidates, last_item = review_queue(learner_id=learner.pk, settings=settings, now=now)
        picked = queue_pick(candidates, last_item=last_item)
        if picked is None:
            return None, counts
        card = _load(picked)
        if card is not None:
            return card, counts
    return None, counts


def notifications_unread(*, learner: AbstractBaseUser, limit: int = 5) -> list[Notification]:
    return list(
        Notification.objects.filter(learner=learner, read_at__isnull=True).order_by("-created_at")[:limit]
    )
