"""Prose shapes of a student's notes (issue 13), in our own words about a made-up service: a value
said again in brackets, bounds said as "cannot be less than", a setting named by the sentence
before ("If you set a maximum lifetime, ... The value ..."), how often something recurs ("every 12
hours"), a question that asks how long something is kept, an adverb after a number, a pronoun
"one", and a second predicate of one sentence.
"""

from __future__ import annotations

import textwrap

from notes.facts import extract_facts
from notes.outline import FactDraft
from notes.parser import parse_notes
from notes.topics import segment_topics

SERVICE = "Acme Relay"


def facts_in(text: str) -> list[FactDraft]:
    return [fact for section in segment_topics(parse_notes(text)) for fact in extract_facts(section)]


def taught(text: str) -> list[tuple[str, str, str]]:
    """(attribute, value, unit) of every fact the reader would teach (notes left out)."""
    return [(f.attribute, f.value, f.unit) for f in facts_in(text) if not f.note]


def prose(*sentences: str) -> str:
    """A paragraph of hard-wrapped prose under the service's heading."""
    filler = "The relay moves parcels between company sites and nothing else."
    return f"{SERVICE}\n\n" + textwrap.fill(" ".join((filler, *sentences)), width=72) + "\n"


def test_a_value_said_again_in_brackets_is_one_quantity():
    assert taught(prose("The hop timeout is 300 seconds (5 minutes) by default.")) == [
        ("default hop timeout", "5", "min")
    ]


def test_cannot_be_less_than_is_a_minimum():
    facts = taught(prose("The hop timeout cannot be less than 30 seconds and can go up to 2 hours."))
    assert ("minimum hop timeout", "30", "s") in facts


def test_cannot_be_longer_than_is_a_maximum():
    assert taught(prose("The hop timeout can't be longer than 2 hours.")) == [
        ("maximum hop timeout", "2", "h")
    ]


def test_the_value_names_the_setting_the_sentence_before_set():
    text = prose(
        "If you set a hop timeout, hops that take longer are dropped.",
        "The value can go up to 2 hours.",
    )
    assert ("maximum hop timeout", "2", "h") in taught(text)


def test_a_periodic_action_every_duration_is_its_interval():
    assert taught(prose("The relay volumes are snapshotted every 12 hours.")) == [
        ("snapshot interval", "12", "h")
    ]


def test_every_unit_without_a_number_is_one_unit():
    assert taught(prose("The relay takes an automated snapshot every hour.")) == [
        ("automated snapshot interval", "1", "h")
    ]


def test_an_interval_you_can_change_is_a_default():
    assert taught(prose("The relay rotates its signing key every 90 days unless you change it.")) == [
        ("default rotation interval", "90", "days")
    ]


def test_about_every_is_a_typical_interval():
    assert taught(prose("Health checks run about every 30 seconds.")) == [
        ("typical health check interval", "30", "s")
    ]


def test_several_every_choices_are_no_interval():
    facts = taught(prose("Reports are published every 15 minutes, every hour or every 6 hours."))
    assert not any("interval" in attribute for attribute, _, _ in facts)


def test_a_count_every_period_is_no_interval():
    facts = taught(prose("It stores at most one update every thirty seconds."))
    assert not any("interval" in attribute or "every" in attribute for attribute, _, _ in facts)


def test_an_interval_is_one_fact_not_also_a_note():
    notes = [f for f in facts_in(prose("The relay volumes are snapshotted every 12 hours.")) if f.note]
    assert notes == []


def test_how_long_does_it_keep_things_names_their_retention():
    text = (
        f"# {SERVICE}\n\nQ: What is it for?\nA: Moving parcels.\n\n"
        "Q: How long does the relay keep receipts?\nA: 90 days.\n"
    )
    assert ("receipt retention", "90", "days") in taught(text)


def test_an_adverb_after_a_number_names_nothing():
    facts = taught(prose("No parcel can stay in a hold queue for more than 48 hours altogether."))
    assert not any("altogether" in attribute for attribute, _, _ in facts)


def test_each_one_is_a_pronoun_not_a_count():
    facts = facts_in(prose("The relay takes a snapshot daily and keeps each one for fourteen days."))
    assert not any(f.value == "1" or f.value.startswith("one") for f in facts)


def test_keeping_a_pronoun_for_a_time_is_not_the_subjects_retention():
    facts = taught(prose("The relay takes a snapshot daily and keeps each one for fourteen days."))
    assert not any(attribute.endswith("retention") for attribute, _, _ in facts)


