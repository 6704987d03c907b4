"""The default beat schedule lives in the database and is created idempotently."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django_celery_beat.models import PeriodicTask

from studyhub.schedule import schedule_ensure_defaults

pytestmark = pytest.mark.django_db


def test_the_defaults_schedule_the_hourly_tasks_item_statistics_outbox_relay_and_ingest_resume():
    schedule_ensure_defaults()
    assert sorted(PeriodicTask.objects.values_list("task", flat=True)) == [
        "notes.tasks.ingest_runs_resume",
        "quizzes.tasks.compute_item_statistics",
        "quizzes.tasks.daily_reminders_dispatch",
        "quizzes.tasks.outbox_relay",
        "quizzes.tasks.rollups_dispatch",
        "quizzes.tasks.weekly_reviews_dispatch",
    ]


def test_item_statistics_run_once_a_day_at_night():
    schedule_ensure_defaults()
    crontab = PeriodicTask.objects.get(task="quizzes.tasks.compute_item_statistics").crontab
    assert (crontab.minute, crontab.hour) == ("30", "3")


def test_ensuring_twice_creates_nothing_the_second_time():
    schedule_ensure_defaults()
    assert schedule_ensure_defaults() == []


def test_an_instructors_change_is_kept(settings):
    schedule_ensure_defaults()
    PeriodicTask.objects.filter(task="quizzes.tasks.weekly_reviews_dispatch").update(enabled=False)
    call_command("ensure_schedule", stdout=StringIO())
    assert not PeriodicTask.objects.get(task="quizzes.tasks.weekly_reviews_dispatch").enabled


def test_every_scheduled_task_is_a_registered_task():
    from studyhub.celery import app

    app.loader.import_default_modules()  # registers the tasks, as the worker's autodiscovery does
    schedule_ensure_defaults()
    assert set(PeriodicTask.objects.values_list("task", flat=True)) <= set(app.tasks)


def test_ingest_runs_are_resumed_every_five_minutes():
    schedule_ensure_defaults()
    crontab = PeriodicTask.objects.get(task="notes.tasks.ingest_runs_resume").crontab
    assert (crontab.minute, crontab.hour) == ("*/5", "*")
