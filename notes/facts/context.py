"""Line context: what a rule may look at for one line of a topic section.

Owns :class:`_Ctx` (the line, its section, heading, the few lines above and its scope subject),
how the scope subject is found (outline path, the line itself, the heading, the section slug),
and how a line is split into clauses and sub-clauses.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from notes.facts.subjects import _SLUG_SUBJECTS, _SUBJECT_TOPICS, _SUBJECTS
from notes.outline import NoteLine, TopicSection

_I = re.IGNORECASE


_WINDOW = 5  # previous lines of the section consulted for labels (flat outlines such as 003)
_NUMBERING_RE = re.compile(r"^\s*(?:\d{1,2}\.|[a-z]\.)\s+")
_LEADING_VENDOR_RE = re.compile(r"^(?:aws|amazon)\s+", _I)
# Clause boundaries: ";", sentence ends, and inline "2. " enumerations (speakerdeck transcripts).
_CLAUSE_SPLIT_RE = re.compile(r";\s*|(?<=[a-z)\]\"”%])\.\s+(?=\S)|\s(?=\d{1,2}\.\s+[A-Z])")
_SUBCLAUSE_SPLIT_RE = re.compile(r",\s+")


@dataclass(frozen=True, slots=True)
class _Ctx:
    """Everything a rule may look at for one line of a section."""

    line: NoteLine
    section_slug: str
    heading: str  # section heading text and title
    window: tuple[str, ...]  # previous lines of the section, nearest first
    subject: str  # scope subject, e.g. "Lambda", "Kinesis Data Streams"
    named_by: tuple[str, ...] = ()  # the heading and title line above that scope the line, outermost first

    @property
    def topic(self) -> str:
        return _SUBJECT_TOPICS.get(self.subject, self.section_slug)

    def label(self, options: Sequence[tuple[str, re.Pattern[str]]], clause: str) -> str | None:
        """The option whose pattern is nearest: clause, then path innermost first, then lines above."""
        for text in (clause, *reversed(self.line.path), *self.window):
            for key, pattern in options:
                if pattern.search(text):
                    return key
        return None

    def mentions(self, pattern: re.Pattern[str], clause: str) -> bool:
        return any(pattern.search(t) for t in (clause, *self.line.path, *self.window, self.heading))


@lru_cache(maxsize=8192)
def _subject_in(text: str, *, anchored: bool = False) -> str | None:
    text = _LEADING_VENDOR_RE.sub("", _NUMBERING_RE.sub("", text))
    for name, _slug, pattern in _SUBJECTS:
        match = pattern.search(text)
        if match and (not anchored or match.start() <= 4):
            return name
    return None


_COMPARISON_RE = re.compile(r"\bvs\.?\b|\bversus\b", _I)


# A line that only names a service ("Amazon RDS", "2. AWS Fargate", "ECS"): it scopes the lines below.
_TITLE_LINE_RE = re.compile(r"^(?:[Aa]mazon|AWS)\s+[A-Z0-9][\w.@/-]*(?:\s+[A-Z0-9][\w.@/-]*){0,3}$")
_SLIDE_RE = re.compile(r"^(?:slide|page|part|section|lecture|chapter)\s+\d+\s*[:.–-]\s*", _I)


def _title_name(text: str) -> str | None:
    """The service a title line names ("Amazon RDS", "2. AWS Fargate", "Slide 3: Amazon Redshift"),
    as written without its numbering; None for other lines."""
    text = _SLIDE_RE.sub("", _NUMBERING_RE.sub("", text).strip()).strip().rstrip(":")
    if not _TITLE_LINE_RE.match(text) or _COMPARISON_RE.search(text):
        return None
    return text


def _scope_subject(line: NoteLine, section: TopicSection, heading: str, title: str | None = None) -> str:
    for text in reversed(line.path):
        if _COMPARISON_RE.search(text):
            continue  # "SQS vs Kinesis" names two subjects: it scopes neither
        # A long parent that mentions a service late ("Serverless SQL over data in S3") is a sentence
        # about something else, not the name of the subject.
        found = _subject_in(text, anchored=len(text.split()) > 4)
        if found:
            return found
    found = None if _COMPARISON_RE.search(line.text) else _subject_in(line.text, anchored=True)
    if found:
        return found
    if title is not None:
        return _subject_in(title) or title
    found = _subject_in(heading)
    if found:
        return found
    if section.slug in _SLUG_SUBJECTS:
        return _SLUG_SUBJECTS[section.slug]
    named = _title_name(section.heading.text) if section.heading else None
    return named or section.title


def _contexts(section: TopicSection) -> Iterator[_Ctx]:
    heading = " ".join(t for t in ((section.heading.text if section.heading else ""), section.title) if t)
    previous: list[str] = []
    title: str | None = None
    for line in section.lines:
        if line.depth == 0 and not line.path:
            named = _title_name(line.text)
            if named is not None:
                title = named
        yield _Ctx(
            line=line,
            section_slug=section.slug,
            heading=heading,
            window=tuple(reversed(previous[-_WINDOW:])),
            subject=_scope_subject(line, section, heading, title),
            named_by=tuple(
                t for t in ((section.heading.text if section.heading else section.title), title) if t
            ),
        )
        previous.append(line.text)


def _clauses(text: str) -> list[str]:
    return [c.strip() for c in _CLAUSE_SPLIT_RE.split(text) if c and c.strip()]
