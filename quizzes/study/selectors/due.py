"""Reads of what is due when: the cards the review queue can show and when each can show, and the
outlook the end of a review session gives ("what is due next").

The /study/ counters, the end-of-session outlook and the progress page's "due today" and forecast
all count the same cards (``showable_cards``, the queue's rules in ``queue.py``): published items,
not suspended, a buried card from the end of its bury. So no screen contradicts another:

* **later today**: cards coming due after now and before the learner-day ends (the progress page's
  "due today" less its "now");
* **tomorrow**: cards due during the learner's next day (the forecast's second bar);
* **next 7 days**: cards coming due after now, up to the end of the sixth day after today (the
  forecast's first seven bars less "now");
* **waiting**: of the review-state cards due today, those over the day's review maximum: the queue
  holds them back until the next learner-day, as it does now (the counters' "due" stops at the
  maximum);
* **new tomorrow**: the new items the queue may introduce tomorrow, at most the daily new limit (one
  per sibling group, as the queue does);
* **next card at**: when the queue, left alone, next has a card to show, in the learner's zone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Min, Q, QuerySet
from django.db.models.functions import Coalesce, Greatest

from quizzes.models import CardState, Item, LearnerSettings
from quizzes.study.days import day_bounds, learner_date
from quizzes.study.selectors.queue import REVIEW_STATE, DayCounts

WEEK_DAYS = 7


def showable_cards(*, learner: AbstractBaseUser) -> QuerySet[CardState]:
    """The learner's cards the review queue can show, each annotated with ``available_at``: its due
    time, or the end of its bury when that is later."""
    return CardState.objects.filter(
        learner=learner, suspended=False, item__status=Item.Status.PUBLISHED
    ).annotate(available_at=Greatest("due", Coalesce("buried_until", "due")))


@dataclass(frozen=True)
class DueOutlook:
    later_today: int
    tomorrow: int
    next_7_days: int
    waiting: int  # review cards due today held back by the daily review maximum
    max_reviews: int
    new_tomorrow: int
    next_card_at: datetime | None  # aware, in the learner's zone; None: nothing will come
    next_card_when: str  # "today at 15:30", "tomorrow at 04:00", "Thu 8 May at 04:00" ("" for None)
    timezone: str

    @property
    def nothing_ahead(self) -> bool:
        return not (self.next_7_days or self.waiting or self.new_tomorrow or self.next_card_at)


def moment_label(*, moment: datetime, now: datetime) -> str:
    """``moment`` as a learner reads it in its own zone: "now", "today at 15:30", "tomorrow at 04:00",
    "Thu 8 May at 04:00" (calendar days of that zone), with the year when it is another year."""
    local_now = now.astimezone(moment.tzinfo)
    if moment <= now:
        return "now"
    days = (moment.date() - local_now.date()).days
    clock = f"{moment:%H:%M}"
    if days == 0:
        return f"today at {clock}"
    if days == 1:
        return f"tomorrow at {clock}"
    if moment.year != local_now.year:
        return f"{moment:%a} {moment.day} {moment:%b %Y} at {clock}"
    return f"{moment:%a} {moment.day} {moment:%b} at {clock}"


def _new_items_tomorrow(*, learner: AbstractBaseUser, settings: LearnerSettings) -> int:
    """New items for tomorrow: never-met published items, one per sibling group, up to the daily limit."""
    unseen = (
        Item.objects.filter(status=Item.Status.PUBLISHED)
        .exclude(pk__in=CardState.objects.filter(learner=learner).values("item_id"))
        .aggregate(
            groups=Count("sibling_group", distinct=True, filter=~Q(sibling_group="")),
            singles=Count("pk", filter=Q(sibling_group="")),
        )
    )
    return min(max(0, settings.new_per_day), unseen["groups"] + unseen["singles"])


def due_outlook(
    *, learner: AbstractBaseUser, settings: LearnerSettings, counts: DayCounts, now: datetime
) -> DueOutlook:
    """What is due next for ``learner`` at ``now``, given the queue's ``counts`` at ``now``: two queries."""
    zone = ZoneInfo(settings.timezone)
    hour = settings.day_starts_hour
    today = learner_date(now=now, tz=zone, day_starts_hour=hour)
    _, today_end = day_bounds(day=today, tz=zone, day_starts_hour=hour)
    _, tomorrow_end = day_bounds(day=today + timedelta(days=1), tz=zone, day_starts_hour=hour)
    _, week_end = day_bounds(day=today + timedelta(days=WEEK_DAYS - 1), tz=zone, day_starts_hour=hour)
    review = Q(state=REVIEW_STATE)
    ahead = Q(available_at__gt=now)
    found = showable_cards(learner=learner).aggregate(
        later_today=Count("pk", filter=ahead & Q(available_at__lt=today_end)),
        tomorrow=Count("pk", filter=Q(available_at__gte=today_end, available_at__lt=tomorrow_end)),
        next_7_days=Count("pk", filter=ahead & Q(available_at__lt=week_end)),
        reviews_due_today=Count("pk", filter=review & Q(available_at__lt=today_end)),
        next_review=Min("available_at", filter=review & ahead),
        next_learning=Min("available_at", filter=~review & ahead),
    )
    # The day's review maximum, less the reviews given today: what the queue still shows today.
    room = max(0, settings.max_reviews_per_day - counts.reviews_today)
    waiting = max(0, found["reviews_due_today"] - room)
    new_tomorrow = _new_items_tomorrow(learner=learner, settings=settings)
    moments = [found["next_learning"]]
    if found["next_review"] is not None:
        # Over the maximum, a review card due later today waits for the next day like the others.
        moments.append(found["next_review"] if waiting == 0 else max(found["next_review"], today_end))
    if waiting or new_tomorrow:
        moments.append(today_end)
    if counts.total:
        moments.append(now)
    known = [moment for moment in moments if moment is not None]
    next_card_at = min(known).astimezone(zone) if known else None
    return DueOutlook(
        later_today=found["later_today"],
        tomorrow=found["tomorrow"],
        next_7_days=found["next_7_days"],
        waiting=waiting,
        max_reviews=settings.max_reviews_per_day,
        new_tomorrow=new_tomorrow,
        next_card_at=next_card_at,
        next_card_when=moment_label(moment=next_card_at, now=now) if next_card_at else "",
        timezone=settings.timezone,
    )
