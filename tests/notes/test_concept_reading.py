"""Concept facts from the general grammar (notes.facts.enumerations, notes.facts.definitions): lists
announced by a label, a count, "one of" or an FAQ question, and terms defined by "=", ":", a dash, an
arrow or an acronym's parenthesis. Every note here is made up; "Acme Relay" is no catalogue service.
"""

from __future__ import annotations

from notes.facts import extract_facts
from notes.outline import FactDraft
from notes.parser import parse_notes
from notes.topics import segment_topics


def facts_of(text: str) -> list[FactDraft]:
    return [fact for section in segment_topics(parse_notes(text)) for fact in extract_facts(section)]


def taught(text: str) -> set[tuple[str, str, str]]:
    return {(f.subject, f.attribute, f.value) for f in facts_of(text) if f.kind == "concept" and not f.note}


def relay(body: str) -> str:
    return f"# Acme Relay\n\n{body}"


# --- enumerations ----------------------------------------------------------------------------------


def test_a_counted_label_over_child_bullets_lists_them_with_their_symbols():
    text = relay("- Three lane kinds\n  - Fast lane\n  - Slow lane + buffer\n  - Buffer only\n")
    assert ("Acme Relay", "lane kinds", "Fast lane, Slow lane + buffer, Buffer only") in taught(text)


def test_a_count_that_disagrees_with_the_child_bullets_is_a_note():
    found = [
        f for f in facts_of(relay("- Four lane kinds\n  - Fast lane\n  - Slow lane\n")) if f.kind == "concept"
    ]
    assert found and all(f.note for f in found)


def test_children_that_are_short_lists_give_every_name():
    text = relay("- Stores\n  - ALPHA disks, BETA disks\n  - Gamma tapes\n")
    assert ("Acme Relay", "stores", "ALPHA disks, BETA disks, Gamma tapes") in taught(text)


def test_a_singular_closed_set_label_over_named_lines_is_pluralised():
    text = relay("- Lane status\n  - Green: all clear\n  - Amber: slow\n  - Red: stopped\n")
    assert ("Acme Relay", "lane statuses", "Green, Amber, Red") in taught(text)


def test_a_sentence_ending_in_a_count_announces_its_child_bullets():
    text = relay("- Sorts parcels into four bins\n  - Red\n  - Blue\n  - Green\n  - Grey\n")
    assert ("Acme Relay", "bins", "Red, Blue, Green, Grey") in taught(text)


def test_a_long_counted_phrase_takes_its_label_from_the_heading():
    text = (
        "# Amazon MQ delivery options\n\nAmazon MQ gives you three ways to hand a message over from a broker:\n\n"
        "- Courier\n- Locker\n- Pickup\n"
    )
    assert ("MQ", "delivery options", "Courier, Locker, Pickup") in taught(text)


def test_a_lower_case_list_under_a_closed_set_noun_is_split_on_middle_dots():
    assert ("Acme Relay", "billing periods", "daily, weekly, yearly") in taught(
        relay("- Billing periods: daily · weekly · yearly\n")
    )


def test_a_lower_case_list_under_a_plain_label_is_a_description():
    assert not [f for f in facts_of(relay("- Uses: sorting, routing, storing\n")) if f.attribute == "uses"]


def test_one_of_a_list_gives_the_values_of_its_noun():
    text = relay("Priority comes back as one of: `LOW`, `MID`, `HIGH`.\n")
    assert ("Acme Relay", "priority values", "LOW, MID, HIGH") in taught(text)


def test_a_count_inside_a_sentence_announces_the_list_after_its_colon():
    text = relay("A relay runs with one of two lane sets: fast lanes only, or all lanes.\n")
    assert ("Acme Relay", "lane sets", "fast lanes only, all lanes") in taught(text)


def test_kinds_of_a_noun_named_before_of_which_there_are():
    text = relay("Acme Relay has routing rules, of which there are three kinds: direct, fanout and topic.\n")
    assert ("Acme Relay", "routing rule types", "direct, fanout, topic") in taught(text)


def test_its_plural_noun_are_a_list():
    assert ("Acme Relay", "actors", "senders, brokers, readers") in taught(
        relay("Its actors are senders, brokers and readers.\n")
    )


def test_an_faq_question_names_the_list_its_answer_gives():
    text = relay(
        "Q: What kinds of receipts are there?\nA: Two: paper receipts (printed) and email receipts (sent).\n"
    )
    assert ("Acme Relay", "receipt types", "paper receipts, email receipts") in taught(text)


