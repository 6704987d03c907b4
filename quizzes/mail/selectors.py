"""Reads for the scheduled mail: who is due a weekly email or a daily reminder now, and everything a
batch of learners' weekly emails shows, fetched in a constant number of queries per batch.

The per-learner selectors of ``quizzes/study/selectors/progress.py`` answer for one learner at a time; a
batch of 1,000 learners would cost thousands of queries, so the batch versions live here. Local days
are computed in SQL with one ``CASE`` branch per (time zone, day start) pair present in the batch.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import (
    Case,
    Count,
    DateTimeField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Value,
    When,
)
from django.db.models.functions import TruncDate
from fsrs.scheduler import DEFAULT_PARAMETERS

from quizzes.models import (
    CardState,
    DailyReminder,
    LearnerSnapshot,
    ReviewLog,
    SendStatus,
    TopicSnapshot,
    WeeklyEmail,
)
from quizzes.study.days import day_bounds, learner_date, within_horizon
from quizzes.study.selectors.progress import streak_length  # same streak and retention rules as the dashboard

# FSRS-6 forgetting curve with the default decay: R(t, S) = (1 + FACTOR * t / S) ** DECAY.
DECAY = -DEFAULT_PARAMETERS[20]
FACTOR = 0.9 ** (1 / DECAY) - 1
REVIEW_STATE = 2  # fsrs.State.Review: only reviews of graduated cards count towards true retention
STREAK_LOOKBACK_DAYS = 370
DONE_STATUSES = (SendStatus.SENT, SendStatus.SKIPPED)
WEEKLY_CATCH_UP = timedelta(days=1)  # a missed weekly slot is caught up until a day after it


def daily_reminder_hour() -> int:
    """Local hour of the "reviews due" reminder; reminders are only sent in the morning (until noon)."""
    return int(getattr(settings, "QUIZZES_DAILY_REMINDER_HOUR", 8))


@dataclass(frozen=True)
class LearnerPrefs:
    """A learner's mail preferences, with the model defaults for learners without a settings row."""

    id: int
    username: str
    email: str
    timezone: str = "UTC"
    day_starts_hour: int = 4
    new_per_day: int = 20
    weekly_email: bool = True
    weekly_weekday: int = 0
    weekly_hour: int = 8
    daily_reminder: bool = False
    exam_date: date | None = None
    studies: bool = False  # has answered a card at least once (review, practice or exam)

    @property
    def zone(self) -> ZoneInfo:
        try:
            return ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            return ZoneInfo("UTC")


_PREF_FIELDS = (
    "timezone",
    "day_starts_hour",
    "new_per_day",
    "weekly_email",
    "weekly_weekday",
    "weekly_hour",
    "daily_reminder",
    "exam_date",
)


def learner_prefs(
    *, learner_ids: list[int] | None = None, username: str | None = None, require_email: bool = True
) -> list[LearnerPrefs]:
    """Active learners (with an email address unless ``require_email`` is off) and their preferences,
    in one query. ``studies`` tells a learner from an account that never answered a card (an
    instructor, say): learner emails go only to the former."""
    answered = CardState.objects.filter(learner_id=OuterRef("pk"), last_review__isnull=False)
    users = get_user_model().objects.filter(is_active=True).annotate(studies=Exists(answered))
    if require_email:
        users = users.exclude(email="")
    if learner_ids is not None:
        users = users.filter(id__in=learner_ids)
    if username is not None:
        users = users.filter(username=username)
    rows = users.order_by("id").values(
        "id", "username", "email", "studies", *(f"study_settings__{f}" for f in _PREF_FIELDS)
    )
    prefs = []
    for row in rows:
        given = {
            f: row[f"study_settings__{f}"] for f in _PREF_FIELDS if row[f"study_settings__{f}"] is not None
        }
        prefs.append(
            LearnerPrefs(
                id=row["id"], username=row["username"], email=row["email"], studies=row["studies"], **given
            )
        )
    return prefs


def active_learner_ids() -> list[int]:
    return list(get_user_model().objects.filter(is_active=True).order_by("id").values_list("id", flat=True))


