"""Plain data passed between the note parser, the topic segmenter and the fact extractor.

Nothing here touches the database: the pipeline is parse (text -> NoteLine list) -> segment
(NoteLine list -> TopicSection list) -> extract (TopicSection -> FactDraft list); the ingestion
service in ``notes.services`` stores the result.
"""

from __future__ import annotations

from dataclasses import dataclass, field

FACT_KINDS = ("limit", "invocation", "consistency", "concept")


@dataclass(frozen=True, slots=True)
class NoteLine:
    """One kept line of a source file after cleaning (noise is never a NoteLine)."""

    number: int  # 1-based line number in the source file
    depth: int  # 0 for headings and top-level lines, +1 per outline level
    text: str  # cleaned text: bullet marker removed, LaTeX turned into symbols, markup stripped
    raw: str  # the original line, unchanged
    is_heading: bool = False
    path: tuple[str, ...] = ()  # cleaned texts of the outline ancestors, outermost first (no topic heading)
    last: int = 0  # hard-wrapped prose joined into this line: the number of its last source line
    scope: str = (
        ""  # the entity the structure says the line is about: a table row or column, a lead-in parent
    )
    sure: bool = True  # False for a line the parser could not read with certainty (a ragged table row)
    cell: bool = False  # a table cell's line ("<column header>: <cell>", see notes.tables)


@dataclass(slots=True)
class TopicSection:
    """A passage of one source about one topic (one AWS service or concept)."""

    slug: str  # canonical topic slug, e.g. "lambda", "sqs", "api-gateway"
    title: str  # canonical title, e.g. "AWS Lambda", "Amazon SQS"
    heading: NoteLine | None  # the heading line that opened the passage, if any
    lines: list[NoteLine] = field(default_factory=list)  # body lines, heading excluded


@dataclass(frozen=True, slots=True)
class FactDraft:
    """A fact stated by one or more lines of one source.

    Facts from different sources with the same (topic, subject, attribute) are the same fact;
    when their normalised values differ, that is a conflict.
    """

    kind: str  # one of FACT_KINDS
    topic: str  # topic slug
    subject: str  # what the fact is about, e.g. "Lambda", "SQS FIFO queue", "S3"
    attribute: str  # canonical attribute, e.g. "maximum execution time", "invocation model"
    value: str  # display value, e.g. "900", "asynchronous", "eventually consistent"
    unit: str = ""  # display unit for limits, e.g. "s", "MB", "KB", "days"; "" otherwise
    magnitude: float | None = None  # limits: value in the base unit of its dimension (s, bytes, count)
    dimension: str = ""  # limits: "time", "size", "count", "rate", "percent"; "" otherwise
    text: str = ""  # the cleaned line(s) that state it
    lines: tuple[int, ...] = ()  # 1-based source line numbers stating it
    qualifier: str = ""  # limits: "maximum", "minimum", "default", "typical" or "" (a plain value)
    evidence: tuple[str, ...] = ()  # the heading and parent lines that named the subject, outermost first
    note: bool = False  # a number the reader is not sure of: shown on the topic page, never taught
