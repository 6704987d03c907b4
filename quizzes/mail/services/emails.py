"""The weekly review email and the daily "reviews due" reminder: claim, render, send, record.

Exactly once per learner per ISO week (per local date for reminders) rests on a claim row:

1. insert ``WeeklyEmail(learner, iso_week, status="sending", claim_token=…)`` in its own transaction;
   the unique constraint on (learner, iso_week) makes the insert the claim, so a second run of the
   task, a redelivered message or a second beat process finds the row and sends nothing;
2. hand the message to the mail server;
3. set the row to ``sent`` (only if it still carries our claim token).

A worker killed between 1 and 3 leaves a ``sending`` row. While a batch runs, a heartbeat thread
refreshes ``claimed_at`` of the claims it holds every ``QUIZZES_EMAIL_CLAIM_HEARTBEAT`` seconds
(20 by default), so a claim goes stale only when its worker stopped beating: once it is older than
``QUIZZES_EMAIL_CLAIM_TIMEOUT`` seconds (90 by default) it may be taken over, and the redelivered
message (``acks_late``) or the next dispatch sends it. A slow SMTP server never makes a live
worker's claim look dead, and a dead worker's claim is free again within two minutes. That makes
the send *at least once* in one narrow window only — the mail server accepted the message and the
worker died before step 3 committed — and *exactly once* everywhere else; the alternative (never
reclaim) would lose the email for good after any crash between 1 and 2, which is the likelier case.
A failed send marks the row ``failed`` so that the retry may claim it again at once.

Claim times are the clock at the moment of the claim (``timezone.now()``), not the batch's ``now``:
a claim taken late in a long batch is as fresh as any other.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from smtplib import SMTPException

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, models, transaction
from django.db import connection as db_connection
from django.db.models import F, Q
from django.template.defaultfilters import pluralize
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from quizzes.mail.selectors import (
    DONE_STATUSES,
    WeeklyReview,
    learner_prefs,
    snapshots_stale,
    weekly_emails_due,
    weekly_reviews_read,
    weekly_week_open,
)
from quizzes.mail.services.isolation import (
    INFRASTRUCTURE_ERRORS,
    LEARNER_TASK,
    each_learner,
    error_text,
    learner_dead_letter,
)
from quizzes.mail.services.rollups import rollups_refresh
from quizzes.models import DailyReminder, LearnerSettings, LearnerSnapshot, SendStatus, WeeklyEmail

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "quizzes.email.unsubscribe"
LISTS = {"weekly": "weekly_email", "daily": "daily_reminder"}  # list name -> LearnerSettings flag
SEND_ERRORS = (SMTPException, OSError)


def claim_timeout() -> timedelta:
    return timedelta(seconds=float(getattr(settings, "QUIZZES_EMAIL_CLAIM_TIMEOUT", 90)))


def claim_heartbeat() -> float:
    """Seconds between two refreshes of a live worker's claims (a few per claim timeout)."""
    return float(getattr(settings, "QUIZZES_EMAIL_CLAIM_HEARTBEAT", 20))


def batch_size() -> int:
    return int(getattr(settings, "QUIZZES_EMAIL_BATCH_SIZE", 500))


# --- the claim state machine, shared by WeeklyEmail and DailyReminder ----------------------------


def _claim(model: type[models.Model], *, key: dict[str, object], token: str, now: datetime) -> bool:
    """Take the claim on ``key``: insert it, or take over a failed or stale one. True if ours.
    (``now`` is the batch's clock; the claim is timed by the clock of this moment.)"""
    now = timezone.now()
    try:
        with transaction.atomic():
            model.objects.create(**key, status=SendStatus.SENDING, claim_token=token, claimed_at=now)
        return True
    except IntegrityError:
        pass
    takeover = Q(status=SendStatus.FAILED) | Q(
        status=SendStatus.SENDING, claimed_at__lt=now - claim_timeout()
    )
    # A conditional UPDATE: of two workers taking over the same stale claim only one matches.
    taken = (
        model.objects.filter(**key)
        .filter(takeover)
        .update(
            status=SendStatus.SENDING, claim_token=token, claimed_at=now, attempts=F("attempts") + 1, error=""
        )
    )
    return taken == 1


