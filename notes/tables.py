"""Markdown pipe tables read as outline lines, one line per cell, each at its row's source line.

A table is a header row, a ``|---|---|`` separator and rows of the same number of cells. Its shape
decides what each cell says and of what (the *scope*: the row or column entity the cell is about):

* two columns (``| Setting | Value |``): a key-value list, one ``"<label>: <value>"`` line per row;
* a value column (the second header is "Value", "Limit", "Default" ...): the first column names
  what each row measures, ``"<label>: <value> (<other cells>)"``, no scope;
* an empty top-left cell (``| | Standard tier | Advanced tier |``): the columns are the entities,
  ``"<row label>: <cell>"`` scoped by the column header;
* otherwise the rows are the entities (``| Option | Max payload | ... |``): ``"<column header>:
  <cell>"`` scoped by the row label.

A plain-text table (columns apart by tabs or aligned runs of spaces, three rows at least) is read the
same way when its first row is a header (no digit, the other rows have some), as a key-value list
when it has two columns, else as unsure lines. Empty and placeholder cells ("", "–", "n/a",
"(whole dataset)") say nothing and make no line. A table whose rows do
not all have the header's cells is not read with certainty: each row becomes one line with
``sure=False`` (its numbers are notes, never facts). Nothing here knows about services.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

__all__ = ["TableLine", "is_table_start", "read_aligned_table", "read_table"]

_ROW = re.compile(r"^\s*\|.*\|\s*$")
_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)+\|?\s*$")
_PLACEHOLDER = frozenset({"", "-", "–", "—", "n/a", "na", "?", "…", "..."})
# A header that names the value of what the first column lists: that column is an attribute.
_VALUE_HEADERS = re.compile(
    r"^(?:values?|limits?|quotas?|defaults?|default values?|settings?|amounts?|maximum|max|sizes?|"
    r"numbers?|counts?|durations?|figures?)$",
    re.IGNORECASE,
)


# A column header that says each row is a maximum ("| Quota | Value |", "| Resource | Limit |").
_LIMIT_HEADERS = re.compile(r"^(?:quotas?|limits?|hard limits?|maximum|max|max\.|ceiling)$", re.IGNORECASE)
_BOUND_WORDS = re.compile(
    r"\b(?:max|min|maximum|minimum|default|typical|average|lowest|highest|smallest|largest|shortest|"
    r"longest|at\s+most|at\s+least|up\s+to)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class TableLine:
    """One outline line a table row gives: its text, the entity it is about, whether it is sure."""

    number: int  # the row's 1-based source line
    raw: str  # the row as written
    text: str
    scope: str = ""  # the row label or column header the cell is about ("" for a key-value row)
    sure: bool = True


def _cells(line: str) -> list[str]:
    body = line.strip()
    body = body[1:] if body.startswith("|") else body
    body = body[:-1] if body.endswith("|") and not body.endswith("\\|") else body
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", body)]


def is_table_start(lines: Sequence[str], index: int) -> bool:
    """A header row at ``index`` followed by a separator row: a Markdown table starts here."""
    return (
        index + 1 < len(lines)
        and bool(_ROW.match(lines[index]))
        and bool(_SEPARATOR.match(lines[index + 1]))
        and len(_cells(lines[index])) >= 2
    )


def _said(cell: str) -> bool:
    """A cell that states something: not empty, not a placeholder, not only a remark in parentheses
    ("(whole dataset)" says the column does not apply)."""
    return cell.casefold() not in _PLACEHOLDER and not _REMARK.match(cell)


_REMARK = re.compile(r"^\([^()]*\)$")


def read_table(lines: Sequence[str], index: int, clean: Callable[[str], str]) -> tuple[list[TableLine], int]:
    """The outline lines of the table starting at ``index`` (see :func:`is_table_start`) and the index
    of the first line after it. ``clean`` cleans one cell's text."""
    header = [clean(cell) for cell in _cells(lines[index])]
    end = index + 2
    rows: list[tuple[int, str, list[str]]] = []
    while end < len(lines) and _ROW.match(lines[end]):
        rows.append((end + 1, lines[end], [clean(cell) for cell in _cells(lines[end])]))
        end += 1
    return _table_lines(header, rows), end


