"""Reads of practice (/practice/): the learner's mistakes set and the score of the running session."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from quizzes.models import Item, ReviewLog

MISTAKE_MODES = (ReviewLog.Mode.PRACTICE, ReviewLog.Mode.EXAM)
RIGHTS_TO_CLEAR = 2  # right answers after the last wrong one that take a question out of the set


@dataclass(frozen=True)
class PracticeScore:
    answered: int  # practice answers since the session started
    right: int


def practice_mistakes(*, learner: AbstractBaseUser, items: QuerySet[Item]) -> QuerySet[Item]:
    """Of ``items``, those the learner answered wrong in practice or in an exam and has not since
    answered right twice (a right answer in any mode counts: the learner knows it again)."""
    own = ReviewLog.objects.filter(learner=learner, item=OuterRef("pk"))
    last_wrong = own.filter(correct=False, mode__in=MISTAKE_MODES).order_by("-reviewed_at", "-pk")
    rights_since = (
        own.filter(correct=True, reviewed_at__gt=OuterRef("last_wrong_at"))
        .values("item")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    return (
        items.annotate(last_wrong_at=Subquery(last_wrong.values("reviewed_at")[:1]))
        .filter(last_wrong_at__isnull=False)
        .annotate(rights_since=Coalesce(Subquery(rights_since, output_field=IntegerField()), Value(0)))
        .filter(rights_since__lt=RIGHTS_TO_CLEAR)
    )


def practice_score(*, learner: AbstractBaseUser, since: datetime) -> PracticeScore:
    """The practice answers (and right ones) of ``learner`` since the session started."""
    counts = ReviewLog.objects.filter(
        learner=learner, mode=ReviewLog.Mode.PRACTICE, reviewed_at__gte=since
    ).aggregate(answered=Count("pk"), right=Count("pk", filter=Q(correct=True)))
    return PracticeScore(answered=counts["answered"], right=counts["right"])
