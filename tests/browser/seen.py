"""What the learner sees, read from the page: the width of the page against the screen, where a box
starts against the fold, the review counters and the card on screen. Shared by the browser tests of
issue #14 (test_review_queue_demo.py, test_study_points.py, test_learner_points.py), the phone crawl
and the study journey."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

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


def new_limit(page, live_server) -> int:
    """The day's limit of new cards, as the learner's /settings/ page shows it."""
    page.goto(f"{live_server.url}/settings/")
    return int(page.get_by_label("New items per day").input_value())


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
    raw = data.pop("card")
    card = tuple(raw) if raw is not None else None
    return ReviewScreen(card=card, **data)


LEARNING_WINDOW_MINUTES = 20  # cards due within this are "learning" (as Anki's learn-ahead limit)
NEXT_REVIEW_SCREEN = (
    "[data-study-card][data-stage='front'], [data-study-card][data-stage='choose'], .study-done"
)


def sent_back_for_minutes(interval: str) -> bool:
    """Whether the interval a rating button showed ("<1m", "<10m", "3d", "2.5mo") keeps the card in
    today's learning."""
    minutes = re.fullmatch(r"<(\d+)m", interval.strip())
    return minutes is not None and int(minutes.group(1)) <= LEARNING_WINDOW_MINUTES


@dataclass
class QueueSeen:
    """What the learner can know of their queue from the screens and the buttons they pressed: the
    cards they sent back for minutes (learning), those sent away for days, the New cards met so far.
    ``check`` compares one screen with it; ``answered`` records the button pressed on a card."""

    new_limit: int  # the day's limit, as /settings/ shows it
    new_available: int  # New cards the bank can still give today (at most new_limit)
    learning: set = field(default_factory=set)
    away: set = field(default_factory=set)
    new_cards: list = field(default_factory=list)
    previous: tuple | None = None

    def check(self, screen: ReviewScreen, where: str) -> list[str]:
        problems = []
        if screen.card is not None and screen.card == self.previous and screen.total > 1:
            problems.append(f"{where}: shown twice in a row while the counters say {screen.total} are left")
        if screen.new != self.new_available - len(self.new_cards):
            problems.append(f"{where}: {screen.new} new left after {len(self.new_cards)} New cards")
        if f"({len(self.new_cards)} of {self.new_limit} introduced)" not in screen.introduced:
            problems.append(f"{where}: the new counter's title says {screen.introduced!r}")
        if screen.learning != len(self.learning):
            problems.append(
                f"{where}: {screen.learning} learning, {len(self.learning)} sent back for minutes"
            )
        if screen.due != 0:  # nothing sent away for days is due again within the session
            problems.append(f"{where}: {screen.due} due")
        if screen.card is None:
            if screen.total:
                problems.append(f"{where}: no card shown, the counters say {screen.total} are left")
        elif screen.is_new:
            if len(self.new_cards) >= self.new_limit:
                problems.append(f"{where}: a New card over the day's limit of {self.new_limit}")
        elif screen.card in self.away:
            problems.append(f"{where}: sent away for days, shown again")
        elif screen.card not in self.learning:
            problems.append(f"{where}: neither New nor in learning")
        return problems

    def answered(self, screen: ReviewScreen, interval: str) -> None:
        if screen.is_new:
            self.new_cards.append(screen.card)
        keep, drop = (
            (self.learning, self.away) if sent_back_for_minutes(interval) else (self.away, self.learning)
        )
        keep.add(screen.card)
        drop.discard(screen.card)
        self.previous = screen.card


def up_to_the_rating(page, rating: int, *, choice: str | None = None):
    """From the keyboard, bring the card on screen to its rating buttons: Space for a flashcard; for a
    question the digit of the choice whose text is ``choice`` (else the first shown), then Enter.
    Returns the key to press for ``rating`` and its button; when that rating is not offered after the
    verdict (Again after a right answer, anything but Again after a wrong one), Enter and the button
    offered."""
    card = page.locator("[data-study-card]")
    if card.get_attribute("data-stage") == "front":
        page.keyboard.press("Space")
        page.locator("[data-reveal][open]").wait_for()
    else:
        label = (
            card.locator("label.choice", has_text=choice) if choice else card.locator("label.choice").first
        )
        page.keyboard.press(label.locator("[data-choice-key]").get_attribute("data-choice-key"))
        page.keyboard.press("Enter")
        page.locator("[data-study-card][data-stage='rate']").wait_for()
    key, button = str(rating), page.locator(f"[data-study-card] [data-rating='{rating}']")
    if not button.count():  # not offered after this verdict: take the one offered
        key, button = "Enter", page.locator("[data-study-card] [data-default]")
    return key, button


def press_rating(page, key: str, button) -> tuple[str, str]:
    pressed = f"{button.locator('.rate-label').inner_text()} ({key})"
    interval = button.locator(".rate-interval").inner_text()
    handle = page.locator("[data-study-card]").element_handle()
    page.keyboard.press(key)
    wait_until_gone(page, handle)
    page.locator(NEXT_REVIEW_SCREEN).first.wait_for()
    return pressed, interval
