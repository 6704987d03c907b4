"""Setting lines (notes.facts.limit_settings): a label and the values it may take, on notes of our own.

The service is made up ("Acme Relay"), so every rule pinned here is a rule of the grammar.
"""

from __future__ import annotations

import pytest

from notes.facts import extract_facts
from notes.facts.limit_settings import _prose_label
from notes.outline import FactDraft
from notes.parser import parse_notes
from notes.topics import segment_topics
from quizzes.bank.generation import generate_drafts
from tests.quizzes.bank.generation_facts import fact

SERVICE = "Acme Relay"


def facts_of(*lines: str) -> list[FactDraft]:
    text = f"# {SERVICE}\n\n" + "\n".join(f"- {line}" for line in lines) + "\n"
    found = [fact for section in segment_topics(parse_notes(text)) for fact in extract_facts(section)]
    return [f for f in found if f.kind == "limit"]


def taught(*lines: str) -> list[tuple[str, str, str]]:
    return sorted((f.attribute, f.value, f.unit) for f in facts_of(*lines) if not f.note)


def test_a_bare_range_and_a_default_of_a_unitless_measure_are_its_bounds_and_default():
    assert taught("Mirror weight: 0 to 255, default 128") == [
        ("default mirror weight", "128", ""),
        ("maximum mirror weight", "255", ""),
        ("minimum mirror weight", "0", ""),
    ]


def test_a_double_hyphen_joins_a_range():
    assert taught("Resend attempts: 0 -- 40, default 12") == [
        ("default resend attempts", "12", ""),
        ("maximum resend attempts", "40", ""),
        ("minimum resend attempts", "0", ""),
    ]


def test_a_bound_named_setting_with_a_default_keeps_its_bound_in_the_name():
    assert taught("Maximum frame age: 60 s -- 7,200 s, default 1 h") == [
        ("default maximum frame age", "1", "h"),
        ("maximum frame age", "2", "h"),
        ("minimum maximum frame age", "60", "s"),
    ]


def test_a_default_that_can_be_raised_is_a_default_and_a_maximum():
    assert taught("Max relay payload: 4 MB by default, can be raised to 64 MB") == [
        ("default maximum relay payload", "4", "MB"),
        ("maximum relay payload", "64", "MB"),
    ]


def test_a_noun_phrase_that_defaults_to_a_count_and_can_be_set_between_two():
    facts = [
        f
        for f in facts_of("Clustering: channel count defaults to 8, and can be set anywhere between 2 and 50")
        if not f.note
    ]
    assert sorted((f.subject, f.attribute, f.value) for f in facts) == [
        ("Acme Relay clustering", "default channel count", "8"),
        ("Acme Relay clustering", "maximum channel count", "50"),
        ("Acme Relay clustering", "minimum channel count", "2"),
    ]


def test_a_per_phrase_of_the_range_scopes_the_default_too():
    assert taught("Traffic share: 0 % to 100 % per mirror group, default 50 %") == [
        ("default traffic share per mirror group", "50", "%"),
        ("maximum traffic share per mirror group", "100", "%"),
        ("minimum traffic share per mirror group", "0", "%"),
    ]


def test_a_sentence_naming_a_measured_setting_gives_its_default_and_range():
    assert taught("The relay timeout is 30 minutes by default and may be set from 1 minute to 12 hours.") == [
        ("default relay timeout", "30", "min"),
        ("maximum relay timeout", "12", "h"),
        ("minimum relay timeout", "60", "s"),
    ]


def test_a_setting_named_after_is_the_takes_the_values_after_its_comma():
    line = "How long a mirror waits is the sync timeout, two hours by default, and you can set it between 60 and 9,000 seconds."
    assert taught(line) == [
        ("default sync timeout", "2", "h"),
        ("maximum sync timeout", "150", "min"),
        ("minimum sync timeout", "60", "s"),
    ]


def test_a_bracket_restating_a_value_in_another_unit_is_read_past():
    assert taught("Hold window: 1 h by default, can be raised to 48 hours (2,880 minutes)") == [
        ("default hold window", "1", "h"),
        ("maximum hold window", "2", "days"),
    ]


def test_a_sentence_about_a_thing_not_a_measure_is_left_to_the_line_reader():
    assert _prose_label("The relay is 128 MB by default and can be raised to 1 GB") is None


def test_a_count_attached_to_one_thing_is_a_count_per_that_thing():
    assert taught("You can attach up to five filters to one channel.") == [
        ("maximum filters per channel", "5", "")
    ]
    assert taught("Up to 25 frames in one call") == [("maximum frames per call", "25", "")]


def test_one_thing_that_takes_at_most_a_count_is_that_count_per_thing():
    assert taught("One batch takes at most 4,000 tagged frames") == [
        ("maximum tagged frames per batch", "4000", "")
    ]


