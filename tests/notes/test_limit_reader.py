"""The general limit reader (notes.facts.limits, quantities, limit_rules) on notes of our own.

The services are made up ("Acme Relay", "Amazon Quarry"), so no table can know them: every rule
pinned here is a rule of the grammar. Numbers the reader is not sure of become notes (shown on the
topic page, never taught): those tests check they are notes and not facts.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from notes.facts import extract_facts
from notes.facts.quantities import _scan_quantities
from notes.models import Fact
from notes.outline import FactDraft
from notes.parser import parse_notes
from notes.services.ingest import ingest_bytes
from notes.topics import segment_topics

SERVICE = "Acme Relay"
NOTE_TEXT = st.characters(blacklist_categories=("Cs", "Cc"))


def facts_of(*lines: str, heading: str = SERVICE) -> list[FactDraft]:
    text = f"# {heading}\n\n" + "\n".join(f"- {line}" for line in lines) + "\n"
    return [fact for section in segment_topics(parse_notes(text)) for fact in extract_facts(section)]


def taught(*lines: str, heading: str = SERVICE) -> list[tuple[str, str, str]]:
    """(attribute, value, unit) of each taught limit."""
    return sorted(
        (f.attribute, f.value, f.unit)
        for f in facts_of(*lines, heading=heading)
        if f.kind == "limit" and not f.note
    )


def notes(*lines: str) -> list[str]:
    return [f.value for f in facts_of(*lines) if f.note]


# --- quantities ----------------------------------------------------------------------------------


def test_number_words_are_numbers():
    assert taught("A relay runs for at most fifteen minutes") == [("maximum execution time", "15", "min")]
    assert taught("Holds at most two weeks of data") == [("maximum retention", "14", "days")]


def test_thousands_separators_are_read():
    assert taught("Maximum frame size: 10,240 KB") == [("maximum frame size", "10", "MB")]


def test_a_count_of_a_noun_names_the_attribute_with_its_per_phrase():
    assert taught("Up to 15 mirrors per source channel") == [("maximum mirrors per source channel", "15", "")]
    assert taught("Up to 16 vCPU per worker") == [("maximum vCPU per worker", "16", "")]


def test_a_count_per_period_keeps_the_period_as_its_unit():
    assert taught("Daily quota: 200 messages per 24 hours") == [("daily quota", "200", "per 24 hours")]


def test_a_size_per_second_is_a_rate_of_the_attribute():
    assert taught("Ingest: 1 MB per second") == [("ingest size per second", "1", "MB")]


def test_codes_ordinals_and_versions_are_not_quantities():
    assert [q.written for q in _scan_quantities("5XX errors, the 3rd retry, Java 11+ is 10x faster")] == [
        "11"
    ]


@settings(max_examples=300, deadline=None)
@given(text=st.text(NOTE_TEXT, max_size=120))
def test_any_text_scans_without_an_error(text):
    for qty in _scan_quantities(text):
        assert 0 <= qty.start < qty.end <= len(text)
        assert qty.low is None or qty.low <= qty.high


@settings(max_examples=200, deadline=None)
@given(
    before=st.sampled_from(["", "up to ", "between ", "from ", "usually ", "at least ", "Max: "]),
    number=st.text(st.sampled_from("0123456789,.- ~k"), max_size=12),
    after=st.text(NOTE_TEXT, max_size=30),
)
def test_any_number_like_line_is_read_without_an_error(before, number, after):
    for fact in facts_of(f"{before}{number}{after}"):
        assert fact.note or fact.kind != "limit" or fact.magnitude is not None


# --- ranges --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Flush interval between 60 and 900 seconds",
        "Flush interval: 60-900 s",
        "Flush interval from 1 minute up to 15 minutes",
        "Flush interval 1 min to 15 min",
    ],
)
def test_a_range_is_a_minimum_and_a_maximum_never_one_value(line):
    assert taught(line) == [("maximum flush interval", "15", "min"), ("minimum flush interval", "60", "s")]


def test_a_range_with_its_unit_on_the_high_end_only():
    assert taught("Frame size 1-128 MB") == [
        ("maximum frame size", "128", "MB"),
        ("minimum frame size", "1", "MB"),
    ]


def test_a_typical_range_is_one_typical_fact():
    assert taught("Handshake: ~3-4 ms") == [("typical handshake time", "3-4", "ms")]


def test_a_bound_that_is_a_range_is_a_note():
    assert taught("Max hold: 1 to 5 hours") == [] and notes("Max hold: 1 to 5 hours") == ["1-5 hours"]


# --- qualifiers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "qualifier"),
    [
        ("Lease up to 30 minutes", "maximum"),
        ("Lease no more than 30 minutes", "maximum"),
        ("Lease can't exceed 30 minutes", "maximum"),
        ("Lease can be raised to 30 minutes", "maximum"),
        ("Lease extendable to 30 minutes", "maximum"),
        ("Lease max 30 minutes", "maximum"),
        ("Lease at least 30 minutes", "minimum"),
        ("Lease min 30 minutes", "minimum"),
        ("Lease 30 minutes by default", "default"),
        ("Lease defaults to 30 minutes", "default"),
        ("Lease is 30 minutes unless you change it", "default"),
        ("Lease is usually 30 minutes", "typical"),
        ("Lease is typically 30 minutes", "typical"),
        ("Lease ~30 minutes", "typical"),
        ("Lease is about 30 minutes", "typical"),
        ("Lease: 30 minutes", ""),
    ],
)
def test_the_qualifier_decides_what_the_number_is(line, qualifier):
    (fact,) = [f for f in facts_of(line) if not f.note]
    assert (fact.qualifier, fact.attribute, fact.magnitude) == (
        qualifier,
        f"{qualifier} lease".strip(),
        1800,
    )


def test_a_typical_value_is_never_a_limit():
    assert taught("Lease is about 30 minutes") == [("typical lease", "30", "min")]
    assert taught("Replication lag is usually 2 seconds") == [("typical replication lag", "2", "s")]


def test_each_number_takes_the_qualifier_next_to_it():
    assert taught("Lease defaults to 30 seconds and can't exceed 12 hours") == [
        ("default lease", "30", "s"),
        ("maximum lease", "12", "h"),
    ]
    assert taught("Archive kept 7 days by default, at most 35 days") == [
        ("default archive retention", "7", "days"),
        ("maximum archive retention", "35", "days"),
    ]


def test_a_default_and_a_maximum_in_other_clauses_of_one_line():
    assert taught("A frame is kept four days unless you change it; at most two weeks") == [
        ("default frame retention", "4", "days"),
        ("maximum frame retention", "14", "days"),
    ]


# --- the attribute and the subject ---------------------------------------------------------------


def test_the_noun_phrase_before_the_verb_names_the_attribute():
    assert taught("Memory goes from 128 MB up to 10,240 MB") == [
        ("maximum memory", "10", "GB"),
        ("minimum memory", "128", "MB"),
    ]


def test_a_singular_owner_before_the_verb_scopes_a_count():
    assert taught("A pipeline holds up to 10 stages") == [("maximum stages per pipeline", "10", "")]


def test_the_noun_phrase_of_the_clause_before_carries_over():
    assert taught("Storage grows by itself, up to 128 TB") == [("maximum storage", "128", "TB")]


def test_the_noun_after_the_value_names_it():
    assert taught("2 years retention") == [("retention", "2", "years")]


def test_a_bracket_takes_the_noun_phrase_before_it_when_that_names_a_measure():
    assert taught("Handshake timeout (29s)") == [("handshake timeout", "29", "s")]
    assert taught("Handshake failure (29s)") == []  # an event, not a measure: a note
    assert taught("Near real time delivery (60 seconds)") == []  # "real time" is no duration


def test_a_parent_bullet_names_a_value_only_when_it_names_a_measure():
    def limits_under(parent: str, line: str) -> list[tuple[str, str]]:
        text = f"# {SERVICE}\n\n- {parent}\n  - {line}\n"
        found = [f for s in segment_topics(parse_notes(text)) for f in extract_facts(s) if f.kind == "limit"]
        return [(f.attribute, f.value) for f in found if not f.note]

    assert limits_under("Errors", "500 : gateway failure (29s)") == []
    assert limits_under("Idle timeout", "30 seconds") == [("idle timeout", "30")]


def test_a_duration_is_named_as_a_time():
    assert taught("A session can take no more than 30 seconds") == [("maximum session time", "30", "s")]


def test_a_table_row_is_a_label_and_a_value():
    assert taught("| Volume size | 1 GB - 16 TB |") == [
        ("maximum volume size", "16", "TB"),
        ("minimum volume size", "1", "GB"),
    ]


def test_a_title_line_names_the_subject_of_the_lines_below_it():
    text = (
        "# Study sheet\n\n1. Amazon Quarry\n- Up to 5 pits per site\n2. AWS Kiln\n- Up to 3 ovens per site\n"
    )
    facts = [f for s in segment_topics(parse_notes(text)) for f in extract_facts(s) if f.kind == "limit"]
    assert [(f.subject, f.attribute) for f in facts] == [
        ("Amazon Quarry", "maximum pits per site"),
        ("AWS Kiln", "maximum ovens per site"),
    ]
    assert facts[0].evidence == ("Study sheet", "Amazon Quarry")


def test_the_parent_bullets_are_the_evidence():
    text = f"# {SERVICE}\n\n- Archives\n  - Kept at most 35 days\n"
    (fact,) = [f for s in segment_topics(parse_notes(text)) for f in extract_facts(s) if f.kind == "limit"]
    assert (fact.attribute, fact.qualifier, fact.evidence) == (
        "maximum retention",
        "maximum",
        (SERVICE, "Archives"),
    )


# --- what is not taught --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Frames: 2 MB and 10 KB at most",  # one qualifier, two numbers
        "Lag is usually under 100 ms",  # a comparison, not a value
        "Scales to thousands of requests per second",  # a vague amount
        "Max lease (default): 30 seconds",  # two qualifiers
        "Up to 30 minutes for batch jobs",  # a condition after the value
        "Clients can have up to 10 open sessions",  # whose sessions: each client's, or all?
    ],
)
def test_a_number_the_reader_is_not_sure_of_is_a_note_not_a_fact(line):
    assert taught(line) == []
    assert notes(line)


def test_a_bare_number_is_never_taught():
    assert taught("Lease limit: 30") == [] and notes("Lease limit: 30") == ["30"]
    assert facts_of("Chapter 30 shows the console") == []


# --- storage and the topic page ------------------------------------------------------------------

NOTES_FILE = """# Acme Relay

