"""The review answer's write on PostgreSQL without a transaction (services/answer_write.py
``answer_record_if_unchanged``): it writes only if the shown card and the card state are still the
rows the answer was computed from, and all of it or nothing; review_answer reads again after a
lost race, so every answer is recorded once and none is computed on a stale card."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection

from quizzes.models import CardState, ReviewLog, ShownCard
from quizzes.study.services.answer_write import answer_record_if_unchanged, shown_card_read
from quizzes.study.services.reviews import review_answer, review_show_next
from quizzes.study.services.scheduling import CARD_STATE_FIELDS, card_state_review
from tests.factories import CardStateFactory, FlashcardFactory, LearnerSettingsFactory, UserFactory

# Each test in autocommit, as under the server: a row version (xmin) is the writing transaction's id,
# so a change made inside the test's own transaction would not show as one.
pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

NOW = datetime(2025, 5, 6, 12, 0, tzinfo=UTC)
LATER = NOW + timedelta(seconds=5)


@pytest.fixture
def learner():
    user = UserFactory()
    LearnerSettingsFactory(user=user)
    return user


def computed_answer(learner, token: str):
    """The rows of ``token`` read unlocked and the answer (Good) computed from them, not written."""
    shown, state, settings, versions = shown_card_read(learner=learner, token=token, mode="review")
    log, new_state = card_state_review(
        learner=learner,
        item_id=shown.item_id,
        settings=settings,
        state=state,
        rating=3,
        now=LATER,
        mode="review",
    )
    return shown, new_state, log, versions


def record(shown, state, log, versions) -> bool:
    return answer_record_if_unchanged(
        shown=shown, state=state, log=log, state_fields=CARD_STATE_FIELDS, now=LATER, versions=versions
    )


def test_an_unchanged_card_is_written_in_one_statement(learner):
    state = CardStateFactory(learner=learner, item=FlashcardFactory(), reps=2)
    token = review_show_next(learner=learner, now=NOW).shown.token
    shown, new_state, log, versions = computed_answer(learner, token)
    assert record(shown, new_state, log, versions)
    stored = ShownCard.objects.get(token=token)
    assert (stored.review_log_id, CardState.objects.get(pk=state.pk).reps) == (log.pk, 3)


def test_a_card_state_changed_after_the_read_is_not_overwritten(learner):
    state = CardStateFactory(learner=learner, item=FlashcardFactory(), reps=2)
    token = review_show_next(learner=learner, now=NOW).shown.token
    answer = computed_answer(learner, token)
    CardState.objects.filter(pk=state.pk).update(suspended=True)  # the card browser, meanwhile
    assert not record(*answer)
    stored = CardState.objects.get(pk=state.pk)
    assert (stored.suspended, stored.reps, ReviewLog.objects.count()) == (True, 2, 0)
    assert ShownCard.objects.get(token=token).answered_at is None


def test_a_shown_card_checked_after_the_read_is_not_answered(learner):
    CardStateFactory(learner=learner, item=FlashcardFactory(), reps=2)
    token = review_show_next(learner=learner, now=NOW).shown.token
    answer = computed_answer(learner, token)
    ShownCard.objects.filter(token=token).update(checked=[0])
    assert not record(*answer)
    assert (ShownCard.objects.get(token=token).answered_at, ReviewLog.objects.count()) == (None, 0)


def test_a_new_card_another_showing_started_meanwhile_writes_nothing(learner):
    item = FlashcardFactory()
    token = review_show_next(learner=learner, now=NOW).shown.token
    answer = computed_answer(learner, token)
    CardStateFactory(learner=learner, item=item, reps=1)  # the same card answered in another tab
    assert not record(*answer)
    assert (CardState.objects.get(learner=learner, item=item).reps, ReviewLog.objects.count()) == (1, 0)
    assert ShownCard.objects.get(token=token).answered_at is None


def test_an_answer_whose_first_write_lost_a_race_is_recorded_from_the_new_card(learner):
    state = CardStateFactory(learner=learner, item=FlashcardFactory(), reps=2)
    token = review_show_next(learner=learner, now=NOW).shown.token
    stale = computed_answer(learner, token)
    CardState.objects.filter(pk=state.pk).update(reps=7)
    assert not record(*stale)
    review_answer(learner=learner, token=token, rating=3, chosen=[], now=LATER)
    log = ReviewLog.objects.get(learner=learner)
    assert (CardState.objects.get(pk=state.pk).reps, ShownCard.objects.get(token=token).review_log_id) == (
        8,
        log.pk,
    )


@pytest.mark.parametrize("met_before", [True, False])
def test_two_showings_of_one_card_answered_at_once_are_both_recorded_on_the_card(met_before):
    """Two tabs showing the same card under two tokens: both answers count and neither overwrites the
    other's schedule (the later one is computed from the card the first one wrote)."""
    learner = UserFactory()
    LearnerSettingsFactory(user=learner)
    item = FlashcardFactory()
    if met_before:
        CardStateFactory(learner=learner, item=item, reps=2)
    tokens = [review_show_next(learner=learner, now=NOW).shown.token for _ in range(2)]
    barrier, errors = threading.Barrier(2), []

    def answer(token: str) -> None:
        try:
            barrier.wait(timeout=10)
            review_answer(learner=learner, token=token, rating=3, chosen=[], now=LATER)
        except BaseException as error:  # noqa: BLE001 - reported by the test
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=answer, args=(token,)) for token in tokens]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    reps = CardState.objects.get(learner=learner, item=item).reps
    answered = ShownCard.objects.filter(token__in=tokens, review_log__isnull=False).count()
    assert (errors, ReviewLog.objects.filter(learner=learner).count(), answered, reps) == (
        [],
        2,
        2,
        4 if met_before else 2,
    )
