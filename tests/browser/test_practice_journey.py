"""Practice in a real browser at 390 px and 1280 px: the session score counts what the learner
answered, the filters fold away once a session runs (and open from the keyboard), the question
starts above the fold on a 360 px phone and at 1280 px, and "Practise my mistakes" shows only the
questions missed in practice or an exam, until each is answered right twice. Screenshots in
test-artifacts/."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from quizzes.models import ReviewLog
from tests.factories import ItemFactory, ReviewLogFactory, TopicFactory

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


@pytest.mark.parametrize(
    "viewport",
    [
        pytest.param({"width": 360, "height": 740}, id="360"),
        pytest.param({"width": 1280, "height": 800}, id="1280"),
    ],
)
def test_the_question_starts_above_the_fold(page, live_server, logged_in, course, screenshot, viewport):
    page.set_viewport_size(viewport)
    start_practice(page, live_server)
    top = page.locator(".study-card").first.evaluate("e => e.getBoundingClientRect().top")
    screenshot(str(viewport["width"]))
    assert top < viewport["height"] - 120
    assert page.evaluate("() => document.documentElement.scrollWidth") <= viewport["width"]


@pytest.mark.parametrize("viewport", WIDTHS)
def test_practising_my_mistakes_shows_only_them_until_each_is_right_twice(
    page, live_server, logged_in, course, screenshot, viewport
):
    earlier = timezone.now() - timedelta(hours=1)
    missed = {course[0].stem: course[0], course[5].stem: course[5]}
    for item, mode in zip(missed.values(), ("practice", "exam"), strict=True):
        ReviewLogFactory(
            learner=logged_in, item=item, mode=mode, correct=False, rating=1, reviewed_at=earlier
        )
    ReviewLogFactory(learner=logged_in, item=course[1], mode="practice", correct=True, reviewed_at=earlier)
    page.set_viewport_size(viewport)
    page.goto(f"{live_server.url}/practice/")
    page.get_by_role("link", name="Practise my mistakes").click()
    seen = []
    for _ in range(2 * len(missed)):  # two right answers each; "Next question" never repeats the last
        card = page.locator("[data-study-card][data-stage='choose']")
        card.wait_for()
        page.wait_for_load_state("load")
        stem = card.locator(".prompt").inner_text().strip()
        assert stem in missed, f"not a mistake: {stem!r}"
        assert page.locator("[data-practice-score] .badge").inner_text() == "My mistakes"
        seen.append(stem)
        card.locator("label.choice", has_text="900 seconds").click()  # ItemFactory's right answer
        card.get_by_role("button", name="Check answer").click()
        page.locator("[data-study-card][data-stage='next']").wait_for()
        if len(seen) == 1:
            screenshot(f"mistakes-{viewport['width']}")
        page.get_by_role("link", name=re.compile("Next question")).click()
        page.locator("[data-study-card][data-stage='choose'], #practice-card h2").first.wait_for()
        page.wait_for_function(
            "prompt => { const p = document.querySelector('#practice-card .prompt, #practice-card h2');"
            " return p !== null && p.textContent.trim() !== prompt; }",
            arg=stem,
        )
    assert sorted(seen) == sorted(2 * list(missed))
    page.get_by_role("heading", name="No mistakes to practise").wait_for()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= viewport["width"]
