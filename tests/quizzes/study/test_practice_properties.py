"""Whatever a learner puts in the practice page's query string (filters, start, new, after) or posts
as an answer: never a 500, and a refused request (4xx) leaves the database and the practice session
exactly as they were."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizzes.models import CardState, ReviewLog, ShownCard
from quizzes.study.services.practice import SESSION_KEY
from tests.factories import ItemFactory, TopicFactory, UserFactory

pytestmark = pytest.mark.django_db

TRICKY = [
    "²",
    "١٢",
    "𝟙",
    "-1",
    "1e3",
    " 3 ",
    "0",
    "1",
    "on",
    "off",
    "true",
    "",
    "\x00",
    "99999999999999999999",
]
VALUE = st.one_of(
    st.sampled_from(TRICKY),
    st.text(max_size=16),
    st.integers().map(str),
    st.sampled_from(["limit", "concept"]),
)
FIELDS = ["start", "new", "topics", "kinds", "mistakes", "after", "token", "chosen", "q"]
QUERY = st.dictionaries(
    keys=st.sampled_from(FIELDS), values=st.lists(VALUE, min_size=1, max_size=3), max_size=6
)
ANY = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))


@pytest.fixture
def logged_in() -> tuple[Client, object]:
    learner = UserFactory()
    topic = TopicFactory()
    for _ in range(3):
        ItemFactory(topic=topic)
    client = Client()
    client.force_login(learner)
    return client, learner


def _stored(client, learner) -> tuple:
    return (
        list(ReviewLog.objects.filter(learner=learner).values_list("pk", "correct")),
        list(CardState.objects.filter(learner=learner).values_list("pk", "due")),
        ShownCard.objects.filter(learner=learner).count(),
        client.session.get(SESSION_KEY),
    )


def _clean(query: dict) -> dict:
    return {key: [value.replace("\x00", "") for value in values] for key, values in query.items()}


@ANY
@given(query=QUERY)
def test_any_practice_query_string_is_never_a_server_error(logged_in, query):
    client, learner = logged_in
    before = _stored(client, learner)
    response = client.get(reverse("quizzes:practice"), _clean(query))
    assert response.status_code < 500
    if 400 <= response.status_code < 500:
        assert _stored(client, learner) == before


@ANY
@given(query=QUERY, form=QUERY)
def test_any_practice_answer_is_never_a_server_error(logged_in, query, form):
    client, learner = logged_in
    before = _stored(client, learner)
    url = reverse("quizzes:practice-answer")
    response = client.post(url + "?" + urlencode(_clean(query), doseq=True), _clean(form))
    assert response.status_code < 500
    if 400 <= response.status_code < 500:
        assert _stored(client, learner) == before


@ANY
@given(query=QUERY)
def test_a_started_session_survives_any_query_string_but_new(logged_in, query):
    client, learner = logged_in
    client.get(reverse("quizzes:practice"), {"start": 1, "new": 1})
    started = client.session.get(SESSION_KEY)
    query.pop("new", None)
    client.get(reverse("quizzes:practice"), _clean(query))
    assert client.session.get(SESSION_KEY) == started
