"""One review per answer when the same token is posted by racing requests (double clicks, a retry
while the first request is still running, two tabs), for a card met before and for a new one: the
ShownCard row lock serialises them and the later ones find it answered (services/answer_write.py)."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection

from quizzes.models import CardState, ReviewLog, ShownCard
from quizzes.study.services.reviews import review_answer, review_show_next
from tests.factories import CardStateFactory, FlashcardFactory, LearnerSettingsFactory, UserFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

NOW = datetime(2025, 5, 6, 12, 0, tzinfo=UTC)
RACERS = 4


def race(learner, token: str) -> list[BaseException]:
    """RACERS threads post ``token`` at once, each on its own connection; returns their errors."""
    barrier, errors = threading.Barrier(RACERS), []

    def answer(rating: int) -> None:
        try:
            barrier.wait(timeout=10)
            review_answer(
                learner=learner, token=token, rating=rating, chosen=[], now=NOW + timedelta(seconds=5)
            )
        except BaseException as error:  # noqa: BLE001 - reported by the test
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=answer, args=(1 + n % 4,)) for n in range(RACERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return errors


@pytest.mark.parametrize("met_before", [True, False])
def test_racing_answers_of_one_token_record_one_review(met_before):
    learner = UserFactory()
    LearnerSettingsFactory(user=learner)
    item = FlashcardFactory()
    if met_before:
        CardStateFactory(learner=learner, item=item)
    token = review_show_next(learner=learner, now=NOW).shown.token
    errors = race(learner, token)
    state = CardState.objects.get(learner=learner, item=item)
    shown = ShownCard.objects.get(token=token)
    log = ReviewLog.objects.get(learner=learner)  # exactly one, or this raises
    assert (errors, shown.review_log_id, state.reps) == ([], log.pk, 4 if met_before else 1)
