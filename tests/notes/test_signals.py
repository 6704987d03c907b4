"""notes announces changed facts and merged topics through ``notes.signals``; it works with nobody
listening, and what a listener answers is what the instructor is told."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import pytest
from django.dispatch import Signal

from notes.models import Conflict
from notes.services.ingest import ingest_bytes
from notes.services.topics_admin import conflict_resolve, topic_merge
from notes.signals import Dependents, facts_changed, facts_changed_send, topic_merging
from quizzes.models import Item
from tests.admin_support import LAMBDA_NOTES, LAMBDA_NOTES_DISAGREEING
from tests.factories import ItemFactory, TopicFactory

pytestmark = pytest.mark.django_db


@contextlib.contextmanager
def nobody_listening(signal: Signal) -> Iterator[None]:
    """The signal with its receivers taken off for the block (notes alone, as without quizzes)."""
    saved = signal.receivers
    signal.receivers = []
    signal.sender_receivers_cache.clear()
    try:
        yield
    finally:
        signal.receivers = saved
        signal.sender_receivers_cache.clear()


@pytest.fixture
def conflict() -> Conflict:
    ingest_bytes(name="a.md", data=LAMBDA_NOTES.encode())
    ingest_bytes(name="b.md", data=LAMBDA_NOTES_DISAGREEING.encode())
    return Conflict.objects.get()


def test_resolving_a_conflict_with_nobody_listening_settles_it_and_rebuilds_nothing(conflict):
    with nobody_listening(facts_changed):
        outcome = conflict_resolve(conflict_id=conflict.pk, value="15", unit="min")
    assert (outcome.conflict.resolved, outcome.dependents, Item.objects.count()) == (True, [], 0)


def test_resolving_a_conflict_regenerates_the_items_through_the_quizzes_listener(conflict):
    outcome = conflict_resolve(conflict_id=conflict.pk, value="15", unit="min")
    assert [d.what for d in outcome.dependents] == ["items"] and outcome.dependents[
        0
    ].count == Item.objects.count()


def test_a_listener_answer_is_what_the_instructor_is_told():
    def listener(sender, **kwargs):
        return Dependents(what="flashcards", count=3)

    facts_changed.connect(listener, dispatch_uid="test-listener")
    try:
        answers = facts_changed_send()
    finally:
        facts_changed.disconnect(dispatch_uid="test-listener")
    assert Dependents(what="flashcards", count=3) in answers


def test_merging_topics_with_nobody_listening_leaves_other_apps_rows_alone():
    keep, drop = TopicFactory(), TopicFactory()
    with nobody_listening(topic_merging):
        result = topic_merge(source_id=keep.pk, target_id=drop.pk)
    assert (result.dependents, result.describe()) == ([], "0 lines, 0 facts, 0 conflicts")


def test_merging_topics_refiles_the_items_through_the_quizzes_listener():
    keep, drop = TopicFactory(), TopicFactory()
    item = ItemFactory(topic=drop)
    result = topic_merge(source_id=drop.pk, target_id=keep.pk)
    item.refresh_from_db()
    assert (item.topic_id, result.describe()) == (keep.pk, "0 lines, 0 facts, 1 items, 0 conflicts")
