"""Unit tests of notes.topics: the catalogue, name lookup and segmentation (no database)."""

from __future__ import annotations

from pathlib import Path

import pytest

from notes.parser import parse_notes
from notes.topics import (
    CATALOGUE,
    find_topic_mentions,
    segment_topics,
    slugify,
    topic_aliases,
    topic_for_heading,
    topic_for_name,
    topic_order,
)
from tests.corpus import corpus_file, corpus_files

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "notes"


def slug_of(name):
    found = topic_for_name(name)
    return found[0] if found else None


def segments(text):
    return segment_topics(parse_notes(text))


# --- lookup -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Lambda", "lambda"),
        ("AWS Lambda", "lambda"),
        ("lambda functions", "lambda"),
        ("DDB", "dynamodb"),
        ("Amazon API Gateway", "api-gateway"),
        ("Simple Queue Service", "sqs"),
        ("Amazon SQS", "sqs"),
        ("Amazon Simple Notification Service (SNS)", "sns"),
        ("Kinesis", "kinesis"),
        ("Amazon Kinesis Data Firehose", "kinesis-data-firehose"),
        ("Kinesis Data Streams", "kinesis-data-streams"),
        ("CloudWatch Events", "eventbridge"),
        ("Lambda@Edge", "cloudfront-edge-functions"),
        ("CloudFront Functions", "cloudfront-edge-functions"),
        ("Aurora Serverless", "aurora-serverless"),
        ("DynamoDB Accelerator (DAX)", "dynamodb"),
    ],
)
def test_topic_for_name_finds_aliases(name, slug):
    assert slug_of(name) == slug


def test_topic_for_name_is_case_insensitive():
    assert slug_of("sQs") == "sqs"


def test_topic_for_name_returns_title():
    assert topic_for_name("ddb") == ("dynamodb", "Amazon DynamoDB")


def test_topic_for_name_unknown_is_none():
    assert topic_for_name("at least once delivery") is None


def test_topic_for_name_prefers_a_service_over_a_concept():
    assert slug_of("serverless Lambda functions") == "lambda"


def test_parenthesised_acronym_wins():
    assert slug_of("AWS Serverless Application Model (SAM)") == "sam"


def test_mentions_do_not_match_inside_identifiers():
    assert find_topic_mentions("AWSLambdaBasicExecutionRole") == []


def test_mentions_are_in_text_order_and_longest_first():
    slugs = [m.slug for m in find_topic_mentions("SQS then Lambda@Edge then Kinesis Data Streams")]
    assert slugs == ["sqs", "cloudfront-edge-functions", "kinesis-data-streams"]


def test_multiword_alias_matches_across_any_white_space():
    assert [m.slug for m in find_topic_mentions("Kinesis  Data\tStreams")] == ["kinesis-data-streams"]


def test_longer_alias_that_runs_into_a_word_gives_way_to_the_shorter():
    mentions = find_topic_mentions("DynamoDB Streamsets")
    assert [(m.slug, m.part) for m in mentions] == [("dynamodb", "")]


def test_heading_lookup_ignores_document_prefix():
    assert topic_for_heading("Section 14 - Serverless Overviews") == ("serverless", "Serverless Overview")


def test_catalogue_slugs_are_unique_and_ordered():
    slugs = [topic.slug for topic in CATALOGUE]
    assert len(slugs) == len(set(slugs))
    assert topic_order("serverless") < topic_order("lambda") < topic_order("not-a-topic")


def test_topic_aliases_of_unknown_topic_is_empty():
    assert topic_aliases("monolith-things") == []
    assert "ddb" in topic_aliases("dynamodb")


def test_slugify_makes_url_safe_slugs():
    assert slugify("Evolving with Queues & Workers!") == "evolving-with-queues-and-workers"


# --- segmentation ---------------------------------------------------------------------------------


def test_sub_aspect_headings_belong_to_their_service():
    text = "Lambda Limits\n\n  • 900 s\n\nDynamoDB Streams\n\n  • 24 h\n\nCognito User Pools\n\n  • sign-in\n"
    assert [s.slug for s in segments(text)] == ["lambda", "dynamodb", "cognito"]


def test_each_heading_with_a_body_opens_its_own_section():
    sections = segments("AWS Lambda\n\n  • a\n\nLambda Limits\n\n  • b\n")
    assert [s.heading.text for s in sections] == ["AWS Lambda", "Lambda Limits"]


def test_heading_is_not_among_section_lines():
    section = segments("SQS\n\n  • queue\n")[0]
    assert section.heading.text == "SQS" and [line.text for line in section.lines] == ["queue"]


def test_empty_headings_make_no_sections():
    text = "Course Notes\n\nSQS\n\n  • queue\n\nDynamoDB\n\nAmazon S3\n\nFargate\n"
    sections = segments(text)
    assert [s.slug for s in sections] == ["sqs"]
    assert all(s.lines for s in sections)


def test_unknown_heading_gets_a_slug_from_its_text():
    section = segments("Cost Optimisation Tips\n\n  • turn things off\n")[0]
    assert (section.slug, section.title) == ("cost-optimisation-tips", "Cost Optimisation Tips")