- Channels
  - Up to 15 mirrors per channel
- Lag is usually under 100 ms
"""


@pytest.mark.django_db
def test_ingest_stores_the_qualifier_and_evidence_and_keeps_notes_untaught():
    ingest_bytes(name="relay.md", data=NOTES_FILE.encode())
    fact = Fact.objects.get(attribute="maximum mirrors per channel")
    assert (fact.qualifier, fact.evidence, fact.taught) == ("maximum", "Acme Relay\nChannels", True)
    note = Fact.objects.get(taught=False)
    assert (note.qualifier, note.value) == ("unsure", "100 ms")
    assert list(Fact.objects.active()) == [fact]  # the question bank is built from active() facts


@pytest.mark.django_db
def test_topic_page_shows_the_qualifier_the_evidence_and_the_untaught_numbers(client):
    ingest_bytes(name="relay.md", data=NOTES_FILE.encode())
    slug = Fact.objects.get(attribute="maximum mirrors per channel").topic.slug
    page = client.get(reverse("notes:topic-detail", args=[slug])).text
    assert '<span class="badge">maximum</span>' in page and "from: Acme Relay<br>Channels" in page
    assert "Numbers not taught" in page and "Lag is usually under 100 ms" in page


# --- naming details ------------------------------------------------------------------------------


def test_a_step_noun_is_the_increment_of_the_measure_before_it():
    assert taught("Buffer allocation: 64 MB - 1 GB (4 MB increments)") == [
        ("buffer allocation increment", "4", "MB"),
        ("maximum buffer allocation", "1", "GB"),
        ("minimum buffer allocation", "64", "MB"),
    ]


def test_a_path_in_brackets_names_the_storage():
    assert taught("Scratch space on the worker (/scratch): 1GB to 8GB") == [
        ("maximum /scratch storage", "8", "GB"),
        ("minimum /scratch storage", "1", "GB"),
    ]


def test_one_unit_equals_a_count_names_the_count_per_unit():
    assert taught("1 call = 1-25 records") == [("maximum records per call", "25", "")]


def test_an_adjective_of_praise_is_not_part_of_the_name():
    assert taught("High durability (99.99%)") == [("durability", "99.99", "%")]


def test_two_names_of_one_measure_are_one_attribute():
    assert taught("Function timeout: at most 5 minutes") == [("maximum execution time", "5", "min")]
    assert taught("Max execution duration: 5 minutes") == [("maximum execution time", "5", "min")]
    assert taught("Size of an envelope: up to 64 KB") == [("maximum envelope size", "64", "KB")]


def test_a_long_parent_that_mentions_a_service_late_does_not_name_the_subject():
    text = "# Study sheet\n\nSlide 4: Amazon Quarry\n- Digs through rock stored in S3\n  - Dig timeout: 30 minutes\n"
    (fact,) = [f for s in segment_topics(parse_notes(text)) for f in extract_facts(s) if f.kind == "limit"]
    assert (fact.subject, fact.attribute) == ("Amazon Quarry", "dig timeout")
