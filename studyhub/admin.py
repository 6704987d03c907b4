"""Beat's schedule in the admin offers only studyhub's own periodic tasks (studyhub/schedule.py), and
refuses arguments a task cannot be called with: an instructor edits *when* the jobs run, never
*which* code a worker runs."""

from __future__ import annotations

import inspect
import json

from django import forms
from django.contrib import admin
from django_celery_beat.admin import PeriodicTaskAdmin, PeriodicTaskForm
from django_celery_beat.models import PeriodicTask

from studyhub.schedule import DEFAULT_SCHEDULE

PERIODIC_TASKS = sorted({task for task, *_ in DEFAULT_SCHEDULE.values()})


def _task_signature(name: str) -> inspect.Signature | None:
    from studyhub.celery import app

    app.loader.import_default_modules()
    task = app.tasks.get(name)
    return inspect.signature(task.run) if task is not None else None


class StudyhubPeriodicTaskForm(PeriodicTaskForm):
    regtask = forms.ChoiceField(
        label="Task", required=False, choices=[("", "---------"), *((t, t) for t in PERIODIC_TASKS)]
    )
    task = forms.CharField(label="Task name", required=False, max_length=200)

    def clean(self):
        data = super().clean()
        task = data.get("task")
        if task not in PERIODIC_TASKS:
            self.add_error("regtask", "Choose one of studyhub's periodic tasks.")
            return data
        args, kwargs = self._decoded("args", list), self._decoded("kwargs", dict)
        if args is None or kwargs is None:
            return data
        signature = _task_signature(task)
        try:
            if signature is None:  # only the workers know it: it takes nothing
                if args or kwargs:
                    raise TypeError("takes no arguments")
            else:
                signature.bind(*args, **kwargs)
        except TypeError as exc:
            self.add_error("args", f"{task} cannot be called with these arguments: {exc}")
        return data

    def _decoded(self, field: str, kind: type) -> list | dict | None:
        raw = self.cleaned_data.get(field)
        if raw is None:
            return None  # already reported by clean_<field>
        value = json.loads(raw or ("[]" if kind is list else "{}"))
        if not isinstance(value, kind):
            self.add_error(field, f"Must be a JSON {'list' if kind is list else 'object'}.")
            return None
        return value


admin.site.unregister(PeriodicTask)


@admin.register(PeriodicTask)
class StudyhubPeriodicTaskAdmin(PeriodicTaskAdmin):
    form = StudyhubPeriodicTaskForm
