"""The review queue: due before new, daily limits on learner-day boundaries, siblings kept apart."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from quizzes.models import LearnerSettings
from quizzes.study.services.reviews import review_answer, review_show_next
from tests.factories import CardStateFactory, FlashcardFactory, ReviewLogFactory, TopicFactory, UserFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2025, 5, 6, 12, 0, tzinfo=UTC)  # 14:00 in Berlin


@pytest.fixture
def learner():
    user = UserFactory()
    LearnerSettings.objects.create(user=user, timezone="Europe/Berlin", day_starts_hour=4)
    return user


def test_due_card_comes_before_new_items(learner):
    FlashcardFactory()
    due = CardStateFactory(learner=learner, due=NOW - timedelta(hours=1))
    assert review_show_next(learner=learner, now=NOW).item == due.item


def test_most_overdue_card_comes_first(learner):
    CardStateFactory(learner=learner, due=NOW - timedelta(hours=1))
    oldest = CardStateFactory(learner=learner, due=NOW - timedelta(days=3))
    assert review_show_next(learner=learner, now=NOW).item == oldest.item


def test_card_due_tomorrow_is_not_shown(learner):
    CardStateFactory(learner=learner, due=NOW + timedelta(days=1))
    assert review_show_next(learner=learner, now=NOW).shown is None


def test_other_learners_due_card_is_new_to_me(learner):
    CardStateFactory(due=NOW - timedelta(hours=1))
    screen = review_show_next(learner=learner, now=NOW)
    assert screen.is_new and screen.state is None


def test_new_items_stop_at_the_daily_limit(learner):
    LearnerSettings.objects.filter(user=learner).update(new_per_day=1)
    FlashcardFactory()
    met = CardStateFactory(
        learner=learner, due=NOW + timedelta(days=2), introduced_at=NOW - timedelta(hours=2)
    )
    ReviewLogFactory(learner=learner, item=met.item, reviewed_at=NOW - timedelta(hours=2), was_new=True)
    assert review_show_next(learner=learner, now=NOW).shown is None


def test_new_introduced_before_the_local_rollover_counts_for_yesterday(learner):
    LearnerSettings.objects.filter(user=learner).update(new_per_day=1)
    item = FlashcardFactory()
    # 03:30 Berlin time (01:30 UTC) belongs to the previous learner-day
    met = CardStateFactory(
        learner=learner, due=NOW + timedelta(days=2), introduced_at=datetime(2025, 5, 6, 1, 30, tzinfo=UTC)
    )
    ReviewLogFactory(learner=learner, item=met.item, reviewed_at=met.introduced_at, was_new=True)
    assert review_show_next(learner=learner, now=NOW).item == item


def test_reviews_stop_at_the_daily_maximum(learner):
    LearnerSettings.objects.filter(user=learner).update(max_reviews_per_day=2)
    state = CardStateFactory(learner=learner, due=NOW - timedelta(hours=1))
    ReviewLogFactory.create_batch(2, learner=learner, item=state.item, reviewed_at=NOW - timedelta(hours=1))
    assert review_show_next(learner=learner, now=NOW).shown is None


def test_sibling_of_an_item_studied_today_waits_while_others_are_due(learner):
    studied = FlashcardFactory(sibling_group="fact-1")
    CardStateFactory(
        learner=learner, item=studied, due=NOW + timedelta(days=2), last_review=NOW - timedelta(hours=1)
    )
    sibling = CardStateFactory(
        learner=learner, item=FlashcardFactory(sibling_group="fact-1"), due=NOW - timedelta(days=2)
    )
    other = CardStateFactory(learner=learner, due=NOW - timedelta(hours=1))
    assert review_show_next(learner=learner, now=NOW).item == other.item != sibling.item


def test_sibling_is_shown_when_nothing_else_is_due(learner):
    studied = FlashcardFactory(sibling_group="fact-1")
    CardStateFactory(
        learner=learner, item=studied, due=NOW + timedelta(days=2), last_review=NOW - timedelta(hours=1)
    )
    sibling = CardStateFactory(
        learner=learner, item=FlashcardFactory(sibling_group="fact-1"), due=NOW - timedelta(days=2)
    )
    assert review_show_next(learner=learner, now=NOW).item == sibling.item


def test_new_sibling_waits_behind_an_unrelated_new_item(learner):
    topic = TopicFactory()  # one topic: the course order is the items' order, not topic titles as text
    first = FlashcardFactory(sibling_group="fact-1", topic=topic)
    FlashcardFactory(sibling_group="fact-1", topic=topic)
    unrelated = FlashcardFactory(sibling_group="fact-2", topic=topic)
    token = review_show_next(learner=learner, now=NOW).shown.token
    assert review_show_next(learner=learner, now=NOW).item == first
    screen = review_answer(learner=learner, token=token, rating=4, chosen=[], now=NOW)
    assert screen.item == unrelated


def test_failed_learning_card_returns_when_nothing_else_is_left(learner):
    item = FlashcardFactory()
    token = review_show_next(learner=learner, now=NOW).shown.token
    screen = review_answer(learner=learner, token=token, rating=1, chosen=[], now=NOW)
    assert screen.item == item


def test_answer_counts_towards_todays_reviews(learner):
    CardStateFactory(learner=learner, due=NOW - timedelta(hours=1))
    CardStateFactory(learner=learner, due=NOW - timedelta(hours=2))
    token = review_show_next(learner=learner, now=NOW).shown.token
    screen = review_answer(learner=learner, token=token, rating=3, chosen=[], now=NOW)
    assert screen.counts.reviews_today == 1


def test_retired_items_card_is_neither_shown_nor_counted_due(learner):
    CardStateFactory(learner=learner, due=NOW - timedelta(hours=1), item=FlashcardFactory(status="retired"))
    screen = review_show_next(learner=learner, now=NOW)
    assert (screen.shown, screen.counts.due_now) == (None, 0)


def test_draft_item_is_not_offered_as_new(learner):
    FlashcardFactory(status="draft")
    assert review_show_next(learner=learner, now=NOW).shown is None


def test_due_count_includes_every_due_published_card(learner):
    for hours in range(1, 13):
        CardStateFactory(learner=learner, due=NOW - timedelta(hours=hours))
    CardStateFactory(learner=learner, due=NOW + timedelta(hours=1))
    assert review_show_next(learner=learner, now=NOW).counts.due_now == 12


def test_new_items_come_in_item_order_skipping_one_studied_out_of_order(learner):
    first, second, third = FlashcardFactory(), FlashcardFactory(), FlashcardFactory()
    CardStateFactory(learner=learner, item=second, due=NOW + timedelta(days=3))  # met in practice
    shown = review_show_next(learner=learner, now=NOW)
    following = review_answer(learner=learner, token=shown.shown.token, rating=3, chosen=[], now=NOW)
    assert [shown.item, following.item] == [first, third]


def test_due_count_stops_at_the_reviews_the_daily_maximum_still_allows(learner):
    LearnerSettings.objects.filter(user=learner).update(max_reviews_per_day=5)
    done = CardStateFactory(learner=learner, due=NOW + timedelta(days=3))
    ReviewLogFactory.create_batch(2, learner=learner, item=done.item, reviewed_at=NOW - timedelta(hours=1))
    for hours in range(1, 9):
        CardStateFactory(learner=learner, due=NOW - timedelta(hours=hours))
    assert review_show_next(learner=learner, now=NOW).counts.due_now == 3


def test_new_count_stops_at_what_todays_limit_still_allows(learner):
    LearnerSettings.objects.filter(user=learner).update(new_per_day=4)
    met = CardStateFactory(learner=learner, due=NOW + timedelta(days=3))
    ReviewLogFactory(learner=learner, item=met.item, reviewed_at=NOW - timedelta(hours=1), was_new=True)
    for n in range(3):
        FlashcardFactory(sibling_group=f"fact-{n}")
        FlashcardFactory(sibling_group=f"fact-{n}")
    FlashcardFactory.create_batch(2)
    assert review_show_next(learner=learner, now=NOW).counts.new_left == 3


def test_new_count_counts_one_item_per_sibling_group_below_the_limit(learner):
    for n in range(3):
        FlashcardFactory(sibling_group=f"fact-{n}")
        FlashcardFactory(sibling_group=f"fact-{n}")
    FlashcardFactory()
    assert review_show_next(learner=learner, now=NOW).counts.new_left == 4


def test_due_cards_with_a_sibling_studied_today_come_after_all_others_in_due_order(learner):
    late = []
    for n in range(2):
        studied = FlashcardFactory(sibling_group=f"fact-{n}")
        CardStateFactory(
            learner=learner, item=studied, due=NOW + timedelta(days=2), last_review=NOW - timedelta(hours=1)
        )
        sibling = FlashcardFactory(sibling_group=f"fact-{n}")
        late.append(CardStateFactory(learner=learner, item=sibling, due=NOW - timedelta(days=5 - n)))
    fresh = [CardStateFactory(learner=learner, due=NOW - timedelta(hours=h)) for h in (3, 1)]
    shown = []
    for _ in range(4):
        screen = review_show_next(learner=learner, now=NOW)
        shown.append(screen.item)
        screen = review_answer(learner=learner, token=screen.shown.token, rating=3, chosen=[], now=NOW)
    assert shown == [fresh[0].item, fresh[1].item, late[0].item, late[1].item]
