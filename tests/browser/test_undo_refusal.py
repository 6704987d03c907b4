"""In a real browser, a refused undo shows its reason where the undo button was (htmx swaps only 2xx
responses: the refusal is a 200 retargeted at the button), on a phone too, and the card stays."""

from __future__ import annotations

import pytest

from quizzes.models import CardState, ReviewLog
from quizzes.study.services.cards import card_suspend
from tests.factories import FlashcardFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [390, 1280])
def test_a_refused_undo_says_why_in_place_of_the_button(page, live_server, logged_in, screenshot, width):
    page.set_viewport_size({"width": width, "height": 800})
    FlashcardFactory(front="the first card")
    FlashcardFactory(front="the second card")
    page.goto(f"{live_server.url}/study/")
    page.locator("[data-reveal] > summary").click()
    page.locator("[data-rating='3']").click()
    page.locator("[data-undo-form]").wait_for()
    answered = CardState.objects.get(learner=logged_in)
    card_suspend(learner=logged_in, card_id=answered.pk, now=answered.last_review)  # changed since
    page.keyboard.press("u")
    refusal = page.locator("[data-undo-refused]")
    refusal.wait_for()
    assert "changed after your answer" in refusal.inner_text()
    assert page.locator("[data-undo-form]").count() == 0 and page.locator("[data-study-card]").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert ReviewLog.objects.filter(learner=logged_in).count() == 1
    assert CardState.objects.get(pk=answered.pk).suspended
    screenshot(f"undo-refused-{width}")
