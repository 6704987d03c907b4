"""Shapes of notes the reader met first on a set nobody had tuned it to (issue 13), written here in
our own words about a made-up service, so that no catalogue entry or phrase of that set helps.

Each test is one behaviour: a cheat-sheet's "[Name]" section heading, page furniture behind a rule,
a title line right above its paragraph, "label = value" lines that are not prose, compound number
words, prices, a clause whose words name no attribute, a bracket that restates a value, a warning
about another thing, a lowercase lead-in that names a part, and an aside in brackets.
"""

from __future__ import annotations

from notes.facts import extract_facts
from notes.outline import FactDraft
from notes.parser import parse_notes
from notes.topics import segment_topics

SERVICE = "Acme Relay"


def sections(text: str):
    return segment_topics(parse_notes(text))


def facts_in(text: str) -> list[FactDraft]:
    return [fact for section in sections(text) for fact in extract_facts(section)]


def taught(text: str) -> list[tuple[str, str, str, str]]:
    """(subject, attribute, value, unit) of every fact the reader would teach (notes left out)."""
    return [(f.subject, f.attribute, f.value, f.unit) for f in facts_in(text) if not f.note]


def outlined(*lines: str) -> str:
    return f"# {SERVICE}\n\n" + "\n".join(f"- {line}" for line in lines) + "\n"


# --- structure -------------------------------------------------------------------------------------


def test_a_bracketed_line_is_a_section_heading_of_a_cheat_sheet():
    text = "[Acme Relay]\nhop limit: 12 hops\n\n[Zeta Vault]\nkey size: 2 KB\n"
    assert [s.title for s in sections(text)] == ["Acme Relay", "Zeta Vault"]


def test_a_checkbox_or_a_footnote_mark_is_no_heading():
    text = "# Acme Relay\n\n[x]\n[3]\nhop limit: 12 hops\n"
    headings = [line.text for line in parse_notes(text) if line.is_heading]
    assert headings == ["Acme Relay"]


def test_a_page_number_behind_a_rule_is_page_furniture():
    text = (
        "# Acme Relay\n\nhop limit: 12 hops\n\n------------------------------ page 2 of 3\n\nkey size: 2 KB\n"
    )
    assert not any("page" in line.text for line in parse_notes(text))


def test_a_short_title_line_right_above_its_paragraph_is_a_heading():
    text = (
        "week 3 notes\n\n"
        "Acme Relay\n"
        "the relay forwards each parcel to the next hop and keeps a copy for two days\n"
        "unless you change it, which is handy when a hop goes away.\n"
    )
    headings = [line.text for line in parse_notes(text) if line.is_heading]
    assert "Acme Relay" in headings


def test_lines_of_label_equals_value_are_not_joined_into_one_paragraph():
    text = (
        "[Acme Relay]\n"
        "what: a relay that forwards parcels between hubs in a ring of sites (hub and spoke)\n"
        "routing = transitive between every pair of hubs that share a ring\n"
        "hop table → the list of hubs one parcel may still visit on its way\n"
    )
    bodies = [line.text for line in parse_notes(text) if not line.is_heading]
    assert len(bodies) == 3


# --- quantities and qualifiers ---------------------------------------------------------------------


def test_a_compound_number_word_is_read_whole():
    assert taught(outlined("Parcel retention: one hundred and twenty days by default")) == [
        (SERVICE, "default parcel retention", "120", "days")
    ]


def test_a_price_is_never_taught():
    assert taught(outlined("the lab should cost about three dollars at most")) == []


def test_a_clause_that_names_no_attribute_takes_the_label_of_its_line():
    found = facts_in(outlined("Idle timeout: 10 minutes by default, anything from 1 to 30 minutes"))
    assert sorted((f.attribute, f.magnitude) for f in found if not f.note) == [
        ("default idle timeout", 600),
        ("maximum idle timeout", 1800),
        ("minimum idle timeout", 60),
    ]


