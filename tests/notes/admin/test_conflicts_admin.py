"""The conflicts queue: the instructor picks a side (or writes the value) and the items regenerate."""

from __future__ import annotations

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from notes.models import Conflict, Fact, Source
from notes.services.ingest import ingest_bytes
from notes.services.topics_admin import source_reingest
from quizzes.bank.services.generation import items_generate
from quizzes.models import Item, ItemChange
from tests.admin_support import LAMBDA_NOTES, LAMBDA_NOTES_DISAGREEING

pytestmark = pytest.mark.django_db


@pytest.fixture
def conflict() -> Conflict:
    ingest_bytes(name="a.md", data=LAMBDA_NOTES.encode())
    ingest_bytes(name="b.md", data=LAMBDA_NOTES_DISAGREEING.encode())
    items_generate()
    return Conflict.objects.get()


def resolve(client, conflict: Conflict, **data):
    return client.post(reverse("admin:notes_conflict_change", args=[conflict.pk]), data)


def side_index(conflict: Conflict, value: str) -> str:
    return str(next(i for i, s in enumerate(conflict.sides) if s["value"] == value))


def question_of(conflict: Conflict) -> Item:
    return Item.objects.get(facts=conflict.fact_id, type="single")


def test_the_queue_shows_both_sides_with_their_lines(instructor_client, conflict):
    page = instructor_client.get(reverse("admin:notes_conflict_change", args=[conflict.pk])).content.decode()
    assert "a.md:5" in page and "b.md:3" in page and "300 seconds" in page


def test_picking_a_side_resolves_the_conflict_with_that_value(instructor_client, conflict):
    resolve(instructor_client, conflict, pick=side_index(conflict, "5"))
    conflict.refresh_from_db()
    assert (conflict.resolved, conflict.resolved_value, conflict.resolved_unit) == (True, "5", "min")


def test_resolving_sets_the_facts_value(instructor_client, conflict):
    resolve(instructor_client, conflict, pick=side_index(conflict, "5"))
    fact = Fact.objects.get(pk=conflict.fact_id)
    assert (fact.value, fact.unit, fact.magnitude) == ("5", "min", 300.0)


def test_resolving_regenerates_the_affected_items(instructor_client, conflict):
    resolve(instructor_client, conflict, pick=side_index(conflict, "5"))
    key = next(c["text"] for c in question_of(conflict).choices if c["correct"])
    assert key == "5 minutes"


def test_resolving_records_the_change_for_learners(instructor_client, conflict):
    # While the sources disagree the fact is taught by a flashcard showing both sides (no question
    # keys a disputed value); that card is what learners hold, so it records the change.
    resolve(instructor_client, conflict, pick=side_index(conflict, "5"))
    card = Item.objects.get(facts=conflict.fact_id, type="basic")
    assert ItemChange.objects.filter(item=card, new_value="5 minutes").exists()


def test_a_written_value_is_normalised_like_the_notes(instructor_client, conflict):
    resolve(instructor_client, conflict, pick="other", resolved_value="600", resolved_unit="seconds")
    fact = Fact.objects.get(pk=conflict.fact_id)
    assert (fact.value, fact.unit, fact.magnitude) == ("10", "min", 600.0)


def test_a_written_value_of_the_wrong_kind_is_refused(instructor_client, conflict):
    response = resolve(instructor_client, conflict, pick="other", resolved_value="12", resolved_unit="MB")
    conflict.refresh_from_db()
    assert response.status_code == 200 and "not a time value" in response.content.decode()
    assert not conflict.resolved


def test_the_resolution_survives_re_ingesting_the_same_notes(
    instructor_client, conflict, django_capture_on_commit_callbacks
):
    resolve(instructor_client, conflict, pick=side_index(conflict, "5"))
    with django_capture_on_commit_callbacks(execute=True):
        source_reingest(source_ids=Source.objects.values_list("pk", flat=True))
    conflict.refresh_from_db()
    assert conflict.resolved and Fact.objects.get(pk=conflict.fact_id).value == "5"


def test_the_resolution_is_in_the_history(instructor_client, conflict):
    resolve(instructor_client, conflict, pick=side_index(conflict, "15"))
    assert LogEntry.objects.filter(content_type__model="conflict", object_id=str(conflict.pk)).exists()


def test_another_file_agreeing_with_a_side_keeps_the_conflict_resolved(instructor_client, conflict):
    resolve(instructor_client, conflict, pick=side_index(conflict, "5"))
    ingest_bytes(name="c.md", data=LAMBDA_NOTES_DISAGREEING.encode())
    conflict.refresh_from_db()
    assert conflict.resolved


def test_a_new_value_reopens_the_conflict_but_the_decision_stays_in_force(instructor_client, conflict):
    resolve(instructor_client, conflict, pick=side_index(conflict, "5"))
    ingest_bytes(name="c.md", data=LAMBDA_NOTES_DISAGREEING.replace("300", "600").encode())
    conflict.refresh_from_db()
    assert not conflict.resolved and Fact.objects.get(pk=conflict.fact_id).value == "5"
