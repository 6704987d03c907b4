"""The whole journey in a real browser: log in, review five cards by keyboard, answer a practice
question, take and submit a three-question exam, read the report and the dashboard."""

from __future__ import annotations

import pytest

from quizzes.models import ExamAttempt, ReviewLog
from tests.browser.seen import wait_until_gone
from tests.factories import FlashcardFactory, ItemFactory, TopicFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def course(db):
    topics = [TopicFactory(slug=slug, title=title) for slug, title in (("lambda", "Lambda"), ("sqs", "SQS"))]
    for n in range(3):
        FlashcardFactory(topic=topics[n % 2])
    return [ItemFactory(topic=topics[n % 2]) for n in range(6)]


def _wait_for_log(page, learner, count: int) -> None:
    for _ in range(100):
        if ReviewLog.objects.filter(learner=learner).count() >= count:
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"review log never reached {count}")


def _review_one_by_keyboard(page, learner) -> None:
    logged = ReviewLog.objects.filter(learner=learner).count()
    card = page.locator("[data-study-card]")
    card.wait_for()
    page.wait_for_load_state("load")
    answered = card.element_handle()
    if card.get_attribute("data-stage") == "front":
        page.keyboard.press("Space")
        page.locator("[data-reveal][open]").wait_for()
        page.keyboard.press("3")
    else:  # a question: pick with a digit, check with Enter, then Enter accepts the derived rating
        page.keyboard.press("1")
        page.keyboard.press("Enter")
        page.locator("[data-study-card][data-stage='rate']").wait_for()
        page.keyboard.press("Enter")
    _wait_for_log(page, learner, logged + 1)
    # The log is stored before htmx swaps the next card in: until the answered card has left the
    # page, the next keys would go to it (a replay of its token, and no new log).
    wait_until_gone(page, answered)
    page.wait_for_load_state()
    page.locator("[data-study-card][data-stage='front'], [data-study-card][data-stage='choose']").wait_for()


def _answer_exam_question(page, number: int, total: int) -> None:
    page.get_by_text(f"Question {number} of {total}").wait_for()
    page.wait_for_load_state("load")  # deferred scripts (htmx, exam.js) have run
    page.keyboard.press("1")  # exam.js: pick choice 1, saved at once with htmx
    page.get_by_text("Answer saved.").wait_for()
    button = "Save and next" if number < total else "Save and review"
    page.get_by_role("button", name=button).click()


def test_log_in_review_practice_exam_report_and_dashboard(page, live_server, logged_in, course, screenshot):
    page.goto(f"{live_server.url}/study/")
    page.locator("[data-study-card]").wait_for()
    screenshot("1-study")
    for _ in range(5):
        _review_one_by_keyboard(page, logged_in)
    assert ReviewLog.objects.filter(learner=logged_in, mode="review").count() == 5

    page.goto(f"{live_server.url}/practice/")
    page.get_by_role("button", name="Start practice").click()
    page.locator("[data-study-card][data-stage='choose']").wait_for()
    page.wait_for_load_state("load")
    page.keyboard.press("1")
    page.keyboard.press("Enter")
    page.locator("[data-study-card][data-stage='next']").wait_for()
    screenshot("2-practice")
    assert ReviewLog.objects.filter(learner=logged_in, mode="practice").count() == 1

    page.goto(f"{live_server.url}/exam/")
    page.get_by_role("button", name="Quick try: 3 questions, 6 minutes").click()
    for number in (1, 2, 3):
        if number == 2:
            screenshot("3-exam-question")
        _answer_exam_question(page, number, 3)
    page.get_by_role("heading", name="Review and submit").wait_for()
    page.get_by_role("button", name="Submit the exam").click()
    page.get_by_role("heading", name="Exam report").wait_for()
    screenshot("4-exam-report")
    attempt = ExamAttempt.objects.get(learner=logged_in)
    assert page.locator(".score-number").inner_text() == str(attempt.score_scaled)

    page.get_by_role("link", name="Progress").first.click()
    page.get_by_role("heading", name="Progress", exact=True).wait_for()
    screenshot("5-progress")
    assert page.locator("svg.heatmap rect[data-count]:not([data-count='0'])").count() == 1


def test_exam_resumes_after_a_reload(page, live_server, logged_in, course, screenshot):
    page.goto(f"{live_server.url}/exam/")
    page.get_by_role("button", name="Quick try: 3 questions, 6 minutes").click()
    page.get_by_text("Question 1 of 3").wait_for()
    page.wait_for_load_state("load")
    page.keyboard.press("2")
    page.get_by_text("Answer saved.").wait_for()
    page.goto(f"{live_server.url}/exam/")
    page.get_by_role("link", name="Resume at question 2").click()
    page.get_by_text("Question 2 of 3").wait_for()
    page.get_by_role("link", name="Question 1, answered").click()
    assert page.locator("#choice-2").is_checked()
    page.set_viewport_size({"width": 375, "height": 740})  # a phone
    screenshot("resumed-phone")


def test_on_a_phone_the_heatmap_opens_on_the_latest_weeks(page, live_server, logged_in, screenshot):
    from django.utils import timezone

    from tests.factories import ReviewLogFactory

    ReviewLogFactory(learner=logged_in, reviewed_at=timezone.now())
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(f"{live_server.url}/progress/")
    wrap = page.locator(".heatmap-wrap")
    latest = page.locator("svg.heatmap rect[data-date]").last
    box, frame = latest.bounding_box(), wrap.bounding_box()
    screenshot("heatmap-phone")
    assert frame["x"] <= box["x"] and box["x"] + box["width"] <= frame["x"] + frame["width"]