def learners_overdue(*, min_overdue: int = 1) -> list[LearnerSnapshot]:
    """Learners whose reviews are overdue (due before the start of their today), from the snapshots."""
    return list(
        LearnerSnapshot.objects.filter(overdue__gte=min_overdue)
        .select_related("learner")
        .order_by("-overdue")
    )


def iso_week_of(local: datetime | date) -> str:
    year, week, _ = local.isocalendar()
    return f"{year}-W{week:02d}"


def weekly_slot_at(*, prefs: LearnerPrefs, iso_week: str) -> datetime:
    """The instant (UTC) of the learner's weekly slot in ``iso_week``: their chosen weekday and hour on
    their wall clock. An hour that does not exist locally (a spring-forward gap) resolves to the same
    wall time on the old offset, i.e. the first hour that exists after it; an hour that happens twice
    (fall back) is its first occurrence."""
    year, week = (int(part) for part in iso_week.split("-W"))
    day = date.fromisocalendar(year, week, prefs.weekly_weekday + 1)
    return datetime.combine(day, time(prefs.weekly_hour), tzinfo=prefs.zone).astimezone(UTC)


def weekly_slot_week(*, prefs: LearnerPrefs, now: datetime) -> str | None:
    """The ISO week whose weekly email is due at ``now``: the one whose slot has come less than
    ``WEEKLY_CATCH_UP`` ago, else None. A missed slot (outage, DST gap) is thus caught up by a later
    hourly run, at most a day late; a slot late on Sunday may be caught up on Monday, in the next
    local week, and still counts for its own week. Slots are a week apart and the window is a day,
    so at most one week matches."""
    local = now.astimezone(prefs.zone)
    for week in (iso_week_of(local), iso_week_of(local - timedelta(days=7))):
        slot = weekly_slot_at(prefs=prefs, iso_week=week)
        if slot <= now < slot + WEEKLY_CATCH_UP:
            return week
    return None


def weekly_week_open(*, prefs: LearnerPrefs, iso_week: str, now: datetime, any_hour: bool = False) -> bool:
    """Whether the weekly email of ``iso_week`` may still go out at ``now``: inside its slot's window,
    or in the learner's current local week before that window closes (never late; ``any_hour``, the
    operator's catch-up: at any hour of the current local week)."""
    if weekly_slot_week(prefs=prefs, now=now) == iso_week:
        return True
    if iso_week_of(now.astimezone(prefs.zone)) != iso_week:
        return False
    return any_hour or now < weekly_slot_at(prefs=prefs, iso_week=iso_week) + WEEKLY_CATCH_UP


def weekly_emails_due(
    *, now: datetime, ignore_slot: bool = False, username: str | None = None
) -> dict[str, list[int]]:
    """{ISO week: learner ids} of opted-in learners who study, whose weekly email is due now (see
    ``weekly_slot_week``) and not sent (or skipped) yet. ``ignore_slot`` (the operator's catch-up):
    the week of a slot still in its window, else the learner's current local week, whatever the hour.
    """
    candidates: dict[str, list[int]] = defaultdict(list)
    for prefs in learner_prefs(username=username):
        if not (prefs.weekly_email and prefs.studies):
            continue
        week = weekly_slot_week(prefs=prefs, now=now)
        if week is None and ignore_slot:
            week = iso_week_of(now.astimezone(prefs.zone))
        if week is not None:
            candidates[week].append(prefs.id)
    if not candidates:
        return {}
    done = set(
        WeeklyEmail.objects.filter(iso_week__in=list(candidates), status__in=DONE_STATUSES).values_list(
            "iso_week", "learner_id"
        )
    )
    due = {week: [i for i in ids if (week, i) not in done] for week, ids in candidates.items()}
    return {week: ids for week, ids in due.items() if ids}


