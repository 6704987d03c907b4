"""What the learner sees, read from the page: the width of the page against the screen, where a box
starts against the fold, the review counters and the card on screen. Shared by the browser tests of
issue #14 (test_review_queue_demo.py, test_study_points.py, test_learner_points.py)."""

from __future__ import annotations

from dataclasses import dataclass

from playwright.sync_api import Error as PlaywrightError

from tests.browser.conftest import ARTIFACTS

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
FOLD_MARGIN = 120  # at least this much of the question's box is on the first screen


def viewport_id(viewport: dict) -> str:
    return str(viewport["width"])


def log_in(page, live_server, username: str, password: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def too_wide(page) -> str | None:
    """What sticks out past the right edge of the screen, if the page is wider than it."""
    wide, screen = page.evaluate("() => [document.documentElement.scrollWidth, innerWidth]")
    if wide <= screen:
        return None
    culprit = page.evaluate(
        """() => { let worst = null;
          for (const el of document.body.querySelectorAll('*')) {
            const r = el.getBoundingClientRect();
            if (r.right > innerWidth + 1 && (!worst || r.width < worst.width)) worst = {el, width: r.width};
          }
          if (!worst) return '';
          const e = worst.el; return e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''); }"""
    )
    return f"{page.url}: {wide} px wide on a {screen} px screen ({culprit})"


def starts_below_the_fold(page, selector: str) -> str | None:
    """Where the first box matching ``selector`` starts on the page, if less than FOLD_MARGIN of it
    is on the first screen (measured from the top of the page, whatever the scroll)."""
    top, height = page.locator(selector).first.evaluate(
        "e => [e.getBoundingClientRect().top + scrollY, innerHeight]"
    )
    if top > height - FOLD_MARGIN:
        return f"{page.url}: {selector} starts {top:.0f} px down on a {height} px high screen"
    return None


def wait_until_gone(page, handle) -> None:
    """Until ``handle`` has left the page (htmx swapped it out, or the page navigated)."""
    for _ in range(200):
        try:
            if not handle.evaluate("e => e.isConnected"):
                return
        except PlaywrightError:  # the page navigated: the old element went with it
            return
        page.wait_for_timeout(50)
    raise AssertionError("the answered card never left the page")


@dataclass(frozen=True)
class ReviewScreen:
    """One screen of /study/ as shown: the three counters, the card (None: "All done") and its stage."""

    due: int | None
    learning: int | None
    new: int | None
    introduced: str  # the new counter's tooltip, "(N of LIMIT introduced)"
    card: tuple[str, ...] | None  # the badges but "New", then the prompt: what tells two cards apart
    is_new: bool
    stage: str | None
    undo: bool  # the "Undo last answer" button is shown

    @property
    def total(self) -> int:
        return (self.due or 0) + (self.learning or 0) + (self.new or 0)


_READ_SCREEN = """() => {
  const count = k => { const e = document.querySelector(`[data-study-counts] [data-count="${k}"]`);
                       return e && e.offsetParent !== null ? Number(e.textContent.trim()) : null; };
  const newCount = document.querySelector('[data-study-counts] [data-count="new"]');
  const card = document.querySelector('[data-study-card]');
  const badges = card ? [...card.querySelectorAll('.study-meta .badge')].map(b => b.textContent.trim()) : [];
  const undo = document.querySelector('[data-undo-form] button');
  return {
    due: count('due'), learning: count('learning'), new: count('new'),
    introduced: newCount ? newCount.parentElement.title : '',
    card: card ? [...badges.filter(b => b !== 'New'), card.querySelector('.prompt').textContent.trim()] : null,
    is_new: badges.includes('New'),
    stage: card ? card.dataset.stage : null,
    undo: !!undo && undo.offsetParent !== null,
  };
}"""


def review_screen(page) -> ReviewScreen:
    data = page.evaluate(_READ_SCREEN)
    card = tuple(data.pop("card")) if data["card"] is not None else None
    return ReviewScreen(card=card, **data)
