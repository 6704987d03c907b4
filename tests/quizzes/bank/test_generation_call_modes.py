"""Call-mode items ("Which invocation model does X use?") on facts of our own."""

from __future__ import annotations

from dataclasses import replace

from quizzes.bank.generation import FactIn, generate_drafts
from quizzes.bank.generation.types import SourceRef


def mode(key: str, subject: str, value: str) -> FactIn:
    return FactIn(
        key=key,
        topic="t",
        kind="invocation",
        subject=subject,
        attribute="invocation model",
        value=value,
        text=f"{subject}: {value}",
        sources=(SourceRef("notes.md", 3, f"{subject}: {value}", ("Acme Relay",)),),
    )


def call_items(facts: list[FactIn], subject: str):
    return [
        d
        for d in generate_drafts(facts)
        if d.template.startswith("call-mode") and subject in (d.stem or d.front)
    ]


def test_a_call_mode_question_keys_the_fact_and_offers_the_other_modes():
    items = call_items([mode("a", "Acme Relay live feed", "synchronous")], "Acme Relay live feed")
    question = next(d for d in items if d.type == "single")
    keyed = [c.text for c in question.choices if c.correct]
    assert len(keyed) == 1 and keyed[0].startswith("Synchronously")
    assert len(question.choices) >= 3


def test_a_mode_the_bank_also_gives_the_subject_is_never_a_wrong_answer():
    facts = [
        mode("a", "Acme Relay live feed", "synchronous"),
        mode("b", "Acme Relay live feed", "asynchronous"),
    ]
    for item in call_items(facts, "Acme Relay live feed"):
        wrong = [c.text for c in item.choices if not c.correct]
        assert not any(w.startswith(("Synchronously", "Asynchronously")) for w in wrong)


def test_a_subject_that_spells_its_mode_gets_no_call_mode_item():
    assert not call_items(
        [mode("a", "Acme Relay asynchronous export", "asynchronous")], "asynchronous export"
    )


def test_no_contrast_card_pairs_a_subject_that_spells_its_own_mode():
    facts = [
        mode("a", "Acme Relay asynchronous export", "asynchronous"),
        mode("b", "Acme Relay live feed", "synchronous"),
    ]
    assert not [d for d in generate_drafts(facts) if d.template.endswith("contrast")]


def test_a_transfer_mode_is_asked_as_how_the_data_is_moved():
    from quizzes.bank.generation.phrasing import question_for

    assert question_for("Acme Relay", "backup to S3") == "How does Acme Relay back up data to S3?"


def test_a_default_invocation_model_is_asked_by_default():
    fact = FactIn(
        key="p",
        topic="t",
        kind="invocation",
        subject="Acme Relay",
        attribute="default Lambda invocation model",
        value="synchronous",
        text="Acme Relay invokes Lambda synchronously by default",
        sources=(
            SourceRef("notes.md", 3, "Acme Relay invokes Lambda synchronously by default", ("Acme Relay",)),
        ),
    )
    fronts = [d.stem or d.front for d in generate_drafts([fact]) if d.fact_keys == ("p",)]
    assert fronts and all("by default" in f for f in fronts)
    assert all("default Lambda function" not in f for f in fronts)


def test_a_lowercase_word_before_invocation_model_is_no_function_service():
    from quizzes.bank.generation.vocabulary import is_model_attribute

    assert is_model_attribute("Lambda invocation model")
    assert not is_model_attribute("source invocation model")


def test_a_subject_that_polls_its_source_counts_the_event_source_mapping_as_true():
    from quizzes.bank.generation.invocations import models_by_subject
    from quizzes.bank.generation.truths import subject_key

    facts = [replace(mode("s", "Acme Relay", "polling"), attribute="source invocation model")]
    assert "event source mapping" in models_by_subject(facts)[subject_key("Acme Relay")]


def test_a_delivery_to_a_service_is_asked_as_when_it_reaches_it():
    from quizzes.bank.generation.phrasing import question_for

    assert question_for("Acme Relay new alert", "EventBridge delivery") == (
        "When does an Acme Relay new alert reach EventBridge?"
    )