def daily_reminders_due(*, now: datetime) -> dict[date, list[int]]:
    """{local date: learner ids} of learners who study and opted in to the daily reminder, whose local
    morning it is (from the reminder hour until noon) and who have no reminder for that date yet."""
    hour = daily_reminder_hour()
    candidates: dict[date, list[int]] = defaultdict(list)
    for prefs in learner_prefs():
        local = now.astimezone(prefs.zone)
        if prefs.daily_reminder and prefs.studies and hour <= local.hour < max(hour + 1, 12):
            candidates[local.date()].append(prefs.id)
    if not candidates:
        return {}
    done = set(
        DailyReminder.objects.filter(local_date__in=list(candidates), status__in=DONE_STATUSES).values_list(
            "local_date", "learner_id"
        )
    )
    due = {day: [i for i in ids if (day, i) not in done] for day, ids in candidates.items()}
    return {day: ids for day, ids in due.items() if ids}


def local_day_expression(field_name: str, prefs: list[LearnerPrefs]) -> Case:
    """SQL for the learner-day of a datetime column: one CASE branch per (zone, day start) pair."""
    groups: dict[tuple[str, int], list[int]] = defaultdict(list)
    for p in prefs:
        groups[(p.zone.key, p.day_starts_hour)].append(p.id)
    whens = []
    for (zone, starts), ids in groups.items():
        shifted = ExpressionWrapper(
            F(field_name) - Value(timedelta(hours=starts)), output_field=DateTimeField()
        )
        whens.append(When(learner_id__in=ids, then=TruncDate(shifted, tzinfo=ZoneInfo(zone))))
    return Case(*whens, default=TruncDate(field_name))


def retrievability(*, stability: float | None, last_review: datetime | None, at: datetime) -> float:
    """Predicted probability of recall at ``at`` (FSRS-6 forgetting curve, default decay)."""
    if not stability or last_review is None:
        return 0.0
    elapsed_days = max((at - last_review).total_seconds() / 86400, 0.0)
    return (1 + FACTOR * elapsed_days / stability) ** DECAY


@dataclass(frozen=True)
class WeakTopic:
    title: str
    url: str
    retrievability: float


@dataclass
class WeeklyReview:
    """Everything one learner's weekly email shows."""

    prefs: LearnerPrefs
    today: date
    forecast: list[tuple[date, int]] = field(default_factory=list)
    new_available: int = 0
    last_week_reviews: int = 0
    last_week_retention: float | None = None
    streak: int = 0
    weakest: list[WeakTopic] = field(default_factory=list)
    exam_recall: float | None = None
    exam_unstudied: int = 0

    @property
    def due_this_week(self) -> int:
        return sum(n for _, n in self.forecast)

    @property
    def new_this_week(self) -> int:
        return min(self.new_available, self.prefs.new_per_day * 7)

    @property
    def has_something_to_study(self) -> bool:
        return self.due_this_week > 0 or self.new_available > 0

    @property
    def forecast_max(self) -> int:
        return max((n for _, n in self.forecast), default=0)


SNAPSHOT_FRESH_FOR = timedelta(hours=2)


def snapshots_stale(*, learner_ids: list[int], now: datetime) -> list[int]:
    """The learners among ``learner_ids`` without a rollup snapshot from the last two hours."""
    fresh = set(
        LearnerSnapshot.objects.filter(
            learner_id__in=learner_ids, computed_at__gte=now - SNAPSHOT_FRESH_FOR
        ).values_list("learner_id", flat=True)
    )
    return [i for i in learner_ids if i not in fresh]


def weekly_reviews_read(*, prefs: list[LearnerPrefs], now: datetime) -> list[WeeklyReview]:
    """The weekly emails of a batch of learners, from their rollup snapshots as stored, in a constant
    number of queries (``quizzes.mail.services.emails.weekly_review_batch`` refreshes stale
    snapshots first)."""
    if not prefs:
        return []
    ids = [p.id for p in prefs]
    snapshots = {s.learner_id: s for s in LearnerSnapshot.objects.filter(learner_id__in=ids)}

    reviews = {}
    for p in prefs:
        today = learner_date(now=now, tz=p.zone, day_starts_hour=p.day_starts_hour)
        snap = snapshots.get(p.id)
        review = WeeklyReview(prefs=p, today=today)
        if snap is not None:
            review.forecast = [(today + timedelta(days=k), n) for k, n in enumerate(snap.forecast)]
            review.new_available = snap.new_available
        reviews[p.id] = review

    _add_review_history(reviews=reviews, prefs=prefs, now=now)
    _add_weakest_topics(reviews=reviews, ids=ids)
    _add_exam_recall(reviews=reviews, prefs=prefs, now=now)
    return [reviews[i] for i in ids]


