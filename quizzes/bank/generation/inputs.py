"""Building the generator's inputs from plain rows: one code path for the app and the bench.

:func:`outline_contexts` gives each kept note line the outline above it (the section heading and the
parent bullets), :func:`fact_input` makes a :class:`FactIn` from a fact's fields, its statements
(file, line, value), the source lines they cite and its unresolved conflict sides. Each source ref
quotes its own line (never the whole multi-line text of a fact).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from .types import ConflictSide, FactIn, SourceRef


@dataclass(frozen=True, slots=True)
class OutlineRow:
    number: int
    depth: int
    is_heading: bool
    text: str


def outline_contexts(rows: Iterable[OutlineRow]) -> dict[int, tuple[str, ...]]:
    """Per line number of one source (rows in source order): the nearest heading above it and its
    parent bullets, outermost first."""
    contexts: dict[int, tuple[str, ...]] = {}
    heading = ""
    parents: list[str] = []
    rows = list(rows)
    split = {n for n, c in Counter(r.number for r in rows if not r.is_heading).items() if c > 1}
    for row in rows:
        text = " ".join(row.text.split())
        if row.is_heading:
            heading, parents = text, []
            contexts.setdefault(row.number, ())
            continue
        del parents[row.depth :]
        contexts.setdefault(row.number, tuple(([heading] if heading else []) + parents))
        if row.number not in split:
            parents.append(text)  # the cells of one table row are no parents of the next row's
    return contexts


def line_map(file: str, rows: Sequence[OutlineRow]) -> dict[tuple[str, int], tuple[str, tuple[str, ...]]]:
    """(file, line) -> (text, outline above it) for one source's rows in source order. A physical line
    the parser split into several kept lines (an inline numbered list) is quoted whole."""
    contexts = outline_contexts(rows)
    texts: dict[int, list[str]] = {}
    for row in rows:
        texts.setdefault(row.number, []).append(" ".join(row.text.split()))
    return {(file, number): (_joined(parts), contexts.get(number, ())) for number, parts in texts.items()}


_PART = "\n"  # between the cells of one table row (a source ref quotes the cell it states)


def _joined(parts: list[str]) -> str:
    """A split physical line as one text: the cells of a table row ("<header>: <cell>" each) kept
    apart, the items of an inline list joined into the sentence they came from."""
    return _PART.join(parts) if len(parts) > 1 and all(": " in p for p in parts) else " ".join(parts)


def _quoted(text: str, stated: str) -> str:
    """The part of a physical line a statement quotes: its own cell when the line was a table row
    ("Max processing time: 1 hour"), else the whole line."""
    parts = text.split(_PART)
    said = " ".join(stated.split("\n")[0].split())
    return said if len(parts) > 1 and said in parts else " ".join(parts)


@dataclass(frozen=True, slots=True)
class StatementRow:
    file: str
    line: int
    value: str = ""
    text: str = ""  # the fact's text as the reader stored it (used when the line itself is unknown)


def source_refs(
    statements: Sequence[StatementRow], lines: Mapping[tuple[str, int], tuple[str, tuple[str, ...]]]
) -> tuple[SourceRef, ...]:
    refs: dict[tuple[str, int], SourceRef] = {}
    for st in statements:
        if st.line < 1:
            continue
        text, context = lines.get((st.file, st.line), (st.text.split("\n")[0], ()))
        refs.setdefault((st.file, st.line), SourceRef(st.file, st.line, _quoted(text, st.text), context))
    return tuple(refs.values())


def fact_input(
    *,
    key: str,
    topic: str,
    kind: str,
    subject: str,
    attribute: str,
    value: str,
    unit: str = "",
    magnitude: float | None = None,
    dimension: str = "",
    text: str = "",
    qualifier: str = "",
    statements: Sequence[StatementRow] = (),
    lines: Mapping[tuple[str, int], tuple[str, tuple[str, ...]]] | None = None,
    conflict: Sequence[Mapping[str, object]] = (),
    previous_value: str = "",
    previous_unit: str = "",
) -> FactIn:
    """A generator input; ``conflict`` holds the sides of an unresolved conflict (``value``, ``unit``,
    ``sources``: dicts with ``file``, ``line``, ``text``), empty when the sources agree."""
    lines = lines or {}
    sides = tuple(
        ConflictSide(
            value=str(side.get("value", "")),
            unit=str(side.get("unit", "")),
            sources=source_refs(
                [
                    StatementRow(str(s["file"]), int(s["line"]), text=str(s.get("text", "")))
                    for s in side.get("sources", [])  # type: ignore[union-attr]
                ],
                lines,
            ),
        )
        for side in conflict
    )
    return FactIn(
        key=key,
        topic=topic,
        kind=kind,
        subject=subject,
        attribute=attribute,
        value=value,
        unit=unit,
        magnitude=magnitude,
        dimension=dimension,
        text=text,
        sources=source_refs(statements, lines),
        conflict=sides,
        previous_value=previous_value,
        previous_unit=previous_unit,
        stated_values=tuple(dict.fromkeys(st.value for st in statements if st.value)) or (value,),
        qualifier=qualifier,
    )
