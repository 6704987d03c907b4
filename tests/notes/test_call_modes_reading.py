"""Call modes of operations and options, replication lag, delivery guarantees against frequencies and
default invocation models, on small notes of our own (no sentence of any corpus)."""

from __future__ import annotations

from notes.facts import extract_facts
from notes.outline import FactDraft
from notes.parser import parse_notes
from notes.topics import segment_topics


def facts_of(text: str) -> list[FactDraft]:
    return [fact for section in segment_topics(parse_notes(text)) for fact in extract_facts(section)]


def triples(text: str, kind: str | None = None) -> set[tuple[str, str, str]]:
    return {(f.subject, f.attribute, f.value) for f in facts_of(text) if kind is None or f.kind == kind}


# --- delivery guarantees are not frequencies ---------------------------------------------------------


def test_at_most_once_an_hour_is_a_frequency_not_a_delivery_guarantee():
    text = "# Amazon SQS\n\n- a purge can be run at most once an hour\n"
    assert not [f for f in facts_of(text) if f.attribute == "delivery guarantee"]


def test_at_least_once_delivery_is_still_a_delivery_guarantee():
    text = "# Amazon SQS\n\n- standard queues give at least once delivery\n"
    assert any(f.value == "at-least-once" for f in facts_of(text) if f.attribute == "delivery guarantee")


# --- who invokes the function, and by default ----------------------------------------------------------


def test_a_mode_said_by_default_is_the_default_invocation_model():
    text = (
        "# Amazon EventBridge\n\nWhen the target is a Lambda function, the bus invokes it synchronously by"
        " default; a flag makes the call asynchronous instead.\n"
    )
    found = triples(text, "invocation")
    assert ("Amazon EventBridge", "default Lambda invocation model", "synchronous") in found
    assert not {t for t in found if t[1] == "Lambda invocation model"}


def test_a_sentence_naming_both_modes_without_a_default_gives_no_model():
    text = (
        "# Amazon EventBridge\n\nThe bus invokes a Lambda function synchronously, and a flag makes the call"
        " asynchronous.\n"
    )
    assert not [f for f in facts_of(text) if f.attribute.endswith("invocation model")]


def test_the_service_a_sentence_hands_the_event_to_is_the_invoker():
    text = (
        "# AWS CodeBuild\n\nA build can send its state change to Amazon EventBridge, where a rule invokes"
        " a Lambda function asynchronously.\n"
    )
    found = triples(text, "invocation")
    assert ("Amazon EventBridge", "Lambda invocation model", "asynchronous") in found
    assert not [t for t in found if t[0] == "AWS CodeBuild"]
