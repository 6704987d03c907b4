"""What the weekly review email says and how it is built: parts, headers, figures, links."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quizzes.mail.services.emails import weekly_review_batch, weekly_review_send
from tests.factories import (
    CardStateFactory,
    ItemFactory,
    LearnerSettingsFactory,
    ReviewLogFactory,
    TopicFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

UTC = dt.UTC
NOW = dt.datetime(2025, 3, 10, 9, 0, tzinfo=UTC)  # Monday, ISO week 2025-W11


@pytest.fixture
def learner():
    return LearnerSettingsFactory(user=UserFactory(username="ada"), timezone="UTC", day_starts_hour=0).user


def review_of(learner):
    with time_machine.travel(NOW, tick=False):
        return weekly_review_batch(learner_ids=[learner.pk], now=NOW)[0]


def sent_message(learner):
    with time_machine.travel(NOW, tick=False):
        weekly_review_send(learner_id=learner.pk, iso_week="2025-W11", now=NOW)
    return mail.outbox[0]


def test_the_email_has_a_plain_text_body_and_an_html_alternative(learner):
    CardStateFactory(learner=learner, due=NOW)
    message = sent_message(learner)
    assert message.body.startswith("Hello ada")
    assert message.alternatives[0].mimetype == "text/html"


def test_the_email_carries_one_click_unsubscribe_headers(learner):
    CardStateFactory(learner=learner, due=NOW)
    headers = sent_message(learner).extra_headers
    assert (
        headers["List-Unsubscribe"].startswith("<http://")
        and "/email/unsubscribe/" in headers["List-Unsubscribe"]
    )
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_the_email_links_to_the_study_page(learner, settings):
    settings.SITE_URL = "https://study.example.org"
    CardStateFactory(learner=learner, due=NOW)
    message = sent_message(learner)
    assert "Start reviewing: https://study.example.org/study/" in message.body
    assert 'href="https://study.example.org/study/"' in message.alternatives[0].content


def test_the_html_part_is_a_single_column_at_most_600px_wide(learner):
    CardStateFactory(learner=learner, due=NOW)
    html = sent_message(learner).alternatives[0].content
    assert "max-width:600px" in html and "<style" not in html


def test_the_forecast_counts_overdue_cards_today_and_the_rest_on_their_day(learner):
    CardStateFactory(learner=learner, due=NOW - dt.timedelta(days=3))
    CardStateFactory(learner=learner, due=NOW + dt.timedelta(days=2))
    CardStateFactory(learner=learner, due=NOW + dt.timedelta(days=9))  # beyond the week
    assert [n for _, n in review_of(learner).forecast] == [1, 0, 1, 0, 0, 0, 0]


def test_last_weeks_true_retention_counts_only_reviews_of_graduated_cards(learner):
    item = ItemFactory()
    for rating, state_before in ((3, 2), (3, 2), (1, 2), (1, 1)):  # the learning-step lapse is left out
        ReviewLogFactory(
            learner=learner,
            item=item,
            rating=rating,
            state_before=state_before,
            reviewed_at=NOW - dt.timedelta(days=2),
        )
    review = review_of(learner)
    assert review.last_week_reviews == 4
    assert review.last_week_retention == pytest.approx(2 / 3)


def test_the_streak_counts_consecutive_days_with_reviews_up_to_yesterday(learner):
    for days_ago in (1, 2, 3, 5):
        ReviewLogFactory(learner=learner, reviewed_at=NOW - dt.timedelta(days=days_ago))
    assert review_of(learner).streak == 3


def test_the_streak_follows_the_learners_day_not_utc(learner):
    learner.study_settings.timezone = "America/Los_Angeles"
    learner.study_settings.save()
    # 06:00 UTC on 9 March is still 8 March in Los Angeles; 23:00 UTC on 8 March is 8 March too.
    ReviewLogFactory(learner=learner, reviewed_at=dt.datetime(2025, 3, 9, 6, 0, tzinfo=UTC))
    ReviewLogFactory(learner=learner, reviewed_at=dt.datetime(2025, 3, 8, 23, 0, tzinfo=UTC))
    assert review_of(learner).streak == 0  # today is 10 March locally, 9 March has no review


def test_the_three_weakest_topics_are_listed_weakest_first_with_links(learner):
    for slug, stability in (("lambda", 50.0), ("sqs", 0.5), ("sns", 2.0), ("step-functions", 1.0)):
        CardStateFactory(
            learner=learner,
            item=ItemFactory(topic=TopicFactory(slug=slug)),
            stability=stability,
            last_review=NOW - dt.timedelta(days=5),
            due=NOW + dt.timedelta(days=1),
        )
    weakest = review_of(learner).weakest
    assert [t.url for t in weakest] == [
        "http://127.0.0.1:8000/topics/sqs/",
        "http://127.0.0.1:8000/topics/step-functions/",
        "http://127.0.0.1:8000/topics/sns/",
    ]


def test_predicted_recall_on_exam_day_is_shown_when_an_exam_date_is_set(learner):
    learner.study_settings.exam_date = dt.date(2025, 4, 10)
    learner.study_settings.save()
    CardStateFactory(learner=learner, stability=10.0, last_review=NOW, due=NOW + dt.timedelta(days=10))
    review = review_of(learner)
    assert 0.5 < review.exam_recall < 0.9  # 31 days after a review with 10 days of stability


@pytest.mark.parametrize("exam_date", [dt.date(9999, 12, 31), dt.date(2040, 1, 1)])
def test_an_exam_date_stored_beyond_the_horizon_is_left_out_of_the_email(learner, exam_date):
    learner.study_settings.exam_date = exam_date
    learner.study_settings.save()
    CardStateFactory(learner=learner, stability=10.0, last_review=NOW, due=NOW)
    assert review_of(learner).exam_recall is None


def test_the_email_of_a_learner_with_the_last_date_there_is_as_exam_date_is_sent(learner):
    learner.study_settings.exam_date = dt.date(9999, 12, 31)
    learner.study_settings.save()
    CardStateFactory(learner=learner, due=NOW)
    assert sent_message(learner).to == ["ada@example.com"]


def test_no_exam_recall_without_an_exam_date(learner):
    CardStateFactory(learner=learner, due=NOW)
    assert review_of(learner).exam_recall is None


def test_building_a_batch_costs_the_same_queries_for_3_or_30_learners():
    item = ItemFactory()

    def queries_for(n: int) -> int:
        users = [
            LearnerSettingsFactory(timezone=("UTC", "Asia/Tokyo")[i % 2], exam_date=dt.date(2025, 5, 1)).user
            for i in range(n)
        ]
        for user in users:
            CardStateFactory(learner=user, item=item, due=NOW)
            ReviewLogFactory(learner=user, item=item, reviewed_at=NOW - dt.timedelta(days=1))
        with CaptureQueriesContext(connection) as ctx, time_machine.travel(NOW, tick=False):
            weekly_review_batch(learner_ids=[u.pk for u in users], now=NOW)
        return len(ctx.captured_queries)

    assert queries_for(3) == queries_for(30)
