"""On PostgreSQL the review statements are prepared once per connection and run on their generic
plan, so an answer's next card is not planned again on every answer (issue #16, phase 5)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.db import connection

from quizzes.models import LearnerSettings
from quizzes.study.services import next_card
from quizzes.study.services.reviews import review_show_next
from tests.factories import ItemFactory, UserFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

NOW = datetime(2025, 5, 6, 12, 0, tzinfo=UTC)


def test_psycopg_caches_the_next_card_statements_placeholder_conversion():
    """psycopg converts %(name)s to $n once per statement text only below its length limit
    (studyhub/db.py raises it): the next-card statement must stay under it."""
    from psycopg import _queries

    assert len(next_card._sql().encode()) <= _queries.MAX_CACHED_STATEMENT_LENGTH


def test_the_next_card_statement_runs_on_its_generic_plan_once_prepared():
    learner = UserFactory()
    LearnerSettings.objects.create(user=learner)
    ItemFactory.create_batch(3)
    for _ in range(8):  # psycopg prepares it at the fifth execution
        review_show_next(learner=learner, now=NOW)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE statement LIKE %s",
            ["%pick AS (%"],
        )
        plans = cursor.fetchall()
    assert len(plans) == 1 and plans[0][0] >= 1 and plans[0][1] == 0, plans