def _finish(
    model: type[models.Model],
    *,
    key: dict[str, object],
    token: str,
    status: str,
    now: datetime,
    error: str = "",
) -> None:
    updated = model.objects.filter(**key, claim_token=token, status=SendStatus.SENDING).update(
        status=status, sent_at=now if status == SendStatus.SENT else None, error=error[:2000]
    )
    if not updated:
        logger.warning("claim on %s %s was taken over before it was marked %s", model.__name__, key, status)


def claims_refresh(*, model: type[models.Model], token: str) -> int:
    """Mark the claims held under ``token`` as alive now; returns how many."""
    return model.objects.filter(claim_token=token, status=SendStatus.SENDING).update(
        claimed_at=timezone.now()
    )


@contextlib.contextmanager
def _claims_heartbeat(model: type[models.Model], *, token: str) -> Iterator[None]:
    """While the block runs, refresh the claims held under ``token`` every claim_heartbeat() seconds
    from a thread (its own database connection), so only a dead worker's claims go stale."""
    stop = threading.Event()

    def beat() -> None:
        try:
            while not stop.wait(claim_heartbeat()):
                claims_refresh(model=model, token=token)
        except Exception:  # a missed beat only makes the claim look older; the send goes on
            logger.exception("claim heartbeat of %s %s failed", model.__name__, token)
        finally:
            db_connection.close()

    thread = threading.Thread(target=beat, name=f"claim-heartbeat-{token[:8]}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=claim_heartbeat() + 30)


# --- unsubscribe ----------------------------------------------------------------------------------


def unsubscribe_token(*, learner_id: int, mailing_list: str = "weekly") -> str:
    """A signed token naming the learner and the list; it never expires, like the emails that hold it."""
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign_object(
        {"u": learner_id, "l": mailing_list}, compress=True
    )


def unsubscribe_url(*, learner_id: int, mailing_list: str = "weekly") -> str:
    token = unsubscribe_token(learner_id=learner_id, mailing_list=mailing_list)
    return settings.SITE_URL.rstrip("/") + reverse("quizzes:email-unsubscribe", args=[token])


def unsubscribe_read(*, token: str) -> tuple[int, str]:
    """(learner id, list) of a token; raises ``signing.BadSignature`` for a forged or broken one."""
    data = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign_object(token)
    if not isinstance(data, dict) or data.get("l") not in LISTS or not isinstance(data.get("u"), int):
        raise signing.BadSignature("malformed unsubscribe token")
    return data["u"], data["l"]


def email_unsubscribe(*, token: str) -> tuple[int, str]:
    """Turn the list named by the token off for its learner (idempotent); returns (learner id, list)."""
    learner_id, mailing_list = unsubscribe_read(token=token)
    prefs, _ = LearnerSettings.objects.get_or_create(user_id=learner_id)
    setattr(prefs, LISTS[mailing_list], False)
    prefs.save(update_fields=[LISTS[mailing_list]])
    return learner_id, mailing_list


def _list_headers(url: str) -> dict[str, str]:
    # RFC 8058 one-click: the mail client POSTs "List-Unsubscribe=One-Click" to the URL.
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


# --- the weekly review email ----------------------------------------------------------------------


def weekly_review_subject(*, review: WeeklyReview) -> str:
    due, new = review.due_this_week, review.new_this_week
    if due:
        return f"Your week in studyhub: {due} review{pluralize(due)} due"
    return f"Your course is waiting: {new} new card{pluralize(new)} to start this week"


def weekly_review_message(*, review: WeeklyReview, connection=None) -> EmailMultiAlternatives:
    site = settings.SITE_URL.rstrip("/")
    unsubscribe = unsubscribe_url(learner_id=review.prefs.id, mailing_list="weekly")
    context = {
        "review": review,
        "subject": weekly_review_subject(review=review),
        "start_url": f"{site}/study/",
        "settings_url": f"{site}/settings/",
        "unsubscribe_url": unsubscribe,
        "forecast": [
            {
                "day": day,
                "count": n,
                "width": round(100 * n / review.forecast_max) if review.forecast_max else 0,
            }
            for day, n in review.forecast
        ],
    }
    message = EmailMultiAlternatives(
        subject=context["subject"],
        body=render_to_string("quizzes/email/weekly_review.txt", context),
        to=[review.prefs.email],
        headers=_list_headers(unsubscribe),
        connection=connection,
    )
    message.attach_alternative(render_to_string("quizzes/email/weekly_review.html", context), "text/html")
    return message


@dataclass
class BatchResult:
    sent: list[int] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)  # nothing to study
    not_claimed: list[int] = field(default_factory=list)  # already sent, or another worker holds it
    out_of_week: list[int] = field(default_factory=list)  # the learner's local week has moved on
    failed: list[int] = field(default_factory=list)
    dead: list[int] = field(default_factory=list)  # their data made the email fail: one dead letter each


