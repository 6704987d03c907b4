"""Answering a review and loading the next card costs a constant number of queries, however many
items and reviews the learner has."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from notes.models import Topic
from quizzes.models import CardState, Item, LearnerSettings, ReviewLog
from quizzes.study.services.reviews import review_answer, review_show_next
from tests.factories import TopicFactory, UserFactory

pytestmark = pytest.mark.django_db

# Transaction control is not counted: SQLite logs BEGIN IMMEDIATE/COMMIT, PostgreSQL logs nothing for
# them, and inside the test's own transaction the service's atomic block becomes a SAVEPOINT pair.
TRANSACTION_CONTROL = re.compile(r"^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE SAVEPOINT)\b", re.IGNORECASE)


def statements(captured: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in captured.captured_queries if not TRANSACTION_CONTROL.match(q["sql"])]


NOW = datetime(2025, 5, 6, 12, 0, tzinfo=UTC)
TOKEN = re.compile(r'name="token" value="([^"]+)"')


def service_limit() -> int:
    """Statements of one answer + next card (issue #16). PostgreSQL: the shown card, item, state and
    settings read in one, the write in one (a data-modifying CTE that checks the rows read are
    unchanged), the queue, the pick, the next card and its token in one. SQLite: the read (locked by
    the write transaction), the ORM's card state, review log and shown card (three), the queue, the
    picked card, the next card's token."""
    return 3 if connection.vendor == "postgresql" else 7


def build_learner(*, items: int, reviews: int):
    """A learner with ``items`` items (half studied, a tenth of those due) and ``reviews`` review logs."""
    learner = UserFactory()
    LearnerSettings.objects.create(user=learner)
    topic: Topic = TopicFactory()
    Item.objects.bulk_create(
        Item(
            key=f"bulk-{learner.pk}-{n}",
            topic=topic,
            kind="limit",
            type="basic" if n % 2 else "single",
            front=f"front {n}",
            back="back",
            stem=f"stem {n}",
            choices=[{"text": "a", "correct": True}, {"text": "b", "correct": False}],
            sibling_group=f"g{n // 3}",
        )
        for n in range(items)
    )
    ids = list(Item.objects.filter(key__startswith=f"bulk-{learner.pk}-").values_list("pk", flat=True))
    studied = ids[: items // 2]
    CardState.objects.bulk_create(
        CardState(
            learner=learner,
            item_id=item_id,
            card={
                "card_id": item_id,
                "state": 2,
                "step": None,
                "stability": 5.0,
                "difficulty": 5.0,
                "due": NOW.isoformat(),
                "last_review": (NOW - timedelta(days=5)).isoformat(),
            },
            due=NOW - timedelta(hours=1) if n % 10 == 0 else NOW + timedelta(days=n % 30 + 1),
            state=2,
            stability=5.0,
            difficulty=5.0,
            last_review=NOW - timedelta(days=5),
            reps=3,
            introduced_at=NOW - timedelta(days=40),
        )
        for n, item_id in enumerate(studied)
    )
    ReviewLog.objects.bulk_create(
        (
            ReviewLog(
                learner=learner,
                item_id=studied[n % len(studied)],
                rating=3,
                reviewed_at=NOW - timedelta(days=1 + n % 300, minutes=n % 1000),
            )
            for n in range(reviews)
        ),
        batch_size=5000,
    )
    return learner


@pytest.mark.parametrize(("items", "reviews"), [(10, 100), (10_000, 100_000)])
def test_answer_and_next_card_take_at_most_3_queries_on_postgresql(items, reviews):
    learner = build_learner(items=items, reviews=reviews)
    token = review_show_next(learner=learner, now=NOW).shown.token
    with CaptureQueriesContext(connection) as captured:
        screen = review_answer(
            learner=learner, token=token, rating=3, chosen=[0], now=NOW + timedelta(seconds=5)
        )
    assert screen.shown is not None and screen.shown.token != token  # the next card was loaded
    assert len(statements(captured)) <= service_limit(), statements(captured)


def test_new_items_path_takes_at_most_3_queries_on_postgresql_with_10_000_items():
    """Nothing due: the queue falls through to the anti-join for new items (the longest path)."""
    learner = build_learner(items=10_000, reviews=100_000)
    CardState.objects.filter(learner=learner).update(due=NOW + timedelta(days=3))
    token = review_show_next(learner=learner, now=NOW).shown.token
    with CaptureQueriesContext(connection) as captured:
        screen = review_answer(
            learner=learner, token=token, rating=3, chosen=[0], now=NOW + timedelta(seconds=5)
        )
    assert screen.shown is not None and screen.is_new
    assert len(statements(captured)) <= service_limit(), statements(captured)


@pytest.mark.parametrize(("items", "reviews"), [(10, 100), (10_000, 100_000)])
def test_whole_answer_request_takes_at_most_5_queries_on_postgresql(client, items, reviews):
    """The htmx request adds the two queries every logged-in page pays (session, user) to the
    service's three (seven on SQLite): the base context's instructor check and study nav are evaluated only by
    full pages, and no health-check SELECT 1 precedes them (studyhub/db.py; that one bypasses
    Django's query log, so the round-trip count is bench/answer_profile.py's)."""
    learner = build_learner(items=items, reviews=reviews)
    client.force_login(learner)
    with time_machine.travel(NOW, tick=False):
        token = review_show_next(learner=learner, now=NOW).shown.token
        with CaptureQueriesContext(connection) as queries:
            response = client.post(
                reverse("quizzes:study-answer"),
                {"token": token, "rating": 3, "chosen": [0]},
                HTTP_HX_REQUEST="true",
            )
    assert response.status_code == 200
    assert len(statements(queries)) <= service_limit() + 2, statements(queries)


class RoundTrips:
    """Every round trip a connection makes to PostgreSQL: statements (Django's execute wrappers) and
    the transaction commands psycopg sends on its own (BEGIN when Django opens a transaction,
    COMMIT, ROLLBACK, SAVEPOINT: ``BaseConnection._exec_command``, as bench/answer_profile.py counts
    them). Django's query log sees neither BEGIN nor COMMIT on PostgreSQL."""

    def __init__(self) -> None:
        self.sent: list[str] = []

    def __enter__(self) -> RoundTrips:
        from psycopg._connection_base import BaseConnection

        counter, original = self, BaseConnection._exec_command

        def exec_command(conn, command, *args, **kwargs):
            counter.sent.append(command.decode() if isinstance(command, bytes) else str(command))
            return (yield from original(conn, command, *args, **kwargs))

        self._restore = (BaseConnection, original)
        BaseConnection._exec_command = exec_command
        connection.execute_wrappers.append(self)
        return self

    def __call__(self, execute, sql, params, many, context):
        self.sent.append(" ".join(sql.split())[:60])
        return execute(sql, params, many, context)

    def __exit__(self, *exc) -> None:
        connection.execute_wrappers.remove(self)
        cls, original = self._restore
        cls._exec_command = original


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_round_trip_counter_sees_begin_and_commit():
    """The counter below is only worth its pin if it sees what psycopg sends outside Django's log."""
    from django.db import transaction

    with RoundTrips() as trips, transaction.atomic():
        Topic.objects.exists()
    # (the wrapper logs a statement before psycopg sends the BEGIN that precedes it)
    assert sorted(trips.sent) == ["BEGIN", "COMMIT", 'SELECT %s AS "a" FROM "notes_topic" LIMIT 1']


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("items", "reviews"), [(10, 1_000), (10_000, 100_000)])
def test_whole_answer_request_takes_at_most_5_round_trips_on_postgresql(client, items, reviews):
    """Under the server the request runs in autocommit (no ATOMIC_REQUESTS): session, user, the
    answer's read, its one-statement write, the next card; no BEGIN or COMMIT of its own and no
    health-check SELECT 1 (studyhub/db.py)."""
    learner = build_learner(items=items, reviews=reviews)
    client.force_login(learner)
    with time_machine.travel(NOW, tick=False):
        token = review_show_next(learner=learner, now=NOW).shown.token
        with RoundTrips() as trips:
            response = client.post(
                reverse("quizzes:study-answer"),
                {"token": token, "rating": 3, "chosen": [0]},
                HTTP_HX_REQUEST="true",
            )
    assert response.status_code == 200 and TOKEN.search(response.content.decode()).group(1) != token
    assert ReviewLog.objects.filter(learner=learner, reviewed_at=NOW).count() == 1
    assert len(trips.sent) <= 5, trips.sent
