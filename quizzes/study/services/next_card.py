"""The next card of the review queue picked, loaded and shown under a fresh token in one statement
(PostgreSQL; issue #16): the queue's counters and list heads (selectors/queue.py ``queue_ctes``),
the pick (``queue_pick``: the first card that is not the one answered last, that one only when it is
alone), the picked item with its topic and card state, and the INSERT of its ShownCard as a
data-modifying CTE. One round trip where the selector's path takes three (queue, card, token); the
same rows, so the same card. SQLite has no data-modifying CTE and keeps that path."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, connection

from notes.models import Topic
from quizzes.models import CardState, Item, LearnerSettings, ShownCard
from quizzes.study.selectors.queue import DayCounts, day_counts, queue_ctes, queue_params
from studyhub.rows import columns, insert_select_parts, instance

_ITEM, _CS, _TOPIC = Item._meta.db_table, CardState._meta.db_table, Topic._meta.db_table
_SQL: dict[str, str] = {}
ATTEMPTS = 3  # the picked item deleted between the statement's snapshot and its end (foreign key)


def _sql() -> str:
    if connection.vendor not in _SQL:
        insert_sql, _ = insert_select_parts(
            ShownCard(item_id=0, shown_at=datetime(2000, 1, 1, tzinfo=UTC)),
            tail="FROM pick p",
            replace={"item_id": "p.item_id"},
            named="shown_",
        )
        _SQL[connection.vendor] = f"""{queue_ctes()},
pick AS (
    SELECT q.kind, q.pk, q.item_id FROM candidates q, done d
    ORDER BY CASE WHEN q.item_id = d.last_item THEN 1 ELSE 0 END, q.kind, q.sibling_today, q.due_at, q.pk
    LIMIT 1
),
shown AS ({insert_sql})
SELECT c.new_today, c.reviews_today, c.last_item, c.due_reviews, c.learning, c.new_available,
    c.undo_log, (SELECT id FROM shown), {columns(Item, "i")}, {columns(Topic, "t")}, {columns(CardState, "cs")}
FROM counts c LEFT JOIN pick p ON TRUE LEFT JOIN {_ITEM} i ON i.id = p.item_id
LEFT JOIN {_TOPIC} t ON t.id = i.topic_id LEFT JOIN {_CS} cs ON cs.id = p.pk AND p.kind <> 2
"""
    return _SQL[connection.vendor]


def shown_card_next(
    *, learner: AbstractBaseUser, settings: LearnerSettings, mode: str, now: datetime
) -> tuple[DayCounts, ShownCard | None, CardState | None]:
    """The counters, the next card shown under a fresh token (``shown.item.topic`` loaded; None when
    nothing is left) and its card state (None for a new item). One statement."""
    token = secrets.token_urlsafe(32)
    shown = ShownCard(token=token, learner=learner, item_id=0, mode=mode, shown_at=now)
    _, values = insert_select_parts(shown, tail="", replace={"item_id": ""}, named="shown_")
    params = {**queue_params(learner_id=learner.pk, settings=settings, now=now), **values}
    for attempt in range(ATTEMPTS):
        try:
            with connection.cursor() as cursor:
                cursor.execute(_sql(), params)
                row = cursor.fetchone()
            break
        except IntegrityError:
            if connection.in_atomic_block or attempt == ATTEMPTS - 1:
                raise
    counts = day_counts(row, settings=settings)
    item, at = instance(Item, row, 8)
    if item is None:
        return counts, None, None
    topic, at = instance(Topic, row, at)
    state, _ = instance(CardState, row, at)
    item.topic = topic
    shown.pk, shown.item = row[7], item
    shown._state.adding, shown._state.db = False, connection.alias
    if state is not None:
        state.item = item
    return counts, shown, state
