"""Issue 13, precision: subjects from the catalogue, heading forms, wrapped prose, hedges, logistics.

Every note here is written for this file (no sentence of any course notes)."""

from __future__ import annotations

from dataclasses import replace

from notes.facts import extract_facts
from notes.facts.hedges import is_garbled_attribute, is_hedged, is_logistics
from notes.facts.reading import _judged
from notes.parser import parse_notes
from notes.topics import segment_topics


def facts_of(text: str):
    return [f for s in segment_topics(parse_notes(text)) for f in extract_facts(s)]


def taught(text: str):
    return [f for f in facts_of(text) if not f.note]


def headings(text: str) -> list[str]:
    return [line.text for line in parse_notes(text) if line.is_heading]


def test_wiki_style_heading_is_a_heading():
    assert headings("== Amazon SNS ==\nfan-out: one message to many subscribers\n") == ["Amazon SNS"]


def test_setext_heading_is_a_heading_and_its_underline_is_not_a_line():
    lines = parse_notes("Amazon SNS\n==========\n\nsubscribers receive every message.\n")
    assert [(line.text, line.is_heading) for line in lines] == [
        ("Amazon SNS", True),
        ("subscribers receive every message.", False),
    ]


def test_slide_prefix_is_stripped_from_a_heading():
    text = "Slide 7 - Amazon SNS\n• each topic holds subscriptions\n• more text here\n"
    assert headings(text) == ["Amazon SNS"]


def test_o_markers_at_column_zero_in_a_run_are_bullets():
    lines = parse_notes("Notes\n\no first point about queues\no second point about queues\n")
    assert [line.text for line in lines if not line.is_heading] == [
        "first point about queues",
        "second point about queues",
    ]


def test_a_lone_o_at_column_zero_stays_a_word():
    lines = parse_notes("o no, this line starts with a word\n")
    assert lines[0].text.startswith("o no")


def test_hard_wrapped_prose_is_one_logical_line_citing_its_first_line():
    text = (
        "Amazon SNS\n\n"
        "A topic keeps a list of subscribers and sends every published message to each one of\n"
        "them, usually within a fraction of a second of the publish call.\n"
    )
    body = [line for line in parse_notes(text) if not line.is_heading]
    assert len(body) == 1
    assert body[0].number == 3 and body[0].last == 4
    assert body[0].text.endswith("of the publish call.")


def test_key_value_lines_are_never_joined_as_prose():
    text = (
        "== Amazon SNS ==\n"
        "message size: messages may carry at most 256 KB of payload in a single publish\n"
        "filter policies: attribute matching on the subscription side of the topic\n"
    )
    assert len([line for line in parse_notes(text) if not line.is_heading]) == 2


def test_a_variant_named_by_the_heading_keeps_its_scope():
    text = "== Amazon FSx for Lustre ==\nstorage: at most 500 TB per file system\n"
    subjects = {f.subject for f in taught(text)}
    assert subjects and all(s.startswith("FSx for Lustre") for s in subjects)


def test_a_part_of_a_service_is_its_own_subject():
    text = "== Amazon DynamoDB ==\n- DynamoDB Streams keep change records for 24 hours\n"
    assert {f.subject for f in facts_of(text)} == {"DynamoDB Streams"}


def test_a_heading_aspect_is_not_a_variant():
    text = "== Amazon SNS Limits ==\nmessage size: at most 256 KB\n"
    assert {f.subject for f in taught(text)} == {"SNS"}


def test_a_line_under_one_heading_never_takes_another_files_topic():
    text = (
        "== Amazon SQS ==\nvisibility timeout: at most 12 hours\n\n"
        "== Amazon SNS ==\nmessage size: at most 256 KB\n"
    )
    by_value = {f.value: f.subject for f in taught(text)}
    assert by_value["12"] == "SQS" and by_value["256"] == "SNS"


def test_hedged_value_is_a_note_not_an_item():
    text = (
        "Amazon SQS\n\n"
        "A message can stay in a queue for up to 14 days. In our lab we kept messages for 2 days,\n"
        "which is just a choice for the exercise and not a rule of the service at all.\n"
    )
    facts = facts_of(text)
    assert any(f.value == "14" and not f.note for f in facts)
    assert all(f.note for f in facts if f.value == "2")


def test_course_logistics_make_no_fact():
    text = "Amazon SQS\n\n- queues keep messages for up to 14 days\n- next week: read chapter 4, about 25 pages\n"
    assert not [f for f in facts_of(text) if f.value == "25"]


