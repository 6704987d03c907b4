"""Writes of practice (/practice/): questions one by one from the chosen topics and kinds (or only the
learner's mistakes), graded at once; each answer feeds the review schedule (ReviewLog mode=practice,
FSRS with the derived rating). A practice session starts when the learner presses "Start practice":
its start time and filters live in the learner's session, and its score is read from the logs since."""

from __future__ import annotations

import random
from collections.abc import Iterable, MutableMapping
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.dateparse import parse_datetime

from quizzes.models import Item, ReviewLog
from quizzes.study.grading import derived_rating
from quizzes.study.selectors.practice import PracticeScore, practice_mistakes, practice_score
from quizzes.study.services.learner_settings import learner_settings_get_or_create
from quizzes.study.services.reviews import Feedback, StudyScreen, _answer_once, shown_card_create

SESSION_KEY = "practice_session"


@dataclass
class PracticeScreen(StudyScreen):
    """A practice screen: the card, plus the running session's score (None: no session started)."""

    score: PracticeScore | None = None
    mistakes: bool = False  # drawing only from the learner's mistakes


def practice_filters_key(*, topic_ids: Iterable[int], kinds: Iterable[str], mistakes: bool) -> str:
    """The filters of a session in one canonical string (order and repeats do not matter)."""
    topics = ",".join(str(pk) for pk in sorted(set(topic_ids)))
    return f"t={topics};k={','.join(sorted(set(kinds)))};m={int(mistakes)}"


def practice_session_start(
    *, session: MutableMapping, topic_ids: Iterable[int], kinds: Iterable[str], mistakes: bool, now: datetime
) -> None:
    """Start a new practice session with these filters: the score counts from ``now``."""
    key = practice_filters_key(topic_ids=topic_ids, kinds=kinds, mistakes=mistakes)
    session[SESSION_KEY] = {"filters": key, "started_at": now.isoformat()}


def practice_session_since(
    *, session: MutableMapping, topic_ids: Iterable[int], kinds: Iterable[str], mistakes: bool
) -> datetime | None:
    """When the session running with these filters started (None: none runs with these filters)."""
    stored = session.get(SESSION_KEY)
    key = practice_filters_key(topic_ids=topic_ids, kinds=kinds, mistakes=mistakes)
    if not isinstance(stored, dict) or stored.get("filters") != key:
        return None
    started = stored.get("started_at")
    return parse_datetime(started) if isinstance(started, str) else None


def practice_questions(
    *, topic_ids: Iterable[int], kinds: Iterable[str], mistakes_of: AbstractBaseUser | None = None
):
    queryset = Item.objects.published().questions()
    if topic_ids:
        queryset = queryset.filter(topic_id__in=list(topic_ids))
    if kinds:
        queryset = queryset.filter(kind__in=list(kinds))
    if mistakes_of is not None:
        queryset = practice_mistakes(learner=mistakes_of, items=queryset)
    return queryset


def practice_show_next(
    *,
    learner: AbstractBaseUser,
    topic_ids: Iterable[int],
    kinds: Iterable[str],
    now: datetime,
    mistakes: bool = False,
    since: datetime | None = None,
    exclude_item_id: int | None = None,
    rng: random.Random | None = None,
) -> PracticeScreen:
    """A random matching question (not the one just answered) under a fresh practice token, with
    the score of the session started at ``since``."""
    settings = learner_settings_get_or_create(learner=learner)
    queryset = practice_questions(topic_ids=topic_ids, kinds=kinds, mistakes_of=learner if mistakes else None)
    if exclude_item_id is not None:
        queryset = queryset.exclude(pk=exclude_item_id)
    total = queryset.count()
    score = practice_score(learner=learner, since=since) if since else None
    if total == 0:
        return PracticeScreen(counts=None, settings=settings, score=score, mistakes=mistakes)
    item = queryset.order_by("pk")[(rng or random).randrange(total)]
    shown = shown_card_create(learner=learner, item=item, mode=ReviewLog.Mode.PRACTICE, now=now)
    return PracticeScreen(counts=None, settings=settings, shown=shown, score=score, mistakes=mistakes)


def practice_page(
    *,
    learner: AbstractBaseUser,
    session: MutableMapping,
    topic_ids: list[int],
    kinds: list[str],
    mistakes: bool,
    now: datetime,
    exclude_item_id: int | None = None,
) -> PracticeScreen:
    """The next question of the session running with these filters (if any), with its score."""
    since = practice_session_since(session=session, topic_ids=topic_ids, kinds=kinds, mistakes=mistakes)
    return practice_show_next(
        learner=learner,
        topic_ids=topic_ids,
        kinds=kinds,
        mistakes=mistakes,
        since=since,
        now=now,
        exclude_item_id=exclude_item_id,
    )


def practice_answer(
    *,
    learner: AbstractBaseUser,
    token: str,
    chosen: list[int],
    now: datetime,
    session: MutableMapping | None = None,
    filters: dict | None = None,
) -> PracticeScreen:
    """Grade and record a practice answer once; a replay shows the feedback of the first answer."""
    with transaction.atomic():
        shown, log, _ = _answer_once(
            learner=learner, token=token, mode=ReviewLog.Mode.PRACTICE, rating=None, chosen=chosen, now=now
        )
    log = log or shown.review_log
    since = practice_session_since(session=session, **filters) if session is not None and filters else None
    correct = bool(log and log.correct)
    chosen = list(log.chosen) if log else sorted(set(chosen))
    return PracticeScreen(
        counts=None,
        settings=learner_settings_get_or_create(learner=learner),
        shown=shown,
        feedback=Feedback(correct=correct, chosen=chosen, rating=derived_rating(correct=correct)),
        log=log,
        score=practice_score(learner=learner, since=since) if since else None,
        mistakes=bool(filters and filters.get("mistakes")),
    )
