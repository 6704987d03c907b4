"""Reads of the mock exam pages that need no exam logic: the learner's time zone for showing times."""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.contrib.auth.models import AbstractBaseUser

from quizzes.models import LearnerSettings


def learner_timezone(*, learner: AbstractBaseUser) -> str:
    """The learner's time zone when the zone database knows it, else UTC."""
    name = LearnerSettings.objects.filter(user=learner).values_list("timezone", flat=True).first()
    try:
        return name if name and ZoneInfo(name) else "UTC"
    except (ValueError, ZoneInfoNotFoundError):
        return "UTC"
