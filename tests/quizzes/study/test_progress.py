"""The progress dashboard: retention, mastery, exam-day recall, heatmap and forecast, confusions and
their drills, and that each learner sees only their own data."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from fsrs import Card, Scheduler

from quizzes.study.confusions import pair_id
from quizzes.study.selectors.progress import forecast_bars, heatmap_layout, progress_dashboard, streak_length
from tests.factories import (
    CardStateFactory,
    FactFactory,
    FactStatementFactory,
    ItemFactory,
    LearnerSettingsFactory,
    ReviewLogFactory,
    SourceFactory,
    TopicFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 5, 12, 16, 0, tzinfo=dt.UTC)
SQS = [
    {"text": "Amazon SQS", "correct": True},
    {"text": "Amazon SNS", "correct": False},
    {"text": "Kinesis", "correct": False},
]
SNS = [
    {"text": "Amazon SNS", "correct": True},
    {"text": "Amazon SQS", "correct": False},
    {"text": "Amazon MQ", "correct": False},
]


@pytest.fixture
def learner():
    user = UserFactory()
    LearnerSettingsFactory(user=user, timezone="UTC", day_starts_hour=4)
    return user


def _log(learner, *, days_ago: float, rating: int = 3, state_before: int | None = 2, **kw):
    return ReviewLogFactory(
        learner=learner,
        reviewed_at=NOW - dt.timedelta(days=days_ago),
        rating=rating,
        state_before=state_before,
        **kw,
    )


# --- pure helpers -------------------------------------------------------------------------------


def test_streak_length_of_no_reviews_is_zero():
    assert streak_length(days=[], today=dt.date(2026, 5, 12)) == 0


def test_heatmap_has_one_cell_per_day_of_the_year():
    heat = heatmap_layout(counts={}, today=dt.date(2026, 5, 12))
    assert (len(heat.cells), heat.cells[-1].day) == (365, dt.date(2026, 5, 12))


def test_heatmap_cell_titles_name_the_day_and_count():
    heat = heatmap_layout(counts={dt.date(2026, 5, 11): 3}, today=dt.date(2026, 5, 12))
    assert heat.cells[-2].title == "3 reviews on Mon 11 May 2026"


def test_heatmap_shades_relative_to_the_busiest_day():
    counts = {dt.date(2026, 5, 10): 1, dt.date(2026, 5, 11): 8}
    heat = heatmap_layout(counts=counts, today=dt.date(2026, 5, 12))
    assert [c.level for c in heat.cells[-3:]] == [1, 4, 0]


def test_heatmap_puts_mondays_on_the_top_row():
    heat = heatmap_layout(counts={}, today=dt.date(2026, 5, 12))
    monday = next(c for c in heat.cells if c.day == dt.date(2026, 5, 11))
    assert monday.y == min(c.y for c in heat.cells)


def test_heatmap_summarises_months_for_the_table():
    counts = {dt.date(2026, 5, 1): 2, dt.date(2026, 5, 3): 5, dt.date(2026, 4, 30): 1}
    heat = heatmap_layout(counts=counts, today=dt.date(2026, 5, 12))
    assert (heat.months[-1].label, heat.months[-1].reviews, heat.months[-1].days_studied) == (
        "May 2026",
        7,
        2,
    )


def test_forecast_puts_overdue_cards_on_today():
    bars = forecast_bars(
        counts={dt.date(2026, 5, 1): 2, dt.date(2026, 5, 12): 1, dt.date(2026, 5, 14): 4},
        today=dt.date(2026, 5, 12),
    )
    assert [b.count for b in bars[:3]] == [3, 0, 4] and len(bars) == 30


def test_cards_of_retired_or_draft_items_are_not_due(learner):
    CardStateFactory(learner=learner, due=NOW - dt.timedelta(hours=1))
    for status in ("retired", "draft"):
        CardStateFactory(learner=learner, due=NOW - dt.timedelta(hours=1), item=ItemFactory(status=status))
    dash = progress_dashboard(learner=learner, now=NOW)
    assert (dash.due_today, dash.due_now, dash.forecast_total) == (1, 1, 1)


def test_suspended_cards_are_not_due_and_a_buried_card_is_due_when_its_bury_ends(learner):
    CardStateFactory(learner=learner, due=NOW - dt.timedelta(hours=1), suspended=True)
    tomorrow = progress_dashboard(learner=learner, now=NOW).forecast[1].day
    bury_end = dt.datetime.combine(tomorrow, dt.time(4), tzinfo=dt.UTC)  # the learner's next day (UTC)
    CardStateFactory(learner=learner, due=NOW - dt.timedelta(hours=1), buried_until=bury_end)
    dash = progress_dashboard(learner=learner, now=NOW)
    assert (dash.due_today, dash.due_now, dash.forecast[1].count, dash.forecast_total) == (0, 0, 1, 1)


def test_due_now_counts_the_cards_due_already_and_the_page_says_the_rest_come_later(client, learner):
    CardStateFactory(learner=learner, due=NOW - dt.timedelta(minutes=5))
    CardStateFactory(learner=learner, due=NOW + dt.timedelta(hours=3))  # still before the 04:00 rollover
    client.force_login(learner)
    with time_machine.travel(NOW, tick=False):
        body = client.get(reverse("quizzes:progress")).content.decode()
        dash = progress_dashboard(learner=learner, now=NOW)
    assert (dash.due_today, dash.due_now) == (2, 1)
    assert "1 now, the rest later today" in body


# --- retention ------------------------------------------------------------------------------


def test_true_retention_is_the_share_of_review_state_answers_not_rated_again(learner):
    for rating in (1, 3, 3, 4):
        _log(learner, days_ago=1, rating=rating)
    dash = progress_dashboard(learner=learner, now=NOW)
    assert (dash.retention[0].graded, dash.retention[0].percent) == (4, 75)


def test_true_retention_leaves_out_learning_steps(learner):
    _log(learner, days_ago=1, rating=1, state_before=1)
    _log(learner, days_ago=1, rating=1, state_before=None)
    _log(learner, days_ago=1, rating=3)
    dash = progress_dashboard(learner=learner, now=NOW)
    assert (dash.retention[0].reviews, dash.retention[0].graded, dash.retention[0].percent) == (3, 1, 100)


def test_reviews_older_than_seven_days_count_only_for_thirty(learner):
    _log(learner, days_ago=1)
    _log(learner, days_ago=10)
    _log(learner, days_ago=40)
    dash = progress_dashboard(learner=learner, now=NOW)
    assert [r.reviews for r in dash.retention] == [1, 2]


# --- mastery and exam-day recall ----------------------------------------------------------------


def test_topic_mastery_is_the_mean_fsrs_retrievability_a_day_after_the_last_review_at_the_earliest(learner):
    topic = TopicFactory(slug="lambda", title="Lambda")
    states = [  # the second card was reviewed right now: py-fsrs alone would say 100 %
        CardStateFactory(
            learner=learner, item=ItemFactory(topic=topic), due=NOW + dt.timedelta(days=d), stability=s
        )
        for d, s in ((1, 3.0), (5, 20.0))
    ]
    cards = [Card.from_dict(s.card) for s in states]
    expected = (
        sum(
            Scheduler().get_card_retrievability(
                c, current_datetime=max(NOW, c.last_review + dt.timedelta(days=1))
            )
            for c in cards
        )
        / 2
    )
    [mastery] = progress_dashboard(learner=learner, now=NOW).topics
    assert (mastery.title, mastery.studied, mastery.mastery) == ("Lambda", 2, pytest.approx(expected))
    assert mastery.mastery < 1


def test_predicted_recall_on_exam_day_is_lower_than_now(learner):
    learner.study_settings.exam_date = dt.date(2026, 6, 12)
    learner.study_settings.save()
    CardStateFactory(learner=learner, due=NOW + dt.timedelta(days=3))
    [mastery] = progress_dashboard(learner=learner, now=NOW).topics
    assert 0 < mastery.exam_recall < mastery.mastery


def test_an_exam_date_stored_beyond_the_horizon_counts_as_none(learner):
    learner.study_settings.exam_date = dt.date(9999, 12, 31)
    learner.study_settings.save()
    CardStateFactory(learner=learner, due=NOW + dt.timedelta(days=3))
    dashboard = progress_dashboard(learner=learner, now=NOW)
    assert (dashboard.exam_date, dashboard.days_to_exam, dashboard.topics[0].exam_recall) == (
        None,
        None,
        None,
    )


def test_the_progress_page_shows_with_an_exam_date_stored_beyond_the_horizon(client, learner):
    learner.study_settings.exam_date = dt.date(9999, 12, 31)
    learner.study_settings.save()
    CardStateFactory(learner=learner, due=NOW)
    client.force_login(learner)
    assert client.get(reverse("quizzes:progress")).status_code == 200


def test_no_exam_date_no_prediction(learner):
    CardStateFactory(learner=learner, due=NOW + dt.timedelta(days=3))
    [mastery] = progress_dashboard(learner=learner, now=NOW).topics
    assert mastery.exam_recall is None


def test_mastery_ignores_other_learners_cards(learner):
    CardStateFactory(learner=UserFactory(), due=NOW)
    [topic] = progress_dashboard(learner=learner, now=NOW).topics
    assert (topic.studied, topic.mastery, topic.not_studied_percent) == (0, None, 100)


# --- confusions ---------------------------------------------------------------------------------


def test_same_wrong_pick_twice_is_named_on_the_dashboard(learner):
    item = ItemFactory(choices=SQS)
    for days_ago in (1, 2):
        _log(learner, days_ago=days_ago, rating=1, item=item, correct=False, chosen=[1], mode="practice")
    [confusion] = progress_dashboard(learner=learner, now=NOW).confusions
    assert {confusion.a, confusion.b} == {"Amazon SQS", "Amazon SNS"}


def test_mix_up_across_items_in_review_and_exam_is_found(learner):
    from quizzes.models import ExamAttempt, ExamQuestion

    _log(learner, days_ago=1, rating=1, item=ItemFactory(choices=SQS), correct=False, chosen=[1])
    attempt = ExamAttempt.objects.create(
        learner=learner, started_at=NOW, deadline=NOW, submitted_at=NOW, length=1
    )
    ExamQuestion.objects.create(
        attempt=attempt, position=1, item=ItemFactory(choices=SNS), chosen=[1], correct=False
    )
    [confusion] = progress_dashboard(learner=learner, now=NOW).confusions
    assert confusion.reason == "across-items"


def test_other_learners_mistakes_make_no_confusion(learner):
    item = ItemFactory(choices=SQS)
    _log(learner, days_ago=1, rating=1, item=item, correct=False, chosen=[1])
    _log(UserFactory(), days_ago=1, rating=1, item=item, correct=False, chosen=[1])
    assert progress_dashboard(learner=learner, now=NOW).confusions == []


# --- pages --------------------------------------------------------------------------------------


def _confused(learner):
    topic = TopicFactory(slug="messaging")
    source = SourceFactory(name="messaging.md")
    sqs_item, sns_item = ItemFactory(topic=topic, choices=SQS), ItemFactory(topic=topic, choices=SNS)
    sqs_fact = FactFactory(topic=topic, text="SQS is a queue: consumers poll for messages.")
    sns_fact = FactFactory(topic=topic, text="SNS is pub/sub: it pushes to subscribers.")
    FactStatementFactory(fact=sqs_fact, source=source, line=12)
    FactStatementFactory(fact=sns_fact, source=source, line=20)
    sqs_item.facts.add(sqs_fact)
    sns_item.facts.add(sns_fact)
    _log(learner, days_ago=1, rating=1, item=sqs_item, correct=False, chosen=[1])
    _log(learner, days_ago=1, rating=1, item=sns_item, correct=False, chosen=[1])
    return pair_id("Amazon SQS", "Amazon SNS")


def test_progress_page_renders_the_heatmap_svg_with_text_alternatives(client, learner):
    _log(learner, days_ago=0.1)
    client.force_login(learner)
    with time_machine.travel(NOW, tick=False):
        body = client.get(reverse("quizzes:progress")).content.decode()
    assert (
        "<title>1 review on Tue 12 May 2026</title>" in body
        and 'aria-labelledby="heatmap-title heatmap-summary"' in body
    )


def test_progress_page_links_the_contrast_drill(client, learner):
    pid = _confused(learner)
    client.force_login(learner)
    with time_machine.travel(NOW, tick=False):
        body = client.get(reverse("quizzes:progress")).content.decode()
    assert reverse("quizzes:progress-drill", args=[pid]) in body


def test_progress_page_requires_login(client):
    assert client.get(reverse("quizzes:progress")).status_code == 302


def test_drill_shows_both_facts_with_their_source_lines(client, learner):
    pid = _confused(learner)
    client.force_login(learner)
    body = client.get(reverse("quizzes:progress-drill", args=[pid])).content.decode()
    assert "consumers poll" in body and "messaging.md:12" in body and "messaging.md:20" in body


def test_drill_offers_questions_with_answers_on_demand(client, learner):
    pid = _confused(learner)
    client.force_login(learner)
    body = client.get(reverse("quizzes:progress-drill", args=[pid])).content.decode()
    assert body.count("<summary>Show the answer</summary>") == 2


def test_another_learner_gets_404_for_the_drill(client, learner):
    pid = _confused(learner)
    client.force_login(UserFactory())
    assert client.get(reverse("quizzes:progress-drill", args=[pid])).status_code == 404
