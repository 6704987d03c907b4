"""English of generated items for subjects the lexicons never saw (quizzes.bank.generation.wording)."""

from __future__ import annotations

from quizzes.bank.generation.phrasing import question_for
from quizzes.bank.generation.wording import subject_phrase


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