def test_a_label_under_a_defined_term_names_the_term():
    text = relay("- Parcel manifest = the list of what a parcel holds\n  - file formats: CSV, XML\n")
    assert ("Acme Relay", "parcel manifest file formats", "CSV, XML") in taught(text)


def test_a_list_beside_described_children_is_no_member():
    text = relay("- Phases\n  - Request Phase:\n    - checks the input\n  - ALPHA, BETA\n")
    assert not [f for f in facts_of(text) if f.attribute == "phases"]


# --- definitions -----------------------------------------------------------------------------------


def definitions(text: str) -> set[tuple[str, str, str]]:
    return {(f.subject, f.attribute, f.value) for f in facts_of(text) if f.qualifier == "definition"}


def test_an_equals_definition_keeps_its_first_clause():
    found = definitions(relay("- CDC = change data capture: changes are read from a log\n"))
    assert found == {("Acme Relay", "CDC", "change data capture")}


def test_an_acronym_before_its_expansion_in_parentheses():
    assert ("Acme Relay", "PML", "Parcel Markup Language") in definitions(
        relay("You can feed it PML (Parcel Markup Language) for pauses.\n")
    )


def test_an_expansion_before_its_acronym_in_parentheses():
    assert ("Acme Relay", "ARP", "Acme Route Planner") in definitions(
        relay("- convert the routes with the Acme Route Planner (ARP) first\n")
    )


def test_a_lower_case_term_before_a_dash_is_defined():
    text = relay("- Building blocks\n  - relay node – the managed server that forwards parcels\n")
    assert ("Acme Relay", "relay node", "the managed server that forwards parcels") in definitions(text)


def test_a_definition_drops_its_parenthesis():
    assert ("Acme Relay", "cold lane", "the slow path") in definitions(
        relay("- Cold lane: the slow path (for archives)\n")
    )


def test_a_lower_case_arrow_is_a_consequence_not_a_definition():
    assert not definitions(relay("- event intake → Sample Code\n"))


def test_an_faq_answer_defines_its_acronym():
    text = relay("Q: What is PMF?\nA: PMF = Parcel Manifest Format, the one JSON format every parcel uses.\n")
    assert ("Acme Relay", "PMF", "Parcel Manifest Format") in definitions(text)


def test_a_count_word_is_no_term():
    assert not definitions(relay("A: Two: paper receipts and email receipts.\n"))


def test_a_heading_that_names_no_service_lends_no_label_to_a_long_counted_phrase():
    text = "# Acme Relay delivery options\n\nAcme Relay gives you three ways to hand a parcel over:\n\n- Courier\n- Locker\n- Pickup\n"
    assert not [f for f in facts_of(text) if f.kind == "concept" and "Courier" in f.value]


def test_a_setting_with_one_option_marked_default_gives_its_options_and_default():
    found = taught(relay("- lane affinity: NONE (default) or STICKY\n"))
    assert {
        ("Acme Relay", "lane affinity options", "NONE, STICKY"),
        ("Acme Relay", "default lane affinity", "NONE"),
    } <= found


def test_a_heading_naming_a_thing_and_a_count_lists_its_top_lines():
    text = "# Relay Hub: two modes\n\n- Cached hubs\n  - kept near you\n- Stored hubs\n  - kept far away\n"
    assert ("Relay Hub", "modes", "Cached hubs, Stored hubs") in taught(text)


def test_a_closed_set_list_keeps_a_name_that_ends_in_a_preposition():
    assert ("Acme Relay", "schedule types", "one-time at, rate, cron") in taught(
        relay("- schedule types: one-time at, rate, cron\n")
    )


def test_a_term_that_opens_with_another_service_is_defined_in_the_parents_scope():
    text = "# AWS Storage Gateway\n\n- gateway types\n  - FSx File Gateway -> local cache in front of file shares\n"
    assert ("Storage Gateway", "FSx File Gateway", "local cache in front of file shares") in definitions(text)


def test_a_cell_of_a_table_of_entities_defines_nothing():
    text = relay(
        "| Option | How you reach it | Size |\n|---|---|---|\n| Bulk drop | Side door entrance | 2 GB |\n"
    )
    assert not [f for f in facts_of(text) if f.kind == "concept"]


def test_a_two_column_table_is_a_glossary():
    text = relay("| Term | Meaning |\n|---|---|\n| Drop zone | Shared holding area for parcels |\n")
    assert ("Acme Relay", "drop zone", "Shared holding area for parcels") in taught(text)
