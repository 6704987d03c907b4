"""Items are grammatical: a fact whose attribute cannot head a stem is not taught (a note line only)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from quizzes.bank.generation import generate_drafts
from quizzes.bank.generation.quality import fact_problems, headless
from quizzes.bank.generation.types import SourceRef
from quizzes.bank.generation.wording import attribute_phrase, qualified

from .generation_facts import fact


@pytest.mark.parametrize(
    "attribute",
    ["maximum billed characters per asynchronous", "maximum payload size per", "default retries for"],
)
def test_an_attribute_ending_without_a_noun_is_headless(attribute):
    assert headless(attribute)


@pytest.mark.parametrize(
    "attribute",
    ["maximum billed characters per asynchronous request", "maximum payload size", "invocation model"],
)
def test_an_attribute_ending_in_a_noun_has_a_head(attribute):
    assert not headless(attribute)


def test_a_headless_fact_makes_no_item():
    garbled = fact(
        "k1",
        subject="Polly",
        attribute="maximum billed characters per asynchronous",
        value="100000",
        unit="",
        magnitude=100000.0,
        dimension="count",
        topic="polly",
    )
    assert fact_problems(garbled)
    assert generate_drafts([garbled]) == []


def test_the_same_fact_with_its_noun_makes_items():
    whole = fact(
        "k1",
        subject="Polly",
        attribute="maximum billed characters per asynchronous request",
        value="100000",
        unit="",
        magnitude=100000.0,
        dimension="count",
        topic="polly",
    )
    assert generate_drafts([whole])


def test_an_attribute_holding_a_leaked_clause_is_headless():
    assert headless("yellow once usage")
    assert not headless("delivery guarantee")


@pytest.mark.parametrize(
    ("attribute", "taught"),
    [
        ("maximum execution time", True),  # the length of a process
        ("typical cold start time", True),
        ("maximum request time", True),
        ("finding time", False),  # a thing has no length: the line meant how long it is kept
        ("record kept time", False),  # a verb before "time"
    ],
)
def test_a_time_is_taught_only_as_the_length_of_an_event_or_process(attribute, taught):
    limit = fact("k1", subject="Acme Relay", attribute=attribute, topic="acme")
    assert (not fact_problems(limit)) is taught


def test_a_word_said_twice_is_said_once_in_the_stem():
    drafts = generate_drafts(
        [
            fact(
                "k1",
                subject="Acme Relay",
                attribute="maximum workflow execution execution time",
                topic="acme",
            )
        ]
    )
    texts = [d.stem or d.front for d in drafts]
    assert texts
    assert all("execution execution" not in t for t in texts)


def test_a_qualifier_said_twice_is_said_once():
    fact_in = fact(
        "k1",
        subject="Acme Relay",
        attribute="maximum maximum payload size",
        value="64",
        unit="KB",
        magnitude=65536.0,
        dimension="size",
        topic="acme",
        qualifier="maximum",
    )
    assert qualified(fact_in) == ("maximum", "payload size")


def test_a_one_word_aside_moves_before_its_noun():
    assert attribute_phrase("deployment size (compressed)") == "compressed deployment size"


@pytest.mark.parametrize(
    ("line", "taught"),
    [
        ("a sync job can be scheduled to run at most once an hour", False),  # how often, not delivery
        ("a report runs once every 5 minutes", False),
        ("standard relays deliver at least once", True),
    ],
)
def test_a_frequency_is_never_a_delivery_guarantee(line, taught):
    stated = fact(
        "k1", kind="consistency", subject="Acme Relay", attribute="delivery guarantee", value="at-most-once"
    )
    guarantee = replace(stated, sources=(SourceRef("notes.md", 3, line),))
    assert (not fact_problems(guarantee)) is taught


def test_a_subject_with_words_said_twice_reads_once_in_the_stem():
    drafts = generate_drafts([fact("k1", subject="Acme Relay Fast lane Fast lane", topic="acme")])
    texts = [d.stem or d.front for d in drafts]
    assert texts
    assert all("Fast lane Fast lane" not in t for t in texts)


def test_a_subject_ending_in_a_variant_word_takes_of_not_a_possessive():
    drafts = generate_drafts([fact("k1", subject="Acme Relay express", topic="acme")])
    texts = [d.stem or d.front for d in drafts]
    assert any("of Acme Relay express" in t for t in texts)
    assert all("express's" not in t for t in texts)


def test_a_list_question_names_its_kind_without_the_subject_or_a_count():
    modes = fact(
        "k1", kind="concept", subject="Acme Relay", attribute="acme relay two modes", value="Fast, Slow"
    )
    assert [d.front for d in generate_drafts([modes]) if d.type == "basic"][
        0
    ] == "Which modes does Acme Relay have?"


def test_a_term_said_twice_is_asked_once():
    from quizzes.bank.generation.concepts import definition_question

    term = fact(
        "k1", kind="concept", subject="Acme Relay Fast lane Fast lane", attribute="definition", value="x y"
    )
    assert definition_question(term, {"Acme Relay"}) == "What does Fast lane mean in Acme Relay?"


def test_a_count_per_the_subjects_own_noun_says_the_noun_once():
    tapes = fact(
        "k1",
        subject="Acme Gateway",
        attribute="maximum virtual tapes per gateway",
        value="10",
        unit="",
        magnitude=10.0,
        dimension="count",
        topic="acme",
    )
    texts = [d.stem or d.front for d in generate_drafts([tapes])]
    assert texts
    assert all("per Acme Gateway" in t and "per gateway" not in t for t in texts)


def test_options_of_a_definition_question_start_alike():
    said = [
        ("Fast lane", "Relay asks a queue first"),
        ("Slow lane", "your own list of hops"),
        ("Side lane", "a detour"),
    ]
    terms = [
        replace(
            fact(f"k{n}", kind="concept", subject=f"Acme Relay {term}", attribute="definition", value=value),
            sources=(SourceRef("notes.md", n + 3, f"{term}: {value}", ("Acme Relay", "Lanes")),),
        )
        for n, (term, value) in enumerate(said)
    ]
    owner = fact("k9", subject="Acme Relay", topic="acme")  # the service the terms belong to
    questions = [d for d in generate_drafts([owner, *terms]) if d.type == "single" and d.kind == "concept"]
    assert questions
    for question in questions:
        assert all(c.text[:1].isupper() for c in question.choices)


def _stems(attribute: str, *, value: str = "400", unit: str = "", dimension: str = "count") -> list[str]:
    """The stems and fronts the generator makes of one Acme Relay limit."""
    limit = fact(
        "k9",
        subject="Acme Relay",
        attribute=attribute,
        value=value,
        unit=unit,
        magnitude=float(value),
        dimension=dimension,
        topic="acme-relay",
    )
    return [d.stem or d.front for d in generate_drafts([limit])]


def test_a_count_per_the_subject_names_the_subject_once():
    stems = _stems("maximum hubs per acme relay")
    assert stems and all(stem.lower().count("acme relay") == 1 for stem in stems), stems


def test_a_count_of_the_subject_itself_names_it_once():
    stems = _stems("acme relays per account per region")
    assert stems and all(stem.lower().count("acme relay") == 1 for stem in stems), stems


def test_the_lowest_setting_of_a_maximum_is_no_noun_stack():
    stems = _stems("minimum maximum parcel age", value="60", unit="s", dimension="time")
    assert stems and not any("minimum maximum" in s for s in stems), stems
