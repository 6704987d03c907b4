"""Beat's schedule in the admin: only studyhub's periodic tasks, with arguments they accept."""

from __future__ import annotations

import pytest
from django_celery_beat.models import CrontabSchedule, PeriodicTask

from studyhub.admin import PERIODIC_TASKS, StudyhubPeriodicTaskForm

pytestmark = pytest.mark.django_db


def form_for(**fields) -> StudyhubPeriodicTaskForm:
    crontab = CrontabSchedule.objects.create(minute="0", hour="*")
    data = {
        "name": "a job",
        "regtask": "quizzes.tasks.rollups_dispatch",
        "task": "",
        "enabled": "on",
        "crontab": str(crontab.pk),
        "args": "[]",
        "kwargs": "{}",
        "headers": "{}",
        "priority": "",
        "expire_seconds": "",
        **fields,
    }
    return StudyhubPeriodicTaskForm(data=data)


def test_the_task_choices_are_studyhubs_periodic_tasks_only():
    choices = [value for value, _ in StudyhubPeriodicTaskForm().fields["regtask"].choices if value]
    assert choices == PERIODIC_TASKS and "celery.backend_cleanup" not in choices


def test_one_of_studyhubs_tasks_with_no_arguments_is_accepted():
    form = form_for()
    assert form.is_valid(), form.errors


@pytest.mark.parametrize("task", ["celery.backend_cleanup", "quizzes.tasks.send_weekly_batch", "os.system"])
def test_any_other_task_is_refused_and_nothing_is_stored(task):
    form = form_for(regtask="", task=task)
    assert (form.is_valid(), PeriodicTask.objects.filter(task=task).exists()) == (False, False)


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [
        ('["rm -rf /"]', "{}"),
        ("[]", '{"learner_ids": [1]}'),
        ('{"a": 1}', "{}"),
        ("[]", "[1]"),
        ("not json", "{}"),
    ],
)
def test_arguments_the_task_does_not_take_are_refused(args, kwargs):
    assert not form_for(args=args, kwargs=kwargs).is_valid()


def test_the_schedule_page_offers_only_studyhubs_tasks(client):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.create_superuser("root", "root@example.com", "pw"))
    page = client.get("/admin/django_celery_beat/periodictask/add/").content.decode()
    assert ("quizzes.tasks.rollups_dispatch" in page, "celery.backend_cleanup" in page) == (True, False)
