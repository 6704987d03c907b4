"""The progress page as the learner sees it: the heatmap starts at the content column's left edge on
desktop (it sat offset to the right), the page fits a phone, the mastery table's two numbers show."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests.browser.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def studied(logged_in):
    from fsrs import Rating

    from quizzes.study.services.scheduling import card_record_answer
    from tests.factories import ItemFactory, TopicFactory

    lambda_, sqs = TopicFactory(slug="lambda", title="Lambda"), TopicFactory(slug="sqs", title="SQS")
    ItemFactory.create_batch(3, topic=sqs)
    now = timezone.now()
    for days, item in enumerate(ItemFactory.create_batch(4, topic=lambda_)):
        card_record_answer(
            learner=logged_in, item=item, rating=Rating.Good, now=now - dt.timedelta(days=days), mode="review"
        )
    return logged_in


def _box(page, selector):
    return page.evaluate(
        "s => { const r = document.querySelector(s).getBoundingClientRect();"
        " return {left: r.left, right: r.right, width: r.width}; }",
        selector,
    )


def test_heatmap_starts_at_the_content_column_at_1280(page, live_server, studied):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/progress/")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "progress-1280.png"), full_page=True)
    column = _box(page, "#heatmap-heading")
    wrap, svg = _box(page, ".heatmap-wrap"), _box(page, "svg.heatmap")
    assert abs(svg["left"] - column["left"]) <= 1, (svg, column)
    assert abs(wrap["left"] - column["left"]) <= 1, (wrap, column)
    assert svg["right"] <= wrap["right"] + 1


def test_progress_page_fits_a_390px_phone(page, live_server, studied):
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(f"{live_server.url}/progress/")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "progress-390.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # the year scrolls inside its own box, starting at today's end
    wrap = page.locator(".heatmap-wrap")
    assert wrap.evaluate("w => w.scrollWidth > w.clientWidth")
    assert _box(page, ".heatmap-wrap")["right"] <= 390


def test_mastery_table_shows_studied_recall_and_not_yet_studied(page, live_server, studied):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/progress/")
    sqs = page.locator('tr[data-slug="sqs"]')
    assert sqs.locator(".studied").inner_text() == "0 of 3"
    assert "none studied" in sqs.locator(".recall").inner_text()
    assert sqs.locator(".not-studied").inner_text().replace("\xa0", " ") == "100 %"
    lambda_recall = page.locator('tr[data-slug="lambda"] .recall').inner_text().replace("\xa0", " ")
    assert lambda_recall.endswith(" %") and lambda_recall != "100 %"
