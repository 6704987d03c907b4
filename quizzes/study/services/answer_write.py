"""The review answer's read and write in as few statements as the database allows (issue #16).

- ``shown_card_lock``: the learner's ShownCard with its item, the learner's CardState of that item and
  the learner's settings in one statement, the ShownCard row locked (``FOR UPDATE OF`` on PostgreSQL;
  SQLite's write transaction already serialises). The learner object is the caller's own (the
  request's user), not a second copy read again.
- ``answer_record``: the card state (UPDATE, or INSERT for a new card), its review log and the shown
  card marked answered with that log: one data-modifying CTE on PostgreSQL, the ORM's three writes
  elsewhere (SQLite has no data-modifying CTE). The caller holds the transaction and the ShownCard lock (what
  makes an answer happen exactly once: a replay or a racing second request waits on the lock, then
  finds the card answered).

Constant SQL texts (prepared once per connection on PostgreSQL), built by studyhub/rows.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import DatabaseError, connection
from django.http import Http404

from quizzes.models import CardState, Item, LearnerSettings, ReviewLog, ShownCard
from studyhub.rows import columns, insert_parts, insert_select_parts, instance, update_parts

_SC, _ITEM, _CS, _LS = (m._meta.db_table for m in (ShownCard, Item, CardState, LearnerSettings))


@dataclass(frozen=True)
class RowVersions:
    """The ``xmin`` of the shown card and of the card state (None: no card state) as they were read."""

    shown: str
    state: str | None


_READ: dict[tuple[str, bool], str] = {}


def _read_sql(*, lock: bool) -> str:
    """The shown card, item, card state and settings; locked (``FOR UPDATE OF sc``), or unlocked with
    the row versions of the shown card and the card state (PostgreSQL's ``xmin``: the transaction
    that wrote the row version read) for ``answer_record_if_unchanged``."""
    key = (connection.vendor, lock)
    if key not in _READ:
        tail = ""
        versions = ""
        if lock and connection.features.has_select_for_update_of:
            tail = " FOR UPDATE OF sc"
        if not lock:
            versions = ", sc.xmin::text, cs.xmin::text"
        _READ[key] = (
            f"SELECT {columns(ShownCard, 'sc')}, {columns(Item, 'i')}, {columns(CardState, 'cs')}, "
            f"{columns(LearnerSettings, 'ls')}{versions} FROM {_SC} sc JOIN {_ITEM} i ON i.id = sc.item_id "
            f"LEFT JOIN {_CS} cs ON cs.item_id = sc.item_id AND cs.learner_id = sc.learner_id "
            f"LEFT JOIN {_LS} ls ON ls.user_id = sc.learner_id "
            f"WHERE sc.token = %s AND sc.learner_id = %s AND sc.mode = %s{tail}"
        )
    return _READ[key]


def _shown_card_read(
    *, learner: AbstractBaseUser, token: str, mode: str, lock: bool
) -> tuple[ShownCard, CardState | None, LearnerSettings | None, tuple]:
    with connection.cursor() as cursor:
        cursor.execute(_read_sql(lock=lock), [str(token)[:43], learner.pk, mode])
        row = cursor.fetchone()
    if row is None:
        raise Http404("No such card shown to you.")
    shown, at = instance(ShownCard, row)
    item, at = instance(Item, row, at)
    state, at = instance(CardState, row, at)
    settings, at = instance(LearnerSettings, row, at)
    shown.item = item
    shown.learner = learner
    if state is not None:
        state.item = item
    return shown, state, settings, tuple(row[at:])


def shown_card_lock(
    *, learner: AbstractBaseUser, token: str, mode: str
) -> tuple[ShownCard, CardState | None, LearnerSettings | None]:
    """The learner's ShownCard (``shown.item`` and ``shown.learner`` set), its CardState and the
    learner's settings (None when they have none yet), the ShownCard locked; 404 for a token that is
    unknown, of another mode or of someone else. Call inside a transaction."""
    return _shown_card_read(learner=learner, token=token, mode=mode, lock=True)[:3]


def shown_card_read(
    *, learner: AbstractBaseUser, token: str, mode: str
) -> tuple[ShownCard, CardState | None, LearnerSettings | None, RowVersions]:
    """As ``shown_card_lock``, unlocked (PostgreSQL, no transaction needed), with the row versions
    ``answer_record_if_unchanged`` checks."""
    shown, state, settings, versions = _shown_card_read(learner=learner, token=token, mode=mode, lock=False)
    return shown, state, settings, RowVersions(shown=versions[0], state=versions[1])


def answer_record(
    *, shown: ShownCard, state: CardState, log: ReviewLog, state_fields: tuple[str, ...], now: datetime
) -> None:
    """Store an answer computed in Python: ``state`` (saved when it has a pk: ``state_fields`` only),
    ``log`` (new) and ``shown`` marked answered at ``now`` with that log. Sets the new primary keys."""
    shown.answered_at = now
    if connection.vendor != "postgresql":
        if state.pk is None:
            state.save(force_insert=True)
        else:
            state.save(update_fields=state_fields)
        log.save(force_insert=True)
        shown.review_log = log
        shown.save(update_fields=["answered_at", "review_log"])
        return
    if state.pk is None:
        state_sql, state_params = insert_parts(state)
    else:
        assignments, state_params = update_parts(state, state_fields)
        state_sql = f"UPDATE {_CS} SET {assignments} WHERE id = %s RETURNING id"
        state_params = [*state_params, state.pk]
    log_sql, log_params = insert_parts(log)
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH st AS ({state_sql}), lg AS ({log_sql}) "
            f"UPDATE {_SC} SET answered_at = %s, review_log_id = (SELECT id FROM lg) WHERE id = %s "
            "RETURNING review_log_id, (SELECT id FROM st)",
            [
                *state_params,
                *log_params,
                shown._meta.get_field("answered_at").get_db_prep_save(now, connection),
                shown.pk,
            ],
        )
        log_id, state_id = cursor.fetchone()
    if state_id is None:  # the card state vanished since it was read: as the ORM's save() would
        raise DatabaseError("Save with update_fields did not affect any rows.")
    for obj, pk in ((state, state_id), (log, log_id)):
        obj.pk = pk
        obj._state.adding = False
        obj._state.db = connection.alias
    shown.review_log = log


def answer_record_if_unchanged(
    *,
    shown: ShownCard,
    state: CardState,
    log: ReviewLog,
    state_fields: tuple[str, ...],
    now: datetime,
    versions: RowVersions,
) -> bool:
    """Store an answer computed from rows read by ``shown_card_read`` in one statement, and only if
    neither row has changed since (PostgreSQL, autocommit: the statement is its own transaction, so
    no BEGIN and COMMIT round trips). False, and nothing written, when the shown card was answered,
    checked or undone meanwhile, or the card state written, or (a new card) created by another
    showing of it: the caller reads again.

    ``lk`` locks the shown card if it is still the version read and unanswered (a racing statement
    waits here, then finds a newer version: nothing); the card state is written only if ``lk`` got
    it and the state is still the version read (or, new, was not created meanwhile); the log only if
    the state was written; the shown card marked answered only with that log. Each step depends on
    the one before, so the statement writes all or nothing."""
    if state.pk is None:
        state_sql, state_params = insert_select_parts(
            state, tail="WHERE EXISTS (SELECT 1 FROM lk) ON CONFLICT (learner_id, item_id) DO NOTHING"
        )
    else:
        assignments, state_params = update_parts(state, state_fields)
        state_sql = (
            f"UPDATE {_CS} SET {assignments} WHERE id = %s AND xmin::text = %s "
            "AND EXISTS (SELECT 1 FROM lk) RETURNING id"
        )
        state_params = [*state_params, state.pk, versions.state]
    log_sql, log_params = insert_select_parts(log, tail="WHERE EXISTS (SELECT 1 FROM st)")
    answered_at = shown._meta.get_field("answered_at").get_db_prep_save(now, connection)
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH lk AS (SELECT id FROM {_SC} WHERE id = %s AND xmin::text = %s AND answered_at IS NULL "
            f"FOR UPDATE), st AS ({state_sql}), lg AS ({log_sql}) "
            f"UPDATE {_SC} SET answered_at = %s, review_log_id = lg.id FROM lg WHERE {_SC}.id = %s "
            "RETURNING lg.id, (SELECT id FROM st)",
            [shown.pk, versions.shown, *state_params, *log_params, answered_at, shown.pk],
        )
        row = cursor.fetchone()
    if row is None:
        return False
    log_id, state_id = row
    for obj, pk in ((state, state_id), (log, log_id)):
        obj.pk = pk
        obj._state.adding = False
        obj._state.db = connection.alias
    shown.answered_at = now
    shown.review_log = log
    return True
