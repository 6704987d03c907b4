"""A learner's own data as one JSON document (docs/learner-export.md): settings, card states, the
review log and exam attempts with their questions. Only rows of that learner, ever."""

from __future__ import annotations

from datetime import date, datetime

from django.contrib.auth.models import AbstractBaseUser

from quizzes.models import CardState, ExamAttempt, ExamQuestion, LearnerSettings, ReviewLog

EXPORT_FORMAT = "studyhub.learner-export"
EXPORT_VERSION = 1


def _iso(value: datetime | date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _settings_json(settings: LearnerSettings | None) -> dict[str, object] | None:
    if settings is None:
        return None
    return {
        "timezone": settings.timezone,
        "day_starts_hour": settings.day_starts_hour,
        "new_per_day": settings.new_per_day,
        "max_reviews_per_day": settings.max_reviews_per_day,
        "desired_retention": settings.desired_retention,
        "exam_date": _iso(settings.exam_date),
        "weekly_email": settings.weekly_email,
        "weekly_weekday": settings.weekly_weekday,
        "weekly_hour": settings.weekly_hour,
        "daily_reminder": settings.daily_reminder,
    }


def learner_export(*, learner: AbstractBaseUser, now: datetime) -> dict[str, object]:
    settings = LearnerSettings.objects.filter(user=learner).first()
    states = CardState.objects.filter(learner=learner).select_related("item").order_by("item_id")
    logs = ReviewLog.objects.filter(learner=learner).select_related("item").order_by("reviewed_at", "pk")
    attempts = ExamAttempt.objects.filter(learner=learner).order_by("started_at", "pk")
    questions: dict[int, list[ExamQuestion]] = {}
    for question in (
        ExamQuestion.objects.filter(attempt__learner=learner).select_related("item").order_by("position")
    ):
        questions.setdefault(question.attempt_id, []).append(question)
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": _iso(now),
        "learner": {"username": learner.get_username(), "email": getattr(learner, "email", "")},
        "settings": _settings_json(settings),
        "card_states": [
            {
                "item": s.item.key,
                "due": _iso(s.due),
                "state": s.state,
                "stability": s.stability,
                "difficulty": s.difficulty,
                "last_review": _iso(s.last_review),
                "reps": s.reps,
                "lapses": s.lapses,
                "introduced_at": _iso(s.introduced_at),
                "fsrs_card": s.card,
            }
            for s in states
        ],
        "review_log": [
            {
                "item": log.item.key,
                "reviewed_at": _iso(log.reviewed_at),
                "rating": log.rating,
                "duration_ms": log.duration_ms,
                "mode": log.mode,
                "correct": log.correct,
                "chosen": log.chosen,
                "state_before": log.state_before,
                "was_new": log.was_new,
            }
            for log in logs.iterator(chunk_size=2000)
        ],
        "exam_attempts": [
            {
                "started_at": _iso(a.started_at),
                "deadline": _iso(a.deadline),
                "submitted_at": _iso(a.submitted_at),
                "auto_submitted": a.auto_submitted,
                "length": a.length,
                "time_limit_minutes": a.time_limit_minutes,
                "score_scaled": a.score_scaled,
                "passed": a.passed,
                "questions": [
                    {
                        "position": q.position,
                        "item": q.item.key,
                        "choice_order": q.choice_order,
                        "chosen": q.chosen,
                        "flagged": q.flagged,
                        "answered_at": _iso(q.answered_at),
                        "correct": q.correct,
                    }
                    for q in questions.get(a.pk, [])
                ],
            }
            for a in attempts
        ],
    }
