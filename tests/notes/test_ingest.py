"""Ingestion service: storing lines, topics, facts and conflicts; idempotence; bad input."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from notes.models import Conflict, Fact, FactStatement, Source, SourceLine, Topic
from notes.services.ingest import ingest_bytes, ingest_paths
from notes.topics import topic_aliases, topic_title

pytestmark = pytest.mark.django_db

LAMBDA_NOTES = """# AWS Lambda

- Functions run on demand and scale automatically
- Limits
  - Maximum execution time: 900 seconds
  - Memory: 128 MB to 10,240 MB

# Amazon SQS

- Messages can be up to 256 KB in size
- Standard queues
  - at least once delivery
"""

LAMBDA_NOTES_OTHER_WORDING = """AWS Lambda

  • function timeout is 15 minutes at most
"""

LAMBDA_NOTES_DISAGREEING = """AWS Lambda

  • Maximum execution time: 300 seconds
"""


def ingest(name: str, text: str):
    return ingest_bytes(name=name, data=text.encode())


def database_snapshot() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Source, Topic, SourceLine, Fact, FactStatement, Conflict)
    }


def timeout_fact() -> Fact:
    return Fact.objects.get(topic__slug="lambda", kind="limit", dimension="time", magnitude=900)


def test_ingest_stores_every_kept_line_with_its_file_and_line_number():
    ingest("lambda.md", LAMBDA_NOTES)
    line = SourceLine.objects.get(text__contains="Maximum execution time")
    assert (line.source.name, line.number) == ("lambda.md", 5)


def test_ingest_splits_the_file_into_one_topic_per_service():
    ingest("lambda.md", LAMBDA_NOTES)
    assert {"lambda", "sqs"} <= set(Topic.objects.values_list("slug", flat=True))


def test_ingest_extracts_a_limit_fact_normalised_to_seconds():
    ingest("lambda.md", LAMBDA_NOTES)
    assert timeout_fact().statements.get().line == 5


def test_ingest_summary_counts_topics_lines_and_facts():
    summary = ingest("lambda.md", LAMBDA_NOTES)
    assert summary.ok and summary.topics >= 2 and summary.lines >= 8 and summary.facts >= 3


def test_same_limit_in_two_units_from_two_sources_is_one_fact_without_conflict():
    ingest("a.md", LAMBDA_NOTES)
    ingest("b.txt", LAMBDA_NOTES_OTHER_WORDING)
    fact = timeout_fact()
    assert set(fact.statements.values_list("source__name", flat=True)) == {"a.md", "b.txt"}
    assert not Conflict.objects.filter(fact=fact).exists()


def test_sources_disagreeing_on_a_limit_record_a_conflict_naming_both_sides():
    ingest("a.md", LAMBDA_NOTES)
    ingest("b.txt", LAMBDA_NOTES_DISAGREEING)
    conflict = Conflict.objects.get(fact__topic__slug="lambda")
    files = {src["file"] for side in conflict.sides for src in side["sources"]}
    assert files == {"a.md", "b.txt"} and len(conflict.sides) == 2


def test_reingesting_an_unchanged_file_changes_nothing():
    ingest("lambda.md", LAMBDA_NOTES)
    before = database_snapshot()
    fact_updated = timeout_fact().updated_at
    summary = ingest("lambda.md", LAMBDA_NOTES)
    assert summary.changed is False
    assert database_snapshot() == before and timeout_fact().updated_at == fact_updated


def test_changed_value_updates_the_fact_in_place_and_keeps_the_old_value():
    ingest("lambda.md", LAMBDA_NOTES)
    fact = timeout_fact()
    ingest("lambda.md", LAMBDA_NOTES.replace("900 seconds", "600 seconds"))
    fact.refresh_from_db()
    assert fact.magnitude == 600 and fact.previous_value and fact.value_changed_at is not None


def test_fact_no_longer_stated_is_kept_but_marked_inactive():
    ingest("lambda.md", LAMBDA_NOTES)
    fact = timeout_fact()
    ingest("lambda.md", LAMBDA_NOTES.replace("  - Maximum execution time: 900 seconds\n", ""))
    fact.refresh_from_db()
    assert fact.is_active is False


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.md", b"   \n\n", "empty"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "binary"),
        ("latin1.txt", "Lambda\n\n  - d\xe9lai maximal\n".encode("latin-1"), "UTF-8"),
        ("slides.pdf", b"%PDF-1.4 lambda", "unsupported file type"),
    ],
)
def test_bad_file_gets_a_clear_error_and_leaves_the_database_unchanged(name, data, message):
    ingest("good.md", LAMBDA_NOTES)
    before = database_snapshot()
    summary = ingest_bytes(name=name, data=data)
    assert not summary.ok and message in summary.error and "\n" not in summary.error
    assert database_snapshot() == before


def test_file_over_the_size_limit_is_refused(settings, tmp_path):
    settings.NOTES_MAX_FILE_BYTES = 100
    big = tmp_path / "big.md"
    big.write_text(LAMBDA_NOTES)
    [summary] = ingest_paths(paths=[big])
    assert not summary.ok and "limit" in summary.error and Source.objects.count() == 0


def test_missing_path_is_reported_and_good_files_in_the_same_call_still_land(tmp_path):
    good = tmp_path / "good.md"
    good.write_text(LAMBDA_NOTES)
    summaries = ingest_paths(paths=[tmp_path / "nope.md", good])
    assert [s.ok for s in summaries] == [False, True]
    assert Source.objects.filter(name="good.md").exists()


def test_folder_ingests_only_note_files(tmp_path):
    (tmp_path / "a.md").write_text(LAMBDA_NOTES)
    (tmp_path / "b.txt").write_text(LAMBDA_NOTES_OTHER_WORDING)
    (tmp_path / "c.png").write_bytes(b"\x89PNG")
    ingest_paths(paths=[tmp_path])
    assert set(Source.objects.values_list("name", flat=True)) == {"a.md", "b.txt"}


def test_command_exits_non_zero_with_one_line_per_bad_file(tmp_path, capsys):
    (tmp_path / "good.md").write_text(LAMBDA_NOTES)
    (tmp_path / "empty.md").write_text("")
    with pytest.raises(CommandError):
        call_command("ingest_notes", str(tmp_path), "--no-generate")
    out, err = capsys.readouterr()
    assert "good.md: ingested" in out and "empty.md: file is empty" in err


def test_command_prints_a_summary_per_file(tmp_path, capsys):
    (tmp_path / "good.md").write_text(LAMBDA_NOTES)
    call_command("ingest_notes", str(tmp_path / "good.md"), "--no-generate")
    out = capsys.readouterr().out
    assert "topics" in out and "facts" in out and "conflicts" in out


def test_a_shorter_list_in_one_source_is_not_a_conflict():
    ingest(
        "a.md", "# API Gateway\n\n- Endpoint types\n  - Edge-optimized (default)\n  - Regional\n  - Private\n"
    )
    ingest("b.md", "# API Gateway\n\n- Endpoint types\n  - Edge-optimized\n  - Regional\n")
    assert not Conflict.objects.exists()


def test_a_line_over_the_length_limit_is_refused_naming_the_line(settings):
    settings.NOTES_MAX_LINE_CHARS = 50
    summary = ingest("long.md", "# AWS Lambda\n\n- " + "x" * 60 + "\n")
    assert not summary.ok and "line 3" in summary.error and Source.objects.count() == 0


def test_absurdly_deep_nesting_is_refused():
    summary = ingest("deep.md", "# AWS Lambda\n\n" + "> " * 40 + "Timeout: 900 seconds\n")
    assert not summary.ok and "nested 40 levels deep" in summary.error


@pytest.mark.parametrize(
    "line",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[x](javascript:alert(1))",
        '<b hx-get="/x">b</b>',
    ],
)
def test_notes_with_active_html_are_refused(line):
    summary = ingest("hostile.md", f"# AWS Lambda\n\n- {line}\n- Timeout: 900 seconds\n")
    assert not summary.ok and "active HTML" in summary.error and Source.objects.count() == 0


def test_harmless_inline_html_is_accepted():
    summary = ingest("u.md", "# AWS Lambda\n\n- <u>Maximum execution time</u>: 900 seconds\n")
    assert summary.ok


STREAMS_IN_DYNAMODB_NOTES = """DynamoDB Stream Processing

  • DynamoDB Streams
    • 24 hours retention
  • Kinesis Data Streams
    • 1 year retention
"""


def test_a_fact_about_another_service_gets_that_services_catalogue_topic():
    ingest("dynamodb.txt", STREAMS_IN_DYNAMODB_NOTES)
    fact = Fact.objects.get(subject="Kinesis Data Streams", dimension="time")
    assert (fact.topic.slug, fact.topic.title) == (
        "kinesis-data-streams",
        topic_title("kinesis-data-streams"),
    )
    assert fact.topic.aliases == topic_aliases("kinesis-data-streams")


def test_a_fact_topic_merged_away_by_an_instructor_is_not_created_again():
    target = Topic.objects.create(slug="kinesis", title="Amazon Kinesis", aliases=["kinesis-data-streams"])
    ingest("dynamodb.txt", STREAMS_IN_DYNAMODB_NOTES)
    fact = Fact.objects.get(subject="Kinesis Data Streams", dimension="time")
    assert fact.topic == target and not Topic.objects.filter(slug="kinesis-data-streams").exists()
