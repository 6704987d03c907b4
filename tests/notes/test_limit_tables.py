"""Table rows (notes.tables cell lines, read by the limit reader with their scope), on notes of our own."""

from __future__ import annotations

from notes.facts import extract_facts
from notes.parser import parse_notes
from notes.topics import segment_topics

SERVICE = "Acme Relay"


def taught(*rows: str) -> list[tuple[str, str, str, str]]:
    text = f"# {SERVICE}\n\n" + "\n".join(rows) + "\n"
    facts = [f for section in segment_topics(parse_notes(text)) for f in extract_facts(section)]
    return sorted(
        (f.subject, f.attribute, f.value, f.unit) for f in facts if f.kind == "limit" and not f.note
    )


def test_a_header_that_names_measures_reads_each_cell_as_that_measure_of_the_rows_case():
    assert taught(
        "| Mode | Max frame size | Max hold time | Ordered |",
        "|---|---|---|---|",
        "| Express relay | 2 MB | 30 seconds | no |",
    ) == [
        (f"{SERVICE} Express relay", "maximum frame size", "2", "MB"),
        (f"{SERVICE} Express relay", "maximum hold time", "30", "s"),
    ]


def test_variants_side_by_side_over_an_empty_corner_scope_the_rows_measure():
    assert taught(
        "| | Basic tier | Premium tier |",
        "|---|---|---|",
        "| Largest frame | 4 KB | 8 KB |",
    ) == [
        (f"{SERVICE} Basic tier", "maximum frame size", "4", "KB"),
        (f"{SERVICE} Premium tier", "maximum frame size", "8", "KB"),
    ]


def test_a_header_over_a_text_column_does_not_make_its_row_a_case_of_the_subject():
    rows = (
        "| Plan | What you get | Cost |",
        "|---|---|---|",
        "| Premium | 24/7 support | 1-year commitment |",
    )
    assert [s for s, *_ in taught(*rows) if s != SERVICE] == []


def test_a_largest_or_longest_label_is_a_maximum():
    assert taught("- Largest frame: 4 KB", "- Longest hold: 12 hours") == [
        (SERVICE, "maximum frame size", "4", "KB"),
        (SERVICE, "maximum hold", "12", "h"),
    ]


def test_a_row_label_whose_modifier_is_an_aspect_word_still_names_a_case():
    rows = ("| Mode | Max frame size | Ordered |", "|---|---|---|", "| Standard relay | 2 MB | no |")
    assert taught(*rows) == [(f"{SERVICE} Standard relay", "maximum frame size", "2", "MB")]
