"""Hourly rollups: per learner, due counts, a 7-day forecast and per-topic retrievability, stored in
``LearnerSnapshot`` and ``TopicSnapshot`` so the dashboard and the emails read them instead of
recomputing. A batch costs a constant number of queries, whatever its size."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

from django.db import transaction

from quizzes.mail.selectors import learner_prefs, retrievability
from quizzes.mail.services.isolation import each_learner, error_text, learner_dead_letter
from quizzes.models import CardState, Item, LearnerSnapshot, TopicSnapshot
from quizzes.study.days import day_bounds, learner_date

FORECAST_DAYS = 7


def rollups_refresh_each(*, learner_ids: list[int], now: datetime) -> list[int]:
    """The hourly batch: ``rollups_refresh`` for all these learners, leaving out (as a dead letter of
    their own) any learner whose data it cannot compute with. Returns the learners left out."""
    left_out: list[int] = []

    def dead(learner_id: int, exc: Exception) -> None:
        learner_dead_letter(
            task_name="quizzes.tasks.rollups_batch", args=[[learner_id]], error=error_text(exc)
        )
        left_out.append(learner_id)

    each_learner(
        learner_ids=learner_ids, work=lambda ids: [rollups_refresh(learner_ids=ids, now=now)], on_error=dead
    )
    return left_out


@transaction.atomic
def rollups_refresh(*, learner_ids: list[int], now: datetime) -> int:
    """Recompute and store the snapshots of these learners; returns how many learners were rolled up.
    Safe to run twice: rows are upserted, and topic rows a learner no longer has are deleted."""
    prefs = learner_prefs(learner_ids=learner_ids, require_email=False)
    if not prefs:
        return 0
    ids = [p.id for p in prefs]
    published = Item.objects.published().count()
    cards = CardState.objects.filter(learner_id__in=ids, item__status=Item.Status.PUBLISHED).values_list(
        "learner_id", "item__topic_id", "due", "stability", "last_review", "suspended", "buried_until"
    )
    per_learner: dict[int, list[tuple]] = defaultdict(list)
    for learner_id, topic_id, due, stability, last_review, suspended, buried_until in cards:
        # Due as the review queue shows it (study/selectors/due.py): a suspended card never, a buried
        # one when its bury ends; it still counts for recall.
        if suspended:
            due = None
        elif buried_until is not None and buried_until > due:
            due = buried_until
        per_learner[learner_id].append((topic_id, due, stability, last_review))

    learner_rows, topic_rows = [], []
    for p in prefs:
        today = learner_date(now=now, tz=p.zone, day_starts_hour=p.day_starts_hour)
        bounds = [
            day_bounds(day=today + timedelta(days=k), tz=p.zone, day_starts_hour=p.day_starts_hour)
            for k in range(FORECAST_DAYS)
        ]
        today_start, today_end = bounds[0]
        forecast = [0] * FORECAST_DAYS
        topics: dict[int, list[float | int]] = defaultdict(lambda: [0, 0, 0.0])  # cards, due now, sum of R
        studied, recall_sum, due_now, overdue, due_today = 0, 0.0, 0, 0, 0
        for topic_id, due, stability, last_review in per_learner[p.id]:
            recall = retrievability(stability=stability, last_review=last_review, at=now)
            stats = topics[topic_id]
            stats[0] += 1
            stats[2] += recall
            if last_review is not None:
                studied += 1
                recall_sum += recall
            if due is None:
                continue
            if due <= now:
                due_now += 1
                stats[1] += 1
            if due < today_start:
                overdue += 1
            if due < today_end:
                due_today += 1
            for k, (_, end) in enumerate(bounds):
                if due < end:  # overdue cards are due today
                    forecast[k] += 1
                    break
        learner_rows.append(
            LearnerSnapshot(
                learner_id=p.id,
                computed_at=now,
                cards=len(per_learner[p.id]),
                due_now=due_now,
                overdue=overdue,
                due_today=due_today,
                new_available=max(published - len(per_learner[p.id]), 0),
                retrievability=recall_sum / studied if studied else None,
                forecast=forecast,
            )
        )
        topic_rows.extend(
            TopicSnapshot(
                learner_id=p.id,
                topic_id=topic_id,
                computed_at=now,
                cards=n,
                due_now=n_due,
                retrievability=recall / n,
            )
            for topic_id, (n, n_due, recall) in topics.items()
        )

    LearnerSnapshot.objects.bulk_create(
        learner_rows,
        update_conflicts=True,
        unique_fields=["learner"],
        update_fields=[
            "computed_at",
            "cards",
            "due_now",
            "overdue",
            "due_today",
            "new_available",
            "retrievability",
            "forecast",
        ],
    )
    TopicSnapshot.objects.filter(learner_id__in=ids).exclude(computed_at=now).delete()
    TopicSnapshot.objects.bulk_create(
        topic_rows,
        update_conflicts=True,
        unique_fields=["learner", "topic"],
        update_fields=["computed_at", "cards", "due_now", "retrievability"],
        batch_size=2000,
    )
    return len(prefs)
