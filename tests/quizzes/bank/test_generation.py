"""The generation service: items from facts in the database, statuses, in-place updates, retiring."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from notes.models import Fact
from notes.services.ingest import ingest_bytes
from quizzes.bank.services.generation import items_generate
from quizzes.models import Item
from tests.factories import FactFactory, FactStatementFactory, SourceFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def limit_fact():
    statement = FactStatementFactory(
        fact=FactFactory(topic=TopicFactory(slug="lambda"), attribute="maximum execution time"), line=12
    )
    return statement.fact


def test_a_limit_fact_yields_three_published_items(limit_fact):
    items_generate()
    assert sorted(Item.objects.filter(status="published").values_list("type", flat=True)) == [
        "basic",
        "cloze",
        "single",
    ]


def test_items_link_their_fact_and_cite_its_line(limit_fact):
    items_generate()
    item = Item.objects.get(type="single")
    assert list(item.facts.all()) == [limit_fact] and item.sources[0]["line"] == 12


def test_review_before_publish_source_keeps_items_draft():
    FactStatementFactory(fact=FactFactory(), source=SourceFactory(review_before_publish=True))
    items_generate()
    assert set(Item.objects.values_list("status", flat=True)) == {"draft"}


def test_regenerating_changes_nothing(limit_fact):
    items_generate()
    result = items_generate()
    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)


def test_an_instructors_retirement_survives_regeneration(limit_fact):
    items_generate()
    Item.objects.filter(type="cloze").update(status="retired")
    items_generate()
    assert Item.objects.get(type="cloze").status == "retired"


def test_an_instructors_draft_is_not_republished(limit_fact):
    items_generate()
    Item.objects.filter(type="single").update(status="draft")
    items_generate()
    assert Item.objects.get(type="single").status == "draft"


def test_items_of_an_inactive_fact_are_retired_not_deleted(limit_fact):
    items_generate()
    Fact.objects.filter(pk=limit_fact.pk).update(is_active=False)
    result = items_generate()
    assert result.retired == 3 and set(Item.objects.values_list("status", flat=True)) == {"retired"}


def test_items_retired_with_their_fact_come_back_when_it_returns(limit_fact):
    items_generate()
    Fact.objects.filter(pk=limit_fact.pk).update(is_active=False)
    items_generate()
    Fact.objects.filter(pk=limit_fact.pk).update(is_active=True)
    result = items_generate()
    assert result.restored == 3 and set(Item.objects.values_list("status", flat=True)) == {"published"}


def test_a_restored_item_of_a_review_first_source_comes_back_as_draft(limit_fact):
    items_generate()
    Fact.objects.filter(pk=limit_fact.pk).update(is_active=False)
    items_generate()
    limit_fact.statements.update(source=SourceFactory(review_before_publish=True))
    Fact.objects.filter(pk=limit_fact.pk).update(is_active=True)
    items_generate()
    assert set(Item.objects.values_list("status", flat=True)) == {"draft"}


def test_an_instructor_retiring_a_generation_retired_item_keeps_it_retired(limit_fact):
    from quizzes.bank.services.item_bank import items_set_status

    items_generate()
    Fact.objects.filter(pk=limit_fact.pk).update(is_active=False)
    items_generate()
    items_set_status(
        item_ids=Item.objects.filter(type="cloze").values_list("pk", flat=True), status="retired"
    )
    Fact.objects.filter(pk=limit_fact.pk).update(is_active=True)
    items_generate()
    assert Item.objects.get(type="cloze").status == "retired"


def test_authored_items_are_never_retired_by_generation(limit_fact):
    from tests.factories import ItemFactory

    authored = ItemFactory(origin="authored")
    items_generate()
    authored.refresh_from_db()
    assert authored.status == "published"


def test_result_reads_as_counts(limit_fact):
    assert str(items_generate()).startswith("3 created, 0 updated, 0 unchanged, 0 retired")


def test_command_prints_the_counts(limit_fact, capsys):
    call_command("generate_items")
    assert "items: 3 created" in capsys.readouterr().out


def test_celery_task_generates(limit_fact):
    from quizzes.tasks import generate_items

    generate_items.delay()
    assert Item.objects.count() == 3


def test_the_flashcard_cloze_and_question_of_one_fact_are_siblings(limit_fact):
    items_generate()
    groups = set(Item.objects.filter(facts=limit_fact).values_list("sibling_group", flat=True))
    assert Item.objects.filter(facts=limit_fact).count() == 3 and groups == {limit_fact.key[:64]}


NOTES = """# Acme Functions

- Limits
  - Execution
    - Maximum execution time: 900 seconds
- Something else entirely, line after the limit
"""


def test_an_ingested_facts_explanation_quotes_its_line_under_its_outline():
    ingest_bytes(name="acme.md", data=NOTES.encode())
    items_generate()
    question = Item.objects.get(type="single", stem__contains="execution time")
    assert (
        "Limits > Execution > Maximum execution time: 900 seconds\u201d (acme.md:5)" in question.explanation
    )
    assert "Something else" not in question.explanation
