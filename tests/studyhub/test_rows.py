"""studyhub/rows.py: instances read from hand-written SQL equal the ORM's, and its INSERT and SET
clauses store what the ORM would (JSON, booleans, datetimes, foreign keys)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.db import connection

from quizzes.models import CardState, ShownCard
from studyhub.rows import columns, insert, insert_select_parts, instance, update_parts
from tests.factories import ItemFactory, UserFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2025, 5, 6, 12, 0, tzinfo=UTC)


def fields_of(obj) -> dict:
    return {f.attname: getattr(obj, f.attname) for f in type(obj)._meta.concrete_fields}


@pytest.fixture
def state():
    return CardState.objects.create(
        learner=UserFactory(),
        item=ItemFactory(),
        card={"state": 2, "nested": [1, "a"]},
        due=NOW,
        stability=1.5,
        last_review=None,
        introduced_at=NOW,
        changed_notice=True,
    )


def test_an_instance_read_by_hand_equals_the_orms(state):
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {columns(CardState, 'c')} FROM {CardState._meta.db_table} c WHERE c.id = %s", [state.pk]
        )
        read, end = instance(CardState, cursor.fetchone())
    assert (fields_of(read), end, read._state.adding) == (
        fields_of(CardState.objects.get(pk=state.pk)),
        len(CardState._meta.concrete_fields),
        False,
    )


def test_a_left_join_that_found_nothing_is_none(state):
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {columns(CardState, 'c')}, {columns(ShownCard, 's')} FROM {CardState._meta.db_table} c "
            f"LEFT JOIN {ShownCard._meta.db_table} s ON s.item_id = c.item_id WHERE c.id = %s",
            [state.pk],
        )
        row = cursor.fetchone()
    read, at = instance(CardState, row)
    assert (read.pk, instance(ShownCard, row, at)) == (state.pk, (None, len(row)))


def test_insert_stores_what_the_orm_reads_back(state):
    shown = ShownCard(token="t" * 43, learner_id=state.learner_id, item_id=state.item_id, shown_at=NOW)
    pk = insert(shown)
    assert (pk, fields_of(ShownCard.objects.get(pk=pk))) == (shown.pk, fields_of(shown))


def test_update_parts_set_what_the_orm_reads_back(state):
    state.card, state.due, state.changed_notice, state.reps = (
        {"x": [True, None]},
        NOW.replace(hour=3),
        False,
        7,
    )
    names = ["card", "due", "changed_notice", "reps"]
    assignments, params = update_parts(state, names)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {CardState._meta.db_table} SET {assignments} WHERE id = %s", [*params, state.pk]
        )
    assert fields_of(CardState.objects.get(pk=state.pk)) == fields_of(state)


def test_a_session_is_read_back_and_an_expired_or_unknown_one_is_not(client):
    from datetime import timedelta

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    from studyhub.sessions import SessionStore

    store = SessionStore()
    store["answer"] = 42
    store.create()
    expired = SessionStore()
    expired["answer"] = 1
    expired.create()
    Session.objects.filter(pk=expired.session_key).update(expire_date=timezone.now() - timedelta(seconds=1))
    unknown = SessionStore("x" * 32)
    assert (
        SessionStore(store.session_key).get("answer"),
        SessionStore(expired.session_key).load(),
        unknown.load(),
        unknown.session_key,
    ) == (42, {}, {}, None)


def test_an_insert_select_reuses_its_sql_text_but_not_its_values():
    learner, item = UserFactory(), ItemFactory()
    first, second = (
        ShownCard(token=token, learner=learner, item=item, mode="review", shown_at=NOW)
        for token in ("a", "b")
    )
    (sql_a, params_a), (sql_b, params_b) = (
        insert_select_parts(shown, tail="", named="s_") for shown in (first, second)
    )
    assert sql_a is sql_b and (params_a["s_token"], params_b["s_token"]) == ("a", "b")
