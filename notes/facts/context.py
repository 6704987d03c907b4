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

from notes.facts.subjects import _ASPECT_WORDS, _SUBJECT_TOPICS, slug_subject, subject_in, subject_topic
from notes.outline import NoteLine, TopicSection
from notes.topics import find_topic_mentions

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
    sure: bool = True  # the subject comes from the line's own heading path, parents or words
    scope: str = ""  # the part of the subject the structure names: a table row or column, a bold lead-in

    @property
    def topic(self) -> str:
        return _SUBJECT_TOPICS.get(self.subject, self.section_slug) or self.section_slug

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
def _subject_in(
    text: str, *, anchored: bool = False, extend: bool = False, whole: bool = False, heading: bool = False
) -> str | None:
    """The catalogue subject a text names (:func:`notes.facts.subjects.subject_in`), read after its
    numbering, slide prefix and vendor."""
    text = _LEADING_VENDOR_RE.sub("", _SLIDE_RE.sub("", _NUMBERING_RE.sub("", text)))
    return subject_in(text, anchored=anchored, extend=extend, whole=whole, heading=heading)


def _narrower(found: str, context: str | None) -> str:
    """The subject a line names, or the heading's longer name of it ("FSx" under "FSx for Windows
    File Server" is the variant the heading names)."""
    if (
        context
        and context != found
        and context.casefold().startswith(found.casefold() + " ")
        and subject_topic(context) == subject_topic(found)
    ):
        return context
    return found


def short_name_of(subject: str) -> str:
    """The plain catalogue subject of the topic a subject belongs to ("DAX" -> "DynamoDB")."""
    slug = subject_topic(subject)
    return (slug_subject(slug) or subject) if slug else subject


def _part_of(found: str, line: NoteLine) -> str:
    """The part of the parents' service that the line itself names ("CloudFront Functions, ..." under
    "Edge functions ..."), else the parents' subject."""
    own = None if _COMPARISON_RE.search(line.text) else _subject_in(line.text, anchored=True)
    if own and own != found and own != short_name_of(own) and subject_topic(own) == subject_topic(found):
        return own
    return found


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


def _name_only(text: str) -> bool:
    """The text is one catalogue name and nothing else ("Amazon S3", "2. AWS Fargate:")."""
    text = _PAREN_RE.sub("", _NUMBERING_RE.sub("", text)).strip(" .:;,")
    mentions = [m for m in find_topic_mentions(text) if not m.concept]
    return len(mentions) == 1 and mentions[0].start == 0 and mentions[0].end >= len(text)


_PAREN_RE = re.compile(r"\s*\([^)]*\)")
_NAME_WORDS = 6  # a parent line this short that names a service is a name, and may name a variant


def _scope_subject(
    line: NoteLine, section: TopicSection, heading: str, title: str | None = None
) -> tuple[str, bool]:
    """The subject of a line and whether it is sure: from its parents, its own words, the title line
    above it or its section heading. A section with no heading (text before the first heading) has
    no heading to lend: a line there whose parents and words name nothing has an unsure subject."""
    headed = section.heading is not None
    heading_subject = (
        (_subject_in(section.heading.text, extend=True, heading=True) or _subject_in(heading))
        if headed
        else None
    )
    for text in reversed(line.path):
        if _COMPARISON_RE.search(text):
            continue  # "SQS vs Kinesis" names two subjects: it scopes neither
        # A long parent that mentions a service late ("Serverless SQL over data in S3") is a sentence
        # about something else, not the name of the subject.
        words = len(text.split())
        found = _subject_in(text, anchored=words > 4, extend=words <= _NAME_WORDS, whole=True)
        if found:
            return _narrower(_part_of(found, line), heading_subject), True
    found = None if _COMPARISON_RE.search(line.text) else _subject_in(line.text, anchored=True)
    if found and _name_only(line.text) and (line.path or title is not None or headed):
        found = None  # a line that only names a service is a member of the list above it
    if found:
        return _narrower(found, _subject_in(title, extend=True) if title else heading_subject), True
    if title is not None:
        return _subject_in(title, extend=True, whole=True) or title, True
    if heading_subject:
        return heading_subject, True
    default = slug_subject(section.slug)
    if default:
        return default, headed
    named = _title_name(section.heading.text) if section.heading else None
    return named or _heading_name(section.title), headed


# "Multi-AZ = an active and a standby server ...": what the line says, it says of the term it defines.
_DEFINED_TERM_RE = re.compile(r"^(?P<term>[A-Z][\w-]*(?:\s+[\w-]+){0,2})\s+=\s+\S")


def _defined_term(text: str, subject: str) -> str:
    """The subject of a line that defines a term of its subject: "<subject> <term>"."""
    match = _DEFINED_TERM_RE.match(text)
    if not match or find_topic_mentions(match.group("term")):
        return subject
    term = match.group("term")
    return subject if term.casefold() in subject.casefold() else f"{subject} {term}"


_HEADING_NAME_RE = re.compile(r"^(?P<name>[A-Z0-9][\w&/.-]*(?:\s+[\w&/.-]+){0,3})\s*[:–—]\s+\S")


def _heading_name(title: str) -> str:
    """The name a heading gives before its colon ("Volume Gateway: two modes" -> "Volume Gateway")."""
    match = _HEADING_NAME_RE.match(title)
    return match.group("name") if match else title


