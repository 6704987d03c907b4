"""Layout as the learner sees it: topic page height, the merged outline at 390 and 1280 px, the
navigation (one row with a menu button on a phone, one row without it on a desktop), no page wider
than the screen, the site's icon and counts in the singular (issue #14)."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import ARTIFACTS
from tests.browser.seen import too_wide
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


# The numbers of the table of contents' entries whose marker ("12. ") does not fit left of the entry
# inside the box that clips it (the sticky, scrolling table of contents on a desktop; else the page).
TOC_NUMBERS_CUT_OFF = """() => {
  const toc = document.querySelector('.toc');
  const clips = getComputedStyle(toc).overflowX !== 'visible';
  const edge = clips ? toc.getBoundingClientRect().left + toc.clientLeft : 0;
  const pen = document.createElement('canvas').getContext('2d');
  return [...toc.querySelectorAll('ol > li')].flatMap((li, i) => {
    const style = getComputedStyle(li);
    pen.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    return li.getBoundingClientRect().left - pen.measureText(`${i + 1}. `).width < edge ? [i + 1] : [];
  });
}"""


# Outline headings whose text starts right of their first line's text (issue #14: "Limits" headings
# sat deeper than their own bullets).
HEADINGS_DEEPER_THAN_THEIR_LINES = """lis => lis.flatMap(li => {
  const own = li.querySelector(':scope > .text.heading');
  const child = li.querySelector(':scope > ul.merged > li > .text');
  if (!own || !child) return [];
  const left = e => e.getBoundingClientRect().left;
  return left(own) > left(child) ? [own.textContent.trim()] : [];
})"""


def test_lambda_topic_page_is_one_merged_outline_at_390_and_1280(page, live_server, corpus):
    problems = []
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 844 if width < 600 else 900})
        page.goto(f"{live_server.url}/topics/lambda/")
        titles = [t.strip() for t in page.locator("#notes-h ~ details.fold > summary h3").all_inner_texts()]
        repeated = sorted({t for t in titles if titles.count(t) > 1})
        if repeated:
            problems.append(f"{width} px: merged notes with a heading more than once: {repeated}")
        cut = page.evaluate(TOC_NUMBERS_CUT_OFF)
        if cut:
            problems.append(f"{width} px: the table of contents' numbers {cut} are cut off on the left")
        lines = page.eval_on_selector_all(
            "ul.merged li",
            """lis => lis.map(li => [li.querySelector(':scope > .text').textContent.trim(),
                                     li.querySelector(':scope > .text').classList.contains('heading'),
                                     [...li.querySelectorAll(':scope > .cite')].map(c => c.textContent.trim())])""",
        )
        uncited = [text for text, heading, cites in lines if not heading and not cites]
        if uncited:
            problems.append(f"{width} px: lines without their file:line: {uncited[:3]}")
        cites = [c for _, _, cs in lines for c in cs]
        if not all(re.fullmatch(r"\S.*:\d+", c) for c in cites):
            problems.append(f"{width} px: cites that are not file:line: {cites[:3]}")
        if len({c.rsplit(":", 1)[0] for c in cites}) < 2:
            problems.append(f"{width} px: the outline cites fewer than two source files (not merged)")
        if page.locator("details#furniture").count() and page.locator("details#furniture[open]").count():
            problems.append(f"{width} px: page furniture and exercises are not folded away")
        page.evaluate("() => document.querySelectorAll('details.fold').forEach(d => { d.open = true; })")
        deeper = page.eval_on_selector_all("ul.merged li", HEADINGS_DEEPER_THAN_THEIR_LINES)
        if deeper:
            problems.append(f"{width} px: headings indented deeper than their own lines: {deeper[:3]}")
        problems += filter(None, [too_wide(page)])  # every section open, as a reader opens them
        shot(page, f"lambda-merged-{width}")
    assert not problems, "\n".join(problems)


def test_desktop_navigation_is_one_row_without_a_menu_button(page, live_server, logged_in):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{live_server.url}/topics/")
    assert page.evaluate("() => document.querySelector('.site-header').offsetHeight") < 70
    assert not page.get_by_role("button", name="Menu").is_visible()
    tops = page.eval_on_selector_all(".nav-links a", "links => links.map(a => a.getBoundingClientRect().top)")
    assert len(tops) >= 5 and max(tops) - min(tops) < 5  # every link on the one row
    assert page.get_by_role("link", name="Review").is_visible()
    shot(page, "nav-1280")


def test_the_site_icon_loads_and_one_conflict_is_singular(page, live_server, logged_in):
    from tests.factories import ConflictFactory

    ConflictFactory()
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(f"{live_server.url}/")
        assert page.get_by_text("1 conflict between sources", exact=True).is_visible()
        icon = page.locator("link[rel=icon]").get_attribute("href")
        assert page.request.get(f"{live_server.url}{icon}").ok
        fallback = page.request.get(f"{live_server.url}/favicon.ico")
        assert fallback.ok and fallback.headers["content-type"] == "image/svg+xml"
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width
