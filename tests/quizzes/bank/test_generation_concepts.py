"""Concept items worded from the fact and its outline, never from a table of some notes (no database).

Every service name here is invented: the rules must hold for notes no one has seen.
"""

from __future__ import annotations

from quizzes.bank.generation import generate_drafts
from quizzes.bank.generation.types import FactIn, SourceRef


def concept(key, subject, attribute, value, *, context=(), line=3, kind="concept", topic="t", text=""):
    return FactIn(
        key=key,
        topic=topic,
        kind=kind,
        subject=subject,
        attribute=attribute,
        value=value,
        text=value,
        sources=(SourceRef("notes.md", line, text or f"{subject.split()[-1]}: {value}", tuple(context)),),
        stated_values=(value,),
    )


def by_template(drafts, template):
    return [d for d in drafts if d.template == template]


def tiers():
    """A service with a list of tiers, each defined under the label "Storage tiers"."""
    parent = ("Pail Store", "Storage tiers")
    return [
        concept("s0", "Pail Store", "storage tiers", "Hot, Warm, Cold", context=("Pail Store",)),
        concept("s1", "Pail Store Hot", "definition", "kept on fast disks", context=parent, line=4),
        concept("s2", "Pail Store Warm", "definition", "kept on slower disks", context=parent, line=5),
        concept("s3", "Pail Store Cold", "definition", "kept on tape", context=parent, line=6),
        concept("s4", "Pail Store Lid", "definition", "the cover of a pail", context=("Pail Store",), line=9),
    ]


def test_definition_under_a_plural_label_is_asked_as_that_kind_of_thing():
    (card,) = [d for d in by_template(generate_drafts(tiers()), "concept-basic") if d.fact_keys == ("s1",)]
    assert card.front == "What is the Hot storage tier in Pail Store?"


def test_definition_without_a_label_asks_what_the_term_means_in_its_owner():
    (card,) = [d for d in by_template(generate_drafts(tiers()), "concept-basic") if d.fact_keys == ("s4",)]
    assert card.front == "What does Lid mean in Pail Store?"


def test_definition_of_a_name_no_other_subject_starts_asks_what_it_is():
    facts = [concept("d1", "Quillbase", "definition", "a ledger of feathers", context=("Quillbase",))]
    (card,) = by_template(generate_drafts(facts), "concept-basic")
    assert card.front == "What is Quillbase?"


def test_definition_question_offers_only_the_other_members_of_its_list():
    (question,) = [
        d for d in by_template(generate_drafts(tiers()), "concept-single") if d.fact_keys == ("s3",)
    ]
    wrong = {c.text for c in question.choices if not c.correct}
    assert wrong == {"kept on fast disks", "kept on slower disks"}


def test_definitions_are_contrasted_only_as_members_of_one_list():
    contrasts = by_template(generate_drafts(tiers()), "concept-contrast")
    assert contrasts and all("s4" not in c.fact_keys for c in contrasts)


def test_contrast_of_two_list_members_names_their_kind_and_owner():
    (contrast,) = by_template(generate_drafts(tiers()[:3]), "concept-contrast")
    assert contrast.front == "How does the Hot storage tier differ from the Warm storage tier in Pail Store?"


def test_unrelated_definitions_of_one_topic_make_no_contrast():
    facts = [
        concept("u1", "Quillbase", "definition", "a ledger of feathers", context=("Quillbase",)),
        concept("u2", "Inkwell", "definition", "a pot of ink", context=("Inkwell",), line=8),
    ]
    assert not by_template(generate_drafts(facts), "concept-contrast")


def test_enumeration_under_a_heading_that_does_not_name_its_subject_makes_no_item():
    # The reader fell back to a catalogue title ("Tidy Overview") for a heading "Tidy patterns".
    facts = [
        concept(
            "p1", "Tidy Overview", "patterns", "Sweep, Stack, Fold", context=("Tidy patterns",), text="Sweep"
        )
    ]
    assert generate_drafts(facts) == []


def test_enumeration_whose_subject_the_outline_names_makes_a_flashcard():
    facts = [
        concept("p1", "Tidy Engine", "patterns", "Sweep, Stack, Fold", context=("Tidy Engine patterns",))
    ]
    (card,) = by_template(generate_drafts(facts), "concept-basic")
    assert card.front == "Which patterns does Tidy Engine have?"


def _guarantee(key, subject, value, line):
    return concept(
        key, subject, "delivery guarantee", value, kind="consistency", context=(subject,), line=line
    )


def test_consistency_question_takes_its_wrong_modes_from_the_vocabulary_file():
    facts = [_guarantee("g1", "Ripple Bus", "at-least-once", 3)]
    (question,) = by_template(generate_drafts(facts), "consistency-single")
    wrong = {c.text for c in question.choices if not c.correct}
    assert (
        "At-least-once delivery" not in wrong
        and {"Exactly-once processing", "At-most-once delivery"} <= wrong
    )


def test_consistency_question_never_offers_a_mode_another_source_gives_the_subject():
    facts = [
        _guarantee("g1", "Ripple Bus", "at-least-once", 3),
        concept("g2", "Ripple Bus", "default delivery guarantee", "exactly-once", kind="consistency", line=9),
    ]
    question = next(
        d for d in by_template(generate_drafts(facts), "consistency-single") if d.fact_keys == ("g1",)
    )
    assert "Exactly-once processing" not in {c.text for c in question.choices if not c.correct}


def test_consistency_mode_of_no_vocabulary_gets_a_flashcard_only():
    facts = [concept("o1", "Ripple Bus", "ordering", "ordered", kind="consistency", context=("Ripple Bus",))]
    assert [d.type for d in generate_drafts(facts)] == ["basic"]


