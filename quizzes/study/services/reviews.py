"""Writes of the review flow (/study/): show the next card under a one-time token, check a question,
apply an answer once (double clicks, retries and second tabs replay harmlessly) and dismiss notices."""

from __future__ import annotations

import random
import re
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ObjectDoesNotExist
from django.db import connection, transaction
from django.db.models import F, FilteredRelation, Q
from django.shortcuts import get_object_or_404
from django.utils.html import escape
from django.utils.safestring import mark_safe
from fsrs import Rating

from quizzes.models import CardState, Item, LearnerSettings, Notification, ReviewLog, ShownCard
from quizzes.study.fsrs_glue import card_from_state, interval_preview
from quizzes.study.grading import derived_rating, grade_choices
from quizzes.study.rating_buttons import rating_buttons_html
from quizzes.study.selectors.queue import DayCounts, notifications_unread, review_counts, review_next_card
from quizzes.study.selectors.session import SessionSummary, session_summary
from quizzes.study.services.answer_write import (
    answer_record,
    answer_record_if_unchanged,
    shown_card_lock,
    shown_card_read,
)
from quizzes.study.services.learner_settings import learner_settings_get_or_create
from quizzes.study.services.next_card import shown_card_next
from quizzes.study.services.scheduling import (
    CARD_STATE_FIELDS,
    card_state_holds,
    card_state_restore,
    card_state_review,
)
from studyhub.rows import insert

CLOZE = re.compile(r"\{\{c\d+::(.*?)(?:::(.*?))?\}\}")
MAX_DURATION = timedelta(minutes=10)  # a card left open over lunch is not a 2-hour review
UNLOCKED_ATTEMPTS = 2  # then the answer takes the ShownCard's row lock (a learner racing themself)


class AnswerInvalid(ValueError):
    """An answer that cannot be applied (a flashcard without a rating); nothing was written."""


@dataclass
class Feedback:
    correct: bool
    chosen: list[int]
    rating: int  # the derived rating, pre-selected


@dataclass
class StudyScreen:
    """Everything /study/ and /practice/ render for one card (or for "nothing left")."""

    counts: DayCounts | None
    settings: LearnerSettings
    shown: ShownCard | None = None
    state: CardState | None = None
    previews: dict[int, str] = field(default_factory=dict)
    feedback: Feedback | None = None
    log: ReviewLog | None = None
    notifications: list[Notification] = field(default_factory=list)
    summary: SessionSummary | None = None
    undoable: bool = False  # the learner's last answer can be undone (counts.undo_log)

    @property
    def item(self) -> Item | None:
        return self.shown.item if self.shown else None

    @property
    def choices(self) -> list[tuple[int, dict]]:
        """(index into item.choices, choice) in a per-showing shuffled order, so positions teach nothing."""
        if not self.shown or not self.shown.item.is_question:
            return []
        order = list(range(len(self.shown.item.choices)))
        random.Random(self.shown.token).shuffle(order)
        return [(i, self.shown.item.choices[i]) for i in order]

    @property
    def front_html(self) -> str:
        """The prompt; a cloze deletion shows as a blank (or its hint)."""
        item = self.item
        if item is None:
            return ""
        if item.type == Item.Type.CLOZE:
            return mark_safe(CLOZE.sub(lambda m: f"[{m.group(2) or '…'}]", escape(item.front)))  # noqa: S308
        return escape(item.prompt)

    @property
    def back_html(self) -> str:
        """A cloze's full text with the answer marked, or a flashcard's back."""
        item = self.item
        if item is None:
            return ""
        if item.type == Item.Type.CLOZE:
            filled = CLOZE.sub(lambda m: f"<mark>{m.group(1)}</mark>", escape(item.front))
            extra = f'<p class="muted">{escape(item.back)}</p>' if item.back else ""
            return mark_safe(f"<p>{filled}</p>{extra}")  # noqa: S308 - built from escaped text
        return escape(item.back)

    @property
    def sources(self) -> list[str]:
        return [f"{s.get('file')}:{s.get('line')}" for s in (self.item.sources if self.item else [])]

    @property
    def is_new(self) -> bool:
        return self.state is None  # never met (a card an exam made due is due, not new)

    @property
    def rating_options(self) -> list[tuple[int, str, str]]:
        """(rating, label, interval) offered: all four for flashcards; after a wrong answer only Again."""
        labels = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}
        allowed = [1, 2, 3, 4]
        if self.feedback is not None:
            allowed = [1] if not self.feedback.correct else [2, 3, 4]
        return [(r, labels[r], self.previews.get(r, "")) for r in allowed]

    @property
    def rating_buttons(self) -> str:
        """The buttons of ``rating_options`` as HTML (built in Python: the template's loop was a sixth
        of the card's render, issue #16)."""
        feedback = self.feedback
        return mark_safe(  # noqa: S308 - rating_buttons_html escapes the labels and intervals
            rating_buttons_html(
                self.rating_options,
                checked_rating=feedback.rating if feedback else None,
                correct=feedback.correct if feedback else None,
            )
        )


