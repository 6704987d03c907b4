"""Issue 13, precision: subjects from the catalogue, heading forms, wrapped prose, hedges, logistics.

Every note here is written for this file (no sentence of any course notes)."""

from __future__ import annotations

from notes.facts import extract_facts
from notes.facts.hedges import is_hedged, is_logistics
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
