"""Writes of practice (/practice/): questions one by one from the chosen topics and kinds, graded at
once; each answer feeds the review schedule (ReviewLog mode=practice, FSRS with the derived rating)."""

from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from quizzes.models import Item, ReviewLog
from quizzes.study.grading import derived_rating
from quizzes.study.services.learner_settings import learner_settings_get_or_create
from quizzes.study.services.reviews import Feedback, StudyScreen, _answer_once, shown_card_create


def practice_questions(*, topic_ids: Iterable[int], kinds: Iterable[str]):
    queryset = Item.objects.published().questions()
    if topic_ids:
        queryset = queryset.filter(topic_id__in=list(topic_ids))
    if kinds:
        queryset = queryset.filter(kind__in=list(kinds))
    return queryset


def practice_show_next(
    *,
    learner: AbstractBaseUser,
    topic_ids: Iterable[int],
    kinds: Iterable[str],
    now: datetime,
    exclude_item_id: int | None = None,
    rng: random.Random | None = None,
) -> StudyScreen:
    """A random matching question (not the one just answered) under a fresh practice token."""
    settings = learner_settings_get_or_create(learner=learner)
    queryset = practice_questions(topic_ids=topic_ids, kinds=kinds)
    if exclude_item_id is not None:
        queryset = queryset.exclude(pk=exclude_item_id)
    total = queryset.count()
    if total == 0:
        return StudyScreen(counts=None, settings=settings)
    item = queryset.order_by("pk")[(rng or random).randrange(total)]
    shown = shown_card_create(learner=learner, item=item, mode=ReviewLog.Mode.PRACTICE, now=now)
    return StudyScreen(counts=None, settings=settings, shown=shown)


def practice_answer(
    *, learner: AbstractBaseUser, token: str, chosen: list[int], now: datetime
) -> StudyScreen:
    """Grade and record a practice answer once; a replay shows the feedback of the first answer."""
    with transaction.atomic():
        shown, log, _ = _answer_once(
            learner=learner, token=token, mode=ReviewLog.Mode.PRACTICE, rating=None, chosen=chosen, now=now
        )
    log = log or shown.review_log
    correct = bool(log and log.correct)
    chosen = list(log.chosen) if log else sorted(set(chosen))
    return StudyScreen(
        counts=None,
        settings=learner_settings_get_or_create(learner=learner),
        shown=shown,
        feedback=Feedback(correct=correct, chosen=chosen, rating=derived_rating(correct=correct)),
        log=log,
    )
