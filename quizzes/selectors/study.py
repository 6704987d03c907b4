"""Reads for reviews and practice: the learner's daily counts and the next card of the review queue.

Every query filters by the learner and is bounded (indexed range scans, LIMITs), so loading the next
card costs the same number of queries with 10 or 10,000 items and 100 or 100,000 reviews."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Exists, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from quizzes.days import learner_day_bounds
from quizzes.models import CardState, Item, LearnerSettings, Notification, ReviewLog

# Cards in (re)learning due within this window are shown early when nothing else is left (as Anki).
LEARN_AHEAD = timedelta(minutes=20)
CANDIDATES = 10


@dataclass(frozen=True)
class DayCounts:
    new_today: int
    reviews_today: int
    due_now: int


@dataclass(frozen=True)
class NextCard:
    item: Item
    state: CardState | None  # None: a new item


def _count(queryset: QuerySet) -> Coalesce:
    grouped = queryset.order_by().values("learner").annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(grouped, output_field=IntegerField()), Value(0))


def _day_count_columns(
    *, learner: AbstractBaseUser, settings: LearnerSettings, now: datetime
) -> dict[str, Coalesce]:
    """The three daily counts as uncorrelated scalar subqueries (each an indexed range COUNT, computed
    once per query), so they can ride along on the candidate queries instead of costing a query."""
    start, end = learner_day_bounds(now=now, tz=settings.timezone, day_starts_hour=settings.day_starts_hour)
    return {
        "new_today": _count(
            CardState.objects.filter(learner=learner, introduced_at__gte=start, introduced_at__lt=end)
        ),
        "reviews_today": _count(
            ReviewLog.objects.filter(
                learner=learner, reviewed_at__gte=start, reviewed_at__lt=end, mode="review", was_new=False
            )
        ),
        "due_now": _count(
            CardState.objects.filter(learner=learner, due__lte=now, item__status=Item.Status.PUBLISHED)
        ),
    }


def _counts_of(row: object) -> DayCounts:
    return DayCounts(new_today=row.new_today, reviews_today=row.reviews_today, due_now=row.due_now)


def study_day_counts(*, learner: AbstractBaseUser, settings: LearnerSettings, now: datetime) -> DayCounts:
    """New items introduced, reviews done (review mode) and cards due now, in one query."""
    columns = _day_count_columns(learner=learner, settings=settings, now=now)
    row = get_user_model().objects.filter(pk=learner.pk).annotate(**columns).values(*columns).get()
    return DayCounts(**row)


def _sibling_seen(*, learner: AbstractBaseUser, since: datetime, group_ref: str, item_ref: str) -> Exists:
    """Whether another item of the same sibling group was studied since the start of the learner-day."""
    return Exists(
        CardState.objects.filter(
            learner=learner, last_review__gte=since, item__sibling_group=OuterRef(group_ref)
        ).exclude(item_id=OuterRef(item_ref))
    )


def review_next_card(
    *, learner: AbstractBaseUser, settings: LearnerSettings, now: datetime
) -> tuple[NextCard | None, DayCounts]:
    """The next card of the review queue and the day's counts: due cards, then new items (daily limit),
    then learning cards due within LEARN_AHEAD; an item whose sibling was studied this learner-day only
    when nothing else is left. Two queries at most (three when nothing at all is left)."""
    start, _ = learner_day_bounds(now=now, tz=settings.timezone, day_starts_hour=settings.day_starts_hour)
    columns = _day_count_columns(learner=learner, settings=settings, now=now)
    due = list(
        CardState.objects.filter(
            learner=learner, due__lte=now + LEARN_AHEAD, item__status=Item.Status.PUBLISHED
        )
        .select_related("item__topic")
        .annotate(
            sibling_seen=_sibling_seen(
                learner=learner, since=start, group_ref="item__sibling_group", item_ref="item_id"
            ),
            **columns,
        )
        .order_by("due", "pk")[:CANDIDATES]
    )
    counts = _counts_of(due[0]) if due else None
    if counts is not None and counts.reviews_today >= settings.max_reviews_per_day:
        due = []
    due_now = [s for s in due if s.due <= now]
    ahead = [s for s in due if s.due > now]
    fresh: list[Item] = []
    new_allowed = counts is None or counts.new_today < settings.new_per_day
    if new_allowed and not any(not _is_sibling(s.item, s.sibling_seen) for s in due_now):
        fresh = list(
            Item.objects.published()
            .filter(~Exists(CardState.objects.filter(learner=learner, item=OuterRef("pk"))))
            .select_related("topic")
            .annotate(
                sibling_seen=_sibling_seen(
                    learner=learner, since=start, group_ref="sibling_group", item_ref="pk"
                ),
                **columns,
            )
            .order_by("pk")[:CANDIDATES]
        )
        counts = counts or (_counts_of(fresh[0]) if fresh else None)
        if counts is not None and counts.new_today >= settings.new_per_day:
            fresh = []
    if counts is None:
        counts = study_day_counts(learner=learner, settings=settings, now=now)
    ordered = (
        [NextCard(s.item, s) for s in due_now]
        + [NextCard(i, None) for i in fresh]
        + [NextCard(s.item, s) for s in ahead]
    )
    flags = (
        [s.sibling_seen for s in due_now] + [i.sibling_seen for i in fresh] + [s.sibling_seen for s in ahead]
    )
    for card, seen in zip(ordered, flags, strict=True):
        if not _is_sibling(card.item, seen):
            return card, counts
    return (ordered[0] if ordered else None), counts


def _is_sibling(item: Item, seen: bool) -> bool:
    return bool(seen and item.sibling_group)


def notifications_unread(*, learner: AbstractBaseUser, limit: int = 5) -> list[Notification]:
    return list(
        Notification.objects.filter(learner=learner, read_at__isnull=True).order_by("-created_at")[:limit]
    )