def test_no_heading_and_no_name_in_the_line_is_a_note():
    text = "timeout: at most 30 seconds\nAmazon SQS keeps messages for up to 14 days\n"
    facts = facts_of(text)
    assert all(f.note for f in facts if f.value == "30")


def test_hedge_and_logistics_lexicons():
    assert is_hedged("for the demo we used 3 nodes")
    assert not is_hedged("a queue keeps messages for 4 days by default")
    assert is_logistics("Practice test 4 has 65 questions")
    assert not is_logistics("a topic has up to 12,500,000 subscriptions")


def test_it_in_prose_names_what_the_sentence_before_ended_on():
    text = (
        "Amazon SQS\n\n"
        "A message that nobody deletes comes back after the visibility timeout. It is 30 seconds\n"
        "by default and can be raised to 12 hours for a slow consumer of the queue.\n"
    )
    attributes = {f.attribute for f in taught(text) if f.value == "30"}
    assert attributes and all("visibility timeout" in a for a in attributes)


def test_a_value_contrasted_with_another_is_a_note():
    text = (
        "Amazon SQS\n\n"
        "A new queue gets a delay the console fills in as 15 seconds, while the command line tools\n"
        "start every new queue from 0 and leave it there until you change the setting yourself.\n"
    )
    assert all(f.note for f in facts_of(text) if f.value == "15")


def test_two_alternatives_of_one_unit_are_not_a_rate():
    text = "== Acme Link ==\nbundles: up to 4 links below 10 Gbps, or 2 at 10 Gbps / 40 Gbps; same site\n"
    assert not [f for f in taught(text) if "per" in f.unit]
    assert not taught(text)  # "10 Gbps / 40 Gbps" and "below 10 Gbps": read, but only as notes
    assert [f for f in facts_of(text) if "Gbps" in f.value]


def test_a_heading_names_the_thing_before_its_colon():
    text = "Slide 3 - Acme Vault: two tiers\n- at most 20 vaults per account\n- more text here\n"
    assert {f.subject for f in taught(text)} == {"Acme Vault"}


def test_a_second_name_of_the_same_service_names_its_part():
    text = "## AWS Systems Manager Parameter Store\n\n- each parameter keeps at most 100 versions\n"
    assert {f.subject for f in taught(text)} == {"Parameter Store"}


def test_a_two_word_variant_in_a_heading_keeps_its_scope():
    text = "Amazon EC2 Spot Fleet\n\n- a fleet request holds at most 1000 instances\n"
    assert {f.subject for f in taught(text)} == {"EC2 Spot Fleet"}


def test_a_pipe_or_a_part_of_a_service_is_the_invoker_not_its_service():
    text = "== Amazon EventBridge Pipes ==\n- the pipe invokes a Lambda function synchronously\n"
    invokers = {f.subject for f in facts_of(text) if f.kind == "invocation"}
    assert "EventBridge" not in invokers and "Amazon EventBridge" not in invokers


def test_a_defined_term_scopes_what_its_line_says():
    text = "== Acme Store ==\n- Twin-Site = two copies in two sites, data copied synchronously\n"
    subjects = {f.subject for f in taught(text) if f.kind == "consistency"}
    assert subjects == {"Acme Store Twin-Site"}


def test_page_furniture_with_age_and_counts_is_noise():
    lines = parse_notes("Acme notes\n\nQueues keep messages.\nEdited 3 days ago · 2 comments · 1,204 views\n")
    assert not [line for line in lines if "views" in line.text]


def test_an_attribute_holding_a_verb_or_an_article_is_garbled():
    assert is_garbled_attribute("maximum take a percentage")
    assert is_garbled_attribute("maximum may time")


def test_an_attribute_ending_in_a_preposition_is_garbled():
    assert is_garbled_attribute("throughput per")


def test_noun_phrase_attributes_with_inner_prepositions_are_not_garbled():
    for attribute in (
        "read replicas per source instance",
        "time to live",
        "throughput with batching",
        "maximum size of each record",
    ):
        assert not is_garbled_attribute(attribute), attribute


def test_a_limit_whose_attribute_the_reader_could_not_name_is_a_note():
    (fact,) = taught("# Amazon Polly\n\n- Maximum request size: 6 KB\n")
    assert not _judged(fact, None).note
    assert _judged(replace(fact, attribute="maximum may take a size"), None).note
