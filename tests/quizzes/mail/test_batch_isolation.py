"""One bad learner never fails a batch: a learner whose data makes their email fail is left out as a
dead letter of their own and everybody else in the batch gets theirs (issue #15, point 2)."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from smtplib import SMTPServerDisconnected
from unittest import mock

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

import quizzes.mail.selectors as mail_selectors
import quizzes.mail.services.emails as emails
from quizzes.mail.services.dead_letters import dead_letter_retry
from quizzes.mail.services.rollups import rollups_refresh_each
from quizzes.models import DeadLetter, LearnerSettings, LearnerSnapshot, SendStatus, WeeklyEmail
from quizzes.study.days import day_bounds
from quizzes.tasks import send_daily_reminders, send_weekly_batch, weekly_reviews_dispatch
from tests.factories import CardStateFactory, LearnerSettingsFactory, UserFactory

pytestmark = pytest.mark.django_db

MONDAY_9_UTC = dt.datetime(2025, 3, 10, 9, 0, tzinfo=dt.UTC)
WEEK = "2025-W11"
FAR = dt.date(9999, 12, 31)


@pytest.fixture
def learners():
    """ada, bob and cy with a card due; cy's exam date is the last date there is (stored by the ORM,
    as a form that accepted it would have)."""
    users = []
    for name in ("ada", "bob", "cy"):
        user = LearnerSettingsFactory(user=UserFactory(username=name), daily_reminder=True).user
        CardStateFactory(learner=user, due=MONDAY_9_UTC)
        users.append(user)
    LearnerSettings.objects.filter(user=users[2]).update(exam_date=FAR)
    return users


@pytest.fixture
def overflowing_days(monkeypatch):
    """The date arithmetic as it was when #15 was filed: no horizon check on a stored exam date, and
    the day after 9999-12-31 overflows. Both are fixed; the batch must hold whatever the next such
    bug is."""

    def old_day_bounds(*, day, tz, day_starts_hour):
        if day == FAR:
            raise OverflowError("date value out of range")
        return day_bounds(day=day, tz=tz, day_starts_hour=day_starts_hour)

    monkeypatch.setattr(mail_selectors, "day_bounds", old_day_bounds)
    monkeypatch.setattr(mail_selectors, "within_horizon", lambda *, day, today: True)


def recipients() -> list[str]:
    return sorted(m.to[0] for m in mail.outbox)


def send_batch(users) -> None:
    with time_machine.travel(MONDAY_9_UTC, tick=False):
        send_weekly_batch.delay([u.pk for u in users], WEEK)


def test_an_extreme_exam_date_stored_in_the_database_does_not_stop_the_batch(learners):
    send_batch(learners)
    assert {"ada@example.com", "bob@example.com"} <= set(recipients())


def test_the_learner_with_the_extreme_date_is_either_sent_or_a_dead_letter(learners):
    send_batch(learners)
    sent = "cy@example.com" in recipients()
    dead = DeadLetter.objects.filter(args=[learners[2].pk, WEEK]).exists()
    assert sent != dead


def test_a_learner_whose_email_cannot_be_computed_leaves_the_others_sent(learners, overflowing_days):
    send_batch(learners)
    assert recipients() == ["ada@example.com", "bob@example.com"]


def test_the_failing_learner_becomes_a_dead_letter_of_their_own(learners, overflowing_days):
    send_batch(learners)
    letter = DeadLetter.objects.get()
    assert (letter.task_name, letter.args) == ("quizzes.tasks.send_weekly_review", [learners[2].pk, WEEK])
    assert "OverflowError" in letter.error


def test_the_failing_learners_claim_row_says_failed_with_the_error(learners, overflowing_days):
    send_batch(learners)
    row = WeeklyEmail.objects.get(learner=learners[2])
    assert (row.status, "OverflowError" in row.error) == (SendStatus.FAILED, True)


def test_hourly_dispatches_keep_one_dead_letter_per_failing_learner(
    learners, overflowing_days, django_capture_on_commit_callbacks
):
    for hour in range(3):
        with (
            time_machine.travel(MONDAY_9_UTC + dt.timedelta(hours=hour), tick=False),
            django_capture_on_commit_callbacks(execute=True),
        ):
            weekly_reviews_dispatch.delay()
    assert DeadLetter.objects.count() == 1


def test_retrying_the_dead_letter_once_the_data_is_fixed_sends_that_learners_email(
    learners, overflowing_days, django_capture_on_commit_callbacks
):
    send_batch(learners)
    LearnerSettings.objects.filter(user=learners[2]).update(exam_date=None)
    with (
        time_machine.travel(MONDAY_9_UTC, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        dead_letter_retry(dead_letter_id=DeadLetter.objects.get().pk, now=MONDAY_9_UTC)
    assert recipients() == ["ada@example.com", "bob@example.com", "cy@example.com"]


def test_an_email_that_fails_to_render_fails_for_its_learner_alone(learners, monkeypatch):
    real = emails.render_to_string

    def render(template, context):
        if context.get("review") and context["review"].prefs.username == "bob":
            raise ValueError("a template cannot show this learner's data")
        return real(template, context)

    monkeypatch.setattr(emails, "render_to_string", render)
    send_batch(learners[:2])
    assert "bob@example.com" not in recipients()
    assert DeadLetter.objects.get().args == [learners[1].pk, WEEK]


def test_a_mail_server_outage_still_fails_the_whole_batch_for_a_retry(learners):
    down = mock.patch(
        "django.core.mail.EmailMultiAlternatives.send", side_effect=SMTPServerDisconnected("gone")
    )
    with pytest.raises(SMTPServerDisconnected), down:
        emails.weekly_reviews_send_batch(
            learner_ids=[u.pk for u in learners[:2]], iso_week=WEEK, now=MONDAY_9_UTC
        )
    assert DeadLetter.objects.count() == 0


def test_the_command_sends_the_others_and_counts_the_dead_letter(learners, overflowing_days):
    out = StringIO()
    with time_machine.travel(MONDAY_9_UTC, tick=False):
        call_command("send_weekly_reviews", stdout=out)
    assert (recipients(), "dead letters 1" in out.getvalue()) == (
        ["ada@example.com", "bob@example.com"],
        True,
    )


def test_the_dry_run_lists_everyone_and_names_the_learner_who_would_fail(learners, overflowing_days):
    out = StringIO()
    with time_machine.travel(MONDAY_9_UTC, tick=False):
        call_command("send_weekly_reviews", "--dry-run", stdout=out)
    lines = out.getvalue().splitlines()
    assert [line.split()[1] for line in lines[:-1]] == ["ada", "bob", "cy"]
    assert "would be a dead letter" in lines[2]


def test_the_dry_run_with_an_extreme_date_does_not_crash(learners):
    out = StringIO()
    with time_machine.travel(MONDAY_9_UTC, tick=False):
        call_command("send_weekly_reviews", "--dry-run", stdout=out)
    assert "3 learner(s)" in out.getvalue()


def test_a_daily_reminder_batch_sends_the_others_when_one_learners_rollup_fails(learners, monkeypatch):
    import quizzes.mail.services.rollups as rollups

    real = rollups.learner_date

    def learner_date(*, now, tz, day_starts_hour):
        if day_starts_hour == 7:
            raise OverflowError("date value out of range")
        return real(now=now, tz=tz, day_starts_hour=day_starts_hour)

    monkeypatch.setattr(rollups, "learner_date", learner_date)
    LearnerSettings.objects.filter(user=learners[0]).update(day_starts_hour=7)
    with time_machine.travel(MONDAY_9_UTC, tick=False):
        send_daily_reminders.delay([u.pk for u in learners], "2025-03-10")
    assert recipients() == ["bob@example.com", "cy@example.com"]
    assert DeadLetter.objects.get().args == [[learners[0].pk], "2025-03-10"]


def test_the_hourly_rollup_batch_leaves_out_only_the_learner_it_cannot_compute(learners, monkeypatch):
    import quizzes.mail.services.rollups as rollups

    real = rollups.learner_date

    def learner_date(*, now, tz, day_starts_hour):
        if day_starts_hour == 7:
            raise OverflowError("date value out of range")
        return real(now=now, tz=tz, day_starts_hour=day_starts_hour)

    monkeypatch.setattr(rollups, "learner_date", learner_date)
    LearnerSettings.objects.filter(user=learners[0]).update(day_starts_hour=7)
    left_out = rollups_refresh_each(learner_ids=[u.pk for u in learners], now=MONDAY_9_UTC)
    assert left_out == [learners[0].pk]
    assert set(LearnerSnapshot.objects.values_list("learner_id", flat=True)) == {u.pk for u in learners[1:]}