def test_unknown_heading_after_empty_group_heading_joins_the_group():
    text = "Architecture\n\nMonolith Architecture\n\n  • one box\n\nEvolving with Queues\n\n  • decoupled\n"
    assert [s.slug for s in segments(text)] == ["architecture", "architecture"]


def test_group_ends_at_a_heading_naming_another_topic():
    text = "Architecture\n\nMonolith\n\n  • one box\n\nSQS\n\n  • q\n\nCost Tips\n\n  • c\n"
    assert [s.slug for s in segments(text)] == ["architecture", "sqs", "cost-tips"]


def test_markdown_subheading_inherits_parent_topic():
    sections = segments("# Amazon SQS\n\n- queue\n\n## Limits\n\n- 256 KB\n")
    assert [(s.slug, s.heading.text) for s in sections] == [("sqs", "Amazon SQS"), ("sqs", "Limits")]


def test_content_before_any_heading_goes_to_the_service_it_mentions():
    sections = segments("- SQS queues hold messages\n- SQS retention is 4 days\n\nLambda\n\n- runs\n")
    assert sections[0].heading is None and sections[0].slug == "sqs"


def test_content_before_any_heading_naming_no_topic_goes_to_a_neutral_topic():
    assert segments("- thanks for a lively session today\n")[0].slug == "general"


def test_content_before_any_heading_naming_only_a_concept_goes_to_that_concept():
    assert segments("- serverless means no servers to manage\n")[0].slug == "serverless"


def test_segmentation_keeps_every_kept_line_once():
    lines = parse_notes("Intro\n\n- a\n\nSQS\n\n- b\n - c\n\nEmpty\n\nSNS\n\n- d\n")
    sections = segment_topics(lines)
    body = [line for s in sections for line in ([s.heading] if s.heading else []) + s.lines]
    assert sorted(line.number for line in body) == sorted(
        line.number for line in lines if line.text != "Empty"
    )


# --- fixtures ------------------------------------------------------------------------------------


def test_demo_fixtures_cover_the_core_services():
    slugs = set()
    for path in sorted(FIXTURES.glob("*")):
        slugs.update(s.slug for s in segments(path.read_text(encoding="utf-8")))
    assert {"lambda", "api-gateway", "sqs", "sns", "dynamodb", "step-functions"} <= slugs


def test_demo_fixtures_drop_their_noise():
    for path in sorted(FIXTURES.glob("*")):
        for line in parse_notes(path.read_text(encoding="utf-8")):
            assert line.text not in {"asd", "0", "Skip to content"}
            assert "\\rightarrow" not in line.text and "://" not in line.text


# --- corpus --------------------------------------------------------------------------------------


def corpus_sections(prefix):
    return segment_topics(parse_notes(corpus_file(prefix).read_text(encoding="utf-8")))


def topic_of_line(sections, number):
    for section in sections:
        numbers = {line.number for line in section.lines}
        if section.heading:
            numbers.add(section.heading.number)
        if number in numbers:
            return section.slug
    return None


@pytest.mark.corpus
def test_corpus_no_section_is_empty():
    for path in corpus_files():
        sections = segment_topics(parse_notes(path.read_text(encoding="utf-8")))
        assert sections and all(section.lines for section in sections), path.name


@pytest.mark.corpus
def test_corpus_000_sub_aspect_headings_map_to_services():
    sections = corpus_sections("000")
    slugs = {s.heading.text: s.slug for s in sections if s.heading}
    assert slugs["Lambda Limits"] == "lambda"
    assert slugs["Lambda SnapStart"] == "lambda"
    assert slugs["DynamoDB Accelerator"] == "dynamodb"
    assert slugs["API Gateway Endpoint Types"] == "api-gateway"
    assert slugs["Cognito User Pools"] == "cognito"
    assert slugs["Lambda@Edge"] == "cloudfront-edge-functions"


@pytest.mark.corpus
def test_corpus_001_empty_tail_headings_produce_no_sections():
    sections = corpus_sections("001")
    assert [s.slug for s in sections] == ["lambda", "step-functions", "sam"]


@pytest.mark.corpus
def test_corpus_002_lines_map_to_the_right_topics():
    sections = corpus_sections("002")
    assert topic_of_line(sections, 77) == "lambda"
    assert topic_of_line(sections, 146) == "dynamodb"
    assert topic_of_line(sections, 169) is None  # the Q&A section is dropped


@pytest.mark.corpus
def test_corpus_003_has_separate_kinesis_topics_and_architecture():
    slugs = [s.slug for s in corpus_sections("003")]
    for slug in ("kinesis", "kinesis-data-streams", "kinesis-data-firehose", "kinesis-data-analytics"):
        assert slug in slugs
    assert slugs[:4] == ["architecture"] * 4


@pytest.mark.corpus
def test_corpus_004_slides_map_to_services():
    sections = corpus_sections("004")
    assert topic_of_line(sections, 51) == "sqs"
    assert topic_of_line(sections, 45) == "s3"
    assert {s.slug for s in sections} >= {"serverless", "lambda", "sqs", "sns", "api-gateway"}
