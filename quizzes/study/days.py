"""The learner-day: a learner's "today" starts at ``day_starts_hour`` local time in their time zone.

Pure functions, no database. Every daily count (due today, new today, review limit, streak, heatmap)
uses these bounds so that a review at 02:30 local still belongs to yesterday when the day starts at 4.

Learners' dates are held to ``HORIZON_DAYS`` either side of today at the edge (``within_horizon``);
``day_bounds`` is total all the same, so a date stored before that check cannot crash a batch.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

HORIZON_DAYS = 3653
"""How far (ten years) a learner's date may lie from today: FSRS forecasts and the calendar arithmetic
of the progress page and the weekly email are meaningful and computable within it."""

# Local midnight of the first or last date there is can fall outside datetime's range in UTC, and so
# can the day after the last one: bounds of days nearer the ends are those of the nearest safe day.
_FIRST_SAFE_DAY = date.min + timedelta(days=1)
_LAST_SAFE_DAY = date.max - timedelta(days=2)


def within_horizon(*, day: date, today: date) -> bool:
    """Whether ``day`` is at most HORIZON_DAYS before or after ``today``."""
    return abs((day - today).days) <= HORIZON_DAYS


def _zone(tz: str | ZoneInfo) -> ZoneInfo:
    return tz if isinstance(tz, ZoneInfo) else ZoneInfo(tz)


def learner_date(*, now: datetime, tz: str | ZoneInfo, day_starts_hour: int) -> date:
    """The learner-day ``now`` (aware) belongs to: the local date, minus one before the rollover hour."""
    local = now.astimezone(_zone(tz))
    return local.date() - timedelta(days=1) if local.hour < day_starts_hour else local.date()


def day_bounds(*, day: date, tz: str | ZoneInfo, day_starts_hour: int) -> tuple[datetime, datetime]:
    """UTC ``[start, end)`` of the learner-day ``day``. Across a DST change the day is 23 or 25 hours
    long; a rollover hour that falls in a DST gap or fold resolves to its first occurrence (fold=0).
    Within a day or two of date.min or date.max the bounds are those of the nearest computable day."""
    zone = _zone(tz)
    day = min(max(day, _FIRST_SAFE_DAY), _LAST_SAFE_DAY)
    start = datetime.combine(day, time(day_starts_hour), tzinfo=zone)
    end = datetime.combine(day + timedelta(days=1), time(day_starts_hour), tzinfo=zone)
    return start.astimezone(UTC), end.astimezone(UTC)


def learner_day_bounds(
    *, now: datetime, tz: str | ZoneInfo, day_starts_hour: int
) -> tuple[datetime, datetime]:
    """UTC ``[start, end)`` of the learner-day that contains ``now``."""
    day = learner_date(now=now, tz=tz, day_starts_hour=day_starts_hour)
    return day_bounds(day=day, tz=tz, day_starts_hour=day_starts_hour)
