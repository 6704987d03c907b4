"""Property-based tests of the card browser: any filter query string and any action POST is answered
without a 500, and a refusal (4xx) leaves every card as it was."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizzes.models import CardState
from tests.factories import CardStateFactory, FlashcardFactory, UserFactory

pytestmark = pytest.mark.django_db

FIELDS = ["q", "topic", "kind", "state", "lapses", "page", "back"]
TRICKY = [
    "",
    "0",
    "-1",
    "8",
    "²",
    "١٢",
    "99999999999999999999",
    "1e3",
    "NaN",
    "\x00",
    "new",
    "leech",
    "single",
    "cloze",
    "suspended",
    "a" * 300,
    "//evil.example/",
    "%00",
    "state=flagged&page=2",
]
VALUE = st.one_of(st.sampled_from(TRICKY), st.text(max_size=30), st.integers().map(str))
QUERY = st.dictionaries(st.sampled_from(FIELDS), st.lists(VALUE, min_size=1, max_size=2), max_size=6)
ACTION = st.one_of(
    st.sampled_from(["suspend", "unsuspend", "bury", "unbury", "flag", "unflag", "delete", "SUSPEND"]),
    st.from_regex(r"[-a-zA-Z0-9_]{1,20}", fullmatch=True),
)
PROPERTIES = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))


def cards_now() -> list[tuple]:
    return list(CardState.objects.order_by("pk").values_list("pk", "suspended", "buried_until", "flagged"))


@pytest.fixture
def cards(client, learner):
    mine = CardStateFactory(learner=learner, item=FlashcardFactory())
    theirs = CardStateFactory(learner=UserFactory(), item=FlashcardFactory())
    return mine, theirs


def test_any_filter_query_is_answered_without_a_500(client, cards):
    @PROPERTIES
    @given(query=QUERY, htmx=st.booleans())
    def check(query, htmx):
        headers = {"HX-Request": "true"} if htmx else {}
        response = client.get(reverse("quizzes:cards"), query, headers=headers)
        assert response.status_code in (200, 400)

    check()


def test_any_action_post_is_answered_and_a_refusal_changes_nothing(client, cards):
    mine, theirs = cards

    @PROPERTIES
    @given(
        pk=st.one_of(st.sampled_from([mine.pk, theirs.pk, 0]), st.integers(min_value=0, max_value=2**70)),
        action=ACTION,
        form=QUERY,
        htmx=st.booleans(),
    )
    def check(pk, action, form, htmx):
        headers = {"HX-Request": "true"} if htmx else {}
        with transaction.atomic():
            before = cards_now()
            url = reverse("quizzes:card-action", args=[pk, action])
            response = client.post(url, form, headers=headers)
            assert response.status_code < 500
            if response.status_code >= 400:
                assert cards_now() == before
            transaction.set_rollback(True)

    check()


def test_no_action_post_changes_another_learners_card(client, cards):
    _, theirs = cards
    before = cards_now()

    @PROPERTIES
    @given(action=ACTION, form=QUERY)
    def check(action, form):
        client.post(reverse("quizzes:card-action", args=[theirs.pk, action]), form)

    check()
    after = cards_now()
    assert [row for row in after if row[0] == theirs.pk] == [row for row in before if row[0] == theirs.pk]