def weekly_review_batch(*, learner_ids: list[int], now: datetime) -> list[WeeklyReview]:
    """The weekly emails of a batch of learners, in a constant number of queries: rollups of learners
    without a fresh snapshot are refreshed first (also in a constant number of queries), then read."""
    prefs = learner_prefs(learner_ids=learner_ids)
    stale = snapshots_stale(learner_ids=[p.id for p in prefs], now=now)
    if stale:
        rollups_refresh(learner_ids=stale, now=now)
    return weekly_reviews_read(prefs=prefs, now=now)


def _weekly_dead(
    *,
    result: BatchResult,
    learner_id: int,
    iso_week: str,
    token: str,
    now: datetime,
    exc: Exception,
    claimed: bool = False,
) -> None:
    """A learner whose email cannot be made: the claim row says ``failed`` with the error, and the
    learner becomes a dead letter of their own (retried alone, from the admin)."""
    key = {"learner_id": learner_id, "iso_week": iso_week}
    if claimed or _claim(WeeklyEmail, key=key, token=token, now=now):
        _finish(WeeklyEmail, key=key, token=token, status=SendStatus.FAILED, now=now, error=repr(exc))
    learner_dead_letter(task_name=LEARNER_TASK, args=[learner_id, iso_week], error=error_text(exc))
    result.dead.append(learner_id)


def weekly_reviews_send_batch(
    *, learner_ids: list[int], iso_week: str, now: datetime, any_hour: bool = False
) -> BatchResult:
    """Send the weekly review email of ``iso_week`` to each of these learners who studies and has not
    had it, while the week is open (``quizzes.mail.selectors.weekly_week_open``: its slot came less
    than a day ago or, with ``any_hour``, it is the learner's current local week).

    Safe to run twice and concurrently (see the module docstring). Reads cost a constant number of
    queries per batch; each learner then costs one claim INSERT and one UPDATE. A failed send does
    not stop the batch: the others are sent, then the last error is raised so the task retries. A
    learner whose data makes the email fail (not the mail server or the database) is left out as a
    dead letter of their own, and the batch goes on (quizzes/mail/services/isolation.py)."""
    result = BatchResult()
    done = set(
        WeeklyEmail.objects.filter(
            learner_id__in=learner_ids, iso_week=iso_week, status__in=DONE_STATUSES
        ).values_list("learner_id", flat=True)
    )
    result.not_claimed.extend(i for i in learner_ids if i in done)
    todo = [i for i in learner_ids if i not in done]
    if not todo:
        return result
    token = uuid.uuid4().hex
    connection = get_connection()
    last_error: Exception | None = None
    with _claims_heartbeat(WeeklyEmail, token=token):
        reviews = each_learner(
            learner_ids=todo,
            work=lambda ids: weekly_review_batch(learner_ids=ids, now=now),
            on_error=lambda learner_id, exc: _weekly_dead(
                result=result, learner_id=learner_id, iso_week=iso_week, token=token, now=now, exc=exc
            ),
        )
        for review in reviews:
            learner_id = review.prefs.id
            if not (review.prefs.weekly_email and review.prefs.studies):
                continue  # unsubscribed since the batch was enqueued, or never studied
            if not weekly_week_open(prefs=review.prefs, iso_week=iso_week, now=now, any_hour=any_hour):
                result.out_of_week.append(learner_id)
                continue
            key = {"learner_id": learner_id, "iso_week": iso_week}
            if not _claim(WeeklyEmail, key=key, token=token, now=now):
                result.not_claimed.append(learner_id)
                continue
            if not review.has_something_to_study:
                _finish(WeeklyEmail, key=key, token=token, status=SendStatus.SKIPPED, now=now)
                result.skipped.append(learner_id)
                continue
            try:
                weekly_review_message(review=review, connection=connection).send()
            except INFRASTRUCTURE_ERRORS as exc:
                _finish(WeeklyEmail, key=key, token=token, status=SendStatus.FAILED, now=now, error=repr(exc))
                result.failed.append(learner_id)
                last_error = exc
                continue
            except Exception as exc:  # this learner's email cannot be rendered: theirs alone fails
                logger.exception("weekly email of learner %s failed", learner_id)
                _weekly_dead(
                    result=result,
                    learner_id=learner_id,
                    iso_week=iso_week,
                    token=token,
                    now=now,
                    exc=exc,
                    claimed=True,
                )
                continue
            _finish(WeeklyEmail, key=key, token=token, status=SendStatus.SENT, now=now)
            result.sent.append(learner_id)
    if last_error is not None:
        raise last_error
    return result