# Lead-ins that introduce a remark about the subject, not a part of it.
_REMARK_LEADS = frozenset(
    {
        "important",
        "warning",
        "caution",
        "remember",
        "reminder",
        "hint",
        "gotcha",
        "trap",
        "takeaway",
        "takeaways",
        "e.g",
        "eg",
    }
)


# The head word of a lead-in that names a quantity ("Idle session timeout: 20 minutes"): the label
# is the attribute, not a part of the subject.
_MEASURE_HEADS = frozenset(
    [
        "timeout",
        "timeouts",
        "duration",
        "retention",
        "size",
        "limit",
        "limits",
        "quota",
        "quotas",
        "interval",
        "period",
        "ttl",
        "memory",
        "storage",
        "capacity",
        "throughput",
        "bandwidth",
        "latency",
        "time",
        "window",
        "lifetime",
        "expiry",
        "rate",
        "frequency",
        "length",
        "count",
        "number",
        "maximum",
        "minimum",
        "default",
    ]
)


# Aspect words that also name a variant of a thing ("Standard tier", "Express relay", "| FIFO |").
_VARIANT_ADJECTIVES = frozenset({"standard", "fifo", "express"})


def _is_aspect(head: str) -> bool:
    """The head word of a scope names an aspect of the subject ("Exam tip", "Pricing", "Use cases"),
    not a part of it ("Express relay", "Advanced tier": a part whose modifier is no aspect)."""
    return head in _ASPECT_WORDS and head not in _VARIANT_ADJECTIVES


def _scoped(subject: str, line: NoteLine, slug: str, scope: str) -> str:
    """The subject narrowed to the part the line's structure names ("SageMaker" + a table row or bold
    lead-in "Serverless inference"), unless the line names a service of its own or the scope names a
    service (the outline path already made that the subject) or is already in the subject."""
    scope = " ".join(scope.split()).strip(" :")
    if not scope or scope.casefold() in subject.casefold() or _subject_in(scope) is not None:
        return subject
    if scope.endswith("?") or re.match(r"^q\s*[:.]", scope, re.IGNORECASE):
        return subject  # "Q: How far back can I look?": a question names no part
    words = re.findall(r"[\w'-]+", scope.casefold())
    if any(w in _REMARK_LEADS for w in words) or (
        words and (_is_aspect(words[-1]) or words[-1] in _MEASURE_HEADS)
    ):
        return subject  # "**Note**: ...", "**Exam tip**", "**Pricing**": a remark or an aspect, no part
    own = None if _COMPARISON_RE.search(line.text) else _subject_in(line.text, anchored=True)
    if own is not None and subject_topic(own) != slug:
        return subject  # "Amazon SNS topics get a copy" under an SQS lead-in is about SNS
    return f"{subject} {scope}"


_SCOPE_HEADING_WORDS = 4  # a sub-heading longer than this is a sentence, not the name of a part
_ASPECT_HEADING_WORDS = frozenset({"comparison", "compared", "summary", "faq", "questions", "quiz", "more"})


def _heading_scope(section: TopicSection) -> str:
    """The part of its service a Markdown sub-heading names ("### Serverless inference" under "##
    Amazon SageMaker"): a short heading below the top level that names no service of its own, in a
    section whose topic is a catalogue service, and is no aspect ("### Limits", "### Comparison") or
    question ("### What is the maximum ...?"); "" otherwise."""
    heading = section.heading
    if heading is None or heading.depth == 0 or not heading.raw.lstrip().startswith("#"):
        return ""
    text = heading.text.strip().rstrip(":")
    words = [w.casefold() for w in re.findall(r"[\w'-]+", text)]
    if (
        not words
        or len(words) > _SCOPE_HEADING_WORDS
        or text.endswith("?")
        or any(c.isdigit() for c in text)
        or any(w in _ASPECT_WORDS or w in _ASPECT_HEADING_WORDS for w in words)
        or slug_subject(section.slug) is None
        or find_topic_mentions(text)
    ):
        return ""
    return text


def _contexts(section: TopicSection) -> Iterator[_Ctx]:
    heading = " ".join(t for t in ((section.heading.text if section.heading else ""), section.title) if t)
    previous: list[str] = []
    title: str | None = None
    heading_scope = _heading_scope(section)
    for line in section.lines:
        if line.depth == 0 and not line.path:
            named = _title_name(line.text)
            if named is not None:
                title = named
        subject, sure = _scope_subject(line, section, heading, title)
        scope = line.scope or heading_scope
        subject = _scoped(_scoped(subject, line, section.slug, heading_scope), line, section.slug, line.scope)
        subject = _defined_term(line.text, subject)
        yield _Ctx(
            line=line,
            section_slug=section.slug,
            heading=heading,
            window=tuple(reversed(previous[-_WINDOW:])),
            subject=subject,
            sure=sure and line.sure,
            scope=scope,
            named_by=tuple(
                t for t in ((section.heading.text if section.heading else section.title), title) if t
            ),
        )
        previous.append(line.text)


def _clauses(text: str) -> list[str]:
    return [c.strip() for c in _CLAUSE_SPLIT_RE.split(text) if c and c.strip()]
