"""The learner-day: rollover at the "next day starts at" hour, DST changes, changes of time zone."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from quizzes.study.days import day_bounds, learner_date, learner_day_bounds, within_horizon


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_before_the_rollover_hour_is_still_yesterday():
    # 03:30 in Berlin (CET, UTC+1) with the day starting at 4
    assert learner_date(now=utc(2025, 1, 15, 2, 30), tz="Europe/Berlin", day_starts_hour=4) == date(
        2025, 1, 14
    )


def test_at_the_rollover_hour_a_new_day_starts():
    assert learner_date(now=utc(2025, 1, 15, 3, 0), tz="Europe/Berlin", day_starts_hour=4) == date(
        2025, 1, 15
    )


def test_bounds_are_the_local_rollover_hours_in_utc():
    start, end = learner_day_bounds(now=utc(2025, 1, 15, 12), tz="Europe/Berlin", day_starts_hour=4)
    assert (start, end) == (utc(2025, 1, 15, 3), utc(2025, 1, 16, 3))


def test_bounds_contain_now_just_before_the_rollover():
    start, end = learner_day_bounds(now=utc(2025, 1, 15, 2, 59), tz="Europe/Berlin", day_starts_hour=4)
    assert (start, end) == (utc(2025, 1, 14, 3), utc(2025, 1, 15, 3))


def test_midnight_rollover_in_utc():
    assert learner_day_bounds(now=utc(2025, 1, 15, 0, 0), tz="UTC", day_starts_hour=0) == (
        utc(2025, 1, 15),
        utc(2025, 1, 16),
    )


def test_berlin_spring_forward_day_is_23_hours():
    # 2025-03-30 02:00 CET -> 03:00 CEST, inside the learner-day of the 29th (04:00 to 04:00)
    start, end = day_bounds(day=date(2025, 3, 29), tz="Europe/Berlin", day_starts_hour=4)
    assert (start, end) == (utc(2025, 3, 29, 3), utc(2025, 3, 30, 2))
    assert (end - start).total_seconds() == 23 * 3600


def test_berlin_fall_back_day_is_25_hours():
    # 2025-10-26 03:00 CEST -> 02:00 CET, inside the learner-day of the 25th
    start, end = day_bounds(day=date(2025, 10, 25), tz="Europe/Berlin", day_starts_hour=4)
    assert (start, end) == (utc(2025, 10, 25, 2), utc(2025, 10, 26, 3))
    assert (end - start).total_seconds() == 25 * 3600


def test_new_york_spring_forward_rollover_moves_by_an_hour_in_utc():
    # 2025-03-09: 02:00 EST -> 03:00 EDT; the day of the 9th started at 04:00 EDT = 08:00 UTC
    assert learner_date(now=utc(2025, 3, 9, 7, 59), tz="America/New_York", day_starts_hour=4) == date(
        2025, 3, 8
    )
    assert learner_date(now=utc(2025, 3, 9, 8, 0), tz="America/New_York", day_starts_hour=4) == date(
        2025, 3, 9
    )


def test_new_york_fall_back_rollover_moves_by_an_hour_in_utc():
    # 2025-11-02: 02:00 EDT -> 01:00 EST; the day of the 2nd starts at 04:00 EST = 09:00 UTC
    assert learner_date(now=utc(2025, 11, 2, 8, 59), tz="America/New_York", day_starts_hour=4) == date(
        2025, 11, 1
    )
    assert learner_date(now=utc(2025, 11, 2, 9, 0), tz="America/New_York", day_starts_hour=4) == date(
        2025, 11, 2
    )


def test_rollover_hour_inside_the_dst_gap_is_consistent():
    # 02:00 does not exist in Berlin on 2025-03-30; the day starts at the instant the gap begins
    start, _ = day_bounds(day=date(2025, 3, 30), tz="Europe/Berlin", day_starts_hour=2)
    assert start == utc(2025, 3, 30, 1)
    assert learner_date(now=start, tz="Europe/Berlin", day_starts_hour=2) == date(2025, 3, 30)


def test_rollover_hour_inside_the_dst_fold_takes_the_first_occurrence():
    # 02:00-03:00 happens twice in Berlin on 2025-10-26; the day starts at the first 02:00 (CEST)
    start, _ = day_bounds(day=date(2025, 10, 26), tz="Europe/Berlin", day_starts_hour=2)
    assert start == utc(2025, 10, 26, 0)
    second_half_past_two = utc(2025, 10, 26, 1, 30)  # 02:30 CET, the repeated hour
    assert learner_date(now=second_half_past_two, tz="Europe/Berlin", day_starts_hour=2) == date(2025, 10, 26)


def test_day_after_spring_forward_is_24_hours_in_local_summer_time():
    start, end = day_bounds(day=date(2025, 3, 30), tz="Europe/Berlin", day_starts_hour=4)
    assert (start, end) == (utc(2025, 3, 30, 2), utc(2025, 3, 31, 2))


def test_changing_time_zone_moves_the_day_boundary():
    now = utc(2025, 6, 1, 6, 0)  # 08:00 in Berlin, 02:00 in New York
    assert learner_date(now=now, tz="Europe/Berlin", day_starts_hour=4) == date(2025, 6, 1)
    assert learner_date(now=now, tz="America/New_York", day_starts_hour=4) == date(2025, 5, 31)
    assert learner_day_bounds(now=now, tz="America/New_York", day_starts_hour=4)[1] == utc(2025, 6, 1, 8)


def test_east_of_utc_day_can_start_on_the_previous_utc_date():
    start, _ = learner_day_bounds(now=utc(2025, 6, 1, 12), tz="Asia/Tokyo", day_starts_hour=4)
    assert start == utc(2025, 5, 31, 19)


@pytest.mark.parametrize("tz", ["Pacific/Kiritimati", "Etc/GMT+12", "UTC"])
@pytest.mark.parametrize("day", [date.min, date.max, date(9999, 12, 30)])
def test_bounds_of_the_first_and_last_dates_there_are_can_be_computed(day, tz):
    start, end = day_bounds(day=day, tz=tz, day_starts_hour=23)
    assert start < end


def test_a_day_near_the_end_of_the_calendar_has_the_bounds_of_the_last_computable_day():
    last = day_bounds(day=date(9999, 12, 29), tz="UTC", day_starts_hour=4)
    assert day_bounds(day=date.max, tz="UTC", day_starts_hour=4) == last


@pytest.mark.parametrize(
    ("day", "inside"),
    [(date(2036, 12, 3), True), (date(2016, 12, 3), True), (date(2036, 12, 5), False), (date.max, False)],
)
def test_the_horizon_is_ten_years_either_side_of_today(day, inside):
    assert within_horizon(day=day, today=date(2026, 12, 3)) is inside
