"""The learner-day: a learner's "today" starts at ``day_starts_hour`` local time in their time zone.

Pure functions, no database. Every daily count (due today, new today, review limit, streak, heatmap)
uses these bounds so that a review at 02:30 local still belongs to yesterday when the day starts at 4.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo


def _zone(tz: str | ZoneInfo) -> ZoneInfo:
    return tz if isinstance(tz, ZoneInfo) else ZoneInfo(tz)


def learner_date(*, now: datetime, tz: str | ZoneInfo, day_starts_hour: int) -> date:
    """The learner-day ``now`` (aware) belongs to: the local date, minus one before the rollover hour."""
    local = now.astimezone(_zone(tz))
    return local.date() - timedelta(days=1) if local.hour < day_starts_hour else local.date()


def day_bounds(*, day: date, tz: str | ZoneInfo, day_starts_hour: int) -> tuple[datetime, datetime]:
    """UTC ``[start, end)`` of the learner-day ``day``. Across a DST change the day is 23 or 25 hours
    long; a rollover hour that falls in a DST gap or fold resolves to its first occurrence (fold=0)."""
    zone = _zone(tz)
    start = datetime.combine(day, time(day_starts_hour), tzinfo=zone)
    end = datetime.combine(day + timedelta(days=1), time(day_starts_hour), tzinfo=zone)
    return start.astimezone(UTC), end.astimezone(UTC)


def learner_day_bounds(
    *, now: datetime, tz: str | ZoneInfo, day_starts_hour: int
) -> tuple[datetime, datetime]:
    """UTC ``[start, end)`` of the learner-day that contains ``now``."""
    day = learner_date(now=now, tz=tz, day_starts_hour=day_starts_hour)
    return day_bounds(day=day, tz=tz, day_starts_hour=day_starts_hour)
