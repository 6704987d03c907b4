"""Who gets the learner emails (accounts that study, whatever their role) and when the weekly one goes
out: the learner's own weekday and hour in their time zone, a missed slot caught up at most a day
late, never two emails for one ISO week."""

from __future__ import annotations

import datetime as dt
import itertools
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dev import site_url
from quizzes.mail.selectors import (
    LearnerPrefs,
    daily_reminders_due,
    iso_week_of,
    weekly_emails_due,
    weekly_slot_at,
    weekly_slot_week,
    weekly_week_open,
)
from quizzes.mail.services.emails import daily_reminders_send_batch, weekly_reviews_send_batch
from quizzes.study.services.scheduling import card_record_answer, cards_make_due
from tests.factories import (
    CardStateFactory,
    InstructorFactory,
    ItemFactory,
    LearnerSettingsFactory,
    UserFactory,
)

UTC = dt.UTC
MONDAY_9_UTC = dt.datetime(2025, 3, 10, 9, 0, tzinfo=UTC)  # ISO week 2025-W11
HOUR = dt.timedelta(hours=1)
A_DAY = dt.timedelta(days=1)  # the promise: a missed slot is caught up at most a day late

# Whole-hour, half-hour and 45-minute offsets, both hemispheres' DST, a 30-minute DST shift (Lord
# Howe), DST that pauses for Ramadan (Casablanca), the first and last zones to see a day.
ZONES = [
    "UTC",
    "Europe/Berlin",
    "Europe/London",
    "America/New_York",
    "America/St_Johns",
    "America/Sao_Paulo",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Asia/Tokyo",
    "Australia/Sydney",
    "Australia/Lord_Howe",
    "Africa/Casablanca",
    "Pacific/Chatham",
    "Pacific/Kiritimati",
    "Pacific/Pago_Pago",
]
SLOT = st.fixed_dictionaries(
    {
        "timezone": st.sampled_from(ZONES),
        "weekly_weekday": st.integers(0, 6),
        "weekly_hour": st.integers(0, 23),
    }
)
START = st.datetimes(min_value=dt.datetime(2024, 1, 1), max_value=dt.datetime(2027, 12, 31)).map(
    lambda d: d.replace(tzinfo=UTC)
)
PURE = settings(max_examples=300, deadline=None)
WITH_DB = settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))


def prefs_of(slot: dict, **extra) -> LearnerPrefs:
    return LearnerPrefs(id=1, username="ada", email="ada@example.com", **slot, **extra)


def hourly(start: dt.datetime, hours: int, down: set[int] = frozenset()) -> list[dt.datetime]:
    """The instants of an hourly dispatch from ``start``, leaving out the hours in ``down`` (outages)."""
    return [start + k * HOUR for k in range(hours) if k not in down]


def weeks_between(first: dt.datetime, last: dt.datetime, zone: str) -> set[str]:
    """The ISO weeks of ``zone``'s wall clock from ``first`` to ``last`` (and the week before)."""
    day, weeks = first - dt.timedelta(days=7), set()
    while day <= last:
        weeks.add(iso_week_of(day.astimezone(ZoneInfo(zone))))
        day += dt.timedelta(hours=12)
    return weeks


# --- the slot, without a database -----------------------------------------------------------------


def test_the_default_slot_is_monday_8am_local():
    prefs = prefs_of({"timezone": "Europe/Berlin", "weekly_weekday": 0, "weekly_hour": 8})
    assert weekly_slot_at(prefs=prefs, iso_week="2025-W11") == dt.datetime(2025, 3, 10, 7, 0, tzinfo=UTC)


def test_a_sunday_evening_slot_missed_is_caught_up_on_monday_for_its_own_week():
    prefs = prefs_of({"timezone": "UTC", "weekly_weekday": 6, "weekly_hour": 20})
    monday_morning = dt.datetime(2025, 3, 10, 10, 0, tzinfo=UTC)  # W11 locally; the slot was W10's
    assert weekly_slot_week(prefs=prefs, now=monday_morning) == "2025-W10"