def weekly_review_send(*, learner_id: int, iso_week: str, now: datetime) -> BatchResult:
    return weekly_reviews_send_batch(learner_ids=[learner_id], iso_week=iso_week, now=now)


@dataclass(frozen=True)
class PlannedEmail:
    username: str
    email: str
    iso_week: str
    subject: str | None  # None: nothing to study, no email
    error: str = ""  # the learner's email cannot be made: what the send would leave as a dead letter


def weekly_reviews_plan(*, now: datetime, username: str | None = None) -> list[PlannedEmail]:
    """Who would get which weekly email if every unsent one of the current weeks went out now."""
    planned = []
    for iso_week, ids in weekly_emails_due(now=now, ignore_slot=True, username=username).items():
        for start in range(0, len(ids), batch_size()):
            failed: dict[int, Exception] = {}
            chunk = ids[start : start + batch_size()]
            reviews = each_learner(
                learner_ids=chunk,
                work=lambda ids: _planned_reviews(learner_ids=ids, now=now),
                on_error=failed.__setitem__,
            )
            for review in reviews:
                subject = weekly_review_subject(review=review) if review.has_something_to_study else None
                planned.append(PlannedEmail(review.prefs.username, review.prefs.email, iso_week, subject))
            for p in learner_prefs(learner_ids=list(failed)):
                planned.append(PlannedEmail(p.username, p.email, iso_week, None, error=repr(failed[p.id])))
    return planned


def _planned_reviews(*, learner_ids: list[int], now: datetime) -> list[WeeklyReview]:
    """The reviews of a dry run, with each subject and body rendered as the send would render them."""
    reviews = weekly_review_batch(learner_ids=learner_ids, now=now)
    for review in reviews:
        if review.has_something_to_study:
            weekly_review_message(review=review).message()
    return reviews


def weekly_reviews_catch_up(
    *, now: datetime, username: str | None = None
) -> tuple[BatchResult, list[Exception]]:
    """Send, for each learner's current ISO week, every weekly email not yet sent, whatever the
    learner's weekday and hour (the operator's catch-up after an outage)."""
    total, errors = BatchResult(), []
    for iso_week, ids in weekly_emails_due(now=now, ignore_slot=True, username=username).items():
        for start in range(0, len(ids), batch_size()):
            chunk = ids[start : start + batch_size()]
            try:
                result = weekly_reviews_send_batch(
                    learner_ids=chunk, iso_week=iso_week, now=now, any_hour=True
                )
            except SEND_ERRORS as exc:
                errors.append(exc)
                sent = set(
                    WeeklyEmail.objects.filter(
                        learner_id__in=chunk, iso_week=iso_week, status=SendStatus.SENT
                    ).values_list("learner_id", flat=True)
                )
                result = BatchResult(sent=sorted(sent), failed=[i for i in chunk if i not in sent])
            for name in ("sent", "skipped", "not_claimed", "out_of_week", "failed", "dead"):
                getattr(total, name).extend(getattr(result, name))
    return total, errors


