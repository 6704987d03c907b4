"""Recovery after a dead worker (#15.8): the timeouts that decide how soon its work is retaken agree."""

from __future__ import annotations

from django.conf import settings

from studyhub.celery import app


def test_every_task_is_acknowledged_late_and_requeued_when_its_worker_is_lost():
    assert (app.conf.task_acks_late, app.conf.task_reject_on_worker_lost) == (True, True)


def test_the_visibility_timeout_outlasts_every_batch_time_limit():
    if not settings.REDIS_URL:
        return  # the filesystem broker has no visibility timeout
    limits = [a["time_limit"] for a in settings.CELERY_TASK_ANNOTATIONS.values()]
    visibility = app.conf.broker_transport_options["visibility_timeout"]
    assert max(limits) < visibility <= 5 * 60


def test_one_smtp_send_cannot_outlast_two_minutes():
    # connect, EHLO, MAIL, RCPT, DATA, QUIT: each waits at most EMAIL_TIMEOUT
    assert 6 * settings.EMAIL_TIMEOUT < 120
