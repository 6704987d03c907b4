"""Items are grammatical: a fact whose attribute cannot head a stem is not taught (a note line only)."""

from __future__ import annotations

import pytest

from quizzes.bank.generation import generate_drafts
from quizzes.bank.generation.quality import fact_problems, headless

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
