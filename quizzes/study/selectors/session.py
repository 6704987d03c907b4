"""Reads for the end of a review session: what the learner did this learner-day and what is due next."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Min, Q, Sum

from quizzes.models import CardState, Item, LearnerSettings, ReviewLog
from quizzes.study.days import learner_day_bounds


@dataclass(frozen=True)
class SessionSummary:
    reviewed: int  # review answers this learner-day
    again: int  # of those, rated Again
    seconds: int  # time spent on them
    next_due: datetime | None  # when the next card of the queue is due (None: no card studied)

    @property
    def again_rate(self) -> int:
        """Percentage of answers rated Again (0 when nothing was reviewed)."""
        return round(100 * self.again / self.reviewed) if self.reviewed else 0

    @property
    def minutes(self) -> int:
        return round(self.seconds / 60)


def session_summary(*, learner: AbstractBaseUser, settings: LearnerSettings, now: datetime) -> SessionSummary:
    """Cards reviewed today, their again-rate and time, and when the next card falls due: two queries."""
    start, end = learner_day_bounds(now=now, tz=settings.timezone, day_starts_hour=settings.day_starts_hour)
    done = ReviewLog.objects.filter(
        learner=learner, mode=ReviewLog.Mode.REVIEW, reviewed_at__gte=start, reviewed_at__lt=end
    ).aggregate(reviewed=Count("pk"), again=Count("pk", filter=Q(rating=1)), ms=Sum("duration_ms"))
    next_due = CardState.objects.filter(
        learner=learner, suspended=False, item__status=Item.Status.PUBLISHED, due__gt=now
    ).aggregate(next_due=Min("due"))["next_due"]
    return SessionSummary(
        reviewed=done["reviewed"], again=done["again"], seconds=(done["ms"] or 0) // 1000, next_due=next_due
    )
