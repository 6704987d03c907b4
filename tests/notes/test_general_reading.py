"""The general grammar (notes.facts.general) reads facts about services no lexicon names.

The services here are made up ("Acme Relay"), so no table of the reader can know them. Each test is
one line of notes: a shape the grammar reads, or one it must leave alone because reading it could
teach something the line does not say.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from notes.facts import extract_facts
from notes.outline import FactDraft
from notes.parser import parse_notes
from notes.topics import segment_topics

SERVICE = "Acme Relay"
# What a notes file may hold (the parser refuses control characters such as NUL, and surrogates).
NOTE_TEXT = st.characters(blacklist_categories=("Cs", "Cc"))


def facts_of(*lines: str, heading: str = SERVICE) -> list[FactDraft]:
    text = f"# {heading}\n\n" + "\n".join(f"- {line}" for line in lines) + "\n"
    return [fact for section in segment_topics(parse_notes(text)) for fact in extract_facts(section)]


def read(*lines: str) -> list[tuple[str, str, str, str]]:
    """(kind, attribute, value, unit) of every taught fact, with the made-up service as their subject
    (a number the reader is not sure of is a note for the topic page, not a fact: left out)."""
    facts = [f for f in facts_of(*lines) if not f.note]
    assert all(f.subject == SERVICE for f in facts), facts
    return [(f.kind, f.attribute, f.value, f.unit) for f in facts]


# --- limits --------------------------------------------------------------------------------------


def test_a_labelled_maximum_is_read_with_its_label_as_the_attribute():
    assert read("Maximum payload size: 6 MB") == [("limit", "maximum payload size", "6", "MB")]


def test_an_abbreviated_bound_word_is_spelt_out():
    assert read("Max hold time: 12 hours") == [("limit", "maximum hold time", "12", "h")]


def test_a_labelled_range_gives_a_minimum_and_a_maximum():
    assert sorted(read("Visibility window: 5 to 30 minutes")) == [
        ("limit", "maximum visibility window", "30", "min"),
        ("limit", "minimum visibility window", "5", "min"),
    ]


def test_a_range_from_zero_gives_only_its_maximum():
    assert read("Delay: 0 to 15 minutes") == [("limit", "maximum delay", "15", "min")]


def test_by_default_after_the_value_makes_it_the_default():
    assert read("Retention: 4 days by default") == [("limit", "default retention", "4", "days")]


def test_default_in_brackets_after_the_label_makes_it_the_default():
    assert read("Retention (default): 4 days") == [("limit", "default retention", "4", "days")]


def test_a_per_phrase_after_the_value_belongs_to_the_attribute():
    assert read("Maximum writes: 1,000 per second per partition") == [
        ("limit", "maximum writes per second per partition", "1000", "")
    ]


def test_up_to_a_number_of_things_is_a_maximum_count():
    assert read("Up to 25 tags per resource") == [("limit", "maximum tags per resource", "25", "")]


def test_at_least_a_number_of_things_is_a_minimum_count():
    assert read("At least 2 replicas") == [("limit", "minimum replicas", "2", "")]


def test_a_value_whole_in_no_display_unit_is_shown_as_the_note_writes_it():
    assert read("Maximum archive size: 47.9 TiB") == [("limit", "maximum archive size", "47.9", "TiB")]


@pytest.mark.parametrize(
    "line",
    [
        "Note: 5 minutes",  # an aside, not the name of a quantity
        "You can keep: 5 days",  # a sentence
        "Lambda: 15 minutes",  # a service's name: which of its quantities?
        f"{SERVICE}: 10 GB",
        "Maximum payload size: 6 MB for synchronous calls",  # qualified: true only sometimes
        "Maximum payload (soft): 6 MB",  # a qualifier the grammar does not read
        "Max timeout (default): 3 seconds",  # two bounds at once
        "Max hold time: 1 to 5 hours",  # a bound that is itself a range
        "Clients can have up to 10 open sessions",  # a subject before the bound: whose sessions?
    ],
)
def test_a_line_the_grammar_cannot_read_for_sure_gives_no_limit(line):
    assert read(line) == []


# --- delivery, consistency and ordering modes ----------------------------------------------------


def test_a_delivery_guarantee_stated_of_the_messages_is_read():
    assert read("Messages are delivered at least once") == [
        ("consistency", "delivery guarantee", "at-least-once", "")
    ]


def test_a_labelled_delivery_guarantee_is_read():
    assert read("Delivery: exactly once") == [("consistency", "delivery guarantee", "exactly-once", "")]


def test_read_consistency_stated_as_the_default_is_read_as_the_default():
    assert read("Reads are eventually consistent by default") == [
        ("consistency", "default read consistency", "eventually consistent", "")
    ]


def test_strongly_consistent_reads_as_an_option_are_read_as_available():
    assert read("Supports strongly consistent reads") == [
        ("consistency", "strongly consistent reads", "available (optional)", "")
    ]


def test_ordering_within_a_group_is_its_scope_not_a_bare_order():
    assert read("FIFO ordering within a message group") == [
        ("consistency", "ordering scope", "per message group", "")
    ]


def test_no_ordering_guarantee_is_best_effort_ordering():
    assert read("No ordering guarantee") == [("consistency", "ordering", "best-effort", "")]


@pytest.mark.parametrize(
    "line",
    [
        "Messages are not delivered exactly once",  # negated
        "Strongly consistent reads cost twice as much",  # about such reads, not the service's mode
        "At least once or exactly once, per queue type",  # two modes
        "Fan-out to SQS gives at-least-once delivery",  # about another service
    ],
)
def test_a_mode_the_line_does_not_state_plainly_is_not_read(line):
    assert read(line) == []


# --- what it leaves to the lexicons --------------------------------------------------------------


def test_a_quantity_a_lexicon_rule_names_is_read_once():
    facts = facts_of("Maximum execution time: 15 minutes", heading="AWS Lambda")
    assert [(f.subject, f.attribute, f.value, f.unit) for f in facts] == [
        ("Lambda", "maximum execution time", "15", "min")
    ]


@settings(max_examples=200, deadline=None)
@given(label=st.text(NOTE_TEXT, max_size=60), value=st.text(NOTE_TEXT, max_size=30))
def test_any_labelled_line_is_read_without_an_error(label, value):
    for fact in facts_of(f"{label}: {value}"):
        assert fact.kind in {"limit", "consistency", "concept", "invocation"}