def _add_review_history(
    *, reviews: dict[int, WeeklyReview], prefs: list[LearnerPrefs], now: datetime
) -> None:
    mature = Q(state_before=REVIEW_STATE)
    rows = (
        ReviewLog.objects.filter(
            learner_id__in=[p.id for p in prefs],
            mode=ReviewLog.Mode.REVIEW,
            reviewed_at__gte=now - timedelta(days=STREAK_LOOKBACK_DAYS),
            reviewed_at__lt=now,
        )
        .annotate(day=local_day_expression("reviewed_at", prefs))
        .values("learner_id", "day")
        .annotate(
            n=Count("id"),
            mature=Count("id", filter=mature),
            passed=Count("id", filter=mature & Q(rating__gt=1)),
        )
        .order_by()
    )
    days: dict[int, set[date]] = defaultdict(set)
    mature_total: dict[int, int] = defaultdict(int)
    passed_total: dict[int, int] = defaultdict(int)
    for row in rows:
        review = reviews[row["learner_id"]]
        day = row["day"]
        days[review.prefs.id].add(day)
        if review.today - timedelta(days=7) <= day < review.today:
            review.last_week_reviews += row["n"]
            mature_total[review.prefs.id] += row["mature"]
            passed_total[review.prefs.id] += row["passed"]
    for learner_id, review in reviews.items():
        review.streak = streak_length(days=days[learner_id], today=review.today)
        if mature_total[learner_id]:
            review.last_week_retention = passed_total[learner_id] / mature_total[learner_id]


def _add_weakest_topics(*, reviews: dict[int, WeeklyReview], ids: list[int]) -> None:
    site = settings.SITE_URL.rstrip("/")
    rows = (
        TopicSnapshot.objects.filter(learner_id__in=ids, cards__gt=0)
        .order_by("learner_id", "retrievability", "topic__title")
        .values_list("learner_id", "topic__title", "topic__slug", "retrievability")
    )
    for learner_id, title, slug, recall in rows:
        weakest = reviews[learner_id].weakest
        if len(weakest) < 3:
            weakest.append(WeakTopic(title=title, url=f"{site}/topics/{slug}/", retrievability=recall))


def _add_exam_recall(*, reviews: dict[int, WeeklyReview], prefs: list[LearnerPrefs], now: datetime) -> None:
    with_exam = [
        p
        for p in prefs
        if p.exam_date is not None
        and p.exam_date >= reviews[p.id].today
        and within_horizon(day=p.exam_date, today=reviews[p.id].today)  # a date stored before the check
    ]
    if not with_exam:
        return
    sums: dict[int, float] = defaultdict(float)
    counts: dict[int, int] = defaultdict(int)
    rows = CardState.objects.filter(
        learner_id__in=[p.id for p in with_exam], item__status="published", last_review__isnull=False
    ).values_list("learner_id", "stability", "last_review")
    exam_moment = {
        p.id: day_bounds(day=p.exam_date, tz=p.zone, day_starts_hour=p.day_starts_hour)[0]
        + timedelta(hours=6)
        for p in with_exam
    }
    for learner_id, stability, last_review in rows:
        sums[learner_id] += retrievability(
            stability=stability, last_review=last_review, at=exam_moment[learner_id]
        )
        counts[learner_id] += 1
    for p in with_exam:
        review = reviews[p.id]
        review.exam_unstudied = review.new_available
        if counts[p.id]:
            review.exam_recall = sums[p.id] / counts[p.id]
