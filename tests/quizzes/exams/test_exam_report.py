"""The exam report: filters (wrong / flagged / unanswered), time spent per question, an explanation
per option, per-topic scores against the pass mark, times in the learner's zone."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from quizzes.exams.report import format_duration, question_shown, report_view
from quizzes.exams.services import exam_answer_save, exam_question_show, exam_start, exam_submit
from quizzes.models import ExamQuestion, LearnerSettings
from tests.factories import ItemFactory, TopicFactory, UserFactory

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
HTMX = {"HTTP_HX_REQUEST": "true"}
ROWS = [
    {"position": 1, "answered": True, "correct": True, "flagged": False},
    {"position": 2, "answered": True, "correct": False, "flagged": True},
    {"position": 3, "answered": False, "correct": False, "flagged": True},
    {"position": 4, "answered": False, "correct": False, "flagged": False},
]


# --- pure -------------------------------------------------------------------------------------


def test_wrong_filter_keeps_answered_wrong_questions_only():
    assert [r["position"] for r in ROWS if question_shown(r, "wrong")] == [2]


def test_flagged_filter_keeps_flagged_questions_answered_or_not():
    assert [r["position"] for r in ROWS if question_shown(r, "flagged")] == [2, 3]


def test_unanswered_filter_keeps_unanswered_questions():
    assert [r["position"] for r in ROWS if question_shown(r, "unanswered")] == [3, 4]


def test_report_view_counts_every_filter():
    view = report_view(report={"questions": ROWS}, show="flagged")
    assert {f.key: f.count for f in view.filters} == {"all": 4, "wrong": 1, "flagged": 2, "unanswered": 2}


def test_report_view_marks_the_current_filter():
    view = report_view(report={"questions": ROWS}, show="unanswered")
    assert [f.key for f in view.filters if f.current] == ["unanswered"]


def test_report_view_of_an_unknown_filter_shows_all():
    assert len(report_view(report={"questions": ROWS}, show="nope").questions) == 4


def test_topic_at_the_pass_mark_share_meets_it_and_one_below_does_not():
    view = report_view(
        report={
            "by_topic": [{"label": "A", "correct": 9, "total": 13}, {"label": "B", "correct": 8, "total": 13}]
        },
        show="all",
    )
    assert [(t.label, t.meets_pass_mark) for t in view.topics] == [("A", True), ("B", False)]


def test_topic_gap_is_the_distance_to_the_pass_mark():
    view = report_view(report={"by_topic": [{"label": "A", "correct": 1, "total": 2}]}, show="all")
    assert view.topics[0].scaled == 550 and view.topics[0].gap == -170


def test_report_stored_before_times_were_recorded_has_no_total_time():
    assert report_view(report={"questions": ROWS}, show="all").total_time_ms is None


@pytest.mark.parametrize(
    ("ms", "label"), [(0, "0 s"), (44_600, "45 s"), (125_000, "2 min 05 s"), (3_720_000, "1 h 02 min")]
)
def test_format_duration(ms, label):
    assert format_duration(ms) == label


# --- services ---------------------------------------------------------------------------------


@pytest.fixture
def learner(db):
    return UserFactory()


@pytest.fixture
def bank(db):
    topics = [TopicFactory(slug=f"topic-{n}") for n in range(2)]
    return [ItemFactory(topic=topics[n % 2]) for n in range(4)]


@pytest.fixture
def running(learner, bank):
    return exam_start(learner=learner, length=2, time_limit_minutes=30, now=NOW)


def _show(learner, attempt, position, at):
    exam_question_show(learner=learner, attempt_id=attempt.pk, position=position, now=at)


def _save(learner, attempt, position, at, chosen=(0,), flagged=False):
    exam_answer_save(
        learner=learner,
        attempt_id=attempt.pk,
        position=position,
        chosen=list(chosen),
        flagged=flagged,
        now=at,
    )


def _spent(attempt, position):
    return ExamQuestion.objects.get(attempt=attempt, position=position).time_spent_ms


def test_time_spent_runs_from_showing_the_question_to_saving_its_answer(learner, running):
    _show(learner, running, 1, NOW)
    _save(learner, running, 1, NOW + dt.timedelta(seconds=40))
    assert _spent(running, 1) == 40_000


def test_time_spent_is_summed_over_visits(learner, running):
    _show(learner, running, 1, NOW)
    _save(learner, running, 1, NOW + dt.timedelta(seconds=40))
    _show(learner, running, 2, NOW + dt.timedelta(seconds=41))
    _show(learner, running, 1, NOW + dt.timedelta(seconds=100))
    _save(learner, running, 1, NOW + dt.timedelta(seconds=110))
    assert _spent(running, 1) == 50_000


def test_changes_within_one_visit_are_not_counted_twice(learner, running):
    _show(learner, running, 1, NOW)
    _save(learner, running, 1, NOW + dt.timedelta(seconds=10))
    _save(learner, running, 1, NOW + dt.timedelta(seconds=15), chosen=(1,))
    assert _spent(running, 1) == 15_000


def test_a_save_without_the_page_shown_first_adds_no_time(learner, running):
    _save(learner, running, 2, NOW + dt.timedelta(seconds=10))
    assert _spent(running, 2) == 0


def test_submit_stores_the_time_spent_per_question(learner, running):
    _show(learner, running, 1, NOW)
    _save(learner, running, 1, NOW + dt.timedelta(seconds=7))
    attempt = exam_submit(learner=learner, attempt_id=running.pk, now=NOW + dt.timedelta(minutes=1))
    assert [q["time_spent_ms"] for q in attempt.report["questions"]] == [7000, 0]


def test_submit_stores_an_explanation_per_option_when_the_item_has_one(learner):
    ItemFactory(
        choices=[
            {"text": "900 seconds", "correct": True, "explanation": "The stated maximum."},
            {"text": "300 seconds", "correct": False, "explanation": "An older default."},
        ]
    )
    attempt = exam_start(learner=learner, length=1, time_limit_minutes=5, now=NOW)
    report = exam_submit(learner=learner, attempt_id=attempt.pk, now=NOW).report
    assert {c["text"]: c["explanation"] for c in report["questions"][0]["choices"]} == {
        "900 seconds": "The stated maximum.",
        "300 seconds": "An older default.",
    }


# --- views ------------------------------------------------------------------------------------


@pytest.fixture
def submitted(client, learner, running):
    """Q1 answered wrong and flagged, Q2 unanswered."""
    client.force_login(learner)
    wrong = [i for i, c in enumerate(running.questions.get(position=1).item.choices) if not c["correct"]][:1]
    _show(learner, running, 1, NOW)
    _save(learner, running, 1, NOW + dt.timedelta(seconds=65), chosen=wrong, flagged=True)
    return exam_submit(learner=learner, attempt_id=running.pk, now=NOW + dt.timedelta(minutes=2))


def _report(client, attempt, **kwargs):
    return client.get(reverse("quizzes:exam-report", args=[attempt.pk]), **kwargs)


def _positions(body):
    return [n for n in (1, 2) if f'id="q{n}"' in body]


def test_report_filter_link_works_without_javascript(client, submitted):
    body = _report(client, submitted, data={"show": "unanswered"}).content.decode()
    assert _positions(body) == [2] and "<html" in body


def test_report_filter_to_wrong_answers(client, submitted):
    assert _positions(_report(client, submitted, data={"show": "wrong"}).content.decode()) == [1]


def test_report_filter_by_htmx_returns_only_the_questions_partial(client, submitted):
    body = _report(client, submitted, data={"show": "flagged"}, **HTMX).content.decode()
    assert 'id="exam-questions"' in body and "<html" not in body and "Score:" not in body


def test_report_varies_on_hx_request(client, submitted):
    assert "HX-Request" in _report(client, submitted)["Vary"]


def test_report_refuses_an_unknown_filter_with_400(client, submitted):
    assert _report(client, submitted, data={"show": "everything"}).status_code == 400


def test_another_learner_gets_404_on_a_filtered_report(client, submitted):
    client.force_login(UserFactory())
    assert _report(client, submitted, data={"show": "wrong"}).status_code == 404


def test_report_shows_the_time_spent_on_each_question(client, submitted):
    assert "time: 1 min 05 s" in _report(client, submitted).content.decode()


def test_report_shows_start_and_submit_times_in_the_learners_zone(client, learner, submitted):
    LearnerSettings.objects.update_or_create(user=learner, defaults={"timezone": "Europe/Berlin"})
    body = _report(client, submitted).content.decode()
    assert ">2 Mar 2026, 10:00</time>" in body and ">10:02</time> (Europe/Berlin)" in body


def test_report_shows_each_topic_against_the_pass_mark(client, submitted):
    body = _report(client, submitted).content.decode()
    assert "against the pass mark (720)" in body and "Below</span>" in body


def test_report_marks_flagged_questions_with_a_label(client, submitted):
    assert "⚑</span> Flagged</span>" in _report(client, submitted).content.decode()


def test_question_page_shows_the_flag_mark_and_says_flagged_to_screen_readers(client, learner, running):
    client.force_login(learner)
    _save(learner, running, 2, NOW, flagged=True)
    with time_machine.travel(NOW, tick=False):
        body = client.get(reverse("quizzes:exam-question", args=[running.pk, 1])).content.decode()
    assert 'class="flag-mark">⚑</span>' in body and "Question 2, answered, flagged for review" in body


def test_showing_the_question_page_starts_its_visit(client, learner, running):
    client.force_login(learner)
    with time_machine.travel(NOW + dt.timedelta(seconds=3), tick=False):
        client.get(reverse("quizzes:exam-question", args=[running.pk, 2]))
    assert ExamQuestion.objects.get(attempt=running, position=2).shown_at == NOW + dt.timedelta(seconds=3)


def test_recent_attempts_on_the_exam_page_are_in_the_learners_zone(client, learner, submitted):
    LearnerSettings.objects.update_or_create(user=learner, defaults={"timezone": "Europe/Berlin"})
    with time_machine.travel(NOW + dt.timedelta(minutes=5), tick=False):
        body = client.get(reverse("quizzes:exam")).content.decode()
    assert "2 Mar 2026, 10:02</a>" in body and "Times in Europe/Berlin." in body
