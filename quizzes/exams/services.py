"""Writes of the mock exam: start (or resume) an attempt, save answers as they are given, submit by
hand or automatically at the deadline, and feed the result into the review schedule.

The deadline is enforced here, on the server: every call that touches an attempt first checks the
clock and submits an attempt whose time is up (``auto_submitted``), so a request after the deadline
always ends on the report, whatever the page's JavaScript countdown showed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404

from quizzes.exams.blueprint import TopicSeats, blueprint_draw, blueprint_plan
from quizzes.exams.scoring import PASS_MARK, Outcome, exam_score, stratified_draw
from quizzes.models import ExamAttempt, ExamBlueprint, ExamQuestion, Item
from quizzes.study.grading import grade_choices
from quizzes.study.services.scheduling import card_record_answer, cards_make_due

DEFAULT_LENGTH = 65
DEFAULT_MINUTES = 130
MAX_LENGTH = 200
MAX_MINUTES = 300
REVIEW_HOURS = 24  # review mode has no clock; an attempt left open closes itself after a day
SCALING = "100 + 900 × correct ÷ questions, rounded half up; pass mark 720"


class ExamError(Exception):
    """The exam cannot go on the way the learner asked."""


class ExamBankEmpty(ExamError):
    pass


class ExamAnswerInvalid(ExamError):
    """The answer names a choice the question does not have: nothing is saved."""


class ExamOver(ExamError):
    """The attempt is submitted (possibly just now, at its deadline): show the report."""

    def __init__(self, attempt: ExamAttempt) -> None:
        super().__init__(f"exam {attempt.pk} is over")
        self.attempt = attempt


class ExamInProgress(ExamError):
    """The report of an attempt still running was asked for: go back to the questions."""

    def __init__(self, attempt: ExamAttempt) -> None:
        super().__init__(f"exam {attempt.pk} is still running")
        self.attempt = attempt


def format_remaining(seconds: int) -> str:
    """ "1:05:09" or "4:59": the time left as the exam page shows it."""
    hours, rest = divmod(max(0, seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


@dataclass(frozen=True)
class ShownChoice:
    number: int  # 1-based, as shown
    index: int  # index into item.choices: what the form posts and what is stored
    text: str
    chosen: bool
    # Only in review mode, once the question is answered (never sent to a timed exam's page):
    correct: bool | None = None
    explanation: str = ""


@dataclass(frozen=True)
class MapEntry:
    position: int
    answered: bool
    flagged: bool
    current: bool


@dataclass(frozen=True)
class ExamPage:
    attempt: ExamAttempt
    question: ExamQuestion
    item: Item
    choices: list[ShownChoice]
    question_map: list[MapEntry]
    remaining_seconds: int
    answered: int
    flagged: int
    over_choice: bool  # more picks than the question asks for
    feedback: bool = False  # review mode, answered: show right/wrong and why, the answer is locked
    answer_correct: bool | None = None

    @property
    def review_mode(self) -> bool:
        return self.attempt.mode == ExamAttempt.Mode.REVIEW

    @property
    def previous(self) -> int | None:
        return self.question.position - 1 if self.question.position > 1 else None

    @property
    def next(self) -> int | None:
        return self.question.position + 1 if self.question.position < self.attempt.length else None

    @property
    def unanswered(self) -> int:
        return self.attempt.length - self.answered

    @property
    def remaining_label(self) -> str:
        return format_remaining(self.remaining_seconds)


@dataclass(frozen=True)
class BlueprintRow:
    title: str
    seats: TopicSeats


@dataclass(frozen=True)
class BlueprintOverview:
    """The active blueprint as the start page shows it, for an exam of ``length`` questions."""

    name: str
    length: int
    rows: list[BlueprintRow]

    @property
    def filled(self) -> list[BlueprintRow]:
        """Topics with too few questions for their weight (the others fill their seats)."""
        return [row for row in self.rows if row.seats.short]

    @property
    def seats(self) -> int:
        return sum(row.seats.seats for row in self.rows)

    @property
    def full(self) -> bool:
        """The weighted topics hold enough questions for the whole exam."""
        return self.seats >= self.length


def _blueprint_weights() -> tuple[ExamBlueprint | None, dict[int, float]]:
    """The active blueprint and its topic weights above 0 (empty: draw by the bank's sizes)."""
    blueprint = ExamBlueprint.objects.filter(active=True).first()
    if blueprint is None:
        return None, {}
    weights = blueprint.weights.filter(weight__gt=0).values_list("topic_id", "weight")
    return blueprint, {topic_id: float(weight) for topic_id, weight in weights}


def _question_pools() -> dict[int, list[int]]:
    pools: dict[int, list[int]] = {}
    for item_id, topic_id in Item.objects.published().questions().values_list("id", "topic_id"):
        pools.setdefault(topic_id, []).append(item_id)
    return pools


def exam_blueprint_overview(*, length: int = DEFAULT_LENGTH) -> BlueprintOverview | None:
    """The seats each topic of the active blueprint gets in an exam of ``length``, or None."""
    blueprint, weights = _blueprint_weights()
    if blueprint is None or not weights:
        return None
    available = {k: len(v) for k, v in _question_pools().items()}
    plan = blueprint_plan(weights=weights, available=available, length=length)
    titles = dict(blueprint.weights.values_list("topic_id", "topic__title"))
    return BlueprintOverview(
        name=blueprint.name,
        length=length,
        rows=[BlueprintRow(title=titles[row.topic], seats=row) for row in plan],
    )


@dataclass(frozen=True)
class ExamOverview:
    current: ExamAttempt | None
    resume_position: int
    answered: int
    remaining_seconds: int
    bank_size: int
    recent: list[ExamAttempt]
    blueprint: BlueprintOverview | None = None

    @property
    def remaining_label(self) -> str:
        return format_remaining(self.remaining_seconds)


def exam_overview(*, learner: AbstractBaseUser, now: datetime) -> ExamOverview:
    """The exam home page: the attempt to resume (at its first unanswered question), the size of the
    question bank and the last submitted attempts. Raises ``ExamOver`` when the running attempt just
    timed out (it is submitted: show its report)."""
    current = exam_current(learner=learner, now=now)
    answered, resume = 0, 1
    if current is not None:
        chosen = list(current.questions.values_list("position", "chosen"))
        answered = sum(1 for _, c in chosen if c)
        resume = next((p for p, c in chosen if not c), 1)
    return ExamOverview(
        current=current,
        resume_position=resume,
        answered=answered,
        remaining_seconds=max(0, int((current.deadline - now).total_seconds())) if current else 0,
        bank_size=Item.objects.published().questions().count(),
        blueprint=None if current else exam_blueprint_overview(),
        recent=list(
            ExamAttempt.objects.filter(learner=learner, submitted_at__isnull=False).order_by("-submitted_at")[
                :5
            ]
        ),
    )


def _attempt_for(*, learner: AbstractBaseUser, attempt_id: int, lock: bool = False) -> ExamAttempt:
    attempts = ExamAttempt.objects.filter(learner=learner)  # another learner's attempt is a 404
    if lock:
        attempts = attempts.select_for_update()
    return get_object_or_404(attempts, pk=attempt_id)


def _expire_if_due(*, attempt: ExamAttempt, now: datetime) -> None:
    if attempt.submitted_at is None and now >= attempt.deadline:
        exam_submit(learner=attempt.learner, attempt_id=attempt.pk, now=now, auto=True)
        attempt.refresh_from_db()
    if attempt.submitted_at is not None:
        raise ExamOver(attempt)


def exam_current(*, learner: AbstractBaseUser, now: datetime) -> ExamAttempt | None:
    """The learner's attempt in progress (to resume after a reload or a lost connection), or None.
    An attempt whose deadline passed is submitted on the way and ``ExamOver`` raised for it."""
    attempt = (
        ExamAttempt.objects.filter(learner=learner, submitted_at__isnull=True).order_by("-started_at").first()
    )
    if attempt is not None:
        _expire_if_due(attempt=attempt, now=now)
    return attempt


def exam_start(
    *,
    learner: AbstractBaseUser,
    length: int = DEFAULT_LENGTH,
    time_limit_minutes: int = DEFAULT_MINUTES,
    mode: str = ExamAttempt.Mode.TIMED,
    now: datetime,
    rng: random.Random | None = None,
) -> ExamAttempt:
    """Start a mock exam of ``length`` published questions (fewer if the bank is smaller), drawn
    by the active blueprint's topic weights (``blueprint.py``) or, without one, across topics in
    proportion to their share of the bank, each with its choices shuffled. An
    attempt already in progress is returned instead: one running exam per learner, which the
    database holds (``uniq_exam_running_per_learner``): of two starts racing, the loser answers the
    winner's attempt. In review mode (feedback after each question) there is no clock: the attempt
    closes itself ``REVIEW_HOURS`` after its start if the learner never submits it."""
    try:
        running = exam_current(learner=learner, now=now)
    except ExamOver:
        running = None
    if running is not None:
        return running
    try:
        return _exam_create(
            learner=learner, length=length, time_limit_minutes=time_limit_minutes, mode=mode, now=now, rng=rng
        )
    except IntegrityError:
        # Another request started one between the check above and the insert.
        running = ExamAttempt.objects.filter(learner=learner, submitted_at__isnull=True).first()
        if running is None:  # it was submitted meanwhile: nothing left to resume, so start again
            raise
        return running


@transaction.atomic
def _exam_create(
    *,
    learner: AbstractBaseUser,
    length: int,
    time_limit_minutes: int,
    mode: str,
    now: datetime,
    rng: random.Random | None,
) -> ExamAttempt:
    rng = rng or random.Random()
    pools = _question_pools()
    length = max(1, min(length, MAX_LENGTH))
    _, weights = _blueprint_weights()
    if weights:  # the instructor's blueprint; else every topic by its share of the bank
        drawn = blueprint_draw(pools=pools, weights=weights, length=length, rng=rng)
    else:
        drawn = stratified_draw(pools=pools, length=length, rng=rng)
    if not drawn:
        raise ExamBankEmpty("There are no published questions yet.")
    minutes = max(1, min(time_limit_minutes, MAX_MINUTES))
    review = mode == ExamAttempt.Mode.REVIEW
    attempt = ExamAttempt.objects.create(
        learner=learner,
        started_at=now,
        deadline=now + (timedelta(hours=REVIEW_HOURS) if review else timedelta(minutes=minutes)),
        length=len(drawn),
        time_limit_minutes=REVIEW_HOURS * 60 if review else minutes,
        mode=ExamAttempt.Mode.REVIEW if review else ExamAttempt.Mode.TIMED,
    )
    sizes = dict(Item.objects.filter(pk__in=drawn).values_list("id", "choices"))
    questions = []
    for position, item_id in enumerate(drawn, start=1):
        order = list(range(len(sizes[item_id])))
        rng.shuffle(order)
        questions.append(
            ExamQuestion(attempt=attempt, position=position, item_id=item_id, choice_order=order)
        )
    ExamQuestion.objects.bulk_create(questions)
    return attempt


def exam_page_open(*, learner: AbstractBaseUser, attempt_id: int, position: int, now: datetime) -> ExamPage:
    """Everything the question page shows. Raises ``ExamOver`` once the attempt is submitted (and
    submits it first when the deadline has passed), ``Http404`` for another learner's attempt."""
    attempt = _attempt_for(learner=learner, attempt_id=attempt_id)
    _expire_if_due(attempt=attempt, now=now)
    questions = list(attempt.questions.select_related("item"))
    question = next((q for q in questions if q.position == position), None)
    if question is None:
        raise Http404("No such question")
    item = question.item
    chosen = set(question.chosen)
    feedback = attempt.mode == ExamAttempt.Mode.REVIEW and bool(chosen)
    choices = [
        ShownChoice(
            number=n,
            index=i,
            text=item.choices[i]["text"],
            chosen=i in chosen,
            correct=bool(item.choices[i].get("correct")) if feedback else None,
            explanation=str(item.choices[i].get("explanation") or "") if feedback else "",
        )
        for n, i in enumerate(question.choice_order, start=1)
    ]
    return ExamPage(
        attempt=attempt,
        question=question,
        item=item,
        choices=choices,
        question_map=[
            MapEntry(
                position=q.position,
                answered=bool(q.chosen),
                flagged=q.flagged,
                current=q.position == position,
            )
            for q in questions
        ],
        remaining_seconds=max(0, int((attempt.deadline - now).total_seconds())),
        answered=sum(1 for q in questions if q.chosen),
        flagged=sum(1 for q in questions if q.flagged),
        over_choice=len(chosen) > max(1, item.choose),
        feedback=feedback,
        answer_correct=grade_choices(choices=item.choices, chosen=question.chosen) if feedback else None,
    )


def exam_question_show(
    *, learner: AbstractBaseUser, attempt_id: int, position: int, now: datetime
) -> ExamPage:
    """The question page, shown: its visit starts now (the time until its answer is saved counts as
    time spent on it). Raises like ``exam_page_open``."""
    page = exam_page_open(learner=learner, attempt_id=attempt_id, position=position, now=now)
    ExamQuestion.objects.filter(pk=page.question.pk, attempt__submitted_at__isnull=True).update(shown_at=now)
    return page


def _spend_time(question: ExamQuestion, *, now: datetime) -> None:
    """Add the time since the question was shown (or last saved) to its time spent; the visit goes on."""
    if question.shown_at is not None and now > question.shown_at:
        question.time_spent_ms += int((now - question.shown_at).total_seconds() * 1000)
    question.shown_at = now


def exam_answer_save(
    *,
    learner: AbstractBaseUser,
    attempt_id: int,
    position: int,
    chosen: list[int],
    flagged: bool,
    now: datetime,
) -> ExamPage:
    """Save the answer (and the review flag) of one question at once. An empty ``chosen`` clears
    the answer; an index the question does not have raises ``ExamAnswerInvalid`` and saves nothing.
    In review mode an answered question keeps its first answer (only its flag changes). After the
    deadline nothing is saved: the attempt is submitted and ``ExamOver`` raised."""
    # Expire outside the transaction below, so that an auto-submit commits before ExamOver is raised.
    _expire_if_due(attempt=_attempt_for(learner=learner, attempt_id=attempt_id), now=now)
    with transaction.atomic():
        attempt = _attempt_for(learner=learner, attempt_id=attempt_id, lock=True)
        question = get_object_or_404(attempt.questions.select_related("item"), position=position)
        if attempt.submitted_at is None:  # a submit in another tab may have won the race
            if any(not 0 <= i < len(question.item.choices) for i in chosen):
                raise ExamAnswerInvalid("That is not one of this question's choices.")
            question.flagged = flagged
            # Review mode shows the correct answer once answered: from then on the answer is locked.
            locked = attempt.mode == ExamAttempt.Mode.REVIEW and bool(question.chosen)
            if not locked:
                question.chosen = sorted(set(chosen))
                question.answered_at = now if question.chosen else None
                _spend_time(question, now=now)
            question.save(update_fields=["chosen", "flagged", "answered_at", "shown_at", "time_spent_ms"])
    if attempt.submitted_at is not None:
        raise ExamOver(attempt)
    return exam_page_open(learner=learner, attempt_id=attempt_id, position=position, now=now)


def _choice_rows(item: Item, order: list[int], chosen: list[int]) -> list[dict[str, object]]:
    return [
        {
            "text": item.choices[i]["text"],
            "correct": bool(item.choices[i].get("correct")),
            "chosen": i in chosen,
            "explanation": str(item.choices[i].get("explanation") or ""),
        }
        for i in order
    ]


@transaction.atomic
def exam_submit(
    *, learner: AbstractBaseUser, attempt_id: int, now: datetime, auto: bool = False
) -> ExamAttempt:
    """Grade and close the attempt (once: a second submit returns it unchanged), store the report,
    record every answered question in the review log (wrong → Again, right → Good) and make every
    missed question due for review now."""
    attempt = _attempt_for(learner=learner, attempt_id=attempt_id, lock=True)
    if attempt.submitted_at is not None:
        return attempt
    # Answers are accepted up to the deadline; an auto-submit happens at the deadline, not later.
    submitted_at = min(now, attempt.deadline)
    auto = auto or now >= attempt.deadline
    questions = list(attempt.questions.select_related("item__topic"))
    outcomes, rows, missed = [], [], []
    for q in questions:
        item = q.item
        q.correct = grade_choices(choices=item.choices, chosen=q.chosen)
        outcomes.append(Outcome(topic=item.topic.title, kind=item.get_kind_display(), correct=q.correct))
        if not q.correct:
            missed.append(item.pk)
        rows.append(
            {
                "position": q.position,
                "item_id": item.pk,
                "type": item.type,
                "choose": item.choose,
                "stem": item.stem,
                "topic": item.topic.title,
                "kind": item.get_kind_display(),
                "choices": _choice_rows(item, q.choice_order or list(range(len(item.choices))), q.chosen),
                "answered": bool(q.chosen),
                "correct": q.correct,
                "flagged": q.flagged,
                "explanation": item.explanation,
                "sources": list(item.sources),
                "time_spent_ms": q.time_spent_ms,
            }
        )
    ExamQuestion.objects.bulk_update(questions, ["correct"])
    score = exam_score(outcomes=outcomes)
    attempt.submitted_at = submitted_at
    attempt.auto_submitted = auto
    attempt.score_scaled = score.score
    attempt.passed = score.passed
    attempt.report = {
        "version": 2,  # 2: time_spent_ms per question, an explanation per choice, the mode
        "mode": attempt.mode,
        "scaling": SCALING,
        "pass_mark": PASS_MARK,
        "correct": score.correct,
        "total": score.total,
        "by_topic": [{"label": b.label, "correct": b.correct, "total": b.total} for b in score.by_topic],
        "by_kind": [{"label": b.label, "correct": b.correct, "total": b.total} for b in score.by_kind],
        "questions": rows,
    }
    attempt.save(update_fields=["submitted_at", "auto_submitted", "score_scaled", "passed", "report"])
    for q in questions:
        if q.chosen:
            card_record_answer(
                learner=learner,
                item=q.item,
                rating=3 if q.correct else 1,
                now=submitted_at,
                mode="exam",
                correct=q.correct,
                chosen=q.chosen,
            )
    if missed:
        cards_make_due(learner=learner, item_ids=missed, now=submitted_at)
    return attempt


def exam_report_open(*, learner: AbstractBaseUser, attempt_id: int, now: datetime) -> ExamAttempt:
    """The submitted attempt (submitting it first if its deadline passed); ``ExamInProgress`` while
    it is still running."""
    attempt = _attempt_for(learner=learner, attempt_id=attempt_id)
    try:
        _expire_if_due(attempt=attempt, now=now)
    except ExamOver as over:
        return over.attempt
    raise ExamInProgress(attempt)
