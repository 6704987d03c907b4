"""/study/: show a card, reveal, rate, check questions; htmx swaps and the no-JavaScript fallback."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from quizzes.models import CardState, Notification, ReviewLog, ShownCard
from tests.factories import (
    CardStateFactory,
    FlashcardFactory,
    ItemFactory,
    MultipleItemFactory,
    NotificationFactory,
    UserFactory,
)
from tests.quizzes.study.study_helpers import HTMX, NOW, token_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def test_study_page_shows_the_front_of_a_new_flashcard(client, learner):
    item = FlashcardFactory(front="How long can a Lambda function run?")
    response = client.get(reverse("quizzes:study"))
    assert b"How long can a Lambda function run?" in response.content
    assert ShownCard.objects.get(learner=learner).item == item


def test_rating_buttons_show_the_interval_each_gives(client, learner):
    FlashcardFactory()
    response = client.get(reverse("quizzes:study"))
    assert re.search(rb"Good</span>\s*<span class=\"rate-interval\">&lt;10m</span>", response.content)


def test_answer_with_htmx_swaps_in_the_next_card(client, learner):
    FlashcardFactory(front="first card")
    FlashcardFactory(front="second card")
    token = token_in(client.get(reverse("quizzes:study")))
    response = client.post(reverse("quizzes:study-answer"), {"token": token, "rating": 3}, **HTMX)
    assert b"second card" in response.content
    assert b"<html" not in response.content


def test_answer_without_javascript_redirects_to_the_study_page(client, learner):
    FlashcardFactory()
    token = token_in(client.get(reverse("quizzes:study")))
    response = client.post(reverse("quizzes:study-answer"), {"token": token, "rating": 3})
    assert response.status_code == 302 and response["Location"] == reverse("quizzes:study")


def test_answer_records_rating_and_duration_from_the_shown_time(client, learner):
    FlashcardFactory()
    token = token_in(client.get(reverse("quizzes:study")))
    with time_machine.travel(NOW + timedelta(seconds=7), tick=False):
        client.post(reverse("quizzes:study-answer"), {"token": token, "rating": 2}, **HTMX)
    log = ReviewLog.objects.get(learner=learner)
    assert (log.rating, log.duration_ms, log.mode) == (2, 7000, "review")


def test_double_submit_is_applied_once(client, learner):
    FlashcardFactory()
    token = token_in(client.get(reverse("quizzes:study")))
    for _ in range(2):
        client.post(reverse("quizzes:study-answer"), {"token": token, "rating": 3}, **HTMX)
    assert ReviewLog.objects.filter(learner=learner).count() == 1


def test_replayed_answer_shows_the_next_card_not_an_error(client, learner):
    FlashcardFactory()
    FlashcardFactory(front="the next one")
    token = token_in(client.get(reverse("quizzes:study")))
    client.post(reverse("quizzes:study-answer"), {"token": token, "rating": 3}, **HTMX)
    replay = client.post(reverse("quizzes:study-answer"), {"token": token, "rating": 1}, **HTMX)
    assert replay.status_code == 200 and b"the next one" in replay.content


def test_replay_with_another_rating_does_not_change_the_schedule(client, learner):
    item = FlashcardFactory()
    token = token_in(client.get(reverse("quizzes:study")))
    client.post(reverse("quizzes:study-answer"), {"token": token, "rating": 4}, **HTMX)
    due = CardState.objects.get(item=item).due
    client.post(reverse("quizzes:study-answer"), {"token": token, "rating": 1}, **HTMX)
    assert CardState.objects.get(item=item).due == due


def test_another_learner_cannot_answer_my_token(client, learner):
    FlashcardFactory()
    token = token_in(client.get(reverse("quizzes:study")))
    client.force_login(UserFactory())
    response = client.post(reverse("quizzes:study-answer"), {"token": token, "rating": 3})
    assert response.status_code == 404
    assert not ReviewLog.objects.exists() and ShownCard.objects.get(token=token).answered_at is None


def test_unknown_token_is_404(client, learner):
    response = client.post(reverse("quizzes:study-answer"), {"token": "nope", "rating": 3})
    assert response.status_code == 404


def test_missing_token_is_a_bad_request(client, learner):
    assert client.post(reverse("quizzes:study-answer"), {"rating": 3}).status_code == 400


def test_question_check_shows_right_and_the_explanation(client, learner):
    item = ItemFactory(explanation="Lambda runs for at most 900 seconds.")
    token = token_in(client.get(reverse("quizzes:study")))
    response = client.post(
        reverse("quizzes:study-check"), {"token": token, "chosen": item.correct_indexes}, **HTMX
    )
    assert b"Right." in response.content and b"Lambda runs for at most 900 seconds." in response.content


def test_question_check_shows_the_source_line(client, learner):
    item = ItemFactory(sources=[{"file": "lambda.md", "line": 12}])
    token = token_in(client.get(reverse("quizzes:study")))
    response = client.post(
        reverse("quizzes:study-check"), {"token": token, "chosen": item.correct_indexes}, **HTMX
    )
    assert b"lambda.md:12" in response.content


def test_wrong_question_answer_is_rated_again_whatever_is_posted(client, learner):
    ItemFactory()
    token = token_in(client.get(reverse("quizzes:study")))
    client.post(reverse("quizzes:study-answer"), {"token": token, "rating": 4, "chosen": [1]}, **HTMX)
    log = ReviewLog.objects.get(learner=learner)
    assert (log.rating, log.correct, log.chosen) == (1, False, [1])


def test_right_question_answer_may_be_rated_easy(client, learner):
    item = MultipleItemFactory()
    token = token_in(client.get(reverse("quizzes:study")))
    client.post(
        reverse("quizzes:study-answer"), {"token": token, "rating": 4, "chosen": item.correct_indexes}
    )
    assert ReviewLog.objects.get(learner=learner).rating == 4


def test_wrong_answer_offers_only_again(client, learner):
    ItemFactory()
    token = token_in(client.get(reverse("quizzes:study")))
    response = client.post(reverse("quizzes:study-check"), {"token": token, "chosen": [1]}, **HTMX)
    assert re.findall(rb'name="rating" value="(\d)"', response.content) == [b"1"]


def test_question_check_without_javascript_renders_the_full_page(client, learner):
    ItemFactory()
    token = token_in(client.get(reverse("quizzes:study")))
    response = client.post(reverse("quizzes:study-check"), {"token": token, "chosen": [0]})
    assert b"<html" in response.content and b"Right." in response.content


def test_cloze_front_hides_the_deletion(client, learner):
    FlashcardFactory(type="cloze", front="Lambda runs for at most {{c1::900 seconds}}.", back="")
    response = client.get(reverse("quizzes:study"))
    assert b"at most [\xe2\x80\xa6]." in response.content
    assert b"<mark>900 seconds</mark>" in response.content  # inside the closed <details>


def test_unread_notifications_show_at_the_top(client, learner):
    NotificationFactory(learner=learner, message="The SQS limit changed from 256 KB to 1 MiB.")
    response = client.get(reverse("quizzes:study"))
    assert b"The SQS limit changed from 256 KB to 1 MiB." in response.content


def test_dismissing_a_notification_marks_it_read(client, learner):
    note = NotificationFactory(learner=learner)
    client.post(reverse("quizzes:notification-dismiss", args=[note.pk]), **HTMX)
    assert Notification.objects.get(pk=note.pk).read_at == NOW


def test_cannot_dismiss_another_learners_notification(client, learner):
    note = NotificationFactory()
    client.post(reverse("quizzes:notification-dismiss", args=[note.pk]))
    assert Notification.objects.get(pk=note.pk).read_at is None


def test_nothing_due_says_so(client, learner):
    CardStateFactory(learner=learner, due=NOW + timedelta(days=3))
    response = client.get(reverse("quizzes:study"))
    assert b"All done for now" in response.content


def test_study_requires_login(client):
    assert client.get(reverse("quizzes:study")).status_code == 302


def test_changed_item_carries_a_notice(client, learner):
    CardStateFactory(learner=learner, due=NOW - timedelta(hours=1), changed_notice=True)
    assert b"Changed:" in client.get(reverse("quizzes:study")).content


def test_a_flashcard_answer_without_a_rating_is_refused_and_changes_nothing(client, learner):
    FlashcardFactory()
    token = token_in(client.get(reverse("quizzes:study")))
    response = client.post(reverse("quizzes:study-answer"), {"token": token}, **HTMX)
    assert response.status_code == 400 and not ReviewLog.objects.exists()
    assert ShownCard.objects.get(token=token).answered_at is None
