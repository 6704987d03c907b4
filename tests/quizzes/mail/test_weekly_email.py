"""The weekly review email: who gets it when (time zones, ISO weeks, DST), exactly once, and what the
claim does when a send fails or a worker died holding it."""

from __future__ import annotations

import datetime as dt
from smtplib import SMTPServerDisconnected
from unittest import mock

import pytest
import time_machine
from django.core import mail

from quizzes.mail.selectors import iso_week_of, weekly_emails_due
from quizzes.mail.services.emails import (
    claim_heartbeat,
    claim_timeout,
    claims_refresh,
    weekly_review_send,
    weekly_reviews_send_batch,
)
from quizzes.models import SendStatus, WeeklyEmail
from tests.factories import (
    CardStateFactory,
    InstructorFactory,
    ItemFactory,
    LearnerSettingsFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

UTC = dt.UTC
MONDAY_9_UTC = dt.datetime(2025, 3, 10, 9, 0, tzinfo=UTC)  # ISO week 2025-W11


@pytest.fixture
def item():
    return ItemFactory()


@pytest.fixture
def learner(item):
    """A learner in UTC with the default slot (Monday 8 am) and one card due this week."""
    settings = LearnerSettingsFactory(user=UserFactory(username="ada"), timezone="UTC")
    CardStateFactory(learner=settings.user, item=item, due=MONDAY_9_UTC + dt.timedelta(days=2))
    return settings.user


def smtp_down():
    return mock.patch(
        "django.core.mail.EmailMultiAlternatives.send", side_effect=SMTPServerDisconnected("gone")
    )


def due_ids(now: dt.datetime) -> list[int]:
    return [i for ids in weekly_emails_due(now=now).values() for i in ids]


def send(learner, now=MONDAY_9_UTC, week="2025-W11"):
    with time_machine.travel(now, tick=False):
        return weekly_review_send(learner_id=learner.pk, iso_week=week, now=now)


# --- who is due, when ---------------------------------------------------------------------------


def test_learner_is_due_once_the_default_monday_8am_slot_has_come(learner):
    assert due_ids(MONDAY_9_UTC) == [learner.pk]


def test_learner_is_not_due_before_the_slot(learner):
    assert due_ids(dt.datetime(2025, 3, 10, 7, 59, tzinfo=UTC)) == []


def test_learner_whose_slot_passed_less_than_a_day_ago_and_has_no_email_is_still_due(learner):
    assert due_ids(dt.datetime(2025, 3, 11, 7, 59, tzinfo=UTC)) == [learner.pk]


def test_a_slot_missed_by_a_day_or_more_is_not_caught_up(learner):
    assert due_ids(dt.datetime(2025, 3, 11, 8, 0, tzinfo=UTC)) == []


def test_learner_who_had_this_weeks_email_is_not_due_again(learner):
    send(learner)
    assert due_ids(MONDAY_9_UTC + dt.timedelta(hours=1)) == []


def test_learner_who_had_last_weeks_email_is_due_next_monday(learner):
    send(learner)
    assert due_ids(MONDAY_9_UTC + dt.timedelta(days=7)) == [learner.pk]


def test_sunday_2330_local_belongs_to_the_old_iso_week_and_monday_0030_to_the_new_one():
    tokyo = dt.timezone(dt.timedelta(hours=9))
    assert iso_week_of(dt.datetime(2025, 3, 9, 23, 30, tzinfo=tokyo)) == "2025-W10"
    assert iso_week_of(dt.datetime(2025, 3, 10, 0, 30, tzinfo=tokyo)) == "2025-W11"


def test_monday_0030_in_tokyo_is_due_for_a_midnight_slot_while_utc_is_still_sunday(learner):
    learner.study_settings.timezone = "Asia/Tokyo"
    learner.study_settings.weekly_hour = 0
    learner.study_settings.save()
    now = dt.datetime(2025, 3, 9, 15, 30, tzinfo=UTC)  # Sunday in UTC, Monday 00:30 in Tokyo
    assert weekly_emails_due(now=now) == {"2025-W11": [learner.pk]}


def test_sunday_2330_local_in_new_york_is_not_due_for_the_next_weeks_monday_slot(learner):
    learner.study_settings.timezone = "America/New_York"
    learner.study_settings.weekly_weekday = 0
    learner.study_settings.weekly_hour = 0
    learner.study_settings.save()
    send(learner, now=dt.datetime(2025, 3, 3, 6, 0, tzinfo=UTC), week="2025-W10")  # Monday 01:00 EST
    now = dt.datetime(2025, 3, 10, 3, 30, tzinfo=UTC)  # Sunday 23:30 EDT, still W10 locally
    assert due_ids(now) == []


def test_a_slot_in_the_spring_forward_gap_is_caught_up_the_next_existing_hour(learner):
    learner.study_settings.timezone = "America/New_York"
    learner.study_settings.weekly_weekday = 6  # Sunday 9 March 2025, 02:00 does not exist locally
    learner.study_settings.weekly_hour = 2
    learner.study_settings.save()
    assert due_ids(dt.datetime(2025, 3, 9, 6, 59, tzinfo=UTC)) == []  # 01:59 EST
    assert due_ids(dt.datetime(2025, 3, 9, 7, 0, tzinfo=UTC)) == [learner.pk]  # 03:00 EDT


def test_the_repeated_hour_of_the_fall_back_change_sends_one_email(learner):
    learner.study_settings.timezone = "America/New_York"
    learner.study_settings.weekly_weekday = 6  # Sunday 2 November 2025, 01:00 happens twice
    learner.study_settings.weekly_hour = 1
    learner.study_settings.save()
    first, second = dt.datetime(2025, 11, 2, 5, 30, tzinfo=UTC), dt.datetime(2025, 11, 2, 6, 30, tzinfo=UTC)
    for now in (first, second):
        for week, ids in weekly_emails_due(now=now).items():
            with time_machine.travel(now, tick=False):
                weekly_reviews_send_batch(learner_ids=ids, iso_week=week, now=now)
    assert len(mail.outbox) == 1


def test_learner_who_turned_the_weekly_email_off_is_not_due(learner):
    learner.study_settings.weekly_email = False
    learner.study_settings.save()
    assert due_ids(MONDAY_9_UTC) == []


def test_learner_without_an_email_address_is_not_due(learner):
    learner.email = ""
    learner.save()
    assert due_ids(MONDAY_9_UTC) == []


def test_learner_without_a_settings_row_gets_the_default_slot(item):
    user = UserFactory()
    CardStateFactory(learner=user, item=item, due=MONDAY_9_UTC)
    assert due_ids(MONDAY_9_UTC) == [user.pk]


# --- exactly once ---------------------------------------------------------------------------------


def test_sending_twice_delivers_one_email(learner):
    send(learner)
    send(learner)
    assert len(mail.outbox) == 1


def test_a_sent_email_is_recorded_as_sent(learner):
    send(learner)
    assert WeeklyEmail.objects.get(learner=learner, iso_week="2025-W11").status == SendStatus.SENT


def test_a_fresh_claim_held_by_another_worker_is_left_alone(learner):
    """Its worker's heartbeat refreshed it a minute ago (every 20 s while it works)."""
    WeeklyEmail.objects.create(
        learner=learner, iso_week="2025-W11", claim_token="other", claimed_at=MONDAY_9_UTC
    )
    send(learner, now=MONDAY_9_UTC + dt.timedelta(minutes=1))
    assert mail.outbox == []


def test_a_stale_claim_of_a_dead_worker_is_taken_over_and_sent_within_two_minutes(learner):
    WeeklyEmail.objects.create(
        learner=learner, iso_week="2025-W11", claim_token="dead", claimed_at=MONDAY_9_UTC
    )
    send(learner, now=MONDAY_9_UTC + dt.timedelta(minutes=2))
    assert len(mail.outbox) == 1
    assert WeeklyEmail.objects.get(learner=learner).attempts == 2


def test_the_claim_timeout_is_under_two_minutes_and_outlasts_several_heartbeats():
    assert 3 * claim_heartbeat() <= claim_timeout().total_seconds() < 120


def test_a_claim_is_timed_by_the_clock_of_its_moment_not_the_batchs(learner):
    """A batch's ``now`` is its start; a claim taken late in a long batch must not look stale."""
    with time_machine.travel(MONDAY_9_UTC + dt.timedelta(minutes=3), tick=False):
        weekly_review_send(learner_id=learner.pk, iso_week="2025-W11", now=MONDAY_9_UTC)
    assert WeeklyEmail.objects.get(learner=learner).claimed_at == MONDAY_9_UTC + dt.timedelta(minutes=3)


def test_refreshing_claims_touches_only_the_live_claims_of_that_token(learner):
    other = LearnerSettingsFactory(user=UserFactory(username="bob")).user
    WeeklyEmail.objects.create(
        learner=learner, iso_week="2025-W11", claim_token="mine", claimed_at=MONDAY_9_UTC
    )
    WeeklyEmail.objects.create(
        learner=other, iso_week="2025-W11", claim_token="theirs", claimed_at=MONDAY_9_UTC
    )
    WeeklyEmail.objects.create(
        learner=learner,
        iso_week="2025-W12",
        claim_token="mine",
        claimed_at=MONDAY_9_UTC,
        status=SendStatus.SENT,
    )
    later = MONDAY_9_UTC + dt.timedelta(seconds=20)
    with time_machine.travel(later, tick=False):
        refreshed = claims_refresh(model=WeeklyEmail, token="mine")
    rows = dict(
        WeeklyEmail.objects.values_list("claim_token", "claimed_at").filter(status=SendStatus.SENDING)
    )
    assert (refreshed, rows) == (1, {"mine": later, "theirs": MONDAY_9_UTC})


def test_a_failed_send_is_marked_failed_and_raised_for_the_retry(learner):
    with smtp_down(), pytest.raises(SMTPServerDisconnected):
        send(learner)
    assert WeeklyEmail.objects.get(learner=learner).status == SendStatus.FAILED


def test_the_retry_after_a_failed_send_sends_at_once(learner):
    with smtp_down(), pytest.raises(SMTPServerDisconnected):
        send(learner)
    send(learner, now=MONDAY_9_UTC + dt.timedelta(seconds=30))
    assert len(mail.outbox) == 1


def test_one_failing_address_does_not_stop_the_rest_of_the_batch(learner, item):
    other = LearnerSettingsFactory(user=UserFactory(username="bob")).user
    CardStateFactory(learner=other, item=item, due=MONDAY_9_UTC)
    real_send = mail.EmailMultiAlternatives.send

    def refuse_ada(message, *args, **kwargs):
        if message.to == [learner.email]:
            raise SMTPServerDisconnected("refused")
        return real_send(message, *args, **kwargs)

    with (
        mock.patch("django.core.mail.EmailMultiAlternatives.send", refuse_ada),
        pytest.raises(SMTPServerDisconnected),
        time_machine.travel(MONDAY_9_UTC, tick=False),
    ):
        weekly_reviews_send_batch(learner_ids=[learner.pk, other.pk], iso_week="2025-W11", now=MONDAY_9_UTC)
    assert [m.to for m in mail.outbox] == [[other.email]]


def test_a_batch_for_a_week_the_learner_has_left_sends_nothing(learner):
    send(learner, now=MONDAY_9_UTC + dt.timedelta(days=7), week="2025-W11")
    assert mail.outbox == []


# --- who has something to study ------------------------------------------------------------------


def test_an_account_that_never_studied_gets_no_email(item):
    user = UserFactory()
    send(user)
    assert mail.outbox == []


def test_an_account_that_never_studied_is_not_due(item):
    UserFactory()
    assert due_ids(MONDAY_9_UTC) == []


def test_an_instructor_who_never_reviewed_is_not_due(item):
    InstructorFactory()
    assert due_ids(MONDAY_9_UTC) == []


def test_a_learner_with_nothing_due_and_new_cards_left_gets_the_new_cards_email(learner):
    learner.card_states.update(due=MONDAY_9_UTC + dt.timedelta(days=30))
    ItemFactory()  # not seen yet
    send(learner)
    assert mail.outbox[0].subject == "Your course is waiting: 1 new card to start this week"


def test_a_learner_with_truly_nothing_to_study_gets_no_email(learner):
    learner.card_states.update(due=MONDAY_9_UTC + dt.timedelta(days=30))  # and no item left unseen
    send(learner)
    assert mail.outbox == []


def test_a_learner_with_nothing_to_study_is_recorded_as_skipped_for_the_week(learner):
    learner.card_states.update(due=MONDAY_9_UTC + dt.timedelta(days=30))
    send(learner)
    assert WeeklyEmail.objects.get(learner=learner).status == SendStatus.SKIPPED