def _settings_of(learner: AbstractBaseUser) -> LearnerSettings:
    try:
        return learner.study_settings
    except ObjectDoesNotExist:
        return learner_settings_get_or_create(learner=learner)


def _card_state_of(shown: ShownCard) -> CardState | None:
    """The CardState joined by shown_card_lookup; Django leaves the attribute unset when there is none."""
    return getattr(shown, "cs", None)


def shown_card_create(*, learner: AbstractBaseUser, item: Item, mode: str, now: datetime) -> ShownCard:
    shown = ShownCard(token=secrets.token_urlsafe(32), learner=learner, item=item, mode=mode, shown_at=now)
    insert(shown)  # one INSERT with a constant SQL text (studyhub/rows.py), no ORM compile
    return shown


def shown_card_lookup(*, learner: AbstractBaseUser, token: str, mode: str, for_update: bool) -> ShownCard:
    """The learner's ShownCard with its item, settings and CardState (``shown.cs``) in one query; 404 for a
    token that is unknown or belongs to someone else."""
    queryset = ShownCard.objects.annotate(
        cs=FilteredRelation("item__card_states", condition=Q(item__card_states__learner=F("learner")))
    ).select_related("item", "learner__study_settings", "cs")
    if for_update:
        queryset = queryset.select_for_update(of=("self",))
    return get_object_or_404(queryset, token=str(token)[:43], learner=learner, mode=mode)


def review_show_next(
    *, learner: AbstractBaseUser, now: datetime, settings: LearnerSettings | None = None
) -> StudyScreen:
    """Pick the next card of the queue and show it under a fresh token (or report that none is left)."""
    settings = settings or learner_settings_get_or_create(learner=learner)
    if connection.vendor == "postgresql":  # queue, card and token in one statement (services/next_card.py)
        counts, shown, state = shown_card_next(
            learner=learner, settings=settings, mode=ReviewLog.Mode.REVIEW, now=now
        )
    else:
        picked, counts = review_next_card(learner=learner, settings=settings, now=now)
        shown = state = None
        if picked is not None:
            shown = shown_card_create(learner=learner, item=picked.item, mode=ReviewLog.Mode.REVIEW, now=now)
            state = picked.state
    if shown is None:
        summary = session_summary(learner=learner, settings=settings, counts=counts, now=now)
        return StudyScreen(counts=counts, settings=settings, summary=summary, undoable=counts.answered)
    card = card_from_state(state, item_id=shown.item.pk, now=now)
    return StudyScreen(
        counts=counts,
        settings=settings,
        shown=shown,
        state=state,
        previews=interval_preview(card, now, settings),
        undoable=counts.answered,
    )


def study_page(*, learner: AbstractBaseUser, now: datetime) -> StudyScreen:
    """The /study/ page: the next card plus the learner's unread notifications."""
    screen = review_show_next(learner=learner, now=now)
    screen.notifications = notifications_unread(learner=learner)
    return screen


def review_check(*, learner: AbstractBaseUser, token: str, chosen: list[int], now: datetime) -> StudyScreen:
    """Grade a question's choices: the learner sees right/wrong and the explanation, then confirms the
    derived rating (or picks Hard/Easy) with review_answer. The first check's choices are recorded on
    the shown card and the answer is graded on them, so seeing the right choice cannot be turned into
    a right answer; checking again shows the first verdict."""
    with transaction.atomic():
        shown = shown_card_lookup(learner=learner, token=token, mode=ReviewLog.Mode.REVIEW, for_update=True)
        if shown.checked is None and shown.answered_at is None and shown.item.is_question:
            shown.checked = sorted(set(chosen))
            shown.save(update_fields=["checked"])
    if shown.checked is not None:
        chosen = list(shown.checked)
    state = _card_state_of(shown)
    correct = grade_choices(choices=shown.item.choices, chosen=chosen)
    settings = _settings_of(shown.learner)
    card = card_from_state(state, item_id=shown.item_id, now=now)
    return StudyScreen(
        counts=review_counts(learner=learner, settings=settings, now=now),
        settings=settings,
        shown=shown,
        state=state,
        previews=interval_preview(card, now, settings),
        feedback=Feedback(
            correct=correct, chosen=sorted(set(chosen)), rating=derived_rating(correct=correct)
        ),
    )


