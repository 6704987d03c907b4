"""The mock exam as a learner sees it at 390 px (and 360 px) and 1280 px: no page wider than the
screen, the question above the fold, a flag mark that shows, report filters from the keyboard."""

from __future__ import annotations

import pytest
from django.utils import timezone

from tests.browser.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG_FILE = "lecture-notes/" + "a-very-long-source-file-name-without-any-spaces-" * 3 + "notes.md"


@pytest.fixture
def bank(db):
    from tests.factories import ItemFactory, TopicFactory

    topics = [TopicFactory(slug=f"exam-topic-{n}", title=f"Exam topic {n}") for n in range(3)]
    return [
        ItemFactory(
            topic=topics[n % 3],
            sources=[{"file": LONG_FILE, "line": 100 + n}, {"file": LONG_FILE, "line": 7}],
        )
        for n in range(6)
    ]


@pytest.fixture
def submitted(logged_in, bank):
    """A submitted 4-question exam: Q1 right, Q2 wrong and flagged, Q3 flagged and unanswered, Q4 unanswered."""
    from quizzes.exams.services import exam_answer_save, exam_start, exam_submit

    now = timezone.now()
    attempt = exam_start(learner=logged_in, length=4, time_limit_minutes=10, now=now)
    questions = {q.position: q for q in attempt.questions.select_related("item")}
    right = questions[1].item.correct_indexes
    wrong = [i for i in range(len(questions[2].item.choices)) if i not in questions[2].item.correct_indexes][
        :1
    ]
    answers = {1: (right, False), 2: (wrong, True), 3: ([], True)}
    for position, (chosen, flagged) in answers.items():
        exam_answer_save(
            learner=logged_in,
            attempt_id=attempt.pk,
            position=position,
            chosen=chosen,
            flagged=flagged,
            now=now,
        )
    return exam_submit(learner=logged_in, attempt_id=attempt.pk, now=now)


def shot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"exam-{name}.png"), full_page=True)


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


@pytest.mark.parametrize("width", [360, 390])
def test_report_is_no_wider_than_a_phone_screen(page, live_server, submitted, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{live_server.url}/exam/{submitted.pk}/report/")
    shot(page, f"report-{width}")
    assert page_width(page) <= width


@pytest.mark.parametrize("width", [360, 390, 1280])
def test_question_page_is_no_wider_than_the_screen_and_the_question_is_above_the_fold(
    page, live_server, logged_in, bank, width
):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{live_server.url}/exam/")
    page.get_by_role("button", name="Start the exam").click()
    page.wait_for_url("**/q/1/")
    shot(page, f"question-{width}")
    assert page_width(page) <= width
    box = page.locator("#exam-form fieldset").bounding_box()
    assert box is not None and box["y"] + min(box["height"], 200) <= 800
    first_choice = page.locator(".exam-choices li").first.bounding_box()
    assert first_choice is not None and first_choice["y"] + first_choice["height"] <= 800


@pytest.mark.parametrize("width", [360, 390])
def test_start_page_and_its_form_fit_a_phone(page, live_server, logged_in, bank, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{live_server.url}/exam/")
    shot(page, f"start-{width}")
    assert page_width(page) <= width
    button = page.get_by_role("button", name="Start the exam").bounding_box()
    assert button is not None and button["y"] + button["height"] <= 800
