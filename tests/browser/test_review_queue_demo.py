"""The review queue as the demo learner lives it (issue #14, point 1): the demo notes loaded as
``dev.py run`` loads them (``manage.py load_demo``), 40 cards answered from the keyboard at 390 px
with a mix of Again, Hard, Good and Easy. Everything is read from the screen:

- no card is shown twice in a row while the counters say another is available;
- "new left today" counts down from the day's limit (read on /settings/) by one per New card and
  never lets more New cards through than the limit; New cards come in the course's topic order;
- "learning" is the number of cards the learner sent back for minutes (the interval on the button
  they pressed), "due" the number of cards sent away for days that are due again (none, within a
  session); a card sent away for days does not come back; a card that is not New is one of those in
  learning; the counters show on the answer screen too, unchanged;
- the card's prompt is above the fold and no screen is wider than the phone.

Screenshots: test-artifacts/queue-demo-*.png; the sequence as seen: test-artifacts/queue-demo-390.txt."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command

from tests.browser.conftest import ARTIFACTS
from tests.browser.seen import (
    PHONE,
    log_in,
    review_screen,
    shot,
    starts_below_the_fold,
    too_wide,
    wait_until_gone,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LEARNER = ("learner", "learn-serverless-1")  # notes/services/demo.py, as the README prints them
CARDS = 40
# The rating pressed for card n (1 Again, 2 Hard, 3 Good, 4 Easy). A question answered wrong can only
# be rated Again ("Continue"); one answered right cannot be rated Again (Enter takes the offered one).
RATINGS = (3, 1, 2, 3, 4, 1, 3, 2, 3, 1, 4, 3)
LEARNING_WINDOW_MINUTES = 20  # cards due within this are "learning" (as Anki's learn-ahead limit)
NEXT_SCREEN = "[data-study-card][data-stage='front'], [data-study-card][data-stage='choose'], .study-done"


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=io.StringIO())


def sent_back_for_minutes(interval: str) -> bool:
    """Whether the interval a rating button showed ("<1m", "<10m", "3d", "2.5mo") keeps the card in
    today's learning."""
    minutes = re.fullmatch(r"<(\d+)m", interval.strip())
    return minutes is not None and int(minutes.group(1)) <= LEARNING_WINDOW_MINUTES


def answer(page, stage: str, rating: int, screen_before, problems: list[str]) -> tuple[str, str]:
    """Answer the card on screen from the keyboard; return the button pressed and its interval."""
    if stage == "front":
        page.keyboard.press("Space")
        page.locator("[data-reveal][open]").wait_for()
    else:
        page.keyboard.press("1")  # the first choice shown (shuffled per showing: right or wrong)
        page.keyboard.press("Enter")
        page.locator("[data-study-card][data-stage='rate']").wait_for()
        after_check = review_screen(page)
        if (after_check.due, after_check.learning, after_check.new) != (
            screen_before.due,
            screen_before.learning,
            screen_before.new,
        ):
            problems.append(f"the counters changed on the answer screen: {screen_before} -> {after_check}")
    key = str(rating)
    button = page.locator(f"[data-study-card] [data-rating='{rating}']")
    if stage != "front" and not button.count():  # not offered after this verdict: take the offered one
        key, button = "Enter", page.locator("[data-study-card] [data-default]")
    problems.extend(filter(None, [too_wide(page)]))
    pressed = f"{button.locator('.rate-label').inner_text()} ({key})"
    interval = button.locator(".rate-interval").inner_text()
    page.keyboard.press(key)
    return pressed, interval


def test_demo_learner_answers_forty_cards_at_390(page, live_server, demo):
    page.set_viewport_size(PHONE)
    log_in(page, live_server, *LEARNER)
    page.goto(f"{live_server.url}/settings/")
    limit = int(page.get_by_label("New items per day").input_value())
    page.goto(f"{live_server.url}/topics/")
    course_order = [
        a.inner_text().strip() for a in page.locator("table.counts tbody tr td:first-child a").all()
    ]
    assert course_order, "the demo course lists no topics"

    page.goto(f"{live_server.url}/study/")
    page.wait_for_load_state("load")  # study.js and htmx have run
    problems: list[str] = []
    learning: set[tuple[str, ...]] = set()  # cards last sent back for minutes
    away: set[tuple[str, ...]] = set()  # cards last sent away for days
    new_topics: list[str] = []
    previous = None
    sequence = ["card due learning new  shown  pressed  interval  card"]
    for n in range(CARDS):
        page.locator(NEXT_SCREEN).first.wait_for()
        screen = review_screen(page)
        assert screen.card is not None, f"the queue ran out after {n} cards, counters {screen}"
        where = f"card {n + 1} {screen.card[-1][:60]!r}"
        if screen.card == previous and screen.total > 1:
            problems.append(f"{where}: shown twice in a row while the counters say {screen.total} are left")
        if screen.new != limit - len(new_topics):
            problems.append(f"{where}: {screen.new} new left after {len(new_topics)} of {limit} new cards")
        if f"({len(new_topics)} of {limit} introduced)" not in screen.introduced:
            problems.append(f"{where}: the new counter's title says {screen.introduced!r}")
        if screen.learning != len(learning):
            problems.append(
                f"{where}: {screen.learning} learning, but {len(learning)} cards were sent back for minutes"
            )
        if screen.due != 0:  # nothing sent away for days is due again within the session
            problems.append(f"{where}: {screen.due} due")
        if screen.is_new:
            new_topics.append(screen.card[0])
            if len(new_topics) > limit:
                problems.append(f"{where}: New card number {len(new_topics)} over the day's limit of {limit}")
        elif screen.card in away:
            problems.append(f"{where}: sent away for days, shown again")
        elif screen.card not in learning:
            problems.append(f"{where}: neither New nor in learning")
        problems.extend(
            filter(None, [too_wide(page), starts_below_the_fold(page, "[data-study-card] .prompt")])
        )
        if n in (0, 19, CARDS - 1):
            shot(page, f"queue-demo-{n + 1}-390")

        handle = page.locator("[data-study-card]").element_handle()
        pressed, interval = answer(page, screen.stage, RATINGS[n % len(RATINGS)], screen, problems)
        if n == 1:
            shot(page, "queue-demo-answered-390")
        (learning if sent_back_for_minutes(interval) else away).add(screen.card)
        (away if sent_back_for_minutes(interval) else learning).discard(screen.card)
        wait_until_gone(page, handle)
        previous = screen.card
        sequence.append(
            f"{n + 1:>2}  {screen.due:>3} {screen.learning:>3} {screen.new:>3}  {'new' if screen.is_new else '   '}"
            f"  {pressed:<18} {interval:>5}  {' · '.join(screen.card[:-1])}: {screen.card[-1][:70]}"
        )

    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "queue-demo-390.txt").write_text("\n".join(sequence) + "\n", encoding="utf-8")
    positions = [course_order.index(topic) if topic in course_order else -1 for topic in new_topics]
    assert -1 not in positions, f"New cards from topics /topics/ does not list: {new_topics}"
    assert positions == sorted(positions), f"New cards out of the course's order: {new_topics}"
    assert len(new_topics) == limit, f"{len(new_topics)} New cards in {CARDS}, the limit is {limit}"
    assert len(learning) + len(away) < CARDS  # some cards came back (the sequence is a queue, not a list)
    assert not problems, "\n".join(problems)
