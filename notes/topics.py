"""Topic catalogue and topic segmentation.

This module owns the canonical study topics (mostly AWS services, plus two concept topics:
"serverless" and "architecture") read from the data file ``notes/data/services.toml``, their aliases, recognising topic names inside any text
(:func:`find_topic_mentions`, :func:`topic_for_name`), and cutting a parsed file
(``list[NoteLine]`` from ``notes.parser``) into ``TopicSection`` passages (:func:`segment_topics`).

Rules of segmentation:

* every heading with a body opens one section; a heading directly followed by another heading
  (or the end of the file) opens none, so no section is ever empty;
* a heading's topic is the service it names ("Lambda Limits" -> lambda, "DynamoDB Accelerator" ->
  dynamodb, "Lambda@Edge" -> cloudfront-edge-functions); an acronym in parentheses that is a known
  alias wins ("Serverless Application Model (SAM)" -> sam); services beat the concept topics;
* a heading that names no topic inherits the topic of its Markdown parent heading, or of an empty
  "group" heading just before it that named a topic ("Architecture" then "Evolving with Queues");
  failing that it gets its own slug made from its text;
* content before the first heading goes to the service it mentions most, else the concept it mentions
  most, else to the neutral "general" topic (never a topic of the catalogue it does not name).
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from notes.outline import NoteLine, TopicSection

__all__ = [
    "CATALOGUE",
    "DEFAULT_TOPIC",
    "Topic",
    "TopicMention",
    "load_catalogue",
    "find_topic_mentions",
    "is_function_service",
    "segment_topics",
    "slugify",
    "topic_aliases",
    "topic_for_heading",
    "topic_for_name",
    "topic_order",
    "topic_title",
]


@dataclass(frozen=True, slots=True)
class Topic:
    slug: str
    title: str
    aliases: tuple[str, ...]  # lower-case; matched as whole words, "AWS"/"Amazon" prefix optional
    concept: bool = False  # a concept, not a service: loses to any service named in the same heading
    function: bool = False  # a function service that others invoke (invocation models are about it)
    parts: tuple[tuple[str, tuple[str, ...]], ...] = ()  # named sub-entities: (name, aliases)


_CATALOGUE_FILE = Path(__file__).resolve().parent / "data" / "services.toml"


def load_catalogue(path: Path = _CATALOGUE_FILE) -> tuple[Topic, ...]:
    """The topics of a catalogue file (``notes/data/services.toml``), in course order.

    The catalogue is domain data, not a rule: adding a service is one ``[[topic]]`` entry there.
    """
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    return tuple(
        Topic(
            slug=entry["slug"],
            title=entry["title"],
            aliases=tuple(" ".join(a.casefold().split()) for a in entry.get("aliases", ())),
            concept=bool(entry.get("concept", False)),
            function=bool(entry.get("function", False)),
            parts=tuple(
                (part["name"], tuple(" ".join(a.casefold().split()) for a in part.get("aliases", ())))
                for part in entry.get("parts", ())
            ),
        )
        for entry in data.get("topic", ())
    )


CATALOGUE: tuple[Topic, ...] = load_catalogue()

# Content before the first heading that names no topic: a neutral topic of its own, never one of the
# catalogue's (a networking lecture's preamble is no "Serverless Overview").
DEFAULT_TOPIC = ("general", "General notes")

_BY_SLUG = {topic.slug: topic for topic in CATALOGUE}
_BY_ALIAS: dict[str, Topic] = {}
for _topic in CATALOGUE:
    if "-" in _topic.slug or _topic.slug in _topic.aliases:
        _BY_ALIAS.setdefault(_topic.slug, _topic)  # a plain-word slug ("batch") is no alias of its own
    for _alias in _topic.aliases:
        _BY_ALIAS.setdefault(_alias, _topic)
# A heading that is only a service's title without its vendor ("Transcribe" over a paragraph about
# Amazon Transcribe): plain-English names are no aliases in prose, but a heading names a topic.
_BY_PLAIN_TITLE: dict[str, Topic] = {}
for _topic in CATALOGUE:
    if not _topic.concept:
        _BY_PLAIN_TITLE.setdefault(re.sub(r"^(?:aws|amazon)\s+", "", _topic.title.casefold()), _topic)
_PART_BY_ALIAS: dict[str, str] = {}  # alias of a part -> the part's name
for _topic in CATALOGUE:
    for _name, _aliases in _topic.parts:
        for _alias in (" ".join(_name.casefold().split()), *_aliases):
            _BY_ALIAS.setdefault(_alias, _topic)
            _PART_BY_ALIAS.setdefault(_alias, _name)


def _alias_alternation(aliases: list[str]) -> str:
    """One regular expression for all aliases, as a trie of their characters (a space matches any run
    of white space). Each branch tries its longer continuations before it ends, so at a position the
    longest alias that fits wins ("lambda@edge" over "lambda", "kinesis data streams" over "kinesis"),
    as a longest-first alternation would; sharing prefixes keeps matching fast with hundreds of aliases.
    """
    trie: dict = {}
    for alias in aliases:
        node = trie
        for char in alias:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        branches = [
            (r"\s+" if char == " " else re.escape(char)) + pattern(child)
            for char, child in sorted(node.items())
            if char
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return pattern(trie)


_MENTION = re.compile(
    r"(?<![\w@-])(?:(?:aws|amazon)\s+)?(?P<alias>" + _alias_alternation(list(_BY_ALIAS)) + r")(?![\w@]|-\w)",
    re.IGNORECASE,
)
_PAREN = re.compile(r"\(([^()]{1,40})\)")
_DOC_PREFIX = re.compile(
    r"^(?:(?:section|lecture|chapter|module|part|lesson|week|unit|day|slide|page)\s*\d+[a-z]?\s*[-–—:.]\s*|\d{1,3}(?:\.\d+)*[.)]\s+)",
    re.IGNORECASE,
)
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class TopicMention:
    start: int
    end: int
    slug: str
    title: str
    concept: bool
    part: str = ""  # the catalogue part the mention names ("DynamoDB Streams"), "" for the service


def _normal(name: str) -> str:
    return _SPACE.sub(" ", name.strip().strip(".,:;!?\"'“”").casefold())


def find_topic_mentions(text: str) -> list[TopicMention]:
    """Every known topic name in ``text``, left to right, longest alias at each position."""
    return list(_mentions(text))


@lru_cache(maxsize=16384)
def _mentions(text: str) -> tuple[TopicMention, ...]:
    out: list[TopicMention] = []
    for match in _MENTION.finditer(text):
        alias = _SPACE.sub(" ", match.group("alias").casefold())
        topic = _BY_ALIAS[alias]
        part = _PART_BY_ALIAS.get(alias, "")
        out.append(TopicMention(match.start(), match.end(), topic.slug, topic.title, topic.concept, part))
    return tuple(out)


@lru_cache(maxsize=16384)
def topic_for_name(name: str) -> tuple[str, str] | None:
    """(slug, title) of the topic ``name`` refers to, case-insensitively, or None.

    Exact aliases first ("DDB", "Amazon Simple Notification Service"), then an alias in parentheses
    ("Amazon Simple Notification Service (SNS)"), then the first service named anywhere in the text
    ("SQS FIFO queue" -> sqs), and only then a concept topic ("serverless").
    """
    normal = _normal(name)
    if not normal:
        return None
    for candidate in (normal, re.sub(r"^(?:aws|amazon)\s+", "", normal)):
        topic = _BY_ALIAS.get(candidate)
        if topic:
            return topic.slug, topic.title
    for inner in _PAREN.findall(normal):
        topic = _BY_ALIAS.get(_normal(inner))
        if topic:
            return topic.slug, topic.title
    mentions = find_topic_mentions(name)
    best = next((m for m in mentions if not m.concept), mentions[0] if mentions else None)
    return (best.slug, best.title) if best else None


def topic_for_heading(text: str) -> tuple[str, str] | None:
    """The known topic a heading names, ignoring document prefixes ("Section 14 - "), or the service
    whose title without "AWS"/"Amazon" is the whole heading ("Transcribe", "Lex (V2)")."""
    named = topic_for_name(_DOC_PREFIX.sub("", text))
    if named is not None:
        return named
    plain = _BY_PLAIN_TITLE.get(_normal(_PAREN_ASIDE.sub("", _DOC_PREFIX.sub("", text))))
    return (plain.slug, plain.title) if plain is not None else None


_PAREN_ASIDE = re.compile(r"\s*\([^()]*\)\s*$")


def is_function_service(slug: str) -> bool:
    """Whether the catalogue marks the topic as a function service that other services invoke."""
    topic = _BY_SLUG.get(slug)
    return bool(topic and topic.function)


_SLIDE_NUMBER = re.compile(r"^\s*\d{1,2}[.)]\s+\S")


def _is_slide_title(line: NoteLine) -> bool:
    """A numbered top-level line that is nothing but a service name ("3. Amazon RDS"): a slide title."""
    if line.is_heading or line.depth != 0 or not _SLIDE_NUMBER.match(line.raw):
        return False
    normal = _normal(line.text)
    topic = _BY_ALIAS.get(normal) or _BY_ALIAS.get(re.sub(r"^(?:aws|amazon)\s+", "", normal))
    return topic is not None and not topic.concept


def topic_aliases(slug: str) -> list[str]:
    """Aliases of a catalogue topic (empty for topics made from unknown headings)."""
    topic = _BY_SLUG.get(slug)
    return list(topic.aliases) if topic else []


def topic_order(slug: str) -> int:
    """Course order of a topic: catalogue order, unknown topics last."""
    for index, topic in enumerate(CATALOGUE):
        if topic.slug == slug:
            return (index + 1) * 10
    return 1000


def topic_title(slug: str) -> str:
    topic = _BY_SLUG.get(slug)
    return topic.title if topic else slug.replace("-", " ").title()


def slugify(text: str, max_length: int = 60) -> str:
    """Slug of a heading: "Monolith Architecture" -> "monolith-architecture"."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.casefold().replace("&", " and ")).strip("-")
    return slug[:max_length].rstrip("-") or "notes"