def test_the_ceiling_is_a_maximum_and_its_restatement_in_brackets_is_no_second_fact():
    found = taught(
        outlined("Hop timeout: 600 seconds unless you set it; the ceiling is 7200 seconds (2 hours)")
    )
    assert sorted(found) == [
        (SERVICE, "default hop timeout", "10", "min"),
        (SERVICE, "maximum hop timeout", "2", "h"),
    ]


def test_a_count_per_the_service_under_a_label_with_a_symbol_bound_is_a_maximum():
    assert taught(outlined("hubs per acme relay: $\\le 400$")) == [
        (SERVICE, "maximum hubs per acme relay", "400", "")
    ]


def test_a_warning_about_another_thing_is_not_taught_as_the_subjects_value():
    line = "not to be mixed up with the console session, which lasts 8 hours by default"
    assert taught(outlined(line)) == []


def test_a_lowercase_lead_in_with_a_later_number_names_the_part_it_is_about():
    found = taught(outlined("cold tier: cheap, for archives, kept from 2 days up to 90 days"))
    assert {subject for subject, *_ in found} == {f"{SERVICE} cold tier"}


def test_an_aside_in_brackets_is_not_part_of_the_attribute():
    found = taught(outlined("Parcel retention: up to 90 days (yes really)"))
    assert found == [(SERVICE, "maximum parcel retention", "90", "days")]


# --- structure of an FAQ and of a review sheet --------------------------------------------------


def test_a_vendor_named_sub_heading_under_a_document_title_is_a_topic_of_its_own():
    text = "# FAQ and exam tips\n\n## AWS Zephyr\n\n- Parcel retention: up to 90 days\n"
    assert [s.title for s in sections(text)] == ["AWS Zephyr"]


def test_a_sub_heading_that_names_an_aspect_stays_with_its_service():
    text = "# Acme Relay\n\n## Limits\n\n- Parcel retention: up to 90 days\n"
    assert [s.title for s in sections(text)] == [SERVICE]


def test_an_answer_particle_is_not_part_of_the_answer():
    text = f"# {SERVICE}\n\n**Q: Is a hop synchronous?**\nA: No, asynchronous. The relay returns at once.\n"
    answers = [line.text for line in parse_notes(text) if line.depth == 1]
    assert answers and answers[0].startswith("asynchronous")


def test_the_lines_right_below_an_answer_go_on_with_it():
    text = f"# {SERVICE}\n\n**Q: How long are parcels kept?**\nA: The relay keeps each parcel for\nninety days, then deletes it.\n"
    answers = [line.text for line in parse_notes(text) if line.depth == 1]
    assert answers == ["The relay keeps each parcel for ninety days, then deletes it."]


def test_a_question_never_becomes_part_of_the_subject():
    text = f"# {SERVICE}\n\n**Q: How far back can I look?**\nA: The relay keeps parcels for 90 days.\n"
    assert {f.subject for f in facts_in(text)} == {SERVICE}


# --- enumerations and definitions --------------------------------------------------------------


def test_a_plural_label_over_three_short_names_is_an_enumeration():
    found = facts_in(outlined("Targets: hub IDs, tags or hub groups"))
    assert [(f.attribute, f.value) for f in found] == [("targets", "hub IDs, tags, hub groups")]


def test_a_heading_that_counts_its_kinds_enumerates_the_top_lines_below_it():
    text = (
        "# Acme Relay routing (three modes)\n\n- Ring\n  - every hub forwards to the next\n- Star\n"
        "  - one hub forwards to all\n- Mesh\n  - every hub forwards to every hub\n"
        "- A relay uses one mode at a time\n"
    )
    enumerations = [(f.attribute, f.value) for f in facts_in(text) if f.kind == "concept"]
    assert ("modes", "Ring, Star, Mesh") in enumerations


def test_what_it_is_defines_the_subject_itself():
    found = facts_in(f"[{SERVICE}]\nwhat: a relay that forwards parcels between hubs\n")
    assert [(f.subject, f.attribute, f.value) for f in found] == [
        (SERVICE, "definition", "a relay that forwards parcels between hubs")
    ]


