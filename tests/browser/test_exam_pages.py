"""The mock exam as a learner sees it at 390 px (and 360 px) and 1280 px: no page wider than the
screen, the question above the fold, a flag mark that shows, report filters from the keyboard."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

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


@pytest.mark.parametrize("width", [390, 1280])
def test_flag_mark_on_the_question_map_is_visible_and_named(page, live_server, logged_in, bank, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{live_server.url}/exam/")
    page.get_by_role("button", name="Start the exam").click()
    page.wait_for_url("**/q/1/")
    page.get_by_label("Flag for review").check()  # htmx saves it and swaps the map
    flagged = page.get_by_role("link", name="Question 1, not answered, flagged for review")
    flagged.wait_for()
    mark = flagged.locator(".flag-mark")
    assert mark.is_visible()
    box = mark.bounding_box()
    assert box is not None and box["width"] >= 10 and box["height"] >= 10
    style = mark.evaluate("m => [getComputedStyle(m).color, getComputedStyle(m).backgroundColor]")
    assert style[0] != style[1]
    assert page_width(page) <= width
    shot(page, f"flag-{width}")


@pytest.mark.parametrize("width", [390, 1280])
def test_report_filters_work_from_the_keyboard(page, live_server, submitted, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{live_server.url}/exam/{submitted.pk}/report/")
    questions = page.locator(".exam-review > li")
    assert questions.count() == 4
    page.get_by_role("link", name="Flagged (2)").focus()
    page.keyboard.press("Enter")
    expect(questions).to_have_count(2)  # htmx swapped the list (times out, and fails, if not)
    assert [li.get_attribute("id") for li in questions.all()] == ["q2", "q3"]
    assert page.get_by_role("link", name="Flagged (2)").get_attribute("aria-current") == "true"
    assert "show=flagged" in page.url
    page.get_by_role("link", name="Not answered (2)").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#q4")).to_be_visible()
    expect(page.locator("#q2")).to_have_count(0)
    assert page_width(page) <= width
    shot(page, f"report-unanswered-{width}")


def test_report_filters_work_without_javascript(browser, live_server, submitted, learner):
    context = browser.new_context(viewport={"width": 390, "height": 800}, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(learner.username)
    page.get_by_label("Password").fill("pw-for-tests-1")
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_server.url}/exam/{submitted.pk}/report/")
    page.get_by_role("link", name="Wrong answers (1)").click()
    page.wait_for_url("**show=wrong**")
    assert [li.get_attribute("id") for li in page.locator(".exam-review > li").all()] == ["q2"]
    context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_review_mode_shows_feedback_after_checking_an_answer(page, live_server, logged_in, bank, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{live_server.url}/exam/")
    page.get_by_label("Review: feedback after each question, no clock").check()
    page.get_by_role("button", name="Start the exam").click()
    page.wait_for_url("**/q/1/")
    page.locator(".exam-choices label").first.click()
    page.get_by_role("button", name="Check answer").click()
    feedback = page.locator(".exam-feedback")
    expect(feedback).to_be_visible()
    expect(page.locator(".exam-choices .tag.key")).to_have_text("correct answer")
    assert page.locator(".exam-choices input").first.is_disabled()
    assert page_width(page) <= width
    shot(page, f"review-mode-{width}")


@pytest.mark.parametrize("width", [390, 1280])
def test_start_page_with_a_blueprint_fits_and_keeps_the_start_button_in_view(
    page, live_server, logged_in, bank, width
):
    from decimal import Decimal

    from quizzes.models import ExamBlueprint, ExamBlueprintWeight

    blueprint = ExamBlueprint.objects.create(name="Associate exam guide", active=True)
    for n, item in enumerate(bank[:3]):
        ExamBlueprintWeight.objects.create(blueprint=blueprint, topic=item.topic, weight=Decimal(50 - 10 * n))
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{live_server.url}/exam/")
    expect(page.get_by_role("heading", name="Blueprint: Associate exam guide")).to_be_visible()
    shot(page, f"start-blueprint-{width}")
    assert page_width(page) <= width
    button = page.get_by_role("button", name="Start the exam").bounding_box()
    assert button is not None and button["y"] + button["height"] <= 800