def test_the_last_predicate_names_the_quantity():
    facts = taught(prose("The relay accepts parcels from anyone and keeps parcels for 4 days."))
    assert ("retention", "4", "days") in facts


def test_a_unitless_score_range_gives_its_maximum():
    assert taught(prose("Every parcel carries a confidence score from 0 to 100.")) == [
        ("maximum confidence score", "100", "")
    ]


def test_a_number_alone_on_the_next_line_ends_a_wrapped_sentence():
    text = f"{SERVICE}\n\nThe relay moves parcels between company sites, and every parcel carries a confidence score from 0 to\n100.\n"
    assert ("maximum confidence score", "100", "") in taught(text)


def test_a_number_alone_after_a_finished_sentence_is_still_page_furniture():
    text = f"{SERVICE}\n\nThe relay moves parcels between company sites and keeps them safe.\n12\n"
    assert all("12" not in line.text for line in parse_notes(text))


def test_a_sentence_ending_in_a_capitalised_name_is_split_there():
    text = prose(
        "The parcel kinds you send the relay are SMALL, LARGE and FRAGILE.",
        "There are also separate desks for returns.",
    )
    facts = [(f.attribute, f.value) for f in facts_in(text) if f.kind == "concept"]
    assert ("parcel kinds", "SMALL, LARGE, FRAGILE") in facts


def faq(question: str, answer: str) -> str:
    return f"# {SERVICE}\n\nQ: What is it for?\nA: Moving parcels.\n\nQ: {question}\nA: {answer}\n"


def test_do_i_need_a_thing_answered_by_a_list_lists_those_things():
    facts = [
        (f.subject, f.attribute, f.value)
        for f in facts_in(faq("Do I need a courier?", "Yes: Zip Fast, Parcel Prime or Van Go."))
    ]
    assert (SERVICE, "couriers", "Zip Fast, Parcel Prime, Van Go") in facts


def test_a_question_is_not_also_read_as_a_plural_label():
    facts = [f.attribute for f in facts_in(faq("Which courier protocols?", "PCoIP or WSP."))]
    assert facts == ["courier protocols"]


def test_advice_to_check_every_few_seconds_is_no_interval():
    facts = taught(prose("The guide suggests checking the relay every 5 seconds."))
    assert not any("interval" in attribute for attribute, _, _ in facts)


# --- outline shapes of a slide deck ------------------------------------------------------------------


def test_a_bare_measure_under_a_plural_heading_is_the_headings_thing():
    text = "# Hop checks (relay settings)\n\n- interval: 5 to 300 s, default 30 s\n"
    assert ("default hop check interval", "30", "s") in taught(text)


def test_a_bare_measure_under_a_heading_that_names_no_thing_stays_bare():
    text = "# Timeouts you will be asked about\n\n- interval: 5 to 300 s, default 30 s\n"
    assert ("default interval", "30", "s") in taught(text)


def test_a_child_that_says_how_far_its_parent_setting_goes_is_its_range():
    text = f"# {SERVICE}\n\n- Hop delay (the old name)\n  - can be set from 5 up to 3600 seconds\n"
    assert ("maximum hop delay", "1", "h") in taught(text)


def test_a_settable_range_is_not_named_settable():
    text = f"# {SERVICE}\n\n- Hop idle timeout\n  - default 60 seconds\n  - settable between 1 and 4000 s\n"
    facts = taught(text)
    assert ("maximum hop idle timeout", "4000", "s") in facts
    assert not any("settable" in attribute for attribute, _, _ in facts)


def test_a_heading_per_scope_counts_each_plural_label():
    text = "# Relay quotas (default, per relay hub)\n\n- Listeners: 50\n- Rules per listener: 5\n"
    facts = taught(text)
    assert ("listeners per relay hub", "50", "") in facts
    assert ("rules per listener", "5", "") in facts


def test_a_list_of_choices_is_a_note_not_a_limit():
    text = f"# {SERVICE}\n\n- window choices: 60, 120, 300 or 600 seconds\n"
    assert taught(text) == []


def test_a_trailing_set_after_a_noun_is_the_noun():
    text = f"# {SERVICE}\n\n- IP set: no more than 10,000 addresses (CIDR ranges) per set\n"
    assert ("maximum addresses per IP set", "10000", "") in taught(text)


def test_raise_it_up_to_is_the_maximum_of_the_same_setting():
    text = f"# {SERVICE}\n\n- body size\n  - small hops: 16 KB by default, raise it up to 64 KB\n"
    facts = taught(text)
    assert ("maximum small hops size", "64", "KB") in facts
    assert not any("raise" in attribute for attribute, _, _ in facts)