def _table_lines(header: list[str] | None, rows: list[tuple[int, str, list[str]]]) -> list[TableLine]:
    """The lines of a table's rows under its header; ``None``: a table without a header row, read
    only when it is a two-column key-value list."""
    width = len(header) if header is not None else 2
    if any(len(cells) != width for _, _, cells in rows):
        return [
            TableLine(number, raw, " · ".join(c for c in cells if _said(c)), sure=False)
            for number, raw, cells in rows
            if any(_said(c) for c in cells)
        ]
    out: list[TableLine] = []
    for number, raw, cells in rows:
        label, rest = cells[0], cells[1:]
        if not _said(label):
            continue
        lines = _row_lines(header or ["", ""], label, rest)
        out.extend(TableLine(number, raw, text, scope) for text, scope in lines)
    return out


# Cells of a plain-text table: columns apart by a tab or by two spaces or more.
_GAP = re.compile(r"\t+| {2,}")
_ALIGNED_ROWS = 3  # a header and two rows at least: fewer aligned lines may be chance
_DIGIT = re.compile(r"\d")


def _aligned_cells(line: str) -> tuple[list[str], tuple[int, ...]] | None:
    """The cells of one plain-text table row and where its cells after the first start; None for a
    line of one cell."""
    body = line.rstrip()
    indent = len(body) - len(body.lstrip())
    starts = tuple(m.end() for m in _GAP.finditer(body, indent))
    cells = [c.strip() for c in _GAP.split(body.strip())]
    if not starts or len(cells) < 2 or not all(cells):
        return None
    return cells, () if "\t" in body else starts


def read_aligned_table(
    lines: Sequence[str], index: int, clean: Callable[[str], str], *, skip: Callable[[str], bool]
) -> tuple[list[TableLine], int] | None:
    """A plain-text table starting at ``index``: three lines or more in a row, each split into the
    same number of cells by tabs or runs of spaces, whose columns start at the same places; the first
    row is its header when it holds no digit and the others do. None when no such table starts here.
    ``skip`` tells a line that cannot be a row (a bullet, a heading)."""
    rows: list[tuple[int, str, list[str]]] = []
    starts: tuple[int, ...] | None = None
    end = index
    while end < len(lines) and lines[end].strip() and not skip(lines[end]):
        found = _aligned_cells(lines[end])
        if found is None or (rows and len(found[0]) != len(rows[0][2])):
            break
        if starts is None:
            starts = found[1]
        elif found[1] != starts:
            break
        rows.append((end + 1, lines[end], found[0]))
        end += 1
    if len(rows) < _ALIGNED_ROWS:
        return None
    cleaned = [(number, raw, [clean(cell) for cell in cells]) for number, raw, cells in rows]
    first = cleaned[0][2]
    if not any(_DIGIT.search(c) for c in first) and all(
        any(_DIGIT.search(c) for c in r[2]) for r in cleaned[1:]
    ):
        return _table_lines(first, cleaned[1:]), end
    if len(first) == 2:
        return _table_lines(None, cleaned), end
    return [
        TableLine(n, raw, " · ".join(c for c in cells if _said(c)), sure=False) for n, raw, cells in cleaned
    ], end


def _row_lines(header: list[str], label: str, rest: list[str]) -> list[tuple[str, str]]:
    """(text, scope) of each said cell of one row."""
    said = [(head, cell) for head, cell in zip(header[1:], rest, strict=True) if _said(cell)]
    if not said:
        return []
    if len(header) == 2 or _VALUE_HEADERS.match(header[1]):
        value = rest[0]
        if not _said(value):
            return []
        if any(_LIMIT_HEADERS.match(h) for h in header[:2]) and not _BOUND_WORDS.search(label):
            label = f"{label} (max)"  # "| Quota | Value |": each row is a maximum
        others = [cell for cell in rest[1:] if _said(cell)]
        return [(f"{label}: {value}" + (f" ({'; '.join(others)})" if others else ""), "")]
    if not header[0]:
        return [(f"{label}: {cell}", head) for head, cell in said if head]
    return [(f"{head}: {cell}", label) for head, cell in said if head]