def test_a_batch_for_a_slot_a_day_old_is_refused_even_in_the_same_week():
    prefs = prefs_of({"timezone": "UTC", "weekly_weekday": 0, "weekly_hour": 8})
    tuesday = dt.datetime(2025, 3, 11, 8, 0, tzinfo=UTC)
    assert not weekly_week_open(prefs=prefs, iso_week="2025-W11", now=tuesday)
    assert weekly_week_open(prefs=prefs, iso_week="2025-W11", now=tuesday, any_hour=True)  # the operator


@PURE
@given(slot=SLOT, start=START, minute=st.integers(0, 59))
def test_hourly_runs_pick_each_iso_week_once_within_a_day_of_its_slot(slot, start, minute):
    prefs = prefs_of(slot)
    ticks = hourly(start.replace(minute=minute, second=0, microsecond=0), 24 * 7 * 5)
    picked: dict[str, list[dt.datetime]] = {}
    for now in ticks:
        week = weekly_slot_week(prefs=prefs, now=now)
        if week is not None:
            picked.setdefault(week, []).append(now)
    for week, moments in picked.items():
        slot_at = weekly_slot_at(prefs=prefs, iso_week=week)
        assert all(slot_at <= now < slot_at + A_DAY for now in moments)
    # Every week whose whole window lies inside the runs is picked, by the first run of its window.
    for week in weeks_between(ticks[0], ticks[-1], slot["timezone"]):
        slot_at = weekly_slot_at(prefs=prefs, iso_week=week)
        if ticks[0] <= slot_at and slot_at + A_DAY <= ticks[-1]:
            assert picked[week][0] - slot_at < HOUR


@PURE
@given(
    slot=SLOT,
    start=START,
    outages=st.lists(st.tuples(st.integers(0, 24 * 7 * 4), st.integers(1, 60)), max_size=4),
)
def test_after_an_outage_a_week_is_caught_up_at_most_a_day_late_or_not_at_all(slot, start, outages):
    prefs = prefs_of(slot)
    down = {hour for begin, length in outages for hour in range(begin, begin + length)}
    sent: dict[str, dt.datetime] = {}
    for now in hourly(start, 24 * 7 * 4, down):
        week = weekly_slot_week(prefs=prefs, now=now)
        if week is not None and week not in sent:  # the claim row: one email per learner and week
            sent[week] = now
    for week, now in sent.items():
        assert now - weekly_slot_at(prefs=prefs, iso_week=week) < A_DAY
    moments = sorted(sent.values())
    assert all(later - earlier > dt.timedelta(days=5) for earlier, later in itertools.pairwise(moments))


# --- the hourly dispatch against the database -----------------------------------------------------

_names = itertools.count()


def run_dispatch(ticks: list[dt.datetime]) -> list[tuple[dt.datetime, str]]:
    """The hourly dispatch at each tick (selector, then the batch it enqueues), inline; returns (tick,
    ISO week) per email delivered."""
    delivered = []
    for now in ticks:
        for week, ids in weekly_emails_due(now=now).items():
            before = len(mail.outbox)
            with time_machine.travel(now, tick=False):
                weekly_reviews_send_batch(learner_ids=ids, iso_week=week, now=now)
            delivered.extend((now, week) for _ in range(len(mail.outbox) - before))
    return delivered


@pytest.mark.django_db
@WITH_DB
@given(slot=SLOT, start=START, studies=st.booleans(), instructor=st.booleans())
def test_the_dispatch_sends_one_email_per_iso_week_to_a_learner_who_studies_and_none_otherwise(
    slot, start, studies, instructor
):
    mail.outbox = []
    with transaction.atomic():
        factory = InstructorFactory if instructor else UserFactory
        user = LearnerSettingsFactory(user=factory(username=f"u{next(_names)}"), **slot).user
        ItemFactory()  # a new card left: something to study every week
        if studies:
            CardStateFactory(learner=user, due=start + dt.timedelta(days=30))
        ticks = hourly(start.replace(minute=15, second=0, microsecond=0), 24 * 15)
        delivered = run_dispatch(ticks)
        transaction.set_rollback(True)
    if not studies:
        assert delivered == []
        return
    weeks = [week for _, week in delivered]
    assert len(weeks) == len(set(weeks)) >= 1
    prefs = prefs_of(slot)
    for now, week in delivered:
        assert dt.timedelta(0) <= now - weekly_slot_at(prefs=prefs, iso_week=week) < A_DAY


