"""Markdown pipe tables read as outline lines (notes.tables through notes.parser), no database."""

from __future__ import annotations

from notes.facts import extract_facts
from notes.facts.context import _contexts
from notes.parser import parse_notes
from notes.topics import segment_topics

MATRIX = """## Acme Widget

| Mode | Max body | Retries |
|---|---|---|
| Quick mode | 2 MB | 3 |
| Slow mode | – | (not applicable) |
"""


def body(text):
    return [line for line in parse_notes(text) if not line.is_heading]


def test_each_cell_of_a_row_becomes_a_line_headed_by_its_column():
    assert [line.text for line in body(MATRIX)] == ["Max body: 2 MB", "Retries: 3"]


def test_a_cell_line_keeps_the_source_line_of_its_row():
    assert {line.number for line in body(MATRIX)} == {5}


def test_the_row_label_is_the_scope_and_the_parent_of_its_cells():
    line = body(MATRIX)[0]
    assert (line.scope, line.path, line.depth) == ("Quick mode", ("Quick mode",), 1)


def test_dash_and_parenthesised_cells_make_no_line():
    assert all(line.scope != "Slow mode" for line in body(MATRIX))


def test_a_two_column_table_is_a_key_value_list():
    text = "## Acme Widget\n\n| Setting | Value |\n|---|---|\n| Body size | 2 MB |\n"
    (line,) = body(text)
    assert (line.text, line.scope, line.number) == ("Body size: 2 MB", "", 5)


def test_a_value_column_names_the_rows_measure_and_keeps_remarks_in_parentheses():
    text = "## Acme Widget\n\n| Quota | Value | Remark |\n|---|---|---|\n| Body size | 2 MB | fixed |\n"
    (line,) = body(text)
    assert (line.text, line.scope) == ("Body size (max): 2 MB (fixed)", "")  # a quota is a maximum


def test_an_empty_corner_cell_makes_the_columns_the_scopes():
    text = "## Acme Widget\n\n| | Small tier | Large tier |\n|---|---|---|\n| Body size | 2 MB | 8 MB |\n"
    lines = body(text)
    assert [(line.scope, line.text) for line in lines] == [
        ("Small tier", "Body size: 2 MB"),
        ("Large tier", "Body size: 8 MB"),
    ]


def test_a_ragged_table_is_kept_as_unsure_lines():
    text = "## Acme Widget\n\n| Mode | Max body |\n|---|---|\n| Quick mode | 2 MB | 3 |\n"
    (line,) = body(text)
    assert not line.sure


def test_rows_without_a_separator_are_no_table():
    text = "## Acme Widget\n\n| Mode | Max body |\n| Quick mode | 2 MB |\n"
    assert all(line.scope == "" for line in body(text))


def test_the_scope_narrows_the_subject_of_a_cell():
    (section,) = segment_topics(parse_notes(MATRIX.replace("Acme Widget", "Amazon SQS")))
    subjects = {ctx.line.text: ctx.subject for ctx in _contexts(section)}
    assert subjects["Max body: 2 MB"] == "SQS Quick mode"


def test_an_unsure_row_makes_an_unsure_context():
    text = "## Amazon SQS\n\n| Mode | Max body |\n|---|---|\n| Quick mode | 2 MB | 3 |\n"
    (section,) = segment_topics(parse_notes(text))
    assert [ctx.sure for ctx in _contexts(section)] == [False]


def test_a_limit_read_from_a_cell_cites_its_row_and_is_about_the_row():
    (section,) = segment_topics(parse_notes(MATRIX.replace("Acme Widget", "Amazon SQS")))
    facts = [f for f in extract_facts(section) if f.kind == "limit" and not f.note and f.unit == "MB"]
    assert [(f.subject, f.value, f.lines) for f in facts] == [("SQS Quick mode", "2", (5,))]


ALIGNED = """Acme Widget

Mode          Max body    Retries
Quick mode    2 MB        3
Slow mode     8 MB        5
"""


def test_an_aligned_plain_text_table_is_read_like_a_pipe_table():
    lines = [line for line in body(ALIGNED) if line.scope]
    assert [(line.scope, line.text, line.number) for line in lines][:2] == [
        ("Quick mode", "Max body: 2 MB", 4),
        ("Quick mode", "Retries: 3", 4),
    ]


def test_a_tab_separated_table_is_read_like_a_pipe_table():
    text = "Acme Widget\n\nMode\tMax body\nQuick mode\t2 MB\nSlow mode\t8 MB\n"
    assert [line.text for line in body(text)] == ["Quick mode: 2 MB", "Slow mode: 8 MB"]


def test_lines_whose_gaps_do_not_line_up_are_no_table():
    text = "Acme Widget\n\nIt keeps  2 copies.\nThe second one  stays 3 days.\nNothing  else.\n"
    assert all(line.scope == "" and line.sure for line in body(text))


def test_ragged_tab_residue_of_a_diagram_is_still_dropped():
    text = "Acme Widget\n\n- point one\nBox a\tBox b\tBox c\nArrow\tBox d\nBox e\tBox f\tBox g\tBox h\n"
    assert [line.text for line in body(text)] == ["point one"]
