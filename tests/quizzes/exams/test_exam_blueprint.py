"""The exam blueprint: largest-remainder seats by topic weight, topics with too few questions filled
from the others, the draw of ``exam_start`` by the active blueprint, the start page and the admin."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizzes.exams.blueprint import blueprint_draw, blueprint_plan, largest_remainder
from quizzes.exams.services import exam_blueprint_overview, exam_start
from quizzes.models import ExamBlueprint, ExamBlueprintWeight
from tests.admin_support import instructor, instructor_client  # noqa: F401
from tests.factories import ItemFactory, TopicFactory, UserFactory

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


# --- pure -------------------------------------------------------------------------------------


def test_largest_remainder_gives_leftover_seats_to_the_largest_remainders():
    # 10 seats at 45/35/20: exact 4.5, 3.5, 2.0 -> floors 4, 3, 2; one seat left for the larger weight.
    assert largest_remainder(weights={"a": 45, "b": 35, "c": 20}, seats=10) == {"a": 5, "b": 3, "c": 2}


def test_largest_remainder_matches_an_exam_guides_domain_weights():
    seats = largest_remainder(weights={"d1": 30, "d2": 26, "d3": 24, "d4": 20}, seats=65)
    assert seats == {"d1": 19, "d2": 17, "d3": 16, "d4": 13} and sum(seats.values()) == 65


def test_a_topic_with_too_few_questions_is_filled_from_the_others_by_weight():
    plan = blueprint_plan(
        weights={"a": 50, "b": 30, "c": 20}, available={"a": 2, "b": 100, "c": 100}, length=20
    )
    assert {row.topic: row.seats for row in plan} == {"a": 2, "b": 11, "c": 7}


def test_the_plan_says_how_many_seats_a_short_topic_lacks():
    plan = blueprint_plan(weights={"a": 50, "b": 50}, available={"a": 2, "b": 100}, length=10)
    assert [(row.topic, row.target, row.short, row.extra) for row in plan] == [("a", 5, 3, 0), ("b", 5, 0, 3)]


def test_a_zero_weight_topic_gets_no_questions():
    plan = blueprint_plan(weights={"a": 1, "b": 0}, available={"a": 5, "b": 5}, length=3)
    assert [(row.topic, row.seats) for row in plan] == [("a", 3)]


def test_the_exam_shrinks_to_what_the_weighted_topics_hold():
    plan = blueprint_plan(weights={"a": 1, "b": 1}, available={"a": 2, "b": 1}, length=10)
    assert sum(row.seats for row in plan) == 3


def test_the_draw_takes_each_topics_seats_from_its_own_pool():
    pools = {"a": list(range(0, 10)), "b": list(range(100, 110))}
    drawn = blueprint_draw(pools=pools, weights={"a": 3, "b": 1}, length=8, rng=random.Random(1))
    assert sum(1 for i in drawn if i < 100) == 6 and len(set(drawn)) == 8


WEIGHTS = st.dictionaries(st.integers(0, 7), st.integers(0, 100), min_size=1, max_size=6)
SIZES = st.dictionaries(st.integers(0, 7), st.integers(0, 30), max_size=8)


@settings(max_examples=300, deadline=None)
@given(weights=WEIGHTS, sizes=SIZES, length=st.integers(0, 120))
def test_plan_fills_the_exam_within_every_topics_questions(weights, sizes, length):
    plan = blueprint_plan(weights=weights, available=sizes, length=length)
    capacity = sum(sizes.get(k, 0) for k, w in weights.items() if w > 0)
    assert sum(row.seats for row in plan) == min(length, capacity)
    assert all(0 <= row.seats <= row.available for row in plan)
    # A topic that could hold its weighted share never gets less than it.
    assert all(row.seats >= min(row.target, row.available) for row in plan)


@settings(max_examples=200, deadline=None)
@given(weights=WEIGHTS, seats=st.integers(0, 200))
def test_largest_remainder_is_within_one_seat_of_the_exact_share(weights, seats):
    positive = {k: w for k, w in weights.items() if w > 0}
    if not positive:
        return
    quotas = largest_remainder(weights=positive, seats=seats)
    total = sum(positive.values())
    assert sum(quotas.values()) == seats
    assert all(abs(quotas[k] - seats * w / total) < 1 for k, w in positive.items())


# --- services ---------------------------------------------------------------------------------


@pytest.fixture
def topics(db):
    big, small, other = (TopicFactory(slug=s, title=s.title()) for s in ("big", "small", "other"))
    for _ in range(10):
        ItemFactory(topic=big)
        ItemFactory(topic=other)
    ItemFactory(topic=small)
    return big, small, other


def _blueprint(weights, name="Guide", active=True):
    blueprint = ExamBlueprint.objects.create(name=name, active=active)
    for topic, weight in weights.items():
        ExamBlueprintWeight.objects.create(blueprint=blueprint, topic=topic, weight=Decimal(weight))
    return blueprint


def _topic_counts(attempt):
    counts = {}
    for title in attempt.questions.values_list("item__topic__title", flat=True):
        counts[title] = counts.get(title, 0) + 1
    return counts


@pytest.mark.django_db
def test_exam_start_samples_by_the_active_blueprint(topics):
    big, _, other = topics
    _blueprint({big: 75, other: 25})
    attempt = exam_start(learner=UserFactory(), length=8, now=NOW, rng=random.Random(3))
    assert _topic_counts(attempt) == {"Big": 6, "Other": 2}


@pytest.mark.django_db
def test_an_inactive_blueprint_is_not_used(topics):
    big, _, other = topics
    _blueprint({big: 100}, active=False)
    attempt = exam_start(learner=UserFactory(), length=6, now=NOW, rng=random.Random(3))
    assert "Other" in _topic_counts(attempt)


@pytest.mark.django_db
def test_exam_start_fills_a_short_topics_seats_from_the_others(topics):
    big, small, _ = topics
    _blueprint({big: 50, small: 50})
    attempt = exam_start(learner=UserFactory(), length=6, now=NOW, rng=random.Random(3))
    assert _topic_counts(attempt) == {"Big": 5, "Small": 1}


@pytest.mark.django_db
def test_overview_names_the_topics_that_are_filled_from_others(topics):
    big, small, _ = topics
    _blueprint({big: 50, small: 50})
    overview = exam_blueprint_overview(length=6)
    assert [row.title for row in overview.filled] == ["Small"]


# --- start page -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_start_page_shows_the_blueprint_and_says_which_topics_are_filled(client, topics):
    big, small, _ = topics
    ItemFactory.create_batch(60, topic=big)  # 70 in Big: enough to fill a 65-question exam
    _blueprint({big: 50, small: 50}, name="Associate guide")
    client.force_login(UserFactory())
    body = client.get(reverse("quizzes:exam")).content.decode()
    assert "Blueprint: Associate guide" in body and "only 1 exist: 31 filled from other topics" in body
    assert "1 topic has too few questions, the others fill in" in body


@pytest.mark.django_db
def test_start_page_says_when_the_blueprints_topics_cannot_fill_an_exam(client, topics):
    big, small, _ = topics
    _blueprint({big: 50, small: 50})
    client.force_login(UserFactory())
    body = client.get(reverse("quizzes:exam")).content.decode()
    assert "its topics hold 11 questions, so an exam has at most that many" in body
    assert "filled from other topics" not in body


@pytest.mark.django_db
def test_start_page_without_a_blueprint_says_nothing_of_one(client, topics):
    client.force_login(UserFactory())
    assert "Blueprint:" not in client.get(reverse("quizzes:exam")).content.decode()


# --- admin ------------------------------------------------------------------------------------


def _admin_post(client, weights, name="Guide", active=True):
    data = {
        "name": name,
        "weights-TOTAL_FORMS": str(len(weights)),
        "weights-INITIAL_FORMS": "0",
        "weights-MIN_NUM_FORMS": "0",
        "weights-MAX_NUM_FORMS": "1000",
    }
    if active:
        data["active"] = "on"
    for n, (topic, weight) in enumerate(weights):
        data[f"weights-{n}-topic"] = str(topic.pk) if topic else ""
        data[f"weights-{n}-weight"] = weight
    return client.post(reverse("admin:quizzes_examblueprint_add"), data)


@pytest.mark.django_db
def test_instructor_saves_a_blueprint_and_sees_the_sum(instructor_client, topics):  # noqa: F811
    big, _, other = topics
    response = _admin_post(instructor_client, [(big, "30"), (other, "45")])
    assert response.status_code == 302
    blueprint = ExamBlueprint.objects.get()
    page = instructor_client.get(reverse("admin:quizzes_examblueprint_change", args=[blueprint.pk]))
    body = page.content.decode()
    assert "75 (shares are weight ÷ this sum)" in body and "40.0 %" in body and "60.0 %" in body


@pytest.mark.django_db
def test_a_negative_weight_is_refused_and_nothing_is_saved(instructor_client, topics):  # noqa: F811
    big, _, other = topics
    response = _admin_post(instructor_client, [(big, "-5"), (other, "10")])
    assert response.status_code == 200 and not ExamBlueprint.objects.exists()
    assert "greater than or equal to 0" in response.content.decode()


@pytest.mark.django_db
def test_a_blueprint_without_a_weighted_topic_is_refused(instructor_client, topics):  # noqa: F811
    big, _, _ = topics
    response = _admin_post(instructor_client, [(big, "0")])
    assert "Give at least one topic a weight above 0." in response.content.decode()
    assert not ExamBlueprint.objects.exists()


@pytest.mark.django_db
def test_a_second_active_blueprint_is_refused(instructor_client, topics):  # noqa: F811
    big, _, _ = topics
    _blueprint({big: 1}, name="First")
    response = _admin_post(instructor_client, [(big, "1")], name="Second")
    assert "Another blueprint is active" in response.content.decode()
    assert list(ExamBlueprint.objects.values_list("name", flat=True)) == ["First"]


@pytest.mark.django_db
def test_a_learner_cannot_open_the_blueprint_admin(client, topics):
    client.force_login(UserFactory())
    response = client.get(reverse("admin:quizzes_examblueprint_changelist"))
    assert response.status_code == 302 and "/login/" in response["Location"]


WEIGHT_TEXT = st.one_of(
    st.sampled_from(["-1", "0", "1e3", "NaN", "inf", "²", "١٢", "99999999", "0.001", "", " 5 ", "12.5"]),
    st.text(max_size=12),
    st.integers(-(10**12), 10**12).map(str),
)


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(weights=st.lists(WEIGHT_TEXT, min_size=1, max_size=3), name=st.text(max_size=140))
def test_any_blueprint_form_is_saved_or_refused_without_a_500(instructor_client, topics, weights, name):  # noqa: F811
    before = list(ExamBlueprintWeight.objects.values_list("blueprint__name", "topic_id", "weight"))
    pairs = list(zip(topics, weights, strict=False))
    response = _admin_post(instructor_client, pairs, name=name, active=False)
    assert response.status_code in (200, 302)
    after = list(ExamBlueprintWeight.objects.values_list("blueprint__name", "topic_id", "weight"))
    if response.status_code != 302:
        assert after == before
    else:
        assert all(w >= 0 for _, _, w in after)
