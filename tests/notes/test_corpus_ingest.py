"""The real corpus in ../shared/lecture-notes, ingested end to end (read from there, never copied)."""

from __future__ import annotations

import pytest

from notes.models import Conflict, Fact, SourceLine, Topic
from notes.services.ingest import ingest_paths
from tests.corpus import corpus_files

pytestmark = [pytest.mark.django_db, pytest.mark.corpus]


@pytest.fixture
def corpus():
    files = corpus_files()
    summaries = ingest_paths(paths=files)
    assert all(s.ok for s in summaries), [s.error for s in summaries if not s.ok]
    return files


def test_every_corpus_file_lands(corpus):
    assert SourceLine.objects.values("source").distinct().count() == len(corpus)


def test_core_services_get_their_own_topic_pages(corpus):
    slugs = set(Topic.objects.filter(lines__isnull=False).values_list("slug", flat=True))
    assert {"lambda", "dynamodb", "api-gateway", "sqs", "sns", "step-functions", "cognito", "s3"} <= slugs


def test_lambda_topic_merges_passages_from_several_sources(corpus):
    sources = SourceLine.objects.filter(topic__slug="lambda").values("source").distinct().count()
    assert sources >= 4


def test_lambda_timeout_is_one_fact_stated_by_two_sources_in_two_wordings(corpus):
    fact = Fact.objects.get(
        topic__slug="lambda", kind="limit", attribute="maximum execution time", magnitude=900
    )
    statements = fact.statements.select_related("source")
    assert len({s.source.name for s in statements}) >= 2
    assert len({s.unit for s in statements} | {s.value for s in statements}) >= 2


def test_sqs_message_size_is_at_most_256_kib(corpus):
    assert Fact.objects.filter(
        topic__slug="sqs", kind="limit", dimension="size", magnitude=256 * 1024
    ).exists()


def test_dynamodb_reads_are_eventually_consistent_by_default(corpus):
    facts = Fact.objects.filter(topic__slug="dynamodb", kind="consistency", value__icontains="eventual")
    assert facts.filter(attribute__icontains="default").exists()


def test_numbers_the_reader_is_unsure_of_are_untaught_notes_and_never_conflicts(corpus):
    # The general reader no longer takes a plain "1 year retention" for a maximum (the old table did,
    # which made the corpus's two conflicts): an unsure number is an untaught note instead.
    notes = Fact.objects.filter(qualifier="unsure")
    assert notes.exists() and not notes.filter(taught=True).exists()
    assert not Conflict.objects.filter(fact__in=notes).exists()


def test_noise_lines_never_reach_the_database(corpus):
    texts = list(SourceLine.objects.values_list("text", flat=True))
    assert not [t for t in texts if t.strip().lower() in {"asd", "tweet", "skip to content", "0"}]
    assert not [t for t in texts if "\\rightarrow" in t or "$\\circ" in t or "Upgrade to Pro" in t]


def test_reingesting_the_corpus_changes_nothing(corpus):
    before = (SourceLine.objects.count(), Fact.objects.count(), Conflict.objects.count())
    summaries = ingest_paths(paths=corpus)
    assert not any(s.changed for s in summaries)
    assert (SourceLine.objects.count(), Fact.objects.count(), Conflict.objects.count()) == before
