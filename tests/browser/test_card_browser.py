"""The card browser in a real browser at 390 px and 1280 px: no horizontal overflow, a list of cards on
a phone and a table on a desktop; suspending a due card (by keyboard, with htmx) takes it out of
/study/. Screenshots: test-artifacts/."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from quizzes.models import CardState
from tests.factories import CardStateFactory, FlashcardFactory, TopicFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (390, 1280)
PROMPT = "How many times may a message be received before it moves to the dead-letter queue?"


@pytest.fixture
def due_card(db, learner):
    topic = TopicFactory(title="Message queues with a rather long topic title")
    card = CardStateFactory(
        learner=learner,
        item=FlashcardFactory(topic=topic, front=PROMPT),
        due=timezone.now() - timedelta(days=1),
        lapses=8,
    )
    return card


def wide(page) -> tuple[int, int]:
    return tuple(page.evaluate("[document.documentElement.scrollWidth, innerWidth]"))


@pytest.mark.parametrize("width", WIDTHS)
def test_suspending_a_card_takes_it_out_of_reviews(page, live_server, logged_in, due_card, screenshot, width):
    page.set_viewport_size({"width": width, "height": 844 if width < 600 else 900})
    page.goto(f"{live_server.url}/study/")
    page.get_by_text(PROMPT).first.wait_for()

    page.goto(f"{live_server.url}/cards/")
    page.wait_for_load_state("load")  # htmx has run
    row = page.locator(f"#card-{due_card.pk}")
    row.get_by_text("Leech").wait_for()
    scroll, screen = wide(page)
    assert scroll <= screen, f"/cards/ is {scroll} px wide on a {screen} px screen"
    display = row.evaluate("e => getComputedStyle(e).display")
    assert display == ("block" if width < 600 else "table-row")
    screenshot(f"cards-{width}")

    suspend = row.get_by_role("button", name="Suspend")
    suspend.focus()
    page.keyboard.press("Enter")
    page.locator(f"#card-{due_card.pk}").get_by_role("button", name="Unsuspend").wait_for()
    assert CardState.objects.get(pk=due_card.pk).suspended

    page.goto(f"{live_server.url}/study/")
    page.wait_for_load_state("load")
    assert page.get_by_text(PROMPT).count() == 0