def _answer_once(
    *, learner: AbstractBaseUser, token: str, mode: str, rating: int | None, chosen: list[int], now: datetime
) -> tuple[ShownCard, ReviewLog | None, LearnerSettings | None]:
    """Apply the answer to ``token`` exactly once, under a row lock on the ShownCard (services/
    answer_write.py). Returns the ShownCard, the new log (None when the token was already answered:
    a replay) and the learner's settings (None when they have none yet)."""
    shown, state, settings = shown_card_lock(learner=learner, token=token, mode=mode)
    if shown.answered_at is not None:
        return shown, None, settings
    log, state = _answer_compute(
        learner=learner,
        shown=shown,
        state=state,
        settings=settings,
        mode=mode,
        rating=rating,
        chosen=chosen,
        now=now,
    )
    answer_record(shown=shown, state=state, log=log, state_fields=CARD_STATE_FIELDS, now=now)
    return shown, log, settings


def _answer_unlocked(
    *, learner: AbstractBaseUser, token: str, mode: str, rating: int | None, chosen: list[int], now: datetime
) -> tuple[bool, LearnerSettings | None]:
    """PostgreSQL: apply the answer to ``token`` once without a transaction: read the rows, compute,
    then write them in one statement that checks nothing changed since the read (answer_write.py).
    Returns whether the token is now answered (by this call or before: a replay) and the settings;
    False when a racing request changed a row in between (nothing written: the caller retries)."""
    shown, state, settings, versions = shown_card_read(learner=learner, token=token, mode=mode)
    if shown.answered_at is not None:
        return True, settings
    log, state = _answer_compute(
        learner=learner,
        shown=shown,
        state=state,
        settings=settings,
        mode=mode,
        rating=rating,
        chosen=chosen,
        now=now,
    )
    written = answer_record_if_unchanged(
        shown=shown, state=state, log=log, state_fields=CARD_STATE_FIELDS, now=now, versions=versions
    )
    return written, settings


def _answer_compute(
    *,
    learner: AbstractBaseUser,
    shown: ShownCard,
    state: CardState | None,
    settings: LearnerSettings | None,
    mode: str,
    rating: int | None,
    chosen: list[int],
    now: datetime,
) -> tuple[ReviewLog, CardState]:
    """The graded answer's review log and new card state, not written (no query)."""
    item = shown.item
    correct: bool | None = None
    if item.is_question and shown.checked is not None:
        chosen = list(shown.checked)  # graded on what was checked first, whatever is posted now
    if item.is_question:
        correct = grade_choices(choices=item.choices, chosen=chosen)
        if not correct or rating is None:
            rating = derived_rating(correct=correct)  # wrong is Again, whatever was posted
        elif rating == Rating.Again:
            rating = Rating.Good  # right cannot be rated Again: offered Hard/Good/Easy only
    elif rating is None:
        raise AnswerInvalid("A flashcard answer needs a rating (1 Again, 2 Hard, 3 Good, 4 Easy).")
    return card_state_review(
        learner=learner,
        item_id=item.pk,
        settings=settings,
        state=state,
        rating=rating,
        now=now,
        mode=mode,
        duration_ms=int(min(now - shown.shown_at, MAX_DURATION).total_seconds() * 1000),
        correct=correct,
        chosen=sorted(set(chosen)) if item.is_question else [],
    )


