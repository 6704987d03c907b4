"""The learner's card browser (/cards/) and leeches at 390 px and 1280 px (issue #14): searching and
filtering by topic, kind, state and lapses narrows the list as the learner types or picks (htmx);
"Bury until tomorrow" and "Flag" mark the card and burying takes it out of /study/; a card lapsing
for the eighth time in /study/ is marked a leech and suspended. Suspending by hand and the leech mark
are in test_card_browser.py. Screenshots: test-artifacts/cards-*.png."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from quizzes.models import CardState
from tests.browser.seen import DESKTOP, PHONE, press_rating, shot, too_wide, up_to_the_rating, viewport_id
from tests.factories import CardStateFactory, FlashcardFactory, ItemFactory, TopicFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIEWPORTS = [pytest.param(PHONE, id="390"), pytest.param(DESKTOP, id="1280")]


def due(learner, item, **fields) -> CardState:
    return CardStateFactory(learner=learner, item=item, due=timezone.now() - timedelta(days=1), **fields)


@pytest.fixture
def cards(learner):
    queues, functions = TopicFactory(title="Queues"), TopicFactory(title="Functions")
    return {
        "visibility": due(
            learner, FlashcardFactory(topic=queues, front="How long is a message hidden?"), lapses=3
        ),
        "batch": due(learner, ItemFactory(topic=functions, stem="How many records does a batch hold?")),
        "memory": due(
            learner,
            FlashcardFactory(topic=functions, front="How much memory may a function have?"),
            suspended=True,
        ),
    }


def open_cards(page, live_server, viewport) -> None:
    page.set_viewport_size(viewport)
    page.goto(f"{live_server.url}/cards/")
    page.wait_for_load_state("load")  # htmx has run


def shown(page, expected: list[CardState]) -> None:
    """Until the list shows exactly these cards (fails when it never does)."""
    expect(page.locator("tr.card-row")).to_have_count(len(expected))
    assert sorted(page.eval_on_selector_all("tr.card-row", "rows => rows.map(r => r.id)")) == sorted(
        f"card-{card.pk}" for card in expected
    )


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_search_and_filters_narrow_the_list_as_the_learner_picks(
    page, live_server, logged_in, cards, viewport
):
    open_cards(page, live_server, viewport)
    shown(page, list(cards.values()))
    page.get_by_label("Search prompts").fill("batch")  # searched as the learner types
    shown(page, [cards["batch"]])
    page.get_by_label("Search prompts").fill("")
    page.get_by_label("Topic").select_option(label="Functions")
    shown(page, [cards["batch"], cards["memory"]])
    page.get_by_label("State").select_option(label="Suspended")
    shown(page, [cards["memory"]])
    page.get_by_label("Kind").select_option(label="Single answer")  # the suspended one is a flashcard
    shown(page, [])
    expect(page.get_by_text("No card matches these filters")).to_be_visible()
    page.get_by_role("link", name="Clear filters").click()
    page.wait_for_url(f"{live_server.url}/cards/")
    shown(page, list(cards.values()))
    page.get_by_label("Lapses at least").fill("2")
    page.get_by_label("Lapses at least").press("Enter")
    shown(page, [cards["visibility"]])
    assert "lapses=2" in page.url  # the filtered list has an address of its own
    assert too_wide(page) is None
    shot(page, f"cards-filtered-{viewport_id(viewport)}")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_burying_and_flagging_mark_the_card_and_burying_keeps_it_out_of_reviews(
    page, live_server, logged_in, cards, viewport
):
    card = cards["visibility"]
    open_cards(page, live_server, viewport)
    row = page.locator(f"#card-{card.pk}")
    row.get_by_role("button", name="Bury until tomorrow").click()
    expect(page.locator(f"#card-{card.pk}").get_by_text("Buried", exact=True)).to_be_visible()
    page.locator(f"#card-{card.pk}").get_by_role("button", name="Flag").click()
    expect(page.locator(f"#card-{card.pk}").get_by_text("Flagged", exact=True)).to_be_visible()
    assert page.locator(f"#card-{card.pk}").get_by_role("button", name="Unbury").is_visible()
    assert too_wide(page) is None
    shot(page, f"cards-buried-flagged-{viewport_id(viewport)}")

    page.goto(f"{live_server.url}/study/")
    page.locator("[data-study-card], .study-done").first.wait_for()
    assert page.get_by_text(card.item.front).count() == 0
    assert page.get_by_text(cards["batch"].item.stem).count() == 1  # the other due card is shown


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_an_eighth_lapse_marks_the_card_a_leech_and_suspends_it(page, live_server, logged_in, viewport):
    card = due(logged_in, FlashcardFactory(front="Which port does the endpoint listen on?"), lapses=7)
    page.set_viewport_size(viewport)
    page.goto(f"{live_server.url}/study/")
    page.wait_for_load_state("load")
    page.get_by_text(card.item.front).wait_for()
    press_rating(page, *up_to_the_rating(page, 1))  # Again: the eighth lapse
    assert page.get_by_text(card.item.front).count() == 0  # not shown again today: suspended

    open_cards(page, live_server, viewport)
    row = page.locator(f"#card-{card.pk}")
    expect(row.get_by_text("Leech", exact=True)).to_be_visible()
    expect(row.get_by_text("Suspended", exact=True)).to_be_visible()
    assert row.get_by_role("button", name="Unsuspend").is_visible()
    assert row.locator("[data-label='Lapses']").inner_text().strip().endswith("8")
    assert too_wide(page) is None
    shot(page, f"cards-leech-{viewport_id(viewport)}")