# --- recipients -----------------------------------------------------------------------------------


@pytest.fixture
def item():
    return ItemFactory()


def weekly_due_ids(now: dt.datetime = MONDAY_9_UTC) -> list[int]:
    return [i for ids in weekly_emails_due(now=now).values() for i in ids]


@pytest.mark.django_db
def test_an_instructor_who_never_reviewed_gets_no_weekly_email(item):
    instructor = InstructorFactory()
    with time_machine.travel(MONDAY_9_UTC, tick=False):
        weekly_reviews_send_batch(learner_ids=[instructor.pk], iso_week="2025-W11", now=MONDAY_9_UTC)
    assert mail.outbox == []


@pytest.mark.django_db
def test_an_instructor_who_studies_is_a_learner_like_any_other(item):
    instructor = InstructorFactory()
    CardStateFactory(learner=instructor, item=item, due=MONDAY_9_UTC)
    assert weekly_due_ids() == [instructor.pk]


@pytest.mark.django_db
def test_a_learner_who_only_practised_counts_as_studying(item):
    user = UserFactory()
    card_record_answer(
        learner=user, item=item, rating=3, now=MONDAY_9_UTC - dt.timedelta(days=3), mode="practice"
    )
    assert weekly_due_ids() == [user.pk]


@pytest.mark.django_db
def test_cards_made_due_but_never_answered_do_not_make_a_learner(item):
    user = UserFactory()
    cards_make_due(learner=user, item_ids=[item.pk], now=MONDAY_9_UTC - dt.timedelta(days=1))
    assert weekly_due_ids() == []


@pytest.fixture
def morning_reminder_on():
    def make(user):
        LearnerSettingsFactory(user=user, daily_reminder=True, timezone="UTC")
        return user

    return make


MORNING = dt.datetime(2025, 3, 10, 8, 30, tzinfo=UTC)


@pytest.mark.django_db
def test_the_daily_reminder_is_not_due_for_an_account_that_never_answered_a_card(item, morning_reminder_on):
    user = morning_reminder_on(InstructorFactory())
    cards_make_due(learner=user, item_ids=[item.pk], now=MORNING - HOUR)  # due, but never answered
    assert daily_reminders_due(now=MORNING) == {}


@pytest.mark.django_db
def test_the_daily_batch_sends_nothing_to_an_account_that_never_answered_a_card(item, morning_reminder_on):
    user = morning_reminder_on(InstructorFactory())
    cards_make_due(learner=user, item_ids=[item.pk], now=MORNING - HOUR)
    with time_machine.travel(MORNING, tick=False):
        daily_reminders_send_batch(learner_ids=[user.pk], local_date=MORNING.date(), now=MORNING)
    assert mail.outbox == []


@pytest.mark.django_db
def test_the_daily_reminder_goes_to_a_learner_who_studies(item, morning_reminder_on):
    user = morning_reminder_on(UserFactory())
    CardStateFactory(learner=user, item=item, due=MORNING - HOUR)
    assert daily_reminders_due(now=MORNING) == {MORNING.date(): [user.pk]}


# --- links ----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_daily_reminder_links_to_site_url(item, morning_reminder_on, settings):
    settings.SITE_URL = "http://127.0.0.1:8010"
    user = morning_reminder_on(UserFactory())
    CardStateFactory(learner=user, item=item, due=MORNING - HOUR)
    with time_machine.travel(MORNING, tick=False):
        daily_reminders_send_batch(learner_ids=[user.pk], local_date=MORNING.date(), now=MORNING)
    message = mail.outbox[0]
    assert "Start reviewing: http://127.0.0.1:8010/study/" in message.body
    assert message.extra_headers["List-Unsubscribe"].startswith("<http://127.0.0.1:8010/email/unsubscribe/")


@pytest.mark.parametrize(
    ("host", "port", "url"),
    [
        ("127.0.0.1", "8010", "http://127.0.0.1:8010"),
        ("0.0.0.0", "8000", "http://127.0.0.1:8000"),
        ("localhost", "9000", "http://localhost:9000"),
        ("::", "8000", "http://[::1]:8000"),
    ],
)
def test_dev_run_builds_site_url_from_host_and_port(host, port, url):
    assert site_url(host, port) == url
