"""The weekly email through its tasks (eager here; tests/integration runs a real worker), the dead
letter after the last retry, and the operator's command."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from smtplib import SMTPServerDisconnected
from unittest import mock

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from quizzes.mail.services.dead_letters import dead_letter_retry
from quizzes.models import DeadLetter, WeeklyEmail
from quizzes.tasks import send_weekly_batch, weekly_reviews_dispatch
from tests.factories import CardStateFactory, LearnerSettingsFactory, UserFactory

pytestmark = pytest.mark.django_db

UTC = dt.UTC
MONDAY_9_UTC = dt.datetime(2025, 3, 10, 9, 0, tzinfo=UTC)
WEDNESDAY_9_UTC = MONDAY_9_UTC + dt.timedelta(days=2)


@pytest.fixture
def learners():
    """Three learners with a card due: one on the default Monday slot, two on Friday."""
    users = []
    for name, weekday in (("ada", 0), ("bob", 4), ("cy", 4)):
        user = LearnerSettingsFactory(user=UserFactory(username=name), weekly_weekday=weekday).user
        CardStateFactory(learner=user, due=MONDAY_9_UTC)
        users.append(user)
    return users


@pytest.fixture
def dispatch(django_capture_on_commit_callbacks):
    """The hourly dispatch at ``now``, running the batches it enqueues on commit."""

    def run(now: dt.datetime = MONDAY_9_UTC) -> None:
        with time_machine.travel(now, tick=False), django_capture_on_commit_callbacks(execute=True):
            weekly_reviews_dispatch.delay()

    return run


@pytest.fixture
def worker_like_failures():
    """Eager tasks that retry and fail as on a worker (propagation would skip retries and on_failure)."""
    from studyhub.celery import app

    app.conf.task_eager_propagates = False
    yield
    app.conf.task_eager_propagates = True


def smtp_down():
    return mock.patch(
        "django.core.mail.EmailMultiAlternatives.send", side_effect=SMTPServerDisconnected("gone")
    )


def test_the_hourly_dispatch_emails_the_learners_whose_slot_has_come(learners, dispatch):
    dispatch()
    assert [m.to for m in mail.outbox] == [["ada@example.com"]]


def test_running_the_hourly_dispatch_twice_sends_nothing_twice(learners, dispatch):
    dispatch()
    dispatch()
    assert len(mail.outbox) == 1


def test_a_batch_enqueued_twice_sends_each_email_once(learners):
    ids = [u.pk for u in learners]
    with time_machine.travel(MONDAY_9_UTC, tick=False):
        send_weekly_batch.delay(ids, "2025-W11")
        send_weekly_batch.delay(ids, "2025-W11")
    assert sorted(m.to[0] for m in mail.outbox) == ["ada@example.com", "bob@example.com", "cy@example.com"]


def test_a_batch_that_fails_its_last_retry_leaves_a_dead_letter(learners, worker_like_failures):
    with time_machine.travel(MONDAY_9_UTC, tick=False), smtp_down():
        send_weekly_batch.delay([learners[0].pk], "2025-W11")
    letter = DeadLetter.objects.get()
    assert (letter.task_name, letter.args) == (
        "quizzes.tasks.send_weekly_batch",
        [[learners[0].pk], "2025-W11"],
    )
    assert "SMTPServerDisconnected" in letter.error


def test_the_batch_is_retried_five_times_before_the_dead_letter(learners, worker_like_failures):
    with time_machine.travel(MONDAY_9_UTC, tick=False), smtp_down() as send:
        send_weekly_batch.delay([learners[0].pk], "2025-W11")
    assert send.call_count == 6


def test_retrying_a_dead_letter_sends_the_email(
    learners, worker_like_failures, django_capture_on_commit_callbacks
):
    with time_machine.travel(MONDAY_9_UTC, tick=False):
        with smtp_down():
            send_weekly_batch.delay([learners[0].pk], "2025-W11")
        with django_capture_on_commit_callbacks(execute=True):
            dead_letter_retry(dead_letter_id=DeadLetter.objects.get().pk, now=MONDAY_9_UTC)
    assert [m.to for m in mail.outbox] == [["ada@example.com"]]


def test_the_admin_retry_action_marks_the_dead_letter_retried(learners, admin_client):
    letter = DeadLetter.objects.create(
        task_name="quizzes.tasks.send_weekly_batch", args=[[0], "2025-W11"], error="x"
    )
    admin_client.post(
        "/admin/quizzes/deadletter/", {"action": "retry", "_selected_action": [letter.pk]}, follow=True
    )
    letter.refresh_from_db()
    assert letter.retried_at is not None


def test_the_command_sends_every_unsent_email_of_the_week_whatever_the_weekday(learners):
    with time_machine.travel(MONDAY_9_UTC, tick=False):
        call_command("send_weekly_reviews", stdout=StringIO())
    assert len(mail.outbox) == 3


def test_the_command_leaves_already_sent_emails_alone(learners, dispatch):
    dispatch()
    with time_machine.travel(MONDAY_9_UTC, tick=False):
        call_command("send_weekly_reviews", stdout=StringIO())
    assert sorted(m.to[0] for m in mail.outbox) == ["ada@example.com", "bob@example.com", "cy@example.com"]


def test_the_command_can_send_to_one_learner(learners):
    with time_machine.travel(WEDNESDAY_9_UTC, tick=False):
        call_command("send_weekly_reviews", "--learner", "bob", stdout=StringIO())
    assert [m.to for m in mail.outbox] == [["bob@example.com"]]


def test_the_dry_run_prints_who_would_get_what(learners):
    out = StringIO()
    with time_machine.travel(WEDNESDAY_9_UTC, tick=False):
        call_command("send_weekly_reviews", "--dry-run", stdout=out)
    assert '2025-W11  bob <bob@example.com>  "Your week in studyhub: 1 review due"' in out.getvalue()


def test_the_dry_run_sends_and_records_nothing(learners):
    with time_machine.travel(WEDNESDAY_9_UTC, tick=False):
        call_command("send_weekly_reviews", "--dry-run", stdout=StringIO())
    assert (len(mail.outbox), WeeklyEmail.objects.count()) == (0, 0)