def _unknown_topic(text: str) -> tuple[str, str]:
    title = _DOC_PREFIX.sub("", text).strip() or text
    # "Placement groups (three strategies)": the bracket is an aside about the body, not the name
    # (an acronym in brackets, "(SWF)", is a name of it and stays)
    title = re.sub(r"^(.{3,}?)\s*\((?=[^()]*[a-z][^()]*\s)[^()]*\)\s*$", r"\1", title) or title
    return slugify(title), title[:200]


def _content_topic(lines: list[NoteLine]) -> tuple[str, str]:
    """Topic for content that has no heading: the service it mentions most, else the concept it
    mentions most, else the neutral default."""
    services: Counter[str] = Counter()
    concepts: Counter[str] = Counter()
    for line in lines:
        for mention in find_topic_mentions(line.text):
            (concepts if mention.concept else services)[mention.slug] += 1
    for counts in (services, concepts):
        if counts:
            (slug, top), *rest = counts.most_common(2)
            if not rest or top > rest[0][1]:
                return slug, topic_title(slug)
    return DEFAULT_TOPIC


# "## AWS Health" under a "# FAQ" title: a vendor's product name is a service of its own, even one
# the catalogue does not know yet, never a part of the heading above it.
_VENDOR_NAMED = re.compile(r"^(?:\d+[.)]\s*)?(?:AWS|Amazon)\s+[A-Z0-9]", re.UNICODE)


