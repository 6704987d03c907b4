"""/practice/: questions by topic and kind, immediate feedback, results feed the schedule."""

from __future__ import annotations

import pytest
import time_machine
from django.urls import reverse

from quizzes.models import CardState, ReviewLog, ShownCard
from tests.factories import FlashcardFactory, ItemFactory, TopicFactory, UserFactory
from tests.quizzes.study.study_helpers import HTMX, NOW, token_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def test_practice_page_without_start_shows_only_the_filters(client, learner):
    ItemFactory()
    response = client.get(reverse("quizzes:practice"))
    assert b"Start practice" in response.content and not ShownCard.objects.exists()


def test_practice_draws_only_from_the_chosen_topic(client, learner):
    wanted = TopicFactory(slug="lambda")
    ItemFactory(topic=wanted, stem="Lambda question")
    ItemFactory(topic=TopicFactory(slug="sqs"), stem="SQS question")
    response = client.get(reverse("quizzes:practice"), {"start": 1, "topics": wanted.pk})
    assert b"Lambda question" in response.content and b"SQS question" not in response.content


def test_practice_draws_only_from_the_chosen_kind(client, learner):
    ItemFactory(kind="limit", stem="a limit question")
    ItemFactory(kind="concept", stem="a concept question")
    response = client.get(reverse("quizzes:practice"), {"start": 1, "kinds": "concept"})
    assert b"a concept question" in response.content


def test_practice_never_shows_flashcards(client, learner):
    FlashcardFactory()
    response = client.get(reverse("quizzes:practice"), {"start": 1})
    assert b"No questions match" in response.content


def test_practice_answer_shows_feedback_and_explanation(client, learner):
    item = ItemFactory(explanation="Because the notes say 900 seconds.")
    token = token_in(client.get(reverse("quizzes:practice"), {"start": 1}))
    response = client.post(
        reverse("quizzes:practice-answer"), {"token": token, "chosen": item.correct_indexes}, **HTMX
    )
    assert b"Right." in response.content and b"Because the notes say 900 seconds." in response.content


def test_practice_answer_feeds_the_schedule_with_mode_practice(client, learner):
    item = ItemFactory()
    token = token_in(client.get(reverse("quizzes:practice"), {"start": 1}))
    client.post(reverse("quizzes:practice-answer"), {"token": token, "chosen": [1]})
    log = ReviewLog.objects.get(learner=learner)
    assert (log.mode, log.rating, log.correct) == ("practice", 1, False)
    assert CardState.objects.filter(learner=learner, item=item).exists()


def test_practice_replay_is_applied_once_and_shows_the_first_result(client, learner):
    item = ItemFactory()
    token = token_in(client.get(reverse("quizzes:practice"), {"start": 1}))
    client.post(reverse("quizzes:practice-answer"), {"token": token, "chosen": item.correct_indexes})
    replay = client.post(reverse("quizzes:practice-answer"), {"token": token, "chosen": [1]})
    assert ReviewLog.objects.filter(learner=learner).count() == 1 and b"Right." in replay.content


def test_review_token_cannot_be_answered_as_practice(client, learner):
    ItemFactory()
    token = token_in(client.get(reverse("quizzes:study")))
    assert client.post(reverse("quizzes:practice-answer"), {"token": token, "chosen": [0]}).status_code == 404


def test_another_learner_cannot_answer_my_practice_token(client, learner):
    ItemFactory()
    token = token_in(client.get(reverse("quizzes:practice"), {"start": 1}))
    client.force_login(UserFactory())
    response = client.post(reverse("quizzes:practice-answer"), {"token": token, "chosen": [0]})
    assert response.status_code == 404 and not ReviewLog.objects.exists()


def test_next_question_link_keeps_the_filters(client, learner):
    topic = TopicFactory(slug="lambda")
    item = ItemFactory(topic=topic)
    token = token_in(client.get(reverse("quizzes:practice"), {"start": 1, "topics": topic.pk}))
    response = client.post(
        reverse("quizzes:practice-answer") + f"?start=1&topics={topic.pk}", {"token": token, "chosen": [0]}
    )
    assert (
        f"topics={topic.pk}".encode() in response.content and f"after={item.pk}".encode() in response.content
    )


@pytest.mark.parametrize("after", ["²", "١٢", "𝟙", "-1", "1e3"])
def test_an_after_that_is_not_a_plain_number_is_ignored(client, learner, after):
    ItemFactory()
    response = client.get(reverse("quizzes:practice"), {"start": 1, "after": after})
    assert response.status_code == 200 and b'name="token"' in response.content
