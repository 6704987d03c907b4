"""The default Celery beat schedule, stored in the database (django-celery-beat) so an instructor can
see and change it in the admin. Creating the defaults is idempotent and never overwrites an edit."""

from __future__ import annotations

from django.db import transaction
from django_celery_beat.models import CrontabSchedule, PeriodicTask

# name -> (task, minute, [hour]) in UTC; hour defaults to every hour. Rollups first so reminders and
# emails read fresh snapshots.
DEFAULT_SCHEDULE: dict[str, tuple[str, ...]] = {
    "Roll up schedules and find overdue learners (hourly)": ("quizzes.tasks.rollups_dispatch", "0"),
    "Daily reviews-due reminders in each learner's morning (hourly)": (
        "quizzes.tasks.daily_reminders_dispatch",
        "10",
    ),
    "Weekly review emails at each learner's weekday and hour (hourly)": (
        "quizzes.tasks.weekly_reviews_dispatch",
        "15",
    ),
    "Item statistics for the question bank (daily, 03:30 UTC)": (
        "quizzes.tasks.compute_item_statistics",
        "30",
        "3",
    ),
    "Relay tasks kept in the outbox while the broker was down (every minute)": (
        "quizzes.tasks.outbox_relay",
        "*",
    ),
    "Resume ingest runs whose worker died (every five minutes)": ("notes.tasks.ingest_runs_resume", "*/5"),
}


@transaction.atomic
def schedule_ensure_defaults() -> list[str]:
    """Create the missing default periodic tasks; returns the names created (empty when all exist)."""
    created = []
    for name, (task, minute, *hour) in DEFAULT_SCHEDULE.items():
        if PeriodicTask.objects.filter(task=task).exists():
            continue  # an instructor may have renamed, re-timed or disabled it: leave it alone
        crontab, _ = CrontabSchedule.objects.get_or_create(
            minute=minute,
            hour=hour[0] if hour else "*",
            day_of_week="*",
            day_of_month="*",
            month_of_year="*",
            timezone="UTC",
        )
        PeriodicTask.objects.create(name=name, task=task, crontab=crontab)
        created.append(name)
    return created
