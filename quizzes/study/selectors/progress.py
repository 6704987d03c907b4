"""Reads of the progress dashboard: due today, the 30-day due forecast, the review heatmap of the
last year, reviews and true retention, the streak, per-topic mastery, predicted recall on exam day,
and the confusions with their contrast drills.

Definitions (all per learner, all days are learner-days from ``quizzes.study.days``: the day starts at
the learner's "next day starts at" hour in their current time zone):

* **Due today**: cards the review queue can show (published, not suspended; a buried card from the
  end of its bury) whose due time is before the end of the current learner-day, overdue ones
  included. The forecast's first day is the same number; the end of a review session reads the
  same cards (``selectors/due.py``).
* **Reviews** over the last 7 / 30 days: every answer logged (reviews, practice and exam answers) in
  the last 7 / 30 learner-days, today included.
* **True retention** (Anki's definition): of the answers given to cards that were in the *review*
  state (``ReviewLog.state_before == fsrs.State.Review``), the share not rated Again. Learning and
  relearning steps are left out: they measure short-term memory, not the schedule.
* **Streak**: consecutive learner-days with at least one review, ending today if the learner has
  reviewed today, else ending yesterday (a streak is not broken until the day is over). Counted over
  the last year (the heatmap's data), so it tops out at 366.
* **Mastery** of a topic, two numbers side by side: the mean *predicted recall* of the topic's
  published items the learner has **studied** (their card has an FSRS memory state, i.e. at least one
  scheduled review), and the share of the topic's published items **not yet studied** (no card, or a
  card only made due, e.g. after an exam miss). A topic nobody studied has no mastery number, not 0 %.
  Predicted recall of a card is FSRS retrievability (``Scheduler.get_card_retrievability``), taken at
  least one day after the card's last review: py-fsrs counts elapsed whole days, so any card answered
  in the last 24 hours would read 100 %, however often it was missed. A card whose last answer was
  Again counts 0 until it is answered right again. Percentages are rounded down, so a topic holding a
  missed card never reads 100 %. **Predicted recall on exam day**: the same mean at 09:00 local time
  on the exam date.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Case, Count, IntegerField, OuterRef, QuerySet, Subquery, Value, When
from django.db.models.functions import TruncHour
from django.http import Http404
from fsrs import Card, Scheduler, State

from notes.models import Fact
from quizzes.models import CardState, ExamQuestion, Item, LearnerSettings, ReviewLog
from quizzes.study.confusions import Answer, Confusion, find_confusions, normalize_value
from quizzes.study.days import day_bounds, learner_date, within_horizon
from quizzes.study.selectors.due import showable_cards

FORECAST_DAYS = 30
HEATMAP_DAYS = 365
RETENTION_DAYS = (7, 30)  # true retention over the last 7 and 30 learner-days
EXAM_TIME = time(9, 0)
CELL, GAP, LEFT, TOP = 11, 3, 30, 18
STEP = CELL + GAP
AGAIN = 1
CONFUSION_ANSWERS = 5000  # the most recent wrong answers looked at for confusions


# ---------------------------------------------------------------- data shapes


@dataclass(frozen=True)
class DayCount:
    day: date
    count: int


@dataclass(frozen=True)
class ForecastBar:
    day: date
    count: int
    x: int
    y: int
    height: int
    label: str


@dataclass(frozen=True)
class HeatCell:
    day: date
    count: int
    level: int
    x: int
    y: int
    title: str


@dataclass(frozen=True)
class MonthRow:
    label: str
    reviews: int
    days_studied: int


@dataclass(frozen=True)
class Heatmap:
    cells: list[HeatCell]
    month_labels: list[tuple[int, str]]  # (x, "Mar")
    weekday_labels: list[tuple[int, str]]  # (y, "Mon")
    width: int
    height: int
    total: int
    days_studied: int
    busiest: DayCount | None
    months: list[MonthRow]


@dataclass(frozen=True)
class Retention:
    days: int
    reviews: int
    graded: int  # answers to cards in the review state
    passed: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.passed / self.graded) if self.graded else None


def floor_percent(share: float | None) -> int | None:
    """0..1 as a whole percent rounded down (99.6 % of recall is not certainty), clamped to 0..100."""
    return None if share is None else min(100, max(0, math.floor(100 * share)))


def part_percent(part: int, whole: int) -> int:
    """``part`` of ``whole`` as a percent that reads 0 only for none and 100 only for all."""
    if not whole or not part:
        return 0
    if part >= whole:
        return 100
    return min(99, max(1, round(100 * part / whole)))


@dataclass(frozen=True)
class TopicMastery:
    title: str
    slug: str
    items: int  # the topic's published items
    studied: int  # of them, those with an FSRS memory state for the learner
    mastery: float | None  # 0..1, mean predicted recall of the studied cards; None: none studied
    exam_recall: float | None  # 0..1, with an exam date and studied cards

    @property
    def cards(self) -> int:
        return self.studied

    @property
    def not_studied(self) -> int:
        return self.items - self.studied

    @property
    def not_studied_percent(self) -> int:
        return part_percent(self.not_studied, self.items)

    @property
    def mastery_percent(self) -> int | None:
        return floor_percent(self.mastery)

    @property
    def exam_recall_percent(self) -> int | None:
        return floor_percent(self.exam_recall)


@dataclass(frozen=True)
class Dashboard:
    today: date
    timezone: str
    due_today: int
    due_now: int  # of due_today, those due already (the review page's "due"); the rest come later today
    forecast: list[ForecastBar]
    forecast_total: int
    forecast_height: int
    heatmap: Heatmap
    retention: list[Retention]
    streak: int
    reviewed_today: bool
    topics: list[TopicMastery]
    all_topics: TopicMastery  # the totals row: the same definitions over every topic
    exam_date: date | None
    days_to_exam: int | None
    confusions: list[Confusion]

    @property
    def exam_ahead(self) -> bool:
        return self.days_to_exam is not None and self.days_to_exam >= 0


@dataclass(frozen=True)
class DrillFact:
    text: str
    sources: list[str]  # "file:line"


@dataclass(frozen=True)
class DrillSide:
    value: str
    facts: list[DrillFact]


@dataclass(frozen=True)
class DrillQuestion:
    item: Item
    key: list[str]


@dataclass(frozen=True)
class Drill:
    confusion: Confusion
    sides: list[DrillSide]
    questions: list[DrillQuestion] = field(default_factory=list)


# ---------------------------------------------------------------- pure helpers


def count_by_learner_day(queryset: QuerySet, field: str, *, tz: str, day_starts_hour: int) -> Counter[date]:
    """How many rows of ``queryset`` fall on each learner-day by their ``field``. The database counts
    per local clock hour (a learner-day always starts on a whole local hour, so no hour straddles two
    days, across DST changes too); Python files each hour under its day. At most 24 rows a day come
    back, however many reviews there were."""
    zone = ZoneInfo(tz)
    hours = (
        queryset.order_by()
        .annotate(local_hour=TruncHour(field, tzinfo=zone))
        .values("local_hour")
        .annotate(n=Count("pk"))
        .values_list("local_hour", "n")
    )
    counts: Counter[date] = Counter()
    for hour, n in hours:
        counts[learner_date(now=hour, tz=zone, day_starts_hour=day_starts_hour)] += n
    return counts


def streak_length(*, days: Iterable[date], today: date) -> int:
    """Consecutive days with a review ending today, or ending yesterday if today has none yet."""
    studied = set(days)
    day = today if today in studied else today - timedelta(days=1)
    count = 0
    while day in studied:
        count += 1
        day -= timedelta(days=1)
    return count


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def heatmap_layout(*, counts: dict[date, int], today: date, days: int = HEATMAP_DAYS) -> Heatmap:
    """The SVG geometry of a year of review counts: one column per week (Monday on top), one cell
    per day, its shade one of five levels relative to the busiest day."""
    start = today - timedelta(days=days - 1)
    first_monday = start - timedelta(days=start.weekday())
    window = {d: c for d, c in counts.items() if start <= d <= today and c}
    peak = max(window.values(), default=0)
    cells, month_labels = [], []
    for offset in range(days):
        day = start + timedelta(days=offset)
        count = window.get(day, 0)
        column = (day - first_monday).days // 7
        level = 0 if not count else min(4, max(1, math.ceil(4 * count / peak)))
        x, y = LEFT + column * STEP, TOP + day.weekday() * STEP
        cells.append(HeatCell(day, count, level, x, y, f"{_plural(count, 'review')} on {day:%a %-d %b %Y}"))
        if day.weekday() == 0 and day.day <= 7:  # the column holding the month's first Monday
            month_labels.append((x, f"{day:%b}"))
    months: dict[tuple[int, int], list[int]] = {}
    for day, count in window.items():
        row = months.setdefault((day.year, day.month), [0, 0])
        row[0] += count
        row[1] += 1
    month_rows = []
    cursor = date(start.year, start.month, 1)
    while cursor <= today:
        reviews, studied = months.get((cursor.year, cursor.month), [0, 0])
        month_rows.append(MonthRow(f"{cursor:%B %Y}", reviews, studied))
        cursor = date(cursor.year + cursor.month // 12, cursor.month % 12 + 1, 1)
    busiest = max(window.items(), key=lambda kv: (kv[1], kv[0]), default=None)
    columns = (today - first_monday).days // 7 + 1
    return Heatmap(
        cells=cells,
        month_labels=month_labels,
        weekday_labels=[
            (TOP + r * STEP + CELL - 1, name) for r, name in ((0, "Mon"), (2, "Wed"), (4, "Fri"))
        ],
        width=LEFT + columns * STEP,
        height=TOP + 7 * STEP,
        total=sum(window.values()),
        days_studied=len(window),
        busiest=DayCount(*busiest) if busiest else None,
        months=month_rows,
    )


def forecast_bars(*, counts: dict[date, int], today: date, days: int = FORECAST_DAYS) -> list[ForecastBar]:
    """One bar per day from today; ``counts`` of earlier days (overdue cards) land on today."""
    per_day = [0] * days
    for day, count in counts.items():
        index = max(0, (day - today).days)
        if index < days:
            per_day[index] += count
    peak = max(per_day, default=0) or 1
    bars = []
    for i, count in enumerate(per_day):
        day = today + timedelta(days=i)
        height = round(100 * count / peak)
        when = "today" if i == 0 else "tomorrow" if i == 1 else f"{day:%a %-d %b}"
        bars.append(
            ForecastBar(
                day, count, 30 + i * 18, 10 + 100 - height, height, f"{_plural(count, 'card')} due {when}"
            )
        )
    return bars


def card_recall(card: Card, *, at: datetime, last_rating: int | None, scheduler: Scheduler) -> float | None:
    """Predicted recall of ``card`` at ``at``: None for a card never scheduled (not studied), 0 for
    one whose last answer was Again, else FSRS retrievability at least a day after its last review."""
    if card.last_review is None or card.stability is None:
        return None
    if last_rating == AGAIN:
        return 0.0
    last = card.last_review.astimezone(UTC)
    moment = max(at.astimezone(UTC), last + timedelta(days=1))
    return min(1.0, max(0.0, float(scheduler.get_card_retrievability(card, current_datetime=moment))))


@dataclass(frozen=True)
class TopicCards:
    """What ``topic_mastery`` needs of one topic: its published item count and, per studied card,
    the predicted recall now and on exam day (None without an exam date)."""

    title: str
    slug: str
    items: int
    now: list[float] = field(default_factory=list)
    exam: list[float] = field(default_factory=list)


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def topic_mastery(topic: TopicCards, *, with_exam: bool) -> TopicMastery:
    studied = min(len(topic.now), topic.items)
    return TopicMastery(
        title=topic.title,
        slug=topic.slug,
        items=max(topic.items, studied),
        studied=studied,
        mastery=_mean(topic.now),
        exam_recall=_mean(topic.exam) if with_exam else None,
    )


def mastery_totals(topics: list[TopicCards], *, with_exam: bool) -> TopicMastery:
    """The totals row: every studied card of every topic, every published item."""
    return topic_mastery(
        TopicCards(
            title="All topics",
            slug="",
            items=sum(t.items for t in topics),
            now=[r for t in topics for r in t.now],
            exam=[r for t in topics for r in t.exam],
        ),
        with_exam=with_exam,
    )


# ---------------------------------------------------------------- selectors


def _settings(learner: AbstractBaseUser) -> LearnerSettings:
    return LearnerSettings.objects.filter(user=learner).first() or LearnerSettings(user=learner)


def _retention(logs: list[tuple[datetime, int, int | None]], *, since: datetime, days: int) -> Retention:
    window = [(rating, before) for at, rating, before in logs if at >= since]
    graded = [rating for rating, before in window if before == State.Review]
    return Retention(
        days=days, reviews=len(window), graded=len(graded), passed=sum(r != AGAIN for r in graded)
    )


def _mastery_cards(*, learner: AbstractBaseUser, now: datetime, exam_at: datetime | None) -> list[TopicCards]:
    """Two queries whatever the bank's size: the published items per topic, and the learner's cards
    on them with the rating of their last answer where it matters."""
    scheduler = Scheduler()
    topics: dict[int, TopicCards] = {}
    per_topic = (
        Item.objects.published()
        .order_by()
        .values("topic_id", "topic__title", "topic__slug", "topic__order")
        .annotate(n=Count("pk"))
        .order_by("topic__order", "topic__title", "topic_id")
    )
    for row in per_topic:
        topics[row["topic_id"]] = TopicCards(
            title=row["topic__title"], slug=row["topic__slug"], items=row["n"]
        )
    # The rating of the card's latest answer, looked up only for cards in a learning or relearning
    # step: with py-fsrs's default relearning step (the schedulers of fsrs_glue), Again always leaves
    # a card there, so a card in the review state passed its last answer (and costs no lookup).
    latest = (
        ReviewLog.objects.filter(learner=OuterRef("learner"), item=OuterRef("item"))
        .order_by("-reviewed_at", "-pk")
        .values("rating")[:1]
    )
    rows = (
        CardState.objects.filter(learner=learner, item__status=Item.Status.PUBLISHED)
        .annotate(
            last_rating=Case(
                When(state__in=(State.Learning, State.Relearning), then=Subquery(latest)),
                default=Value(None),
                output_field=IntegerField(),
            )
        )
        .values_list("card", "item__topic_id", "last_rating")
    )
    for card_dict, topic_id, rating in rows:
        topic = topics.get(topic_id)
        if topic is None or not card_dict:
            continue
        card = Card.from_dict(card_dict)
        recall = card_recall(card, at=now, last_rating=rating, scheduler=scheduler)
        if recall is None:
            continue
        topic.now.append(recall)
        if exam_at is not None:
            topic.exam.append(card_recall(card, at=exam_at, last_rating=rating, scheduler=scheduler) or 0.0)
    return list(topics.values())


def learner_confusions(*, learner: AbstractBaseUser) -> list[Confusion]:
    """The learner's confusions from wrong answers in reviews and practice (the review log) and in
    submitted exams (``ExamQuestion``; their review-log copies are skipped to count each once)."""
    wrong = list(
        ReviewLog.objects.filter(learner=learner, correct=False)
        .exclude(mode=ReviewLog.Mode.EXAM)
        .order_by("-reviewed_at")
        .values_list("item_id", "chosen")[:CONFUSION_ANSWERS]
    )
    wrong += list(
        ExamQuestion.objects.filter(
            attempt__learner=learner, attempt__submitted_at__isnull=False, correct=False
        )
        .order_by("-attempt__submitted_at")
        .values_list("item_id", "chosen")[:CONFUSION_ANSWERS]
    )
    wrong = [(item_id, chosen) for item_id, chosen in wrong if chosen]
    choices = dict(Item.objects.filter(pk__in={i for i, _ in wrong}).values_list("id", "choices"))
    answers = (
        Answer(
            item_id=item_id,
            choices=[c["text"] for c in choices[item_id]],
            correct=[i for i, c in enumerate(choices[item_id]) if c.get("correct")],
            chosen=chosen,
        )
        for item_id, chosen in wrong
        if item_id in choices
    )
    return find_confusions(answers)


def progress_dashboard(*, learner: AbstractBaseUser, now: datetime) -> Dashboard:
    """Everything the progress page shows, for ``learner`` at ``now``."""
    settings = _settings(learner)
    tz, hour = settings.timezone, settings.day_starts_hour
    today = learner_date(now=now, tz=tz, day_starts_hour=hour)
    _, forecast_end = day_bounds(day=today + timedelta(days=FORECAST_DAYS - 1), tz=tz, day_starts_hour=hour)
    # As the review queue: cards of retired or draft items and suspended cards are never shown, so they
    # are never due; a buried card is due when its bury ends (selectors/due.py).
    dues = showable_cards(learner=learner).filter(available_at__lt=forecast_end)
    forecast = forecast_bars(
        counts=count_by_learner_day(dues, "available_at", tz=tz, day_starts_hour=hour), today=today
    )
    year_start, _ = day_bounds(day=today - timedelta(days=HEATMAP_DAYS), tz=tz, day_starts_hour=hour)
    per_day = count_by_learner_day(
        ReviewLog.objects.filter(learner=learner, reviewed_at__gte=year_start, reviewed_at__lte=now),
        "reviewed_at",
        tz=tz,
        day_starts_hour=hour,
    )
    month_start, _ = day_bounds(
        day=today - timedelta(days=RETENTION_DAYS[-1] - 1), tz=tz, day_starts_hour=hour
    )
    logs = list(  # the retention windows need the ratings, of the last month only
        ReviewLog.objects.filter(learner=learner, reviewed_at__gte=month_start, reviewed_at__lte=now)
        .order_by()
        .values_list("reviewed_at", "rating", "state_before")
    )
    exam_date = settings.exam_date
    if exam_date is not None and not within_horizon(day=exam_date, today=today):
        exam_date = None  # stored before the form held dates to the horizon: shown as no exam date
    exam_at = None
    if exam_date is not None and exam_date >= today:
        exam_at = datetime.combine(exam_date, EXAM_TIME, tzinfo=ZoneInfo(tz)).astimezone(UTC)
    mastery_cards = _mastery_cards(learner=learner, now=now.astimezone(UTC), exam_at=exam_at)
    return Dashboard(
        today=today,
        timezone=tz,
        due_today=forecast[0].count,
        due_now=dues.filter(available_at__lte=now).count(),
        forecast=forecast,
        forecast_total=sum(b.count for b in forecast),
        forecast_height=130,
        heatmap=heatmap_layout(counts=per_day, today=today),
        retention=[
            _retention(
                logs,
                since=day_bounds(day=today - timedelta(days=n - 1), tz=tz, day_starts_hour=hour)[0],
                days=n,
            )
            for n in RETENTION_DAYS
        ],
        streak=streak_length(days=per_day.keys(), today=today),
        reviewed_today=per_day.get(today, 0) > 0,
        topics=[topic_mastery(t, with_exam=exam_at is not None) for t in mastery_cards],
        all_topics=mastery_totals(mastery_cards, with_exam=exam_at is not None),
        exam_date=exam_date,
        days_to_exam=(exam_date - today).days if exam_date else None,
        confusions=learner_confusions(learner=learner),
    )


def _facts_for(items: list[int]) -> list[DrillFact]:
    facts = Fact.objects.filter(items__in=items).distinct().prefetch_related("statements__source")[:3]
    return [
        DrillFact(text=f.text, sources=[f"{st.source.name}:{st.line}" for st in f.statements.all()])
        for f in facts
    ]


def confusion_drill(*, learner: AbstractBaseUser, pair_id: str) -> Drill:
    """A contrast drill for one of the learner's confusions: both facts side by side with their
    source lines, and up to four questions on items involving either value. Http404 for a pair the
    learner has not confused."""
    confusion = next((c for c in learner_confusions(learner=learner) if c.pair_id == pair_id), None)
    if confusion is None:
        raise Http404("No such confusion")
    values = {normalize_value(confusion.a), normalize_value(confusion.b)}
    keyed: dict[str, list[int]] = {v: [] for v in values}
    involving: list[int] = list(confusion.item_ids)
    for item_id, choices in Item.objects.published().questions().values_list("id", "choices"):
        texts = {normalize_value(c["text"]): bool(c.get("correct")) for c in choices}
        for value in values & texts.keys():
            if texts[value]:
                keyed[value].append(item_id)
            if item_id not in involving:
                involving.append(item_id)
    by_id = Item.objects.in_bulk(involving[:4])
    sides = []
    for text in (confusion.a, confusion.b):
        item_ids = keyed[normalize_value(text)]
        facts = _facts_for(item_ids)
        if not facts and item_ids:  # an item without linked facts: fall back on its explanation
            item = Item.objects.get(pk=item_ids[0])
            facts = [
                DrillFact(text=item.explanation, sources=[f"{s['file']}:{s['line']}" for s in item.sources])
            ]
        sides.append(DrillSide(value=text, facts=facts))
    questions = [
        DrillQuestion(item=by_id[i], key=[c["text"] for c in by_id[i].choices if c.get("correct")])
        for i in involving[:4]
        if i in by_id
    ]
    return Drill(confusion=confusion, sides=sides, questions=questions)
