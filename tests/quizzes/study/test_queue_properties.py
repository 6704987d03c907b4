"""Property-based tests of the review queue over random banks, sibling groups, card states and answer
sequences, against an oracle written from the rules (not from the SQL):

- a card is never shown twice in a row while another card is available;
- the queue is empty exactly when nothing is available, and the counters add up to what is available;
- when the queue runs dry, the day's new count reached the limit or no unburied new item is left;
- with the clock stopped and every card answered Easy, the queue shows exactly as many cards as its
  first counters said."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizzes.models import CardState, Item, LearnerSettings, ReviewLog
from quizzes.study.days import learner_day_bounds
from quizzes.study.selectors.queue import LEARN_AHEAD
from quizzes.study.services.reviews import review_answer, review_show_next
from tests.factories import CardStateFactory, FlashcardFactory, TopicFactory, UserFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2025, 5, 6, 12, 0, tzinfo=UTC)
PROPERTIES = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@dataclass(frozen=True)
class CardSpec:
    state: int  # 1 learning, 2 review, 3 relearning
    due_minutes: int  # from NOW
    reviewed_minutes_ago: int | None  # last review relative to NOW (None: long ago)


ITEM = st.tuples(
    st.one_of(st.just(""), st.integers(0, 4).map(lambda g: f"g{g}")),  # sibling group
    st.one_of(
        st.none(),
        st.builds(
            CardSpec,
            state=st.sampled_from([1, 2, 3]),
            due_minutes=st.integers(-3000, 3000),
            reviewed_minutes_ago=st.one_of(st.none(), st.integers(1, 400)),
        ),
    ),
)
BANK = st.lists(ITEM, min_size=1, max_size=12)
LIMITS = st.tuples(st.integers(0, 6), st.integers(1, 12))  # new per day, reviews per day
ANSWERS = st.lists(st.tuples(st.integers(1, 4), st.integers(0, 30)), max_size=25)  # rating, minutes


def build(bank, limits):
    learner = UserFactory()
    new_per_day, max_reviews = limits
    learner_settings = LearnerSettings.objects.create(
        user=learner,
        timezone="UTC",
        day_starts_hour=4,
        new_per_day=new_per_day,
        max_reviews_per_day=max_reviews,
    )
    topic = TopicFactory()
    for line, (group, spec) in enumerate(bank, start=1):
        item = FlashcardFactory(topic=topic, sibling_group=group, sources=[{"file": "a.md", "line": line}])
        if spec is not None:
            last = NOW - timedelta(minutes=spec.reviewed_minutes_ago or 60 * 24 * 9)
            CardStateFactory(
                learner=learner,
                item=item,
                state=spec.state,
                due=NOW + timedelta(minutes=spec.due_minutes),
                last_review=last,
                introduced_at=last - timedelta(days=1),
            )
    return learner, learner_settings


def available(learner, learner_settings, now) -> tuple[set[int], int, int, int]:
    """The oracle: item ids the queue may show now, and how many due, learning and new ones."""
    start, end = learner_day_bounds(now=now, tz="UTC", day_starts_hour=4)
    logs = ReviewLog.objects.filter(
        learner=learner, mode="review", reviewed_at__gte=start, reviewed_at__lt=end
    )
    new_today = logs.filter(was_new=True).count()
    reviews_today = logs.filter(was_new=False).exclude(state_before__in=[1, 3]).count()
    cards = list(CardState.objects.filter(learner=learner).select_related("item"))
    showable = [c for c in cards if c.item.status == "published" and not c.suspended]
    due = [c for c in showable if c.state == 2 and c.due <= now]
    due_shown = due if reviews_today < learner_settings.max_reviews_per_day else []
    learning = [c for c in showable if c.state != 2 and c.due <= now + LEARN_AHEAD]
    played = {
        c.item.sibling_group
        for c in cards
        if c.item.sibling_group
        and (c.last_review >= start or (c.due <= now + LEARN_AHEAD and not c.suspended))
    }
    met = {c.item_id for c in cards}
    fresh = [
        i
        for i in Item.objects.filter(status="published")  # each example's bank only: it is rolled back
        if i.pk not in met and (not i.sibling_group or i.sibling_group not in played)
    ]
    fresh_groups = {i.sibling_group or f"item {i.pk}" for i in fresh}
    new_left = max(0, min(len(fresh_groups), learner_settings.new_per_day - new_today))
    ids = {c.item_id for c in due_shown + learning} | ({i.pk for i in fresh} if new_left else set())
    due_count = max(0, min(len(due), learner_settings.max_reviews_per_day - reviews_today))
    return ids, due_count, len(learning), new_left


def rolled_back(test):
    """Run one example in a transaction that is rolled back, so examples never see each other."""

    def run(*args, **kwargs):
        with transaction.atomic():
            test(*args, **kwargs)
            transaction.set_rollback(True)

    return run


def check_screen(screen, learner, learner_settings, now, last_item):
    ids, due, learning, new_left = available(learner, learner_settings, now)
    counts = screen.counts
    assert (counts.due_now, counts.learning, counts.new_left) == (due, learning, new_left)
    if screen.shown is None:
        assert ids == set()
        return None
    assert screen.item.pk in ids
    assert screen.item.pk != last_item or ids == {last_item}, "same card twice in a row"
    return screen.item.pk


@PROPERTIES
@given(bank=BANK, limits=LIMITS, answers=ANSWERS)
@rolled_back
def test_no_card_twice_in_a_row_and_counters_match_what_is_available(bank, limits, answers):
    learner, learner_settings = build(bank, limits)
    now, last_item = NOW, None
    screen = review_show_next(learner=learner, now=now)
    shown = check_screen(screen, learner, learner_settings, now, last_item)
    for rating, minutes in answers:
        if shown is None:
            break
        screen = review_answer(learner=learner, token=screen.shown.token, rating=rating, chosen=[], now=now)
        last_item, now = shown, now + timedelta(minutes=minutes)
        screen = review_show_next(learner=learner, now=now)
        shown = check_screen(screen, learner, learner_settings, now, last_item)


@PROPERTIES
@given(bank=BANK, limits=LIMITS, answers=ANSWERS)
@rolled_back
def test_when_the_queue_runs_dry_the_new_limit_is_reached_or_nothing_new_is_left(bank, limits, answers):
    learner, learner_settings = build(bank, limits)
    now = NOW
    screen = review_show_next(learner=learner, now=now)
    plan = [*answers, *[(4, 0)] * 80]  # then Easy with the clock stopped until the queue is empty
    for rating, minutes in plan:
        if screen.shown is None:
            break
        review_answer(learner=learner, token=screen.shown.token, rating=rating, chosen=[], now=now)
        now += timedelta(minutes=minutes)
        screen = review_show_next(learner=learner, now=now)
    assert screen.shown is None
    start, end = learner_day_bounds(now=now, tz="UTC", day_starts_hour=4)
    new_today = ReviewLog.objects.filter(
        learner=learner, mode="review", was_new=True, reviewed_at__gte=start, reviewed_at__lt=end
    ).count()
    assert new_today <= learner_settings.new_per_day
    assert new_today == learner_settings.new_per_day or available(learner, learner_settings, now)[3] == 0


@PROPERTIES
@given(bank=BANK, limits=LIMITS)
@rolled_back
def test_with_the_clock_stopped_the_queue_shows_what_its_counters_said(bank, limits):
    learner, _ = build(bank, limits)
    screen = review_show_next(learner=learner, now=NOW)
    promised, shown = screen.counts.total, 0
    while screen.shown is not None and shown <= promised:
        shown += 1
        screen = review_answer(learner=learner, token=screen.shown.token, rating=4, chosen=[], now=NOW)
    assert shown == promised