def test_a_one_word_lowercase_gloss_is_a_property_not_a_meaning():
    found = facts_in(f"[{SERVICE}]\nrouting = transitive\n")
    assert [(f.attribute, f.value, f.qualifier) for f in found] == [("routing", "transitive", "")]


def test_what_a_term_includes_is_no_definition_of_it():
    assert facts_in(f"[{SERVICE}]\nHub console: includes free TLS certificates\n") == []


def test_a_term_and_what_it_does_after_an_arrow_is_a_definition():
    found = facts_in(f"[{SERVICE}]\nhop gateway → routes parcels to the next ring\n")
    assert [(f.attribute, f.value) for f in found] == [("hop gateway", "routes parcels to the next ring")]


def test_a_participle_is_never_the_name_of_a_quantity():
    assert taught(outlined("Unused hub capacity, sold at up to 90 % off the list price")) == []


# --- what a number measures, from the words around it -----------------------------------------


def test_looking_at_the_last_days_is_a_lookback_period():
    assert taught(outlined("Looks at the last 14 days by default")) == [
        (SERVICE, "default lookback period", "14", "days")
    ]


def test_a_bare_count_per_scope_counts_the_things_its_parent_bullet_names():
    text = f"# {SERVICE}\n\n- Static hubs\n  - up to 5 per account in each Region\n"
    assert taught(text) == [(SERVICE, "maximum static hubs per account per Region", "5", "")]


def test_a_bracket_that_restates_the_value_in_words_is_no_variant():
    found = taught(outlined("Parcel retention: up to 93 days (about three months)"))
    assert found == [(SERVICE, "maximum parcel retention", "93", "days")]


def test_an_faq_question_names_what_its_answer_opens_with():
    text = f"# {SERVICE}\n\n**Q: How much history does the hub graph hold?**\nA: Up to one year.\n"
    assert taught(text) == [(SERVICE, "maximum hub graph history", "1", "year")]


def test_a_value_the_line_denies_is_never_taught():
    text = (
        f"# {SERVICE}\n\n**Q: How much history does the hub graph hold?**\n"
        "A: Up to one year. Not 30 days: 30 days is the length of the trial.\n"
    )
    assert [value for _s, _a, value, unit in taught(text)] == ["1"]


# --- modes -------------------------------------------------------------------------------------


def test_how_events_arrive_is_their_delivery_mode():
    found = facts_in(outlined("Hub events come asynchronously, so nothing waits for them."))
    assert [(f.kind, f.attribute, f.value) for f in found] == [
        ("invocation", "event delivery", "asynchronous")
    ]


def test_a_yes_no_question_about_a_call_mode_scopes_its_answer():
    text = f"# {SERVICE}\n\n**Q: Is a job synchronous?**\nA: No, asynchronous. CreateJob returns an ID at once.\n"
    found = facts_in(text)
    assert [(f.subject, f.attribute, f.value) for f in found] == [
        (f"{SERVICE} job", "invocation model", "asynchronous")
    ]


def test_a_clause_opening_word_is_not_part_of_what_a_mode_is_about():
    found = facts_in(outlined("the index refreshes every second, so searches are eventually consistent"))
    assert all(" so " not in f" {f.subject} " for f in found if f.kind == "consistency"), found
    assert any(f.kind == "consistency" for f in found)


# --- verb frames -------------------------------------------------------------------------------


def _frames(line: str) -> list[tuple[str, str, str]]:
    return [(f.subject, f.attribute, f.value) for f in facts_in(outlined(line)) if f.kind == "concept"]


def test_what_a_thing_used_to_be_called_is_its_former_name():
    assert _frames("It used to be called the Parcel Switch (renamed later).") == [
        (SERVICE, "former name", "Parcel Switch")
    ]


def test_a_former_name_in_brackets_belongs_to_the_words_before_the_bracket():
    assert _frames("hub rules (the old name was hub filters), two kinds") == [
        (f"{SERVICE} hub rule", "former name", "hub filters")
    ]


