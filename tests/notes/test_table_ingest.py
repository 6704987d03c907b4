"""A table's cells are stored as lines of their row, and the facts read from them cite that row."""

from __future__ import annotations

import pytest

from notes.models import FactStatement, SourceLine
from notes.services.ingest import ingest_bytes

pytestmark = pytest.mark.django_db

TABLE_NOTES = """## Amazon SQS

| Mode | Max body | Max wait |
|---|---|---|
| Quick mode | 2 MB | 2 MB |
| Slow mode | 8 MB | 20 seconds |
"""


def test_every_cell_is_stored_as_a_line_of_its_row():
    ingest_bytes(name="sqs.md", data=TABLE_NOTES.encode())
    numbers = sorted(SourceLine.objects.filter(is_heading=False).values_list("number", flat=True))
    assert numbers == [5, 5, 6, 6]


def test_a_fact_read_from_a_cell_cites_its_file_and_row():
    ingest_bytes(name="sqs.md", data=TABLE_NOTES.encode())
    statement = FactStatement.objects.get(fact__subject="SQS Slow mode", fact__magnitude=20)
    assert (statement.source.name, statement.line) == ("sqs.md", 6)