def test_what_lasts_is_a_duration_not_an_execution_time():
    text = f"# {SERVICE}\n\n- Hop cookies\n  - cookie lasts from 1 second to 7 days\n"
    assert ("maximum cookie duration", "7", "days") in taught(text)


def test_a_bracket_restating_years_in_days_is_no_second_value():
    text = f"# {SERVICE}\n\n**Retention of hop items**\n- Defaults to **7 years** (2557 days)\n"
    assert taught(text) == [("default retention of hop items", "7", "years")]


def test_cannot_go_past_is_a_maximum_and_a_run_in_label_owns_its_measure():
    text = f"# {SERVICE}\n\n- wait conditions: timeout can't go past **12 hours** (43,200 s)\n"
    assert taught(text) == [("maximum wait condition timeout", "12", "h")]


def test_a_run_in_label_before_a_range_word_is_still_the_label():
    text = f"# {SERVICE}\n\n- Hop deletion waiting period: between 7 and 30 days\n"
    assert ("maximum hop deletion waiting period", "30", "days") in taught(text)


def test_keeps_the_last_days_of_something_is_a_retention():
    text = f"# {SERVICE}\n\n**Hop history**\n- Keeps the last **90 days** of hop events, per Region, free\n"
    assert [(a, v) for a, v, _ in taught(text)] == [("hop history retention", "90")]


# --- a "key: value" cheat sheet ------------------------------------------------------------------------


def sheet(*lines: str) -> str:
    return f"== {SERVICE} ==\n" + "\n".join(lines) + "\n"


def test_a_bare_count_after_a_labelled_default_takes_the_label():
    facts = taught(sheet("Hop routes per hub: 5 by default, extendable to 50"))
    assert ("maximum hop routes per hub", "50", "") in facts


def test_a_label_that_repeats_the_counted_noun_is_not_doubled():
    facts = taught(sheet("Connections: up to 55,000 simultaneous connections to each hub"))
    assert facts == [("maximum simultaneous connections", "55000", "")]


def test_a_rate_under_a_label_of_its_own_noun_is_a_rate():
    facts = taught(sheet("Packets: 1 million pps → up to 10 million pps"))
    assert facts == [("maximum packet rate", "10 million", "pps")]


def test_starts_at_and_scales_up_to_are_the_bounds():
    facts = taught(sheet("Bandwidth: starts at 5 Gbps, scales automatically up to 100 Gbps"))
    assert sorted(facts) == [("maximum bandwidth", "100", "Gbps"), ("minimum bandwidth", "5", "Gbps")]


def test_values_either_side_of_or_are_choices_not_a_plain_value():
    facts = taught(sheet("hop check interval: 10 s or 30 s, default 30 s"))
    assert facts == [("default hop check interval", "30", "s")]


def test_a_service_counted_per_scope_is_a_count():
    assert taught(sheet("NAT gateways per AZ: 5")) == [("NAT gateways per AZ", "5", "")]


# --- an emailed recap with numbered sections ----------------------------------------------------------


def test_a_numbered_line_alone_over_a_paragraph_is_a_section_heading():
    text = (
        "Hi all,\n\nHere is the recap of the week in one place for you all.\n\n"
        "1) Acme Relay\n\nThe relay moves parcels between company sites and keeps them for 4 days.\n\n"
        "2) Zeta Vault\n\nThe vault keeps secrets for the teams of the company for 7 days.\n"
    )
    titles = [s.title for s in segment_topics(parse_notes(text))]
    assert titles[-2:] == ["Acme Relay", "Zeta Vault"]


def test_numbered_list_items_are_still_items():
    text = f"# {SERVICE}\n\nSteps:\n\n1. Open the relay console\n2. Pick a hub\n"
    assert not any(line.is_heading for line in parse_notes(text)[1:])


def test_a_heading_that_is_a_services_title_without_its_vendor_names_it():
    titles = [
        s.title
        for s in segment_topics(
            parse_notes("Transcribe\n\nIt turns speech in audio files into text for you.\n")
        )
    ]
    assert titles == ["Amazon Transcribe"]


def test_a_count_per_a_part_of_another_named_service_is_that_services():
    text = "# Zeta Vault\n\n| Quota | Value |\n|---|---|\n| Faces per Rekognition collection | 20 million |\n"
    facts = [(f.subject, f.attribute) for f in facts_in(text) if not f.note]
    assert facts == [("Rekognition", "maximum faces per collection")]
