"""Tests for notes.facts: lexicon-driven extraction and cross-source conflicts.

Hand-built sections use our own wording; corpus tests assert only on extracted facts (subjects,
attributes, numbers, line numbers), never on corpus sentences.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from notes.facts import ConflictDraft, extract_facts, find_conflicts
from notes.outline import FactDraft, NoteLine, TopicSection
from tests.corpus import corpus_files

Line = tuple[str, int, tuple[str, ...]] | str


def section(slug: str, title: str, *lines: Line) -> TopicSection:
    """A section from (text, depth, path) tuples or plain top-level texts, numbered from 2."""
    note_lines = []
    for number, spec in enumerate(lines, start=2):
        text, depth, path = (spec, 0, ()) if isinstance(spec, str) else spec
        note_lines.append(NoteLine(number=number, depth=depth, text=text, raw=text, path=path))
    heading = NoteLine(number=1, depth=0, text=title, raw=title, is_heading=True)
    return TopicSection(slug=slug, title=title, heading=heading, lines=note_lines)


def find(facts: Sequence[FactDraft], subject: str, attribute: str) -> list[FactDraft]:
    return [f for f in facts if f.subject == subject and f.attribute == attribute]


def only(facts: Sequence[FactDraft], subject: str, attribute: str) -> FactDraft:
    found = find(facts, subject, attribute)
    assert len(found) == 1, (subject, attribute, facts)
    return found[0]


def limits(facts: Sequence[FactDraft]) -> list[FactDraft]:
    return [f for f in facts if f.kind == "limit"]


# --- limits ---------------------------------------------------------------------------------------


def test_execution_time_wordings_share_one_canonical_attribute() -> None:
    a = extract_facts(section("lambda", "AWS Lambda", "Maximum execution time: 900 seconds"))
    b = extract_facts(section("lambda", "AWS Lambda", "the function timeout can be 15mins at most"))
    fact_a = only(a, "Lambda", "maximum execution time")
    fact_b = only(b, "Lambda", "maximum execution time")
    assert (fact_a.magnitude, fact_b.magnitude) == (900, 900)
    assert (fact_a.dimension, fact_a.topic, fact_a.qualifier) == ("time", "lambda", "maximum")


def test_two_spellings_of_one_value_in_one_line_merge() -> None:
    # Unqualified, a timeout is the execution time as stated (the general reader no longer guesses
    # that a plain value is a maximum, as the per-service table did).
    facts = extract_facts(section("lambda", "AWS Lambda", "900s or 15mins function timeout"))
    fact = only(facts, "Lambda", "execution time")
    assert (fact.value, fact.unit, fact.lines, fact.qualifier) == ("15", "min", (2,), "")


def test_memory_range_gives_minimum_and_maximum() -> None:
    facts = extract_facts(section("lambda", "AWS Lambda", "Memory: 128MB - 10GB"))
    assert only(facts, "Lambda", "minimum memory").magnitude == 128 * 1024**2
    assert only(facts, "Lambda", "maximum memory").magnitude == 10 * 1024**3


def test_range_with_trivial_minimum_gives_only_maximum() -> None:
    facts = extract_facts(
        section("lambda", "AWS Lambda", ("on failure it can retry 0-2 times", 1, ("asynchronous",)))
    )
    # One number, one fact: the mode reader's retry count of the asynchronous mode.
    assert [(f.attribute, f.magnitude) for f in limits(facts)] == [("maximum async retries", 2)]


def test_a_plain_count_is_not_a_limit() -> None:
    facts = extract_facts(section("lambda", "AWS Lambda", "retry 3 times"))
    assert limits(facts) == []


def test_unnamed_number_is_not_a_limit() -> None:
    facts = extract_facts(section("lambda", "AWS Lambda", "Ships with 42 blueprints and 7 widgets"))
    assert limits(facts) == []


def test_kilo_typo_is_skipped() -> None:
    facts = extract_facts(section("sqs", "Amazon SQS", "a message up to 25kKB"))
    assert [f for f in limits(facts) if not f.note] == []


def test_up_to_is_maximum_and_parenthesised_default_is_default() -> None:
    facts = extract_facts(
        section("sqs", "Amazon SQS", "Messages can be delayed up to 15 minutes (default is 0 seconds)")
    )
    assert only(facts, "SQS", "maximum messages delay").magnitude == 900
    assert only(facts, "SQS", "default messages delay").magnitude == 0


def test_stream_retention_default_and_increase_are_different_attributes() -> None:
    facts = extract_facts(
        section(
            "kinesis-data-streams",
            "Kinesis Data Streams",
            "data is kept for a 24-hour window by default",
            "retention can increase to 7 days",
        )
    )
    assert only(facts, "Kinesis Data Streams", "default retention").magnitude == 86400
    assert only(facts, "Kinesis Data Streams", "maximum retention").magnitude == 7 * 86400


def test_subject_comes_from_outline_path() -> None:
    facts = extract_facts(
        section("dynamodb", "DynamoDB Stream Processing", ("2 years retention", 1, ("Kinesis Data Streams",)))
    )
    fact = only(facts, "Kinesis Data Streams", "retention")
    assert fact.topic == "kinesis-data-streams"
    assert fact.evidence[-1] == "Kinesis Data Streams"


def test_capacity_unit_sizes() -> None:
    facts = extract_facts(section("dynamodb", "DynamoDB", "units (1WCU = 1KB, 1RCU=4KB)"))
    assert only(facts, "DynamoDB", "WCU size").magnitude == 1024
    assert only(facts, "DynamoDB", "RCU size").magnitude == 4096


def test_two_quantities_in_one_clause_are_named_separately() -> None:
    facts = extract_facts(
        section("cloudfront-edge-functions", "CloudFront Functions", "memory 2MB, package size 10KB")
    )
    assert only(facts, "CloudFront Functions", "memory").magnitude == 2 * 1024**2
    assert only(facts, "CloudFront Functions", "package size").magnitude == 10 * 1024


def test_a_bound_opening_two_named_values_bounds_both() -> None:
    facts = extract_facts(
        section(
            "cloudfront-edge-functions",
            "CloudFront Functions",
            "Maximum memory of 2MB and package size of 10KB",
        )
    )
    assert only(facts, "CloudFront Functions", "maximum memory").magnitude == 2 * 1024**2
    assert only(facts, "CloudFront Functions", "maximum package size").magnitude == 10 * 1024


def test_approximate_and_span_latencies() -> None:
    facts = extract_facts(section("lambda", "AWS Lambda", "cold start : ~200ms", "warm start : ~3-4ms"))
    cold = only(facts, "Lambda", "typical cold start")
    assert (cold.value, cold.qualifier) == ("200", "typical")
    warm = only(facts, "Lambda", "typical warm start")
    assert (warm.value, warm.unit) == ("3-4", "ms")


# --- invocation -----------------------------------------------------------------------------------


def test_invocation_model_from_path() -> None:
    facts = extract_facts(
        section(
            "lambda",
            "AWS Lambda",
            ("Asynchronous Invocations", 0, ()),
            ("Amazon Simple Notification Service (SNS)", 1, ("Asynchronous Invocations",)),
        )
    )
    fact = only(facts, "Amazon SNS", "Lambda invocation model")
    assert (fact.kind, fact.value, fact.lines) == ("invocation", "asynchronous", (3,))


def test_event_source_mapping_wins_over_synchronous_in_path() -> None:
    path = ("Event Source Mapping (synchronous invoked)", "Queue")
    facts = extract_facts(section("lambda", "AWS Lambda", ("SQS", 2, path)))
    assert only(facts, "Amazon SQS", "Lambda invocation model").value == "event source mapping"


def test_inline_invoker_list() -> None:
    facts = extract_facts(
        section("lambda", "AWS Lambda", "These services support async invocation: S3, SES, CodeCommit")
    )
    invokers = {f.subject: f.value for f in facts if f.attribute == "Lambda invocation model"}
    assert invokers == {
        "Amazon S3": "asynchronous",
        "Amazon SES": "asynchronous",
        "AWS CodeCommit": "asynchronous",
    }


def test_destination_list_is_not_an_invoker_list() -> None:
    path = ("Asynchronous invocations", "Destinations")
    facts = extract_facts(section("lambda", "AWS Lambda", ("Amazon SQS", 2, path)))
    assert find(facts, "Amazon SQS", "Lambda invocation model") == []


def test_destinations_collected_from_children() -> None:
    header = "for async calls you can set destinations to"
    facts = extract_facts(
        section(
            "lambda",
            "AWS Lambda",
            (header, 0, ()),
            ("Amazon SNS", 1, (header,)),
            ("Amazon EventBridge", 1, (header,)),
        )
    )
    fact = only(facts, "Lambda asynchronous invocation", "destinations")
    assert (fact.value, fact.lines) == ("Amazon EventBridge, Amazon SNS", (2, 3, 4))


# --- consistency and concepts ---------------------------------------------------------------------


def test_dynamodb_default_read_consistency() -> None:
    facts = extract_facts(section("dynamodb", "DynamoDB", "read modes", "strong", "eventually (default)"))
    assert only(facts, "DynamoDB", "default read consistency").value == "eventually consistent"


def test_consistent_performance_is_not_read_consistency() -> None:
    facts = extract_facts(section("dynamodb", "DynamoDB", "fast and consistent in performance"))
    assert [f for f in facts if f.kind == "consistency"] == []


def test_sqs_queue_type_comes_from_label_above() -> None:
    facts = extract_facts(
        section("sqs", "Amazon SQS", "Standard", "at least once delivery", "FIFO", "exactly once delivery")
    )
    # The subject is the section's service narrowed by the label above, in the label's own words.
    assert only(facts, "SQS standard", "delivery guarantee").value == "at-least-once"
    assert only(facts, "SQS FIFO", "delivery guarantee").value == "exactly-once"


def test_state_types_enumeration_from_inline_list() -> None:
    facts = extract_facts(section("step-functions", "Step Functions", "States: Wait, Choice, Pass"))
    # The attribute is the label's own plural noun; members keep the order the notes give.
    assert only(facts, "Step Functions", "states").value == "Wait, Choice, Pass"


def test_api_gateway_error_code_meaning() -> None:
    facts = extract_facts(section("api-gateway", "API Gateway", "429 : throttled"))
    # The meaning is the note's own words (no table of codes any more).
    assert only(facts, "API Gateway", "HTTP 429 meaning").value == "throttled"


def test_extraction_is_deterministic() -> None:
    sec = section("lambda", "AWS Lambda", "Memory: 128MB - 10GB", "Maximum execution time: 900 seconds")
    assert extract_facts(sec) == extract_facts(sec)


# --- conflicts ------------------------------------------------------------------------------------


def _limit_fact(
    value: str, unit: str, magnitude: float, line: int, attribute: str = "maximum memory"
) -> FactDraft:
    return FactDraft(
        kind="limit",
        topic="lambda",
        subject="Lambda",
        attribute=attribute,
        value=value,
        unit=unit,
        magnitude=magnitude,
        dimension="size",
        text=f"{value}{unit}",
        lines=(line,),
    )


def test_equal_magnitudes_in_different_units_do_not_conflict() -> None:
    facts = [
        ("a", _limit_fact("10", "GB", 10 * 1024**3, 3)),
        ("b", _limit_fact("10240", "MB", 10240 * 1024**2, 9)),
    ]
    assert find_conflicts(facts) == []


def test_different_magnitudes_conflict_with_both_sides_and_sources() -> None:
    facts = [
        ("a", _limit_fact("10", "GB", 10 * 1024**3, 3)),
        ("b", _limit_fact("3", "GB", 3 * 1024**3, 9)),
        ("c", _limit_fact("10240", "MB", 10240 * 1024**2, 4)),
    ]
    (conflict,) = find_conflicts(facts)
    assert isinstance(conflict, ConflictDraft)
    assert (conflict.topic, conflict.subject, conflict.attribute) == ("lambda", "Lambda", "maximum memory")
    assert [(s.value, [(src.source, src.lines) for src in s.sources]) for s in conflict.sides] == [
        ("10", [("a", (3,)), ("c", (4,))]),
        ("3", [("b", (9,))]),
    ]


def test_different_attributes_never_conflict() -> None:
    facts = [
        ("a", _limit_fact("10", "GB", 10 * 1024**3, 3)),
        ("b", _limit_fact("128", "MB", 128 * 1024**2, 9, "minimum memory")),
    ]
    assert find_conflicts(facts) == []


def test_partial_enumerations_are_not_conflicts() -> None:
    a = extract_facts(section("step-functions", "Step Functions", "States: Wait, Choice, Pass"))
    b = extract_facts(section("step-functions", "Step Functions", "States: Map, Task"))
    assert find_conflicts([("a", f) for f in a] + [("b", f) for f in b]) == []


def test_a_vague_rate_is_a_note_and_never_conflicts() -> None:
    a = extract_facts(
        section("cloudfront-edge-functions", "Lambda@Edge", "Scales to thousands of requests per second")
    )
    b = extract_facts(
        section("cloudfront-edge-functions", "Lambda@Edge", "supports up to 1K request per second")
    )
    assert [(f.value, f.note) for f in a if f.kind == "limit"] == [("thousands", True)]
    assert [(f.attribute, f.magnitude) for f in b if f.kind == "limit"] == [("maximum request rate", 1000)]
    assert find_conflicts([("a", f) for f in a] + [("b", f) for f in b]) == []


# --- corpus ---------------------------------------------------------------------------------------


def _corpus_facts() -> list[tuple[str, FactDraft]]:
    from notes.parser import parse_notes
    from notes.topics import segment_topics

    facts = []
    for path in corpus_files():
        for sec in segment_topics(parse_notes(path.read_text(encoding="utf-8"))):
            facts.extend((path.name[:3], fact) for fact in extract_facts(sec))
    return facts


@pytest.fixture(scope="module")
def corpus_facts() -> list[tuple[str, FactDraft]]:
    return _corpus_facts()


@pytest.fixture(scope="module")
def corpus_conflicts(corpus_facts: list[tuple[str, FactDraft]]) -> list[ConflictDraft]:
    return find_conflicts(corpus_facts)


def stated(facts: list[tuple[str, FactDraft]], subject: str, attribute: str) -> list[tuple[str, FactDraft]]:
    return [(s, f) for s, f in facts if f.subject == subject and f.attribute == attribute]


def conflict_keys(conflicts: list[ConflictDraft]) -> set[tuple[str, str]]:
    return {(c.subject, c.attribute) for c in conflicts}


@pytest.mark.corpus
def test_corpus_lambda_execution_time_is_one_fact_of_900_seconds(corpus_facts, corpus_conflicts) -> None:
    found = stated(corpus_facts, "Lambda", "maximum execution time")
    assert {(s, f.lines) for s, f in found} >= {("000", (23,)), ("002", (77,))}
    assert {f.magnitude for _, f in found} == {900}
    # "900s or 15mins function timeout" states the value without a bound: its own, plain fact.
    assert [(s, f.magnitude) for s, f in stated(corpus_facts, "Lambda", "execution time")] == [("003", 900)]
    assert ("Lambda", "maximum execution time") not in conflict_keys(corpus_conflicts)


@pytest.mark.corpus
def test_corpus_lambda_memory_ten_gb_equals_10240_mb(corpus_facts, corpus_conflicts) -> None:
    found = stated(corpus_facts, "Lambda", "maximum memory")
    assert {s for s, _ in found} >= {"000", "003"}
    assert {f.magnitude for _, f in found} == {10 * 1024**3}
    assert ("Lambda", "maximum memory") not in conflict_keys(corpus_conflicts)


@pytest.mark.corpus
def test_corpus_sqs_message_is_at_most_256_kb(corpus_facts) -> None:
    found = stated(corpus_facts, "SQS", "maximum message size")
    assert [(s, f.magnitude) for s, f in found] == [("003", 256 * 1024)]


@pytest.mark.corpus
def test_corpus_dynamodb_reads_eventually_consistent_by_default(corpus_facts) -> None:
    found = stated(corpus_facts, "DynamoDB", "default read consistency")
    assert [(s, f.kind, f.value) for s, f in found] == [("002", "consistency", "eventually consistent")]


@pytest.mark.corpus
def test_corpus_retries_range_is_a_maximum_and_a_line_of_several_waits_is_a_note(corpus_facts) -> None:
    # One fact for the number: the mode reader's retry count of asynchronous invocation.
    assert [(s, f.magnitude) for s, f in stated(corpus_facts, "Lambda", "maximum async retries")] == [
        ("003", 2)
    ]
    assert stated(corpus_facts, "Lambda", "maximum retries") == []
    notes = [(s, f.lines) for s, f in corpus_facts if f.note and f.subject == "Lambda"]
    assert ("001", (23,)) in notes  # 1 min, then 2 min waits: which one is "the" wait is unclear


@pytest.mark.corpus
def test_corpus_kinesis_retention_default_and_maximum(corpus_facts) -> None:
    assert [
        (s, f.magnitude) for s, f in stated(corpus_facts, "Kinesis Data Streams", "default retention")
    ] == [("003", 86400)]
    assert [
        (s, f.magnitude) for s, f in stated(corpus_facts, "Kinesis Data Streams", "maximum retention")
    ] == [("003", 7 * 86400)]


@pytest.mark.corpus
def test_corpus_notes_never_conflict(corpus_facts, corpus_conflicts) -> None:
    assert any(f.note for _, f in corpus_facts)
    assert not any(c.attribute.startswith("note:") for c in corpus_conflicts)


@pytest.mark.corpus
def test_corpus_invokers(corpus_facts) -> None:
    models = {(s, f.subject): f.value for s, f in corpus_facts if f.attribute == "Lambda invocation model"}
    assert models[("001", "Amazon S3")] == models[("004", "Amazon S3")] == "asynchronous"
    assert models[("001", "Amazon SQS")] == models[("004", "Amazon SQS")] == "event source mapping"
    assert models[("001", "Amazon API Gateway")] == models[("004", "Amazon API Gateway")] == "synchronous"


@pytest.mark.corpus
def test_corpus_every_fact_is_well_formed(corpus_facts) -> None:
    for _source, fact in corpus_facts:
        assert fact.lines and fact.text and fact.attribute and fact.value, fact
        if fact.kind == "limit" and not fact.note:
            assert fact.dimension in {"time", "size", "count", "rate", "percent"}, fact
