"""Gathers the Celery tasks of the quizzes app for Celery's autodiscovery; each capability defines its
own. Their names stay ``quizzes.tasks.<name>``, the names stored in beat's schedule, outbox rows and
dead letters."""

from quizzes.bank.tasks import compute_item_statistics, generate_items
from quizzes.mail.tasks import (
    daily_reminders_dispatch,
    rollups_batch,
    rollups_dispatch,
    send_daily_reminders,
    send_weekly_batch,
    send_weekly_review,
    weekly_reviews_dispatch,
)

__all__ = [
    "compute_item_statistics",
    "daily_reminders_dispatch",
    "generate_items",
    "rollups_batch",
    "rollups_dispatch",
    "send_daily_reminders",
    "send_weekly_batch",
    "send_weekly_review",
    "weekly_reviews_dispatch",
]