def test_explanation_of_a_prose_line_quotes_the_sentence_that_decides_the_answer():
    prose = (
        "Ripple Bus moves events between teams and is run for you. Consumers read the events in batches. "
        "Events keep their order within a lane, but there is no order across lanes. "
        "It was first shown at a conference years ago and has grown a lot since then, with many new features."
    )
    facts = [
        concept(
            "o1",
            "Ripple Bus",
            "ordering scope",
            "per lane",
            kind="consistency",
            context=("Ripple Bus",),
            text=prose,
        )
    ]
    (card,) = generate_drafts(facts)
    assert "within a lane" in card.back and "conference" not in card.back and "batches" not in card.back


def _reads(key, subject, value, line=3):
    return concept(key, subject, "read consistency", value, kind="consistency", context=(subject,), line=line)


def test_a_mode_compatible_with_the_key_is_never_a_wrong_answer():
    # A strongly consistent read is also read-after-write: with eventual reads the only other mode,
    # there are not two safe wrong answers, so no question.
    assert not by_template(
        generate_drafts([_reads("r1", "Quill primary", "strongly consistent")]), "consistency-single"
    )


def test_an_eventually_consistent_subject_is_asked_with_both_stronger_modes_wrong():
    (question,) = by_template(
        generate_drafts([_reads("r1", "Quill replica", "eventually consistent")]), "consistency-single"
    )
    assert {c.text for c in question.choices if not c.correct} == {
        "Strongly consistent reads",
        "Read-after-write consistency",
    }


# --- the reader's shape: <owner> | <term> | <gloss>, qualifier "definition" ------------------------


def defined(key, owner, term, gloss, *, context=("Pail Store",), line=3):
    made = concept(key, owner, term, gloss, context=context, line=line, text=f"{term} = {gloss}")
    return FactIn(**{**{f: getattr(made, f) for f in made.__dataclass_fields__}, "qualifier": "definition"})


def test_an_acronym_is_asked_what_it_stands_for_with_a_flashcard_only():
    drafts = generate_drafts([defined("a1", "Pail Store", "PML", "Pail Markup Language")])
    assert [(d.type, d.front) for d in drafts] == [("basic", "What does PML stand for in Pail Store?")]


def test_a_defined_term_is_asked_what_it_means_in_its_owner():
    (card,) = by_template(
        generate_drafts([defined("t1", "Pail Store", "lid ring", "the band that seals a pail")]),
        "concept-basic",
    )
    assert card.front == "What does lid ring mean in Pail Store?" and "seals a pail" in card.back


def test_definitions_right_under_a_heading_are_not_each_others_wrong_answers():
    facts = [
        defined("t1", "Pail Store", "lid ring", "the band that seals a pail"),
        defined("t2", "Pail Store", "handle", "what you carry it by", line=4),
        defined("t3", "Pail Store", "spout", "where it pours", line=5),
    ]
    assert not by_template(generate_drafts(facts), "concept-single")


# --- enumeration questions --------------------------------------------------------------------------


def listed(key, subject, attribute, value):
    return concept(key, subject, attribute, value, context=(subject,))


def test_which_two_never_offers_a_name_inside_a_true_member():
    facts = [
        listed("m1", "Pail Store", "copy kinds", "Full copy + sync, Sync only"),
        listed("m2", "Crate Store", "copy kinds", "Full copy, Snapshot, Stream"),
    ]
    (question,) = [
        d for d in by_template(generate_drafts(facts), "concept-which-two") if d.fact_keys == ("m1",)
    ]
    assert {c.text for c in question.choices if not c.correct} == {"Snapshot", "Stream"}


def test_lists_that_share_only_a_head_noun_are_no_siblings():
    facts = [
        listed("l1", "Pail Store", "severity levels", "Low, Medium, High"),
        listed("l2", "Crate Store", "service levels", "Bronze, Silver, Gold"),
    ]
    assert not by_template(generate_drafts(facts), "concept-which-two")


def test_a_member_in_capitals_is_no_wrong_answer_among_names_that_are_not():
    facts = [
        listed("s1", "Pail Store", "lid statuses", "Green, Amber, Red"),
        listed("s2", "Crate Store", "lid statuses", "OPEN, SHUT, LOST"),
    ]
    assert not [d for d in by_template(generate_drafts(facts), "concept-which-two") if d.fact_keys == ("s1",)]


def test_a_lower_case_wrong_member_is_written_like_the_keys():
    facts = [
        listed("e1", "Pail Store", "endpoint kinds", "Edge, Regional, Private"),
        listed("e2", "Crate Store", "endpoint kinds", "public, internal"),
    ]
    (question,) = [
        d for d in by_template(generate_drafts(facts), "concept-which-two") if d.fact_keys == ("e1",)
    ]
    assert {c.text for c in question.choices if not c.correct} == {"Public", "Internal"}


def test_another_topics_list_of_the_same_attribute_gives_no_wrong_members():
    pail = listed("x1", "Pail Store", "endpoint kinds", "Edge, Regional, Private")
    crate = listed("x2", "Crate Store", "endpoint kinds", "Public, Inner, Outer")
    crate = FactIn(**{**{f: getattr(crate, f) for f in crate.__dataclass_fields__}, "topic": "other"})
    assert not by_template(generate_drafts([pail, crate]), "concept-which-two")


def test_a_plural_acronym_is_asked_what_they_are():
    (card,) = generate_drafts([defined("o1", "Pail Store", "PUs", "pail units")])
    assert card.front == "What are PUs in Pail Store?"
