"""The pure generator's templates, one behaviour per test (no database)."""

from __future__ import annotations

from dataclasses import replace

from quizzes.bank.generation import draft_problems, generate_drafts
from quizzes.bank.generation.quality import is_question_stem
from quizzes.bank.generation.types import ConflictSide, SourceRef
from tests.quizzes.bank.generation_facts import fact, invocation, invocation_facts


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


def test_the_key_of_a_limit_question_explains_itself_with_its_line():
    (question,) = by_template(generate_drafts([fact("k1", line=22)]), "limit-single")
    (key,) = [c for c in question.choices if c.correct]
    assert key.explanation.endswith("(notes.md:22).") and key.text in key.explanation


def test_a_wrong_value_taken_from_another_limit_says_which_limit_it_is():
    other = fact(
        "k2",
        subject="Kinesis",
        attribute="maximum retention",
        value="1020",
        unit="s",
        magnitude=1020.0,
        line=9,
    )
    (question,) = [
        d for d in by_template(generate_drafts([fact("k1"), other]), "limit-single") if d.fact_keys == ("k1",)
    ]
    (borrowed,) = [c for c in question.choices if "notes.md:9" in c.explanation]
    assert not borrowed.correct and "Kinesis" in borrowed.explanation


def test_a_made_up_wrong_value_says_what_the_notes_give_instead():
    (question,) = by_template(generate_drafts([fact("k1")]), "limit-single")
    wrong = [c for c in question.choices if not c.correct]
    assert all("900 seconds" in c.explanation or "15 minutes" in c.explanation for c in wrong)


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


def test_scenario_stem_names_the_service_and_not_how_it_calls():
    drafts = generate_drafts(invocation_facts())
    stems = {d.stem for d in by_template(drafts, "invocation-scenario")}
    assert (
        "A Lambda function is set up to handle events from Amazon S3. How is the function invoked?" in stems
    )


def test_scenario_stem_is_the_same_opening_for_a_service_no_table_knows():
    drafts = generate_drafts([invocation("q1", "Quarrymaster Feeds", "asynchronous", 4), *invocation_facts()])
    (stem,) = [d.stem for d in by_template(drafts, "invocation-scenario") if "Quarrymaster" in d.stem]
    assert (
        stem
        == "A Lambda function is set up to handle events from Quarrymaster Feeds. How is the function invoked?"
    )


def test_invocation_items_name_the_function_service_the_attribute_names():
    facts = [
        fact(f"r{i}", kind="invocation", subject=name, attribute="Runlet invocation model", value=model)
        for i, (name, model) in enumerate(
            [
                ("Beacon Hub", "synchronous"),
                ("Ledger Bus", "asynchronous"),
                ("Pail Store", "asynchronous"),
                ("Drift Queue", "event source mapping"),
            ]
        )
    ]
    drafts = generate_drafts(facts)
    texts = " ".join(d.stem + d.front + d.back + d.explanation for d in drafts)
    assert "Runlet function" in texts and "Lambda" not in texts


def test_scenario_for_a_polled_source_does_not_offer_synchronous_as_wrong():
    destinations = fact(
        "dest",
        kind="invocation",
        subject="Lambda asynchronous invocation",
        attribute="destinations",
        value="Amazon SQS, Amazon SNS",
    )
    drafts = generate_drafts([*invocation_facts(), destinations])
    (sqs,) = [d for d in by_template(drafts, "invocation-scenario") if "Amazon SQS." in d.stem]
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


def _kinds(key, subject, value, **extra):
    made = fact(
        key, kind="concept", subject=subject, attribute="bucket tiers", value=value, topic="t", **extra
    )
    line = SourceRef("notes.md", 3, f"Bucket tiers: {value}", (subject,))
    return replace(made, sources=(line,))


def test_enumeration_draws_its_wrong_members_from_the_same_attribute_of_other_subjects():
    pail = _kinds("e1", "Pail Store", "Hot, Warm, Cold", stated_values=("Hot, Warm, Cold", "Frozen"))
    crate = _kinds("e2", "Crate Store", "Frozen, Archive, Deep")
    (question,) = [
        d for d in by_template(generate_drafts([pail, crate]), "concept-which-two") if d.fact_keys == ("e1",)
    ]
    wrong = {c.text for c in question.choices if not c.correct}
    assert wrong == {"Archive", "Deep"}  # "Frozen" is stated for Pail Store by another source


def test_enumeration_without_other_members_of_its_kind_gets_no_which_two_question():
    pail = _kinds("e1", "Pail Store", "Hot, Warm, Cold")
    other = fact(
        "e2", kind="concept", subject="Crate Store", attribute="owners", value="Ann, Bo, Cy", topic="t"
    )
    assert not by_template(generate_drafts([pail, other]), "concept-which-two")


def test_enumeration_stem_asks_which_members_the_subject_has():
    (card,) = by_template(generate_drafts([_kinds("e1", "Pail Store", "Hot, Warm, Cold")]), "concept-basic")
    assert card.front == "Which bucket tiers does Pail Store have?"


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


def test_a_limit_without_qualifier_beside_a_qualified_one_of_the_same_attribute_is_not_taught():
    bare = fact("b1", subject="Acme Relay", attribute="run time", value="5", unit="min", magnitude=300.0)
    top = fact(
        "b2", subject="Acme Relay", attribute="maximum run time", value="1", unit="h", magnitude=3600.0
    )
    drafts = generate_drafts([bare, top])
    assert drafts and all(d.fact_keys == ("b2",) for d in drafts)


def test_a_limit_without_qualifier_and_no_qualified_sibling_is_still_taught():
    bare = fact("b1", subject="Acme Relay", attribute="run time", value="5", unit="min", magnitude=300.0)
    assert by_template(generate_drafts([bare]), "limit-basic")
