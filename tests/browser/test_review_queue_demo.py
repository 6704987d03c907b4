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

import pytest
from django.core.management import call_command

from tests.browser.conftest import ARTIFACTS
from tests.browser.seen import (
    NEXT_REVIEW_SCREEN,
    PHONE,
    QueueSeen,
    log_in,
    new_limit,
    press_rating,
    review_screen,
    shot,
    starts_below_the_fold,
    too_wide,
    up_to_the_rating,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LEARNER = ("learner", "learn-serverless-1")  # notes/services/demo.py, as the README prints them
CARDS = 40
# The rating pressed for card n (1 Again, 2 Hard, 3 Good, 4 Easy). A question answered wrong can only
# be rated Again ("Continue"); one answered right cannot be rated Again (Enter takes the offered one).
RATINGS = (3, 1, 2, 3, 4, 1, 3, 2, 3, 1, 4, 3)


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=io.StringIO())


def test_demo_learner_answers_forty_cards_at_390(page, live_server, demo):
    page.set_viewport_size(PHONE)
    log_in(page, live_server, *LEARNER)
    limit = new_limit(page, live_server)
    page.goto(f"{live_server.url}/topics/")
    course_order = [
        a.inner_text().strip() for a in page.locator("table.counts tbody tr td:first-child a").all()
    ]
    assert course_order, "the demo course lists no topics"

    page.goto(f"{live_server.url}/study/")
    page.wait_for_load_state("load")  # study.js and htmx have run
    page.locator(NEXT_REVIEW_SCREEN).first.wait_for()
    seen = QueueSeen(new_limit=limit, new_available=limit)  # the demo bank has more than a day's worth
    problems: list[str] = []
    sequence = ["card due learning new  shown  pressed  interval  card"]
    for n in range(CARDS):
        screen = review_screen(page)
        assert screen.card is not None, f"the queue ran out after {n} cards, counters {screen}"
        problems += seen.check(screen, f"card {n + 1} {screen.card[-1][:60]!r}")
        problems += filter(None, [too_wide(page), starts_below_the_fold(page, "[data-study-card] .prompt")])
        if n in (0, 19, CARDS - 1):
            shot(page, f"queue-demo-{n + 1}-390")

        key, button = up_to_the_rating(page, RATINGS[n % len(RATINGS)])
        if screen.stage == "choose":  # the verdict's screen: the same counters, the same card
            after = review_screen(page)
            if (after.due, after.learning, after.new, after.card) != (
                screen.due,
                screen.learning,
                screen.new,
                screen.card,
            ):
                problems.append(f"card {n + 1}: the answer screen shows {after}, the question {screen}")
        problems += filter(None, [too_wide(page)])
        if n == 1:
            shot(page, "queue-demo-answer-390")
        pressed, interval = press_rating(page, key, button)
        seen.answered(screen, interval)
        sequence.append(
            f"{n + 1:>2}  {screen.due:>3} {screen.learning:>3} {screen.new:>3}  {'new' if screen.is_new else '   '}"
            f"  {pressed:<18} {interval:>5}  {' · '.join(screen.card[:-1])}: {screen.card[-1][:70]}"
        )

    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "queue-demo-390.txt").write_text("\n".join(sequence) + "\n", encoding="utf-8")
    new_topics = [card[0] for card in seen.new_cards]
    positions = [course_order.index(topic) if topic in course_order else -1 for topic in new_topics]
    assert -1 not in positions, f"New cards from topics /topics/ does not list: {new_topics}"
    assert positions == sorted(positions), f"New cards out of the course's order: {new_topics}"
    assert len(seen.new_cards) == limit, f"{len(seen.new_cards)} New cards in {CARDS}, the limit is {limit}"
    assert len(seen.learning) + len(seen.away) < CARDS  # cards came back: a queue, not a list
    assert not problems, "\n".join(problems)
