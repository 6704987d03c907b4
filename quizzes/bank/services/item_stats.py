"""Computing and storing ``ItemStatistics`` for every question (run by the Celery task
``compute_item_statistics``; the admin only reads the stored rows).

First attempts come from practice answers (``ReviewLog`` mode practice) and from submitted exams
(``ExamQuestion``; an unanswered exam question scores 0). Exam answers also write a ``ReviewLog`` of
mode exam, which is not read here so an exam answer is not counted twice.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from quizzes.bank.item_stats import Attempt, item_analysis, rest_of_test, review_flags
from quizzes.models import ExamQuestion, Item, ItemReport, ItemStatistics, ReviewLog

# Questions analysed per pass: memory holds the attempts of this many questions at a time, not of the
# whole bank (a bank of 1,000 questions with 1,000 practice answers each is a million rows).
CHUNK = 50
STAT_FIELDS = [
    "attempts",
    "facility",
    "discrimination",
    "exam_attempts",
    "choice_counts",
    "open_reports",
    "flagged",
    "flag_reasons",
    "computed_at",
]


def _exam_totals() -> dict[int, tuple[int, int]]:
    """Submitted exam attempt -> (questions right, questions), counted in SQL: one small row per attempt."""
    rows = (
        ExamQuestion.objects.filter(attempt__submitted_at__isnull=False)
        .order_by()
        .values("attempt_id")
        .annotate(right=Count("pk", filter=Q(correct=True)), questions=Count("pk"))
    )
    return {row["attempt_id"]: (row["right"], row["questions"]) for row in rows}


def _attempts_by_item(item_ids: list[int], totals: dict[int, tuple[int, int]]) -> dict[int, list[Attempt]]:
    by_item: dict[int, list[Attempt]] = defaultdict(list)
    practice = ReviewLog.objects.filter(
        mode=ReviewLog.Mode.PRACTICE, correct__isnull=False, item_id__in=item_ids
    ).values_list("item_id", "learner_id", "reviewed_at", "correct", "chosen")
    for item_id, learner_id, at, correct, chosen in practice.iterator(chunk_size=5000):
        by_item[item_id].append(Attempt(learner_id, at, bool(correct), tuple(chosen or ())))

    exam = ExamQuestion.objects.filter(attempt__submitted_at__isnull=False, item_id__in=item_ids).values_list(
        "attempt_id", "attempt__learner_id", "attempt__submitted_at", "item_id", "correct", "chosen"
    )
    for attempt_id, learner_id, at, item_id, correct, chosen in exam.iterator(chunk_size=5000):
        right, questions = totals[attempt_id]
        rest = rest_of_test(
            correct_in_attempt=right, questions_in_attempt=questions, item_correct=bool(correct)
        )
        by_item[item_id].append(Attempt(learner_id, at, bool(correct), tuple(chosen or ()), rest))
    return by_item


@transaction.atomic
def item_statistics_compute(*, now: datetime | None = None) -> int:
    """Recompute the statistics row of every question, ``CHUNK`` questions at a time; returns how many
    rows were written. Idempotent: a second run rewrites the same values."""
    now = now or timezone.now()
    totals = _exam_totals()
    question_ids = list(Item.objects.questions().order_by("pk").values_list("pk", flat=True))
    written = 0
    for start in range(0, len(question_ids), CHUNK):
        written += _compute_chunk(question_ids[start : start + CHUNK], totals=totals, now=now)
    return written


def _compute_chunk(item_ids: list[int], *, totals: dict[int, tuple[int, int]], now: datetime) -> int:
    by_item = _attempts_by_item(item_ids, totals)
    questions = Item.objects.filter(pk__in=item_ids).annotate(
        n_open=Count("reports", filter=Q(reports__resolved=False))
    )
    existing = {s.item_id: s for s in ItemStatistics.objects.filter(item_id__in=item_ids)}
    create, update = [], []
    for item in questions:
        analysis = item_analysis(by_item.get(item.pk, ()), n_choices=len(item.choices))
        flags = review_flags(analysis)
        row = existing.get(item.pk) or ItemStatistics(item=item)
        row.attempts = analysis.attempts
        row.facility = analysis.facility
        row.discrimination = analysis.discrimination
        row.exam_attempts = analysis.exam_attempts
        row.choice_counts = analysis.choice_counts
        row.open_reports = item.n_open
        row.flagged = bool(flags)
        row.flag_reasons = "; ".join(flags)
        row.computed_at = now
        (update if row.pk else create).append(row)
    ItemStatistics.objects.bulk_create(create, batch_size=500)
    ItemStatistics.objects.bulk_update(update, STAT_FIELDS, batch_size=500)
    return len(create) + len(update)


def item_statistics_refresh_reports(*, item_id: int) -> None:
    """Keep the open-report count current between two runs of the task (a report was filed or resolved)."""
    ItemStatistics.objects.filter(item_id=item_id).update(
        open_reports=ItemReport.objects.filter(item_id=item_id, resolved=False).count()
    )
