"""Layout as the learner sees it: topic page height, the phone navigation, no page wider than the screen."""

from __future__ import annotations

import pytest

from tests.browser.conftest import ARTIFACTS
from tests.corpus import corpus_files

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def corpus(db):
    from notes.services.ingest import ingest_paths

    ingest_paths(paths=[str(path) for path in corpus_files()])


def shot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"layout-{name}.png"), full_page=True)


def test_lambda_topic_page_is_under_2000px_at_1280_with_every_section_reachable(page, live_server, corpus):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/topics/lambda/")
    shot(page, "lambda-1280")
    assert page.evaluate("document.documentElement.scrollHeight") < 2000
    toc_targets = page.eval_on_selector_all(".toc a", "links => links.map(a => a.hash.slice(1))")
    folded = page.eval_on_selector_all("details.fold", "ds => ds.map(d => d.id)")
    assert toc_targets and set(toc_targets) == set(folded)


def test_a_table_of_contents_link_unfolds_its_section(page, live_server, corpus):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/topics/lambda/")
    link = page.locator(".toc a").nth(3)
    target = link.evaluate("a => a.hash.slice(1)")
    link.click()
    # app.js opens the section on hashchange, which fires after the click returns: wait for it
    # (times out, and fails, if the section never opens). A function, not an expression string:
    # polling an expression string evals it in the page, which the CSP (no 'unsafe-eval') refuses.
    page.wait_for_function("id => document.getElementById(id).open", arg=target, timeout=5000)
    assert page.evaluate(f"document.getElementById({target!r}).open")


def test_phone_navigation_is_one_row_with_a_menu_button(page, live_server, logged_in):
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(f"{live_server.url}/topics/")
    assert page.evaluate("document.querySelector('.site-header').offsetHeight") < 70
    menu = page.get_by_role("button", name="Menu")
    assert menu.get_attribute("aria-expanded") == "false"
    menu.focus()
    page.keyboard.press("Enter")
    assert menu.get_attribute("aria-expanded") == "true"
    assert page.get_by_role("link", name="Topics").is_visible()
    shot(page, "nav-open-390")
