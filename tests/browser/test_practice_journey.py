"""Practice in a real browser at 390 px and 1280 px: the session score counts what the learner
answered, the filters fold away once a session runs (and open from the keyboard), and on a 360 px
phone the question starts above the fold. Screenshots in test-artifacts/."""

from __future__ import annotations

import re

import pytest

from quizzes.models import ReviewLog
from tests.factories import ItemFactory, TopicFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = [
    pytest.param({"width": 390, "height": 844}, id="390"),
    pytest.param({"width": 1280, "height": 800}, id="1280"),
]


@pytest.fixture
def course(db):
    topics = [TopicFactory(slug=f"topic-{n}", title=f"Topic {n}") for n in range(6)]
    return [ItemFactory(topic=topics[n % 6]) for n in range(8)]


def start_practice(page, live_server) -> None:
    page.goto(f"{live_server.url}/practice/")
    page.get_by_role("button", name="Start practice").click()
    page.locator("[data-study-card][data-stage='choose']").wait_for()
    page.wait_for_load_state("load")


def answer_one(page) -> None:
    page.keyboard.press("1")  # study.js: pick the first shown choice, Enter checks it
    page.keyboard.press("Enter")
    page.locator("[data-study-card][data-stage='next']").wait_for()


def next_question(page) -> None:
    page.get_by_role("link", name=re.compile("Next question")).click()
    page.locator("[data-study-card][data-stage='choose']").wait_for()


@pytest.mark.parametrize("viewport", WIDTHS)
def test_the_session_score_is_right_after_three_answers(
    page, live_server, logged_in, course, screenshot, viewport
):
    page.set_viewport_size(viewport)
    start_practice(page, live_server)
    for n in range(3):
        if n:
            next_question(page)
        answer_one(page)
    right = ReviewLog.objects.filter(learner=logged_in, mode="practice", correct=True).count()
    score = page.locator("[data-practice-score]")
    screenshot(f"score-{viewport['width']}")
    assert score.is_visible() and f"{right} right of 3" in score.inner_text()


@pytest.mark.parametrize("viewport", WIDTHS)
def test_the_score_survives_a_reload_and_resets_on_a_new_start(
    page, live_server, logged_in, course, viewport
):
    page.set_viewport_size(viewport)
    start_practice(page, live_server)
    answer_one(page)
    page.reload()
    assert "of 1" in page.locator("[data-practice-score]").inner_text()
    page.locator(".practice-filters > summary").click()
    page.get_by_role("button", name="Start practice").click()
    page.locator("[data-study-card][data-stage='choose']").wait_for()
    assert "0 right of 0" in page.locator("[data-practice-score]").inner_text()


def test_the_folded_filters_open_from_the_keyboard(page, live_server, logged_in, course):
    page.set_viewport_size({"width": 390, "height": 844})
    start_practice(page, live_server)
    filters = page.locator("details.practice-filters")
    assert filters.get_attribute("open") is None
    page.locator(".practice-filters > summary").focus()
    page.keyboard.press("Enter")
    assert filters.get_attribute("open") is not None
    assert page.get_by_role("button", name="Start practice").is_visible()


def test_the_question_starts_above_the_fold_on_a_360_px_phone(
    page, live_server, logged_in, course, screenshot
):
    page.set_viewport_size({"width": 360, "height": 740})
    start_practice(page, live_server)
    top = page.locator(".study-card").first.evaluate("e => e.getBoundingClientRect().top")
    screenshot("360")
    assert top < 740 - 120
