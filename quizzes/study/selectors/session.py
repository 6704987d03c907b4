"""Reads for the end of a review session: what the learner did this learner-day and what is due next."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Q, Sum

from quizzes.models import LearnerSettings, ReviewLog
from quizzes.study.days import learner_day_bounds
from quizzes.study.selectors.due import DueOutlook, due_outlook
from quizzes.study.selectors.queue import DayCounts


@dataclass(frozen=True)
class SessionSummary:
    reviewed: int  # review answers this learner-day
    again: int  # of those, rated Again
    seconds: int  # time spent on them
    outlook: DueOutlook  # what is due later today, tomorrow, in the next 7 days, and when the next card comes

    @property
    def again_rate(self) -> int:
        """Percentage of answers rated Again (0 when nothing was reviewed)."""
        return round(100 * self.again / self.reviewed) if self.reviewed else 0

    @property
    def minutes(self) -> int:
        return round(self.seconds / 60)


def session_summary(
    *, learner: AbstractBaseUser, settings: LearnerSettings, counts: DayCounts, now: datetime
) -> SessionSummary:
    """Cards reviewed today, their again-rate and time, and what is due next (``counts``: the queue's
    counters at ``now``): three queries."""
    start, end = learner_day_bounds(now=now, tz=settings.timezone, day_starts_hour=settings.day_starts_hour)
    done = ReviewLog.objects.filter(
        learner=learner, mode=ReviewLog.Mode.REVIEW, reviewed_at__gte=start, reviewed_at__lt=end
    ).aggregate(reviewed=Count("pk"), again=Count("pk", filter=Q(rating=1)), ms=Sum("duration_ms"))
    return SessionSummary(
        reviewed=done["reviewed"],
        again=done["again"],
        seconds=(done["ms"] or 0) // 1000,
        outlook=due_outlook(learner=learner, settings=settings, counts=counts, now=now),
    )
