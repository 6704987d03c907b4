"""Issue 13 coverage rules of the general limit reader, each on notes of our own words.

The services are made up ("Acme Relay", "Quarry Store") so no table can know them; the few tests that
need a function service name the catalogue's "Lambda" only where the rule is about invocation modes.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from notes.facts import extract_facts, modes
from notes.facts.quantities import NUMBER_WORDS, _scan_quantities
from notes.outline import FactDraft
from notes.parser import parse_notes
from notes.topics import segment_topics

SERVICE = "Acme Relay"


def facts_of(*lines: str, heading: str = SERVICE) -> list[FactDraft]:
    text = f"# {heading}\n\n" + "\n".join(f"- {line}" for line in lines) + "\n"
    return [fact for section in segment_topics(parse_notes(text)) for fact in extract_facts(section)]


def taught(*lines: str, heading: str = SERVICE) -> set[tuple[str, str, str]]:
    """(attribute, value, unit) of each taught limit."""
    return {
        (f.attribute, f.value, f.unit)
        for f in facts_of(*lines, heading=heading)
        if f.kind == "limit" and not f.note
    }


# --- one table of number words (D6) -----------------------------------------------------------------


def test_the_retry_reader_uses_the_quantity_grammars_number_words():
    assert all(NUMBER_WORDS[word] == n for word, n in modes.NUMBER_WORDS.items() if word in NUMBER_WORDS)


def test_the_retry_reader_keeps_its_own_words_for_tries():
    assert {word: modes.NUMBER_WORDS[word] for word in ("no", "once", "twice")} == {
        "no": 0,
        "once": 1,
        "twice": 2,
    }


@pytest.mark.parametrize("word", [w for w, n in NUMBER_WORDS.items() if n <= modes.RETRY_WORD_LIMIT])
def test_every_number_word_up_to_the_limit_is_a_retry_count(word):
    text = f"# Acme Relay\n\n- A failed job retries {word} times\n"
    facts = [
        f for s in segment_topics(parse_notes(text)) for f in extract_facts(s) if "retries" in f.attribute
    ]
    assert [f.magnitude for f in facts] == [float(NUMBER_WORDS[word])]


@pytest.mark.parametrize("word", [w for w, n in NUMBER_WORDS.items() if n > modes.RETRY_WORD_LIMIT])
def test_a_number_word_past_the_limit_is_no_retry_count_of_the_retry_reader(word):
    assert modes._count(word) is None


@given(word=st.sampled_from(sorted(NUMBER_WORDS)))
def test_every_number_word_is_read_as_its_value(word):
    [qty] = _scan_quantities(f"{word} seconds")
    assert (qty.high, qty.dimension) == (float(NUMBER_WORDS[word]), "time")


# --- flows and generic words ------------------------------------------------------------------------


def test_a_flow_noun_after_a_size_names_the_measure():
    assert ("ingestion per partition", "4", "MB") in taught("1 partition : 4MB ingestion")


def test_a_measure_word_after_a_flow_noun_adds_nothing():
    assert ("egress per partition", "8", "MB") in taught("1 partition : 8MB egress capacity")


def test_the_generic_word_data_does_not_narrow_an_attribute():
    assert ("availability", "99.5", "%") in taught("Data availability (99.5%)")


# --- who acts, and what a verb of change counts ---------------------------------------------------


def test_the_service_before_the_verb_is_the_subject_of_the_clause():
    facts = facts_of("For a Quarry queue Lambda adds 40 more workers per minute", heading="Acme Relay")
    assert {(f.subject, f.attribute) for f in facts if f.kind == "limit" and not f.note} == {
        ("Lambda", "workers added per minute")
    }


def test_a_service_not_before_a_verb_leaves_the_line_subject():
    facts = facts_of("Workers per minute for Lambda: 40")
    assert all(f.subject == SERVICE for f in facts if f.kind == "limit")


def test_a_verb_of_change_names_what_a_rate_counts():
    assert ("nodes removed per hour", "3", "") in taught("The pool removes 3 nodes per hour")


# --- scopes: "with X" / "without X" ---------------------------------------------------------------


def test_a_scope_after_a_quantity_is_part_of_its_attribute():
    assert ("maximum upload size with compression", "40", "MB") in taught(
        "Upload size up to 40 MB with compression"
    )


def test_the_other_case_of_a_scope_takes_the_unit_before_it():
    found = taught("Up to 800 records per second with pipelining, 90 without")
    assert ("maximum record rate with pipelining", "800", "per second") in found
    assert ("maximum record rate without pipelining", "90", "per second") in found


def test_a_bare_number_with_a_scope_word_and_no_scope_before_is_not_taught():
    assert not taught("Writes go faster, 90 without")


def test_a_label_that_says_it_scales_bounds_a_rate():
    assert ("maximum job rate", "50", "per second") in taught("scales : 50 jobs per second")


# --- a label that names a resource scopes a bare value or a generic measure ------------------------


def notes_text(*lines: str) -> str:
    return "# Acme Relay\n\n" + "\n".join(lines) + "\n"


def taught_text(text: str) -> set[tuple[str, str, str]]:
    return {
        (f.attribute, f.value, f.unit)
        for s in segment_topics(parse_notes(text))
        for f in extract_facts(s)
        if f.kind == "limit" and not f.note
    }


def test_a_resource_label_names_a_bare_size_range_below_it():
    found = taught_text(notes_text("- Worker pool", "  - kept per region", "  - 2GB to 64GB"))
    assert {("minimum worker pool size", "2", "GB"), ("maximum worker pool size", "64", "GB")} <= found


def test_a_resource_label_narrows_a_generic_measure():
    assert ("maximum caching TTL", "2", "h") in taught_text(notes_text("- Caching", "  - TTL up to 2 hours"))


def test_a_label_that_is_no_resource_names_no_bare_size():
    assert not taught_text(notes_text("- Errors", "  - 2MB to 64MB"))


def test_a_flat_label_a_few_lines_above_scopes_a_bare_size():
    found = taught_text(notes_text("Caching", "", "kept per region", "", "1GB to 16GB"))
    assert ("maximum caching size", "16", "GB") in found


def test_a_plain_size_of_one_unit_of_data_is_its_maximum():
    assert ("maximum record size", "2", "MB") in taught("Record : 2MB")


def test_a_plain_size_of_something_else_stays_plain():
    assert ("environment size", "8", "KB") in taught("Environment: 8KB")


# --- "1 X per amount" ---------------------------------------------------------------------------


def test_one_thing_per_an_amount_is_the_amount_per_thing_named_by_the_parent():
    found = taught_text(notes_text("- Memory allocation", "  - 1 core per 2048MB"))
    assert ("memory per core", "2", "GB") in found


def test_one_thing_per_an_amount_without_a_measure_above_is_a_size_per_thing():
    assert ("size per shard", "4", "MB") in taught("1 shard per 4MB")


# --- bracketed variants and markers after a value -----------------------------------------------


def test_bracketed_variants_are_two_facts_with_the_variant_in_the_attribute():
    found = taught("Bundle size: 40 MB (zipped), 200 MB (unzipped)")
    assert {("bundle size (zipped)", "40", "MB"), ("bundle size (unzipped)", "200", "MB")} <= found


def test_a_variant_in_the_label_names_the_case():
    assert ("archive size (compressed)", "30", "MB") in taught("Archive size (compressed .zip): 30MB")


def test_a_remark_in_brackets_is_no_variant():
    assert not any("increasable" in a for a, _, _ in taught("Sessions: 400 (increasable)"))


def test_a_service_name_in_brackets_is_no_variant():
    assert not any("(" in a for a, _, _ in taught("Handshake timeout: 12 s (Lambda)"))


def test_the_label_bound_holds_for_each_case():
    found = taught("Max upload: 4 GB (single request), 4 TB (multipart)")
    assert ("maximum upload (multipart)", "4", "TB") in found


def test_a_default_marker_after_a_value_makes_it_the_default():
    assert ("default retention", "2", "days") in taught("Retention: 2 days (default)")


def test_a_bracket_that_says_what_a_measure_covers_leaves_the_label_naming_it():
    assert ("bundle size", "90", "MB") in taught("Size of the bundle (code and assets): 90MB")


def test_the_kind_of_thing_a_subject_is_does_not_narrow_an_attribute():
    assert ("archive size", "30", "MB") in taught("Acme Relay function archive size: 30MB")


# --- kinds named by sibling bullets (notes.facts.kinds) --------------------------------------------


def concepts_of(text: str) -> set[tuple[str, str]]:
    return {
        (f.attribute, f.value)
        for s in segment_topics(parse_notes(text))
        for f in extract_facts(s)
        if f.kind == "concept"
    }


def test_sibling_names_ending_in_one_plural_noun_are_its_kinds():
    text = notes_text(
        "- Keeps a ledger of every transfer",
        "- Acme Relay Hot Vaults",
        "  - fast, costly",
        "- Acme Relay Cold Vaults (archive)",
        "  - slow, cheap",
    )
    assert ("vault types", "Hot Vaults, Cold Vaults") in concepts_of(text)


def test_sibling_kinds_beside_another_name_are_not_all_the_kinds():
    text = notes_text("- Hot Vaults", "- Cold Vaults", "- Tape Library")
    assert not any(a == "vault types" for a, _ in concepts_of(text))


def test_the_noun_alone_names_no_kind():
    text = notes_text("- Vaults", "- Cold Vaults")
    assert not any(a == "vault types" for a, _ in concepts_of(text))


def test_names_of_other_services_are_not_kinds_of_the_subjects_thing():
    text = notes_text("- DynamoDB Streams", "- Kinesis Data Streams")
    assert not any(a == "stream types" for a, _ in concepts_of(text))


# --- a timeout status code -------------------------------------------------------------------------


def test_a_failures_duration_on_a_timeout_status_line_is_the_timeout():
    found = taught_text(notes_text("- Errors", "  - 504 : upstream failure (45s)"))
    assert ("upstream timeout", "45", "s") in found


def test_a_failures_duration_on_another_status_line_is_not_taught():
    assert not taught_text(notes_text("- Errors", "  - 502 : upstream failure (45s)"))


# --- a window reaching back ---------------------------------------------------------------------


def test_a_duration_reaching_back_is_a_window_of_what_the_parent_names_last():
    found = taught_text(notes_text("- Backups using snapshot restore", "  - enabled for the last 21 days"))
    assert ("snapshot restore window", "21", "days") in found


def test_a_duration_reaching_back_with_no_parent_is_not_taught():
    assert not taught("Reads over the last 5 minutes are cached")


# --- a variant parent narrows the subject of its limits --------------------------------------------


def subjects_of(text: str) -> set[tuple[str, str]]:
    return {
        (f.subject, f.attribute)
        for s in segment_topics(parse_notes(text))
        for f in extract_facts(s)
        if f.kind == "limit" and not f.note
    }


def test_a_variant_parent_narrows_the_subject_of_its_limits():
    found = subjects_of(notes_text("- Premium", "  - messages up to 2MB in size"))
    assert ("Acme Relay premium", "maximum message size") in found


def test_a_topic_parent_does_not_narrow_the_subject():
    found = subjects_of(notes_text("- Caching", "  - TTL up to 2 hours"))
    assert {subject for subject, _ in found} == {SERVICE}


def test_words_after_a_value_keep_a_resource_label_from_naming_it():
    assert not taught_text(notes_text("- Disk space", "  - 512MB storage available as scratch"))