def review_answer(
    *, learner: AbstractBaseUser, token: str, rating: int | None, chosen: list[int], now: datetime
) -> StudyScreen:
    """Apply a review answer once, then show the next card (a replay just shows the next card).

    On PostgreSQL three statements and no transaction around them (issue #16): the rows read, the
    answer written in one statement that checks they did not change (a race or a replay in between
    writes nothing and is read again), the next card picked and shown in one. After UNLOCKED_ATTEMPTS
    lost races, and on SQLite, one transaction under the ShownCard's row lock."""
    if connection.vendor == "postgresql":
        for _attempt in range(UNLOCKED_ATTEMPTS):
            answered, settings = _answer_unlocked(
                learner=learner,
                token=token,
                mode=ReviewLog.Mode.REVIEW,
                rating=rating,
                chosen=chosen,
                now=now,
            )
            if answered:
                return review_show_next(learner=learner, now=now, settings=settings)
    with transaction.atomic():
        _, _, settings = _answer_once(
            learner=learner, token=token, mode=ReviewLog.Mode.REVIEW, rating=rating, chosen=chosen, now=now
        )
        return review_show_next(learner=learner, now=now, settings=settings)


class UndoRefused(ValueError):
    """Nothing (or not that answer) can be undone; nothing was written."""


def review_undo(*, learner: AbstractBaseUser, log_id: int, now: datetime) -> StudyScreen:
    """Undo the review answer ``log_id`` in one transaction: the card gets its previous schedule back
    (or is new again), the review log goes, and the same card is shown again under its token.

    Only the learner's latest answer (of any mode) can be undone, and only once: an answer from
    before the learner's last undo, a log already undone, someone else's, one written before undo
    existed, or one whose card changed since (an exam made it due, the notes changed, the learner
    suspended it: the card no longer holds what the answer left, ``log.card_after``) raises
    UndoRefused and changes nothing."""
    settings = _settings_of(learner)
    with transaction.atomic():
        # The settings row lock serialises a learner's undos (a double click undoes one answer).
        settings = LearnerSettings.objects.select_for_update().get(pk=settings.pk)
        log = ReviewLog.objects.filter(pk=log_id, learner=learner, mode=ReviewLog.Mode.REVIEW).first()
        if log is None:
            raise UndoRefused("Nothing to undo: that answer was already taken back.")
        latest = (
            ReviewLog.objects.filter(learner=learner)
            .order_by("-reviewed_at", "-pk")
            .values_list("pk", "mode")
            .first()
        )
        if latest is not None and latest[1] != ReviewLog.Mode.REVIEW:
            raise UndoRefused(
                f"Your last answer was in {'an exam' if latest[1] == ReviewLog.Mode.EXAM else 'practice'}: "
                "only a review answer given last can be undone."
            )
        if latest is None or latest[0] != log.pk:
            raise UndoRefused("Only your last answer can be undone.")
        if settings.last_undo_at is not None and log.reviewed_at <= settings.last_undo_at:
            raise UndoRefused("One step of undo: answer a card before undoing again.")
        if log.card_before is None and not log.was_new:
            raise UndoRefused("This answer was given before undo existed and cannot be undone.")
        shown = (
            ShownCard.objects.select_for_update(of=("self",))
            .select_related("item__topic")
            .filter(review_log=log, learner=learner)
            .first()
        )
        # Locked in the answer's order (shown card, then card state).
        state = CardState.objects.select_for_update().filter(learner=learner, item_id=log.item_id).first()
        if log.card_after is not None and not card_state_holds(state=state, snapshot=log.card_after):
            # An exam (a miss makes the card due), a change in the notes or the card browser changed
            # the card since: putting card_before back would silently undo that too.
            raise UndoRefused(
                "Can't undo: this card changed after your answer (an exam, a change in the notes or "
                "the card browser), and undoing would bring back its old schedule."
            )
        if log.was_new:
            if state is not None:
                state.delete()
            state = None
        elif state is not None:
            card_state_restore(state=state, snapshot=log.card_before)
        log.delete()
        if shown is None:  # the showing is gone (cleaned up): show the card under a new token
            shown = shown_card_create(learner=learner, item=log.item, mode=ReviewLog.Mode.REVIEW, now=now)
        else:
            shown.answered_at = None
            shown.review_log = None
            shown.checked = None
            shown.shown_at = now
            shown.save(update_fields=["answered_at", "review_log", "checked", "shown_at"])
        settings.last_undo_at = now
        settings.save(update_fields=["last_undo_at"])
    card = card_from_state(state, item_id=shown.item_id, now=now)
    return StudyScreen(
        counts=review_counts(learner=learner, settings=settings, now=now),
        settings=settings,
        shown=shown,
        state=state,
        previews=interval_preview(card, now, settings),
    )


def notification_dismiss(*, learner: AbstractBaseUser, notification_id: int, now: datetime) -> int:
    return Notification.objects.filter(pk=notification_id, learner=learner, read_at__isnull=True).update(
        read_at=now
    )
