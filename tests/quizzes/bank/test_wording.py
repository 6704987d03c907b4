"""English of generated items for subjects the lexicons never saw (quizzes.bank.generation.wording)."""

from __future__ import annotations

from quizzes.bank.generation.phrasing import limit_question, question_for
from quizzes.bank.generation.wording import sentence, subject_phrase, value_text


def test_a_service_whose_name_ends_in_a_common_noun_takes_no_article():
    assert subject_phrase("AWS Batch") == "AWS Batch"


def test_a_thing_there_are_many_of_takes_an_article():
    assert subject_phrase("SQS FIFO queue") == "an SQS FIFO queue"


def test_a_lowercase_common_noun_after_a_name_takes_an_article():
    assert subject_phrase("Lambda function") == "a Lambda function"


def test_a_count_per_thing_of_an_unseen_service_is_asked_as_a_number():
    assert (
        question_for("Acme Relay", "maximum tags per resource", "count")
        == "What is the maximum number of tags per resource for Acme Relay?"
    )


def test_a_plural_noun_that_modifies_another_reads_singular():
    assert (
        question_for("Acme Relay", "maximum crates size", "size")
        == "What is Acme Relay's maximum crate size?"
    )


def test_a_plural_noun_before_per_stays_plural():
    assert (
        question_for("Acme Relay", "maximum crates per pallet", "count")
        == "What is the maximum number of crates per pallet for Acme Relay?"
    )


def test_a_thing_of_which_there_are_many_replicas_takes_an_article():
    assert subject_phrase("Acme read replica") == "an Acme read replica"


def test_an_answer_starting_with_a_hyphenated_word_is_capitalised():
    assert sentence("best-effort") == "Best-effort." and sentence("us-east-1 only") == "us-east-1 only."


def test_four_digit_values_carry_a_thousands_separator_like_five_digit_ones():
    assert value_text("5000", "per second") == "5,000 per second" and value_text("10000") == "10,000"


def _limit(subject, attribute, dimension="time", qualifier=""):
    from quizzes.bank.generation.types import FactIn

    return FactIn(
        key="w",
        topic="t",
        kind="limit",
        subject=subject,
        attribute=attribute,
        value="5",
        dimension=dimension,
        qualifier=qualifier,
    )


def test_a_time_limit_whose_head_is_no_time_noun_is_asked_as_a_time():
    assert (
        limit_question(_limit("Acme Relay", "typical warm-up"))
        == "What is Acme Relay's typical warm-up time?"
    )


def test_a_time_limit_named_by_a_time_noun_gets_no_second_one():
    assert (
        limit_question(_limit("Acme Relay", "maximum hold interval"))
        == "What is Acme Relay's maximum hold interval?"
    )


def test_an_attribute_word_repeating_the_subject_name_is_dropped():
    assert (
        limit_question(_limit("Amazon Quarry", "maximum Quarry mirrors per pit", "count"))
        == "What is the maximum number of mirrors per pit for Amazon Quarry?"
    )


def test_a_retention_of_plural_things_keeps_those_things():
    assert (
        limit_question(_limit("Acme Relay", "maximum nightly snapshots retention"))
        == "How long does Acme Relay keep nightly snapshots at most?"
    )


def test_a_minimum_retention_is_asked_as_the_shortest_time():
    assert (
        limit_question(_limit("Acme Relay", "minimum parcel retention", qualifier="minimum"))
        == "What is the shortest time Acme Relay can keep a parcel?"
    )
