"""Hourly rollups (due counts, forecast, per-topic retrievability), overdue learners and the daily
"reviews due" reminder in each learner's local morning."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import mail

from quizzes.mail.selectors import daily_reminders_due, learners_overdue
from quizzes.mail.services.emails import daily_reminders_send_batch
from quizzes.mail.services.rollups import rollups_refresh
from quizzes.models import LearnerSnapshot, TopicSnapshot
from tests.factories import CardStateFactory, ItemFactory, LearnerSettingsFactory, TopicFactory, UserFactory

pytestmark = pytest.mark.django_db

UTC = dt.UTC
NOW = dt.datetime(2025, 3, 10, 12, 0, tzinfo=UTC)


@pytest.fixture
def learner():
    return LearnerSettingsFactory(user=UserFactory(username="ada"), timezone="UTC", day_starts_hour=4).user


def snapshot(learner) -> LearnerSnapshot:
    rollups_refresh(learner_ids=[learner.pk], now=NOW)
    return LearnerSnapshot.objects.get(learner=learner)


def test_overdue_counts_cards_due_before_the_learners_today(learner):
    CardStateFactory(
        learner=learner, due=dt.datetime(2025, 3, 10, 3, 0, tzinfo=UTC)
    )  # yesterday's learner-day
    CardStateFactory(learner=learner, due=dt.datetime(2025, 3, 10, 5, 0, tzinfo=UTC))  # due today
    assert (snapshot(learner).overdue, snapshot(learner).due_now) == (1, 2)


def test_due_today_runs_to_the_end_of_the_learners_day(learner):
    CardStateFactory(
        learner=learner, due=dt.datetime(2025, 3, 11, 3, 59, tzinfo=UTC)
    )  # before 04:00 tomorrow
    CardStateFactory(learner=learner, due=dt.datetime(2025, 3, 11, 4, 0, tzinfo=UTC))
    assert snapshot(learner).due_today == 1


def test_the_forecast_has_seven_learner_days(learner):
    CardStateFactory(learner=learner, due=NOW + dt.timedelta(days=1))
    CardStateFactory(learner=learner, due=NOW + dt.timedelta(days=6))
    assert snapshot(learner).forecast == [0, 1, 0, 0, 0, 0, 1]


def test_a_suspended_card_is_never_due_in_the_emails_figures(learner):
    CardStateFactory(learner=learner, due=NOW - dt.timedelta(days=2), suspended=True)
    CardStateFactory(learner=learner, due=NOW + dt.timedelta(days=1), suspended=True)
    rolled = snapshot(learner)
    assert (rolled.due_now, rolled.overdue, rolled.due_today, sum(rolled.forecast)) == (0, 0, 0, 0)
    assert rolled.cards == 2  # still the learner's cards, for recall


def test_a_buried_card_is_due_when_its_bury_ends(learner):
    tomorrow = dt.datetime(2025, 3, 11, 4, 0, tzinfo=UTC)  # the learner's next day starts
    CardStateFactory(learner=learner, due=NOW - dt.timedelta(hours=1), buried_until=tomorrow)
    rolled = snapshot(learner)
    assert (rolled.due_now, rolled.due_today, rolled.forecast[:2]) == (0, 0, [0, 1])


def test_new_available_counts_published_items_the_learner_has_not_started(learner):
    CardStateFactory(learner=learner, item=ItemFactory())
    ItemFactory()
    ItemFactory(status="draft")
    assert snapshot(learner).new_available == 1


def test_topic_retrievability_is_the_mean_predicted_recall_of_the_topics_cards(learner):
    topic = TopicFactory(slug="sqs")
    for last_review in (NOW, NOW - dt.timedelta(days=30)):
        CardStateFactory(
            learner=learner, item=ItemFactory(topic=topic), stability=10.0, last_review=last_review
        )
    rollups_refresh(learner_ids=[learner.pk], now=NOW)
    recall = TopicSnapshot.objects.get(learner=learner, topic=topic).retrievability
    assert recall == pytest.approx((1.0 + 0.809) / 2, abs=0.005)  # R(30 days, S=10) ≈ 0.809


def test_refreshing_twice_keeps_one_snapshot_per_learner_and_topic(learner):
    CardStateFactory(learner=learner)
    rollups_refresh(learner_ids=[learner.pk], now=NOW)
    rollups_refresh(learner_ids=[learner.pk], now=NOW + dt.timedelta(hours=1))
    assert (LearnerSnapshot.objects.count(), TopicSnapshot.objects.count()) == (1, 1)


def test_a_topic_the_learner_no_longer_has_cards_in_is_dropped(learner):
    card = CardStateFactory(learner=learner)
    rollups_refresh(learner_ids=[learner.pk], now=NOW)
    card.delete()
    rollups_refresh(learner_ids=[learner.pk], now=NOW + dt.timedelta(hours=1))
    assert not TopicSnapshot.objects.exists()


def test_learners_with_overdue_reviews_are_found(learner):
    UserFactory(username="on-time")
    CardStateFactory(learner=learner, due=NOW - dt.timedelta(days=2))
    rollups_refresh(learner_ids=[learner.pk, learner.pk + 1], now=NOW)
    assert [s.learner for s in learners_overdue()] == [learner]


# --- the daily reminder ---------------------------------------------------------------------------


@pytest.fixture
def reminded(learner):
    learner.study_settings.daily_reminder = True
    learner.study_settings.timezone = "Europe/Berlin"
    learner.study_settings.save()
    CardStateFactory(learner=learner, due=NOW - dt.timedelta(hours=1))
    return learner


def test_the_reminder_is_due_in_the_learners_local_morning(reminded):
    assert daily_reminders_due(now=dt.datetime(2025, 3, 10, 7, 0, tzinfo=UTC)) == {
        dt.date(2025, 3, 10): [reminded.pk]
    }  # 08:00 in Berlin


def test_the_reminder_is_not_due_before_the_local_morning(reminded):
    assert daily_reminders_due(now=dt.datetime(2025, 3, 10, 6, 59, tzinfo=UTC)) == {}


def test_the_reminder_is_not_sent_in_the_afternoon_after_an_outage(reminded):
    assert daily_reminders_due(now=dt.datetime(2025, 3, 10, 11, 0, tzinfo=UTC)) == {}  # noon in Berlin


def test_learners_who_did_not_opt_in_get_no_reminder(learner):
    CardStateFactory(learner=learner, due=NOW)
    assert daily_reminders_due(now=dt.datetime(2025, 3, 10, 8, 0, tzinfo=UTC)) == {}


def test_the_reminder_is_sent_once_per_local_date(reminded):
    morning = dt.datetime(2025, 3, 10, 7, 30, tzinfo=UTC)
    with time_machine.travel(morning, tick=False):
        for _ in range(2):
            daily_reminders_send_batch(
                learner_ids=[reminded.pk], local_date=dt.date(2025, 3, 10), now=morning
            )
    assert [m.subject for m in mail.outbox] == ["1 review due today"]


def test_no_reminder_when_nothing_is_due_today(reminded):
    reminded.card_states.update(due=NOW + dt.timedelta(days=3))
    morning = dt.datetime(2025, 3, 10, 7, 30, tzinfo=UTC)
    with time_machine.travel(morning, tick=False):
        daily_reminders_send_batch(learner_ids=[reminded.pk], local_date=dt.date(2025, 3, 10), now=morning)
    assert mail.outbox == []