def test_how_a_part_is_billed_is_its_billing():
    assert _frames("Night mode is billed by the hour and stops when idle.") == [
        (f"{SERVICE} night mode", "billing", "hourly")
    ]


def test_what_you_query_it_with_is_its_query_language():
    assert _frames("you query it with SQL, and dashboards read the results.") == [
        (SERVICE, "query language", "SQL")
    ]


def test_a_successor_in_an_appositive_is_said_of_the_subject():
    assert _frames("File-based parcel routing, the successor to Parcel Router.") == [
        (SERVICE, "predecessor", "Parcel Router")
    ]


def test_one_passage_giving_one_bound_two_values_teaches_neither():
    text = f"# {SERVICE}\n\n- Small hubs\n  - up to 34 parcels\n- Large hubs\n  - up to 50 parcels\n"
    assert [
        f for f in facts_in(text) if f.kind == "limit" and not f.note and f.attribute == "maximum parcels"
    ] == []


def test_roman_numbering_is_no_part_of_a_heading():
    text = "Week 12 outline\n\nII. Acme Relay\n   o hop limit: up to 12 hops\n"
    assert [s.title for s in sections(text) if s.lines and s.heading] == [SERVICE]


def test_the_rows_of_a_quota_table_are_maximums():
    text = f"# {SERVICE}\n\n| Quota | Value |\n|---|---|\n| Hubs per account | 50 |\n"
    assert taught(text) == [(SERVICE, "maximum hubs per account", "50", "")]


def test_a_child_line_that_only_bounds_names_its_parents_quantity():
    text = f"# {SERVICE}\n\n- parcels are kept for 4 days by default\n  - can be raised to 14 days\n"
    assert sorted(taught(text)) == [
        (SERVICE, "default parcels retention", "4", "days"),
        (SERVICE, "maximum parcels retention", "14", "days"),
    ]


# --- an instructor's recap sent by email -------------------------------------------------------

RECAP = (
    "From: Dr. Vale <vale@uni.example>\nSubject: Week 9 recap\n\nHi all,\n\n"
    "Acme Relay: the relay keeps each parcel for four days by default, and a single parcel\n"
    "can't exceed 256 KB, which matters for the exam.\n\nCheers,\nDr. Vale\n"
)


def test_an_emails_header_greeting_and_signature_are_furniture():
    texts = [line.text for line in parse_notes(RECAP)]
    assert not any(t.startswith(("From:", "Subject:", "Hi all", "Cheers", "Dr. Vale")) for t in texts), texts


def test_a_run_in_name_before_a_colon_heads_its_paragraph_in_a_file_without_headings():
    assert [s.title for s in sections(RECAP)] == [SERVICE]


def test_a_run_in_name_is_no_heading_once_the_file_has_headings_of_its_own():
    text = "# Acme Relay\n\nHop Table Rules: every hub keeps its own table of the hubs it may still reach.\n"
    assert [s.title for s in sections(text)] == [SERVICE]


def test_bandwidth_of_a_thing_is_read_with_its_unit():
    assert taught(outlined("each hub gets up to 10 Gbps of bandwidth")) == [
        (SERVICE, "maximum hub bandwidth", "10", "Gbps")
    ]


def test_packets_per_second_written_short_is_a_packet_rate():
    found = taught(outlined("scales to 2 million pps"))  # what it scales to is its ceiling
    assert [(attribute, unit) for _s, attribute, _v, unit in found] == [("maximum packet rate", "pps")]


def test_a_list_labelled_with_another_service_belongs_to_the_headings_service():
    found = facts_in("# AWS Backup\n\n- EC2 states: Fresh, Stale, Gone\n")
    assert [(f.subject, f.attribute) for f in found if f.kind == "concept"] == [("Backup", "EC2 states")]


def test_a_limit_repeating_another_services_name_under_a_heading_is_not_taught():
    text = "# AWS Backup\n\n- An EC2 instance needs at least 30 hours of history before its first plan\n"
    assert taught(text) == []


def test_a_recommendation_to_aim_for_is_no_limit():
    assert taught(outlined("aim for parcels between 10 and 50 KB each")) == []
