"""The pure generator's templates, one behaviour per test (no database)."""

from __future__ import annotations

from quizzes.bank.generation import draft_problems, generate_drafts
from quizzes.bank.generation.quality import is_question_stem
from quizzes.bank.generation.types import ConflictSide
from tests.quizzes.bank.generation_facts import fact, invocation_facts


def by_template(drafts, template):
    return [d for d in drafts if d.template == template]


def test_a_limit_yields_a_flashcard_a_cloze_and_a_question():
    drafts = generate_drafts([fact("k1")])
    assert sorted(d.type for d in drafts) == ["basic", "cloze", "single"]


def test_cloze_card_states_the_value_in_a_deletion():
    (cloze,) = by_template(generate_drafts([fact("k1")]), "limit-cloze")
    assert cloze.front == "Lambda's maximum execution time is {{c1::900 seconds}}."


def test_limit_question_has_one_key_and_three_distractors():
    (question,) = by_template(generate_drafts([fact("k1")]), "limit-single")
    assert [c.correct for c in question.choices].count(True) == 1 and len(question.choices) == 4


def test_limit_question_never_offers_the_key_in_another_unit():
    other = fact("k2", subject="SQS", attribute="maximum delivery delay", value="15", unit="min")
    (question,) = [
        d for d in by_template(generate_drafts([fact("k1"), other]), "limit-single") if d.fact_keys == ("k1",)
    ]
    assert "15 minutes" not in [c.text for c in question.choices]


def test_explanation_quotes_the_source_line_with_file_and_line():
    (question,) = by_template(generate_drafts([fact("k1", line=22)]), "limit-single")
    assert "notes.md:22" in question.explanation and "\u201c" in question.explanation


def test_an_unresolved_conflict_yields_only_a_flashcard_that_shows_every_side():
    conflicted = fact("k1", conflict=(ConflictSide("900", "s"), ConflictSide("600", "s")))
    (card,) = generate_drafts([conflicted])
    assert card.type == "basic" and "sources disagree" in card.back
    assert "900 seconds" in card.back and "600 seconds" in card.back


def test_an_unresolved_conflict_never_claims_the_course_settled_it():
    conflicted = fact("k1", conflict=(ConflictSide("900", "s"), ConflictSide("600", "s")))
    assert all("settled on" not in d.back + d.explanation for d in generate_drafts([conflicted]))


def test_noise_fact_yields_nothing():
    assert generate_drafts([fact("k1", value="asd")]) == []


def test_fact_without_source_line_yields_nothing():
    assert generate_drafts([fact("k1", line=0)]) == []


def test_item_key_is_stable_across_runs():
    first = {d.key for d in generate_drafts([fact("k1")])}
    assert first == {d.key for d in generate_drafts([fact("k1", value="600", magnitude=600.0)])}


def test_s3_gets_a_scenario_stem():
    drafts = generate_drafts(invocation_facts())
    stems = {d.stem for d in by_template(drafts, "invocation-scenario")}
    assert "An S3 event notification triggers a Lambda function. How is the function invoked?" in stems


def test_scenario_for_a_polled_source_does_not_offer_synchronous_as_wrong():
    destinations = fact(
        "dest",
        kind="invocation",
        subject="Lambda asynchronous invocation",
        attribute="destinations",
        value="Amazon SQS, Amazon SNS",
    )
    drafts = generate_drafts([*invocation_facts(), destinations])
    (sqs,) = [d for d in by_template(drafts, "invocation-scenario") if "SQS queue" in d.stem]
    assert not any(c.text.startswith("Synchronously") for c in sqs.choices)


def test_which_two_services_invoke_asynchronously_has_two_asynchronous_keys():
    drafts = generate_drafts(invocation_facts())
    (question,) = by_template(drafts, "invocation-multiple-asynchronous")
    keys = {c.text for c in question.choices if c.correct}
    assert question.stem == "Which TWO services invoke Lambda asynchronously?" and question.choose == 2
    assert keys <= {"Amazon S3", "Amazon SNS", "Amazon EventBridge", "AWS Config"} and len(keys) == 2


def test_synchronous_question_never_offers_a_polled_source_as_wrong():
    drafts = generate_drafts(invocation_facts())
    (question,) = by_template(drafts, "invocation-multiple-synchronous")
    wrong = {c.text for c in question.choices if not c.correct}
    assert not wrong & {"Amazon SQS", "Amazon Kinesis Data Streams", "Amazon DynamoDB Streams"}


def test_delivery_guarantee_question_and_contrast_card():
    standard = fact(
        "c1",
        kind="consistency",
        subject="SQS standard queue",
        attribute="delivery guarantee",
        value="at-least-once",
        topic="sqs",
    )
    fifo = fact(
        "c2",
        kind="consistency",
        subject="SQS FIFO queue",
        attribute="delivery guarantee",
        value="exactly-once",
        topic="sqs",
    )
    drafts = generate_drafts([standard, fifo])
    (contrast,) = by_template(drafts, "consistency-contrast")
    assert len(by_template(drafts, "consistency-single")) == 2 and "exactly-once" in contrast.back


def test_enumeration_yields_a_which_two_question_without_members_from_any_source():
    states = fact(
        "e1",
        kind="concept",
        subject="Step Functions",
        attribute="state types",
        value="Choice, Fail, Map, Wait",
        topic="step-functions",
        stated_values=("Choice, Fail, Map, Wait", "Task, Retry"),
    )
    (question,) = by_template(generate_drafts([states]), "concept-which-two")
    wrong = {c.text for c in question.choices if not c.correct}
    assert len(wrong) == 3 and "Retry" not in wrong


def test_every_generated_draft_passes_the_quality_rules():
    facts = [fact("k1"), *invocation_facts()]
    by_key = {f.key: f for f in facts}
    assert all(draft_problems(d, by_key) == [] for d in generate_drafts(facts))


def test_stem_check_rejects_a_statement():
    assert not is_question_stem("Lambda's maximum execution time.")


def test_stem_check_accepts_scenario_then_question():
    assert is_question_stem(
        "An S3 event notification triggers a Lambda function. How is the function invoked?"
    )


def test_stem_check_rejects_doubled_words():
    assert not is_question_stem("What is the the limit?")
