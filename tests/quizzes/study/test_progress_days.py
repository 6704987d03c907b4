"""Day boundaries on the dashboard with fixed clocks: the local rollover hour, both DST changes
(America/New_York, day starts at 04:00) and a change of time zone. No off-by-one day in due counts,
the heatmap or the streak."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from quizzes.study.selectors.progress import progress_dashboard
from tests.factories import CardStateFactory, LearnerSettingsFactory, ReviewLogFactory, UserFactory

pytestmark = pytest.mark.django_db

NY = ZoneInfo("America/New_York")


def local(*args: int, tz: ZoneInfo = NY, fold: int = 0) -> dt.datetime:
    return dt.datetime(*args, tzinfo=tz, fold=fold)


@pytest.fixture
def learner():
    user = UserFactory()
    LearnerSettingsFactory(user=user, timezone="America/New_York", day_starts_hour=4)
    return user


def _cell(dashboard, day: dt.date) -> int:
    return next(c.count for c in dashboard.heatmap.cells if c.day == day)


# --- the rollover hour ----------------------------------------------------------------------


def test_card_due_just_before_the_rollover_is_due_today(learner):
    CardStateFactory(learner=learner, due=local(2026, 5, 13, 3, 59))
    dash = progress_dashboard(learner=learner, now=local(2026, 5, 12, 20, 0))
    assert dash.due_today == 1


def test_card_due_at_the_rollover_is_due_tomorrow(learner):
    CardStateFactory(learner=learner, due=local(2026, 5, 13, 4, 0))
    dash = progress_dashboard(learner=learner, now=local(2026, 5, 12, 20, 0))
    assert (dash.due_today, dash.forecast[1].count) == (0, 1)


def test_before_the_rollover_it_is_still_yesterday(learner):
    dash = progress_dashboard(learner=learner, now=local(2026, 5, 13, 3, 30))
    assert dash.today == dt.date(2026, 5, 12)


def test_after_the_rollover_it_is_today(learner):
    dash = progress_dashboard(learner=learner, now=local(2026, 5, 13, 4, 30))
    assert dash.today == dt.date(2026, 5, 13)


def test_review_after_midnight_before_the_rollover_counts_for_the_previous_day(learner):
    ReviewLogFactory(learner=learner, reviewed_at=local(2026, 5, 13, 2, 30))
    dash = progress_dashboard(learner=learner, now=local(2026, 5, 13, 12, 0))
    assert (_cell(dash, dt.date(2026, 5, 12)), _cell(dash, dt.date(2026, 5, 13))) == (1, 0)


def test_overdue_cards_are_due_today(learner):
    CardStateFactory(learner=learner, due=local(2026, 4, 1, 12, 0))
    dash = progress_dashboard(learner=learner, now=local(2026, 5, 12, 20, 0))
    assert dash.due_today == 1


# --- spring forward: 2026-03-08 02:00 EST -> 03:00 EDT, so the learner-day of 7 March is 23 hours --


def test_spring_forward_card_at_0359_edt_is_due_on_the_short_day(learner):
    CardStateFactory(learner=learner, due=local(2026, 3, 8, 3, 59))
    dash = progress_dashboard(learner=learner, now=local(2026, 3, 7, 22, 0))
    assert dash.due_today == 1


def test_spring_forward_card_at_0430_edt_is_due_the_next_day(learner):
    # 04:30 EDT is 03:30 in EST terms: a fixed-offset computation would call it "today".
    CardStateFactory(learner=learner, due=local(2026, 3, 8, 4, 30))
    dash = progress_dashboard(learner=learner, now=local(2026, 3, 7, 22, 0))
    assert (dash.due_today, dash.forecast[1].count) == (0, 1)


def test_spring_forward_review_at_0415_edt_lands_on_8_march(learner):
    ReviewLogFactory(learner=learner, reviewed_at=local(2026, 3, 8, 4, 15))
    dash = progress_dashboard(learner=learner, now=local(2026, 3, 8, 12, 0))
    assert (_cell(dash, dt.date(2026, 3, 7)), _cell(dash, dt.date(2026, 3, 8))) == (0, 1)


def test_streak_runs_unbroken_across_spring_forward(learner):
    for day in (5, 6, 7, 8, 9):
        ReviewLogFactory(learner=learner, reviewed_at=local(2026, 3, day, 4, 15))
    dash = progress_dashboard(learner=learner, now=local(2026, 3, 9, 12, 0))
    assert dash.streak == 5


# --- fall back: 2026-11-01 02:00 EDT -> 01:00 EST, so the learner-day of 31 October is 25 hours ---


def test_fall_back_card_at_0330_est_is_still_due_on_the_long_day(learner):
    # 03:30 EST is 04:30 in EDT terms: a fixed-offset computation would call it "tomorrow".
    CardStateFactory(learner=learner, due=local(2026, 11, 1, 3, 30))
    dash = progress_dashboard(learner=learner, now=local(2026, 10, 31, 22, 0))
    assert dash.due_today == 1


def test_fall_back_card_at_0400_est_is_due_the_next_day(learner):
    CardStateFactory(learner=learner, due=local(2026, 11, 1, 4, 0))
    dash = progress_dashboard(learner=learner, now=local(2026, 10, 31, 22, 0))
    assert (dash.due_today, dash.forecast[1].count) == (0, 1)


def test_fall_back_reviews_in_the_repeated_hour_count_for_31_october(learner):
    ReviewLogFactory(learner=learner, reviewed_at=local(2026, 11, 1, 1, 30, fold=0))  # EDT
    ReviewLogFactory(learner=learner, reviewed_at=local(2026, 11, 1, 1, 30, fold=1))  # EST
    dash = progress_dashboard(learner=learner, now=local(2026, 11, 1, 12, 0))
    assert (_cell(dash, dt.date(2026, 10, 31)), _cell(dash, dt.date(2026, 11, 1))) == (2, 0)


def test_streak_runs_unbroken_across_fall_back(learner):
    for day in ((10, 30), (10, 31), (11, 1), (11, 2)):
        ReviewLogFactory(learner=learner, reviewed_at=local(2026, *day, 4, 15))
    dash = progress_dashboard(learner=learner, now=local(2026, 11, 2, 12, 0))
    assert dash.streak == 4


# --- the streak itself ------------------------------------------------------------------------


def test_streak_ends_yesterday_until_today_is_reviewed(learner):
    for day in (10, 11):
        ReviewLogFactory(learner=learner, reviewed_at=local(2026, 5, day, 9, 0))
    dash = progress_dashboard(learner=learner, now=local(2026, 5, 12, 9, 0))
    assert (dash.streak, dash.reviewed_today) == (2, False)


def test_streak_counts_today_when_reviewed(learner):
    for day in (10, 11, 12):
        ReviewLogFactory(learner=learner, reviewed_at=local(2026, 5, day, 9, 0))
    dash = progress_dashboard(learner=learner, now=local(2026, 5, 12, 10, 0))
    assert dash.streak == 3


def test_streak_is_broken_by_a_day_without_reviews(learner):
    for day in (9, 11):
        ReviewLogFactory(learner=learner, reviewed_at=local(2026, 5, day, 9, 0))
    dash = progress_dashboard(learner=learner, now=local(2026, 5, 11, 10, 0))
    assert dash.streak == 1


def test_streak_survives_a_review_at_0330_that_belongs_to_yesterday(learner):
    ReviewLogFactory(learner=learner, reviewed_at=local(2026, 5, 11, 9, 0))
    ReviewLogFactory(learner=learner, reviewed_at=local(2026, 5, 13, 3, 30))  # learner-day 12 May
    dash = progress_dashboard(learner=learner, now=local(2026, 5, 13, 3, 45))
    assert dash.streak == 2


# --- a change of time zone ----------------------------------------------------------------------


def test_changing_time_zone_moves_the_review_to_the_new_local_day(learner):
    ReviewLogFactory(learner=learner, reviewed_at=dt.datetime(2026, 6, 10, 2, 0, tzinfo=dt.UTC))
    now = dt.datetime(2026, 6, 10, 12, 0, tzinfo=dt.UTC)
    before = progress_dashboard(learner=learner, now=now)  # 9 June, 22:00 in New York
    learner.study_settings.timezone = "Asia/Tokyo"  # 10 June, 11:00 in Tokyo
    learner.study_settings.save()
    after = progress_dashboard(learner=learner, now=now)
    assert (
        _cell(before, dt.date(2026, 6, 9)),
        _cell(after, dt.date(2026, 6, 10)),
        _cell(after, dt.date(2026, 6, 9)),
    ) == (1, 1, 0)


def test_changing_time_zone_changes_what_is_due_today(learner):
    CardStateFactory(learner=learner, due=dt.datetime(2026, 6, 10, 20, 0, tzinfo=dt.UTC))
    now = dt.datetime(2026, 6, 10, 12, 0, tzinfo=dt.UTC)
    assert progress_dashboard(learner=learner, now=now).due_today == 1  # New York: 16:00 the same day
    learner.study_settings.timezone = "Asia/Tokyo"  # Tokyo: now 21:00, due 05:00 tomorrow
    learner.study_settings.save()
    assert progress_dashboard(learner=learner, now=now).due_today == 0


def test_streak_keeps_counting_after_moving_east(learner):
    # Reviewed at 20:00 New York time on 8 and 9 June, then flew to Tokyo and reviewed on 11 June.
    ReviewLogFactory(learner=learner, reviewed_at=local(2026, 6, 8, 20, 0))
    ReviewLogFactory(learner=learner, reviewed_at=local(2026, 6, 9, 20, 0))
    learner.study_settings.timezone = "Asia/Tokyo"
    learner.study_settings.save()
    tokyo = ZoneInfo("Asia/Tokyo")
    ReviewLogFactory(learner=learner, reviewed_at=local(2026, 6, 11, 18, 0, tz=tokyo))
    dash = progress_dashboard(learner=learner, now=local(2026, 6, 11, 19, 0, tz=tokyo))
    # In Tokyo those reviews fall on 9, 10 and 11 June.
    assert (dash.today, dash.streak) == (dt.date(2026, 6, 11), 3)


# --- a time zone 5:45 ahead of UTC (the local rollover falls mid-way through a UTC hour) ------------

KATHMANDU = ZoneInfo("Asia/Kathmandu")


def test_reviews_either_side_of_a_quarter_hour_offset_rollover_land_on_their_own_days():
    user = UserFactory()
    LearnerSettingsFactory(user=user, timezone="Asia/Kathmandu", day_starts_hour=4)
    ReviewLogFactory(learner=user, reviewed_at=local(2026, 5, 13, 3, 59, tz=KATHMANDU))
    ReviewLogFactory(learner=user, reviewed_at=local(2026, 5, 13, 4, 0, tz=KATHMANDU))
    dash = progress_dashboard(learner=user, now=local(2026, 5, 13, 12, 0, tz=KATHMANDU))
    assert (_cell(dash, dt.date(2026, 5, 12)), _cell(dash, dt.date(2026, 5, 13))) == (1, 1)
