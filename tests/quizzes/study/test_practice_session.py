"""The practice session: started by "Start practice" with the current filters, its score counts the
practice answers since, survives reloads and resets on a new start."""

from __future__ import annotations

import re

import pytest
import time_machine
from django.urls import reverse

from quizzes.models import ReviewLog
from quizzes.study.services.practice import (
    practice_filters_key,
    practice_session_since,
    practice_session_start,
)
from tests.factories import ItemFactory, TopicFactory
from tests.quizzes.study.study_helpers import HTMX, NOW, token_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def score_in(response) -> tuple[int, int] | None:
    """(right, answered) of the session score on a practice page, None when none is shown."""
    found = re.search(rb"(\d+) right of (\d+)</strong>", response.content)
    return (int(found.group(1)), int(found.group(2))) if found else None


def start(client, **filters):
    response = client.get(reverse("quizzes:practice"), {"start": 1, "new": 1, **filters})
    assert response.status_code == 302
    return client.get(response.url)


def answer(client, response, *, right: bool, query: str = "start=1"):
    token = token_in(response)
    chosen = [0] if right else [1]  # the factory's first choice is the right one
    return client.post(
        f"{reverse('quizzes:practice-answer')}?{query}", {"token": token, "chosen": chosen}, **HTMX
    )


def test_the_filters_key_ignores_order_and_repeats():
    one = practice_filters_key(topic_ids=[3, 1, 3], kinds=["limit", "concept"], mistakes=False)
    assert one == practice_filters_key(topic_ids=[1, 3], kinds=["concept", "limit"], mistakes=False)


def test_a_session_belongs_to_its_filters():
    session: dict = {}
    practice_session_start(session=session, topic_ids=[1], kinds=[], mistakes=False, now=NOW)
    assert practice_session_since(session=session, topic_ids=[1], kinds=[], mistakes=False) == NOW
    assert practice_session_since(session=session, topic_ids=[2], kinds=[], mistakes=False) is None


def test_a_tampered_session_value_is_no_session():
    session = {"practice_session": ["not", "a", "dict"]}
    assert practice_session_since(session=session, topic_ids=[], kinds=[], mistakes=False) is None


def test_start_redirects_to_a_reloadable_url_without_new(client, learner):
    ItemFactory()
    response = client.get(reverse("quizzes:practice"), {"start": 1, "new": 1})
    assert response.status_code == 302 and "new" not in response.url and "start=1" in response.url


def test_a_started_session_shows_zero_of_zero(client, learner):
    ItemFactory()
    assert score_in(start(client)) == (0, 0)


def test_the_score_counts_answers_and_right_ones(client, learner):
    ItemFactory()
    ItemFactory()
    page = start(client)
    answer(client, page, right=True)
    page = client.get(reverse("quizzes:practice"), {"start": 1})
    feedback = answer(client, page, right=False)
    assert score_in(feedback) == (1, 2)


def test_the_score_survives_a_reload(client, learner):
    ItemFactory()
    page = start(client)
    answer(client, page, right=True)
    assert score_in(client.get(reverse("quizzes:practice"), {"start": 1})) == (1, 1)


def test_a_replayed_answer_counts_once(client, learner):
    ItemFactory()
    page = start(client)
    answer(client, page, right=True)
    assert score_in(answer(client, page, right=True)) == (1, 1)


def test_a_new_start_resets_the_score(client, learner):
    ItemFactory()
    answer(client, start(client), right=True)
    with time_machine.travel(NOW.replace(minute=5), tick=False):
        assert score_in(start(client)) == (0, 0)


def test_other_filters_are_not_the_running_session(client, learner):
    topic = TopicFactory()
    ItemFactory(topic=topic)
    answer(client, start(client), right=True)
    assert score_in(client.get(reverse("quizzes:practice"), {"start": 1, "topics": topic.pk})) is None


def test_the_filters_are_open_before_a_session_and_folded_during_it(client, learner):
    ItemFactory()
    before = client.get(reverse("quizzes:practice"))
    during = start(client)
    assert b'<details class="card practice-filters" open>' in before.content
    assert b'<details class="card practice-filters">' in during.content


def test_practise_my_mistakes_link_starts_a_mistakes_session(client, learner):
    missed = ItemFactory(stem="the one I got wrong")
    ItemFactory(stem="the one I never saw")
    ReviewLog.objects.create(
        learner=learner, item=missed, rating=1, correct=False, mode="exam", reviewed_at=NOW
    )
    page = client.get(reverse("quizzes:practice"))
    link = re.search(rb'href="([^"]*mistakes=on[^"]*)"', page.content).group(1).decode().replace("&amp;", "&")
    shown = client.get(link, follow=True)
    assert b"the one I got wrong" in shown.content and score_in(shown) == (0, 0)


def test_an_unknown_topic_is_refused_and_starts_no_session(client, learner):
    ItemFactory()
    response = client.get(reverse("quizzes:practice"), {"start": 1, "new": 1, "topics": "999999"})
    assert response.status_code == 400 and "practice_session" not in client.session