# --- the daily "reviews due" reminder -------------------------------------------------------------


def daily_reminders_send_batch(*, learner_ids: list[int], local_date: date, now: datetime) -> BatchResult:
    """Send today's "reviews due" reminder to each of these learners who studies, opted in and has
    reviews due today; same claim rules as the weekly email, keyed on the learner's local date."""
    result = BatchResult()
    prefs = [p for p in learner_prefs(learner_ids=learner_ids) if p.daily_reminder and p.studies]
    if not prefs:
        return result
    ids = [p.id for p in prefs]

    def dead(learner_id: int, exc: Exception) -> None:
        args = [[learner_id], local_date.isoformat()]
        learner_dead_letter(task_name="quizzes.tasks.send_daily_reminders", args=args, error=error_text(exc))
        result.dead.append(learner_id)

    refreshed = set(
        each_learner(
            learner_ids=ids,
            work=lambda ids: (rollups_refresh(learner_ids=ids, now=now), ids)[1],
            on_error=dead,
        )
    )
    prefs = [p for p in prefs if p.id in refreshed]
    snapshots = {s.learner_id: s for s in LearnerSnapshot.objects.filter(learner_id__in=ids)}
    token = uuid.uuid4().hex
    connection = get_connection()
    site = settings.SITE_URL.rstrip("/")
    last_error: Exception | None = None
    with _claims_heartbeat(DailyReminder, token=token):
        for p in prefs:
            if now.astimezone(p.zone).date() != local_date:
                result.out_of_week.append(p.id)
                continue
            key = {"learner_id": p.id, "local_date": local_date}
            if not _claim(DailyReminder, key=key, token=token, now=now):
                result.not_claimed.append(p.id)
                continue
            snapshot = snapshots.get(p.id)
            due = snapshot.due_today if snapshot else 0
            if not due:
                _finish(DailyReminder, key=key, token=token, status=SendStatus.SKIPPED, now=now)
                result.skipped.append(p.id)
                continue
            try:
                _daily_reminder_message(prefs=p, due=due, site=site, connection=connection).send()
            except INFRASTRUCTURE_ERRORS as exc:
                _finish(
                    DailyReminder, key=key, token=token, status=SendStatus.FAILED, now=now, error=repr(exc)
                )
                result.failed.append(p.id)
                last_error = exc
                continue
            except Exception as exc:  # this learner's reminder cannot be rendered: theirs alone fails
                logger.exception("daily reminder of learner %s failed", p.id)
                _finish(
                    DailyReminder, key=key, token=token, status=SendStatus.FAILED, now=now, error=repr(exc)
                )
                dead(p.id, exc)
                continue
            _finish(DailyReminder, key=key, token=token, status=SendStatus.SENT, now=now)
            result.sent.append(p.id)
    if last_error is not None:
        raise last_error
    return result


def _daily_reminder_message(*, prefs, due: int, site: str, connection=None) -> EmailMultiAlternatives:
    unsubscribe = unsubscribe_url(learner_id=prefs.id, mailing_list="daily")
    context = {"prefs": prefs, "due": due, "start_url": f"{site}/study/", "unsubscribe_url": unsubscribe}
    message = EmailMultiAlternatives(
        subject=f"{due} review{pluralize(due)} due today",
        body=render_to_string("quizzes/email/daily_reminder.txt", context),
        to=[prefs.email],
        headers=_list_headers(unsubscribe),
        connection=connection,
    )
    message.attach_alternative(render_to_string("quizzes/email/daily_reminder.html", context), "text/html")
    return message