def segment_topics(lines: list[NoteLine]) -> list[TopicSection]:
    """Cut parsed lines into topic sections, in order; never returns an empty section."""
    sections: list[TopicSection] = []
    current: TopicSection | None = None
    parents: list[tuple[int, tuple[str, str]]] = []  # Markdown heading stack: (depth, topic)
    group: tuple[str, str] | None = None  # topic of the last empty heading that named one
    preamble: TopicSection | None = None
    lines = [replace(line, is_heading=True) if _is_slide_title(line) else line for line in lines]
    count = len(lines)
    for index, line in enumerate(lines):
        if not line.is_heading:
            if current is None:
                current = preamble = TopicSection(slug=DEFAULT_TOPIC[0], title=DEFAULT_TOPIC[1], heading=None)
                sections.append(current)
            current.lines.append(line)
            continue
        empty = index + 1 >= count or lines[index + 1].is_heading
        while parents and parents[-1][0] >= line.depth:
            parents.pop()
        named = topic_for_heading(line.text)
        if named is not None:
            topic = named
            if group is not None and named != group:
                group = None
        elif line.depth > 0 and parents and not _VENDOR_NAMED.match(line.text):
            topic = parents[-1][1]
        elif group is not None:
            topic = group
        else:
            topic = _unknown_topic(line.text)
        parents.append((line.depth, topic))
        if empty:
            if named is not None and line.depth == 0:
                group = named
            continue
        current = TopicSection(slug=topic[0], title=topic[1], heading=line)
        sections.append(current)
    if preamble is not None:
        preamble.slug, preamble.title = _content_topic(preamble.lines)
    return [section for section in sections if section.lines]