def test_a_count_sent_to_one_thing_is_not_what_the_thing_holds():
    assert taught("Send up to 10 frames to one channel") == []


def test_an_example_in_a_bracket_does_not_hedge_the_rest_of_the_sentence():
    line = "Filters fix routing (e.g. send X to Y); you can attach up to five filters to one channel."
    assert taught(line) == [("maximum filters per channel", "5", "")]


def test_an_example_value_in_a_bracket_is_still_an_example():
    assert taught("Frame size is configurable (e.g. 512 KB)") == []


def test_the_size_of_what_a_verb_takes_is_named_after_that_thing():
    assert taught("The gateway accepts a frame of at most 8 KB") == [("maximum frame size", "8", "KB")]


def test_an_operation_name_acting_as_the_subject_scopes_the_limit():
    facts = [f for f in facts_of("`SendFrame` accepts a frame of at most 8 KB") if not f.note]
    assert [(f.subject, f.attribute) for f in facts] == [(f"{SERVICE} SendFrame", "maximum frame size")]


def test_a_label_that_is_a_clause_names_no_quantity():
    assert taught("It is asynchronous: up to 900 tagged frames") == []


def test_a_label_that_is_a_mode_of_calling_names_no_quantity():
    assert taught("asynchronous: up to 900 tagged frames") == []


def test_an_off_choice_leaves_the_settings_range():
    assert taught("Grace window: OFF, or 1 to 90 minutes") == [
        ("maximum grace window", "90", "min"),
        ("minimum grace window", "60", "s"),
    ]


def test_bounds_given_for_each_item_are_the_items_bounds():
    assert taught("Frame archives: min 10 GiB, max 2 TiB each") == [
        ("maximum frame archives size", "2", "TB"),
        ("minimum frame archives size", "10", "GB"),
    ]


def test_a_size_up_to_another_is_a_range():
    assert taught("Each archive: 1 GiB up to 4 TiB") == [
        ("maximum archive size", "4", "TB"),
        ("minimum archive size", "1", "GB"),
    ]


def test_a_label_ending_in_a_keeping_verb_names_a_retention():
    assert taught("Frames kept: 14 days") == [("frames retention", "14", "days")]


def test_a_parent_naming_a_case_scopes_its_settings():
    text = f"# {SERVICE}\n\n- Cold archives\n  - each archive: 1 GiB up to 4 TiB\n- Hot archives\n  - each archive: 1 GiB up to 2 TiB\n"
    found = [f for section in segment_topics(parse_notes(text)) for f in extract_facts(section) if not f.note]
    maxima = sorted((f.subject, f.value) for f in found if f.attribute.startswith("maximum"))
    assert maxima == [(f"{SERVICE} cold archive", "4"), (f"{SERVICE} hot archive", "2")]


def test_a_parent_naming_a_group_of_facts_does_not_scope_its_settings():
    text = f"# {SERVICE}\n\n- Service limits\n  - mirror weight: 0 to 255, default 128\n"
    found = [f for section in segment_topics(parse_notes(text)) for f in extract_facts(section) if not f.note]
    assert {f.subject for f in found} == {SERVICE}


@pytest.mark.parametrize(
    "line",
    [
        "Mirror weight: 0 to 255, default 300",  # a default outside its range
        "Mirror label: 0 to 255, default 128",  # a bare number of nothing countable
        "Max hold time: 1 to 5 hours",  # a bound that is a range, no default: the setting's or its spread?
        "Check interval: 10 s or 30 s, default 30 s",  # alternatives, not a range
    ],
)
def test_a_setting_line_the_reader_is_not_sure_of_teaches_no_bound_of_it(line):
    assert [a for a, _, _ in taught(line) if not a.startswith("default")] == []


def test_the_default_of_a_bound_named_setting_is_never_a_wrong_choice_for_its_maximum():
    def size(key, attribute, value):
        mb = float(value) * 1024**2
        return fact(
            key, subject=SERVICE, attribute=attribute, value=value, unit="MB", magnitude=mb, dimension="size"
        )

    maximum = size("max", "maximum relay payload", "64")
    default = size("def", "default maximum relay payload", "32")
    alone = {c.text for d in generate_drafts([maximum]) if d.is_question for c in d.choices}
    (question,) = [
        d for d in generate_drafts([maximum, default]) if d.is_question and d.fact_keys == ("max",)
    ]
    assert "32 MB" in alone  # the control: 32 MB is a natural neighbour of 64 MB
    assert "32 MB" not in {c.text for c in question.choices}


def test_an_attribute_cut_at_a_conjunction_is_a_note():
    assert taught("amber once usage reaches 80% of a quota") == []
