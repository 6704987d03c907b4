"""Table rows: each cell of a row read with the header of its column.

A Markdown table gives a cell its meaning through its column's header and its row's first cell:

* the header names the measure ("| Option | Max payload | Max timeout |"): the cell is that
  measure of the row's thing, "Max payload: 6 MB" about the subject's row ("Real-time" variant);
* the header names a variant over an empty corner ("| | Standard tier | Advanced tier |"): the cell is the row's measure
  ("Parameters per account: 10,000") of that variant of the subject;
* the header is a plain value column ("| Quota | Value | Remark |", or "Default", "Maximum"): the
  cell is the row's measure, bounded by the header's word when it is one.

Each cell becomes a "label: value" line read by the line reader (so every rule about qualifiers,
hedges and notes holds for it); the facts quote the row as written. A row with no header above it,
or with cells the header does not match, is left to the line reader.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from notes.facts.consistency import _join
from notes.facts.context import _Ctx
from notes.facts.limit_names import _DURATION_WORDS, _MEASURE_WORDS, _name
from notes.facts.limit_rules import BARE_MEASURES
from notes.facts.quantities import may_have_quantity
from notes.outline import FactDraft

_I = re.IGNORECASE
_SEPARATOR_RE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
# A header over plain values: the row's first cell names the measure, the word may bound it.
_VALUE_HEADER_RE = re.compile(
    r"^(?:value|values|limit|quota|setting|(?P<bound>default|max(?:imum)?|min(?:imum)?))$", _I
)


def _cells(text: str) -> list[str] | None:
    text = text.strip()
    if not (text.startswith("|") and text.endswith("|")) or _SEPARATOR_RE.match(text):
        return None
    return [c.strip() for c in text[1:-1].split("|")]


def _header(ctx: _Ctx, width: int) -> list[str] | None:
    """The first row of the table the line is in (the farthest table row right above it)."""
    header = None
    for text in ctx.window:
        if _SEPARATOR_RE.match(text.strip()):
            continue
        cells = _cells(text)
        if cells is None:
            break
        header = cells
    return header if header is not None and len(header) == width else None


def _names_measure(text: str) -> bool:
    return bool(_MEASURE_WORDS.search(text) or _DURATION_WORDS.search(text) or BARE_MEASURES.search(text))


def _is_variant(text: str) -> bool:
    return 0 < len(text.split()) <= 3 and not re.search(r"[\d:=(),.;]", text)


def table_facts(ctx: _Ctx, read: Callable[[_Ctx], list[FactDraft]]) -> list[FactDraft] | None:
    """The facts of a table row's cells, each read by ``read`` as "header: cell" or "row: cell";
    None when the line is no row under a header."""
    cells = _cells(ctx.line.text)
    if cells is None or len(cells) < 3:
        return None
    header = _header(ctx, len(cells))
    if header is None or header == cells or not _name(cells[0]):
        return None
    facts: list[FactDraft] = []
    for head, cell in zip(header[1:], cells[1:], strict=True):
        if not may_have_quantity(cell) or not head:
            continue
        value_column = _VALUE_HEADER_RE.match(head)
        if value_column:
            bound = value_column.group("bound")
            label, subject = f"{bound} {cells[0]}" if bound else cells[0], ctx.subject
        elif _names_measure(head):
            label, subject = head, _join(ctx.subject, cells[0]) if _is_variant(cells[0]) else ""
        elif _is_variant(head) and not header[0]:  # "| | Standard | Advanced |": variants side by side
            label, subject = cells[0], _join(ctx.subject, head)
        else:
            continue
        if not subject or subject == ctx.subject and not value_column:
            continue  # the row or column names no case of the subject: whose value is it?
        cell_ctx = replace(ctx, subject=subject, line=replace(ctx.line, text=f"{label}: {cell}"))
        facts.extend(replace(f, text=ctx.line.text) for f in read(cell_ctx))
    return facts
