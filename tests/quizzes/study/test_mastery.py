"""Mastery on /progress/ tells the truth (issue 14.3): per topic the mean predicted recall of the
studied cards next to the share not yet studied; misses pull it down; no row contradicts the totals;
the page's statement count does not grow with the bank."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from fsrs import Card, Rating, Scheduler
from hypothesis import given, settings
from hypothesis import strategies as st

from quizzes.study.selectors.progress import (
    TopicCards,
    card_recall,
    mastery_totals,
    part_percent,
    progress_dashboard,
    topic_mastery,
)
from quizzes.study.services.scheduling import card_record_answer
from tests.factories import CardStateFactory, ItemFactory, LearnerSettingsFactory, TopicFactory, UserFactory

NOW = dt.datetime(2026, 5, 12, 16, 0, tzinfo=dt.UTC)


@pytest.fixture
def learner(client):
    user = UserFactory()
    LearnerSettingsFactory(user=user, timezone="UTC", day_starts_hour=4)
    client.force_login(user)
    return user


def _answer(learner, item, rating, *, at):
    card_record_answer(learner=learner, item=item, rating=rating, now=at, mode="review", correct=rating > 1)


def _topic(dashboard, slug):
    return next(t for t in dashboard.topics if t.slug == slug)


# --- selector, with the real answer service ---------------------------------------------------------


@pytest.mark.django_db
def test_a_topic_missed_fifteen_times_just_now_is_below_100_percent(learner):
    lambda_ = TopicFactory(slug="lambda", title="Lambda")
    missed, known = ItemFactory(topic=lambda_), ItemFactory(topic=lambda_)
    _answer(learner, known, Rating.Good, at=NOW - dt.timedelta(minutes=40))
    for minute in range(15):
        _answer(learner, missed, Rating.Again, at=NOW - dt.timedelta(minutes=30 - minute))
    topic = _topic(progress_dashboard(learner=learner, now=NOW), "lambda")
    assert (topic.studied, topic.not_studied_percent) == (2, 0)
    assert topic.mastery_percent < 100


@pytest.mark.django_db
def test_a_mature_card_missed_on_its_last_answer_counts_0(learner):
    item = ItemFactory(topic=TopicFactory(slug="lambda"))
    for days_ago in (60, 50, 30):
        _answer(learner, item, Rating.Good, at=NOW - dt.timedelta(days=days_ago))
    _answer(learner, item, Rating.Again, at=NOW - dt.timedelta(minutes=5))
    topic = _topic(progress_dashboard(learner=learner, now=NOW), "lambda")
    assert (topic.studied, topic.mastery, topic.mastery_percent) == (1, 0.0, 0)


@pytest.mark.django_db
def test_a_missed_card_answered_right_again_counts_its_fsrs_recall(learner):
    item = ItemFactory(topic=TopicFactory(slug="sqs"))
    _answer(learner, item, Rating.Again, at=NOW - dt.timedelta(minutes=10))
    _answer(learner, item, Rating.Good, at=NOW - dt.timedelta(minutes=5))
    assert _topic(progress_dashboard(learner=learner, now=NOW), "sqs").mastery > 0


@pytest.mark.django_db
def test_an_unstudied_topic_shows_none_studied_and_all_not_yet_studied_rather_than_0_percent(learner):
    sqs = TopicFactory(slug="sqs", title="SQS")
    ItemFactory.create_batch(3, topic=sqs)
    topic = _topic(progress_dashboard(learner=learner, now=NOW), "sqs")
    assert (topic.studied, topic.items, topic.mastery_percent, topic.not_studied_percent) == (0, 3, None, 100)


@pytest.mark.django_db
def test_a_card_only_made_due_after_an_exam_miss_is_not_yet_studied(learner):
    item = ItemFactory(topic=TopicFactory(slug="sqs"))
    CardStateFactory(learner=learner, item=item, state=1, stability=None, last_review=None, due=NOW)
    topic = _topic(progress_dashboard(learner=learner, now=NOW), "sqs")
    assert (topic.studied, topic.mastery, topic.not_studied_percent) == (0, None, 100)


@pytest.mark.django_db
def test_learners_see_only_their_own_mastery(learner):
    item = ItemFactory(topic=TopicFactory(slug="lambda"))
    other = UserFactory()
    _answer(other, item, Rating.Easy, at=NOW - dt.timedelta(days=1))
    _answer(learner, item, Rating.Again, at=NOW - dt.timedelta(minutes=1))
    mine = _topic(progress_dashboard(learner=learner, now=NOW), "lambda")
    theirs = _topic(progress_dashboard(learner=other, now=NOW), "lambda")
    assert (mine.mastery, theirs.mastery > 0.5) == (0.0, True)


@pytest.mark.django_db
def test_the_page_shows_the_two_numbers_and_totals_that_add_up(client, learner):
    lambda_, sqs = TopicFactory(slug="lambda", title="Lambda"), TopicFactory(slug="sqs", title="SQS")
    studied = ItemFactory.create_batch(2, topic=lambda_)
    ItemFactory.create_batch(2, topic=sqs)
    for item in studied:
        _answer(learner, item, Rating.Good, at=NOW - dt.timedelta(days=2))
    html = client.get(reverse("quizzes:progress")).content.decode()
    rows = dict(re.findall(r'data-slug="([^"]*)">.*?<td class="studied">(\d+ of \d+)</td>', html, re.S))
    assert rows == {"lambda": "2 of 2", "sqs": "0 of 2", "": "2 of 4"}
    assert re.search(r'data-slug="sqs">.*?none studied.*?<td class="not-studied">100&nbsp;%', html, re.S)
    assert re.search(r'class="totals" data-slug="">.*?<td class="not-studied">50&nbsp;%', html, re.S)


# --- the statement count does not grow with the bank -------------------------------------------------


def _bank(learner, *, topics: int, per_topic: int) -> None:
    for t in range(topics):
        topic = TopicFactory()
        for item in ItemFactory.create_batch(per_topic, topic=topic):
            CardStateFactory(learner=learner, item=item, due=NOW + dt.timedelta(days=t + 1))


@pytest.mark.django_db
@pytest.mark.parametrize(("topics", "per_topic"), [(1, 2), (6, 8)])
def test_progress_page_statements_do_not_grow_with_items(
    client, learner, django_assert_max_num_queries, topics, per_topic
):
    _bank(learner, topics=topics, per_topic=per_topic)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("quizzes:progress")).status_code == 200


# --- property: any review history ----------------------------------------------------------------------

history = st.lists(
    st.tuples(st.sampled_from(list(Rating)), st.floats(min_value=0, max_value=400, allow_nan=False)),
    min_size=1,
    max_size=25,
)


def _replay(reviews) -> tuple[Card, int, dt.datetime]:
    scheduler, at = Scheduler(enable_fuzzing=False), dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    card = Card(card_id=1, due=at)
    for rating, gap_days in reviews:
        at += dt.timedelta(days=gap_days)
        card, _ = scheduler.review_card(card, rating, review_datetime=at)
    return card, int(reviews[-1][0]), at


@settings(max_examples=150, deadline=None)
@given(
    cards=st.lists(history, min_size=1, max_size=6),
    later=st.floats(min_value=0, max_value=800),
    unstudied=st.integers(0, 5),
)
def test_mastery_is_a_percentage_and_never_100_when_a_card_was_last_rated_again(cards, later, unstudied):
    scheduler, recalls, any_again, last = Scheduler(), [], False, None
    for reviews in cards:
        card, last_rating, at = _replay(reviews)
        last = at if last is None else max(last, at)
        any_again |= last_rating == Rating.Again
        recalls.append((card, last_rating))
    now = last + dt.timedelta(days=later)
    topic = TopicCards(title="T", slug="t", items=len(cards) + unstudied)
    for card, rating in recalls:
        topic.now.append(card_recall(card, at=now, last_rating=rating, scheduler=scheduler))
    mastery = topic_mastery(topic, with_exam=False)
    assert 0 <= mastery.mastery_percent <= 100
    assert 0 <= mastery.not_studied_percent <= 100
    if any_again:
        assert mastery.mastery_percent < 100
    totals = mastery_totals([topic], with_exam=False)
    assert (totals.studied, totals.items, totals.mastery_percent) == (
        mastery.studied,
        mastery.items,
        mastery.mastery_percent,
    )


@given(whole=st.integers(0, 10_000), data=st.data())
def test_a_share_reads_0_only_for_none_and_100_only_for_all(whole, data):
    part = data.draw(st.integers(0, whole))
    percent = part_percent(part, whole)
    assert (percent == 0) == (part == 0 or whole == 0)
    assert (percent == 100) == (whole > 0 and part == whole)
