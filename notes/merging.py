"""Merging one topic's note lines from several sources into one outline for reading.

Pure: takes plain :class:`OutlineLine` values (a source's kept lines for one topic, in file order)
and returns :class:`Section` values; the topic page selector feeds it from the database.

The rules, in order:

- A source's own topic heading ("AWS Lambda" on the Lambda page) opens nothing: its lines go on.
- Any other heading opens a section; so does a top-level line with children when it comes before
  the source's first heading ("Synchronous Invocations" followed by its bullets). Top-level lines
  without children before any heading go to the "Overview" section.
- Sections are the same section when their keys match: the title lower-cased, without the topic's
  own words ("Lambda Limits" is "limits"), stop words, plural "s" and slide counters ("(2)"), or
  when one key's words are all in a key at most two words longer ("invocations" takes in
  "synchronous invocations"). A member whose title is not the section's title stays a labelled
  group inside it, so its lines keep their context.
- Depths are made relative to the line that opens a section: a heading's level never indents its
  bullets ("## Limits" at level 1 over bullets at depth 0 is a section with top-level bullets).
- Lines saying the same thing in the same place (same text, same parent) are one line citing
  every file:line that says it.
- Sections about page furniture and exercises (workshops, labs, quizzes, "where to start") are
  marked ``folded`` so the page can put them away.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

OVERVIEW = "overview"
STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "the",
        "of",
        "in",
        "on",
        "to",
        "for",
        "with",
        "by",
        "from",
        "as",
        "at",
        "is",
        "are",
        "be",
        "its",
        "it",
        "vs",
        "via",
        "or",
    ]
)
# Words naming the platform rather than a subject: "AWS Lambda - Features" is about "features".
PLATFORM_WORDS = frozenset({"aws", "amazon"})
FURNITURE_WORDS = frozenset(
    {
        "workshop",
        "exercise",
        "lab",
        "hand",
        "demo",
        "quiz",
        "homework",
        "assignment",
        "agenda",
        "recap",
        "q&a",
        "qa",
        "reading",
        "link",
        "reference",
        "builder",
    }
)
FURNITURE_KEYS = frozenset({"where start", "next step", "further reading", "sample code"})
_WORD = re.compile(r"[a-z0-9&@$]+(?:['’][a-z]+)?")
_COUNTER = re.compile(r"\(\s*\d+\s*\)|\b\d+\s*/\s*\d+\b")
_LEAD_SEPARATOR = re.compile(r"^\s*[-–—:|·]+\s*")
_CLAUSE_BREAK = re.compile(r",\s|\s[–—-]\s|\s\(|:\s|;\s|\.\s")
LONG_TITLE = 40
_PREPOSITION_START = re.compile(r"^(in|with|from|on|and|for|to|of|vs)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class OutlineLine:
    """One kept line of one source about the topic."""

    source: str
    number: int
    depth: int
    text: str
    is_heading: bool = False


@dataclass(slots=True)
class Cite:
    source: str
    number: int

    def __str__(self) -> str:
        return f"{self.source}:{self.number}"


@dataclass(slots=True)
class Node:
    """One line of the merged outline, with every file:line stating it and its sub-lines."""

    text: str
    cites: list[Cite]
    children: list[Node] = field(default_factory=list)
    is_group: bool = False  # a sub-heading: a label over its children

    @property
    def count(self) -> int:
        return 1 + sum(child.count for child in self.children)


@dataclass(slots=True)
class Section:
    """One section of the topic page: a title and the merged lines of every source under it."""

    key: str
    title: str
    anchor: str
    nodes: list[Node] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    head_cites: list[Cite] = field(default_factory=list)  # the headings that opened it
    folded: bool = False

    @property
    def line_count(self) -> int:
        return sum(node.count for node in self.nodes)


@dataclass(slots=True)
class _Part:
    """What one source says under one section title (before sections are merged)."""

    source: str
    title: str
    key: str
    head: OutlineLine | None  # the line that opened it (its cite goes on the group label)
    lines: list[OutlineLine] = field(default_factory=list)


def _singular(word: str) -> str:
    if len(word) > 3 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def topic_words(*names: str) -> frozenset[str]:
    """The words of a topic's title, aliases and slug ("AWS Lambda", "lambda") that a heading
    repeats without saying anything ("Lambda Limits" is about limits)."""
    words: set[str] = set(PLATFORM_WORDS)
    for name in names:
        words.update(_singular(w) for w in _WORD.findall(name.lower().replace("-", " ")))
    return frozenset(words)


def section_key(title: str, topic: frozenset[str]) -> str:
    """The words that identify a section title, in order (see the module docstring)."""
    text = _COUNTER.sub(" ", title.lower()).rstrip(":")
    words = [_singular(w) for w in _WORD.findall(text)]
    return " ".join(w for w in words if w not in STOP_WORDS and w not in topic)


def display_title(title: str, topic: frozenset[str]) -> str:
    """The title as shown: without a leading topic name ("AWS Lambda - Features (1)" is
    "Features"), unless what is left reads as a fragment ("Lambda in VPC" stays)."""
    text = _COUNTER.sub("", title).strip().rstrip(":").strip()
    words = text.split()
    n = 0
    while n < len(words) and _singular(words[n].lower().strip("-–—:,")) in topic:
        n += 1
    rest = _LEAD_SEPARATOR.sub("", " ".join(words[n:]))
    if n and rest and not _PREPOSITION_START.match(rest):
        text = rest[0].upper() + rest[1:]
    text = text or title.strip()
    return text[0].upper() + text[1:]


def short_title(text: str) -> str:
    """A long parent line as a title: up to its first clause break ("Event Object – original
    sources prepared for..." is "Event Object"); the whole line stays in the section."""
    if len(text) <= LONG_TITLE:
        return text
    match = _CLAUSE_BREAK.search(text, 3)
    return text[: match.start()].strip() if match else text


def _is_topic_heading(line: OutlineLine, topic: frozenset[str]) -> bool:
    return line.is_heading and not section_key(line.text, topic)


def _split_source(lines: Sequence[OutlineLine], topic: frozenset[str]) -> list[_Part]:
    """Cut one source's lines into parts, each opened by a heading or a top-level parent line."""
    parts: list[_Part] = []
    overview: _Part | None = None
    current: _Part | None = None
    in_heading = False  # once a sub-heading opened a section, top-level lines stay in it
    for i, line in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if line.is_heading:
            if _is_topic_heading(line, topic):
                current, in_heading = None, False
                continue
            current = _Part(line.source, line.text, section_key(line.text, topic), line)
            parts.append(current)
            in_heading = True
            continue
        if not in_heading and line.depth == 0:
            has_children = nxt is not None and not nxt.is_heading and nxt.depth > 0
            if has_children or is_furniture(section_key(line.text, topic)):
                title = short_title(line.text)
                key = section_key(title, topic) or OVERVIEW
                current = _Part(line.source, title, key, line)
                parts.append(current)
                continue
            if overview is None:
                overview = _Part(line.source, "Overview", OVERVIEW, None)
                parts.append(overview)
            overview.lines.append(line)
            current = None
            continue
        if current is None:
            if overview is None:
                overview = _Part(line.source, "Overview", OVERVIEW, None)
                parts.append(overview)
            current = overview
        current.lines.append(line)
    return parts


def _tree(lines: Sequence[OutlineLine]) -> list[Node]:
    """Nest lines by depth, relative to the shallowest line (a heading's level never counts)."""
    if not lines:
        return []
    base = min(line.depth for line in lines)
    roots: list[Node] = []
    stack: list[tuple[int, Node]] = []
    for line in lines:
        depth = line.depth - base
        node = Node(line.text, [Cite(line.source, line.number)])
        while stack and stack[-1][0] >= depth:
            stack.pop()
        (stack[-1][1].children if stack else roots).append(node)
        stack.append((depth, node))
    _mark_groups(roots)
    return roots


def _mark_groups(nodes: Iterable[Node]) -> None:
    for node in nodes:
        if node.children:
            node.is_group = True
            _mark_groups(node.children)


def _normal(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def _merge_into(target: list[Node], nodes: Iterable[Node]) -> None:
    """Add nodes to a sibling list; a node saying what a sibling says joins it (cites and children)."""
    index = {_normal(node.text): node for node in target}
    for node in nodes:
        same = index.get(_normal(node.text))
        if same is None:
            target.append(node)
            index[_normal(node.text)] = node
            continue
        same.cites.extend(node.cites)
        same.is_group = same.is_group or node.is_group
        _merge_into(same.children, node.children)


def _clusters(keys: Sequence[str]) -> list[int]:
    """Union-find over distinct keys: equal keys, or a short key inside a slightly longer one."""
    parent = list(range(len(keys)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    words = [frozenset(k.split()) for k in keys]
    for i in range(len(keys)):
        for j in range(i + 1, len(keys)):
            if OVERVIEW in (keys[i], keys[j]):
                continue
            small, large = sorted((words[i], words[j]), key=len)
            if small and small <= large and len(large) <= len(small) + 2:
                parent[find(j)] = find(i)
    return [find(i) for i in range(len(keys))]


def is_furniture(key: str) -> bool:
    words = set(key.split())
    return key in FURNITURE_KEYS or bool(words & FURNITURE_WORDS)


def _anchor(key: str, used: set[str]) -> str:
    base = "s-" + (re.sub(r"[^a-z0-9]+", "-", key).strip("-") or "section")
    anchor, n = base, 2
    while anchor in used:
        anchor, n = f"{base}-{n}", n + 1
    used.add(anchor)
    return anchor


def merge_outline(lines: Iterable[OutlineLine], *, topic_names: Sequence[str] = ()) -> list[Section]:
    """Merge the lines of every source about one topic into sections (see the module docstring).

    ``topic_names`` are the topic's title and slug; aliases are not passed, they can name a
    subject of their own ("SnapStart" is an alias of Lambda and a section of its page).

    ``lines`` are grouped by source in the order given and must be in file order within a source.
    Sections come in the order their first member appears; the overview comes first and furniture
    sections last."""
    topic = topic_words(*topic_names)
    by_source: dict[str, list[OutlineLine]] = {}
    for line in lines:
        by_source.setdefault(line.source, []).append(line)
    parts = [part for src in by_source.values() for part in _split_source(src, topic)]
    keys = list(dict.fromkeys(part.key for part in parts))
    root_of = dict(zip(keys, _clusters(keys), strict=True))
    members: dict[int, list[_Part]] = {}
    for part in parts:
        members.setdefault(root_of[part.key], []).append(part)
    sections: list[Section] = []
    used: set[str] = set()
    for group in members.values():
        shortest = min(group, key=lambda p: (len(p.key.split()), len(p.title)))
        key = shortest.key
        title = "Overview" if key == OVERVIEW else display_title(shortest.title, topic)
        section = Section(key=key, title=title, anchor=_anchor(key, used), folded=is_furniture(key))
        for part in group:
            nodes = _tree(part.lines)
            if part.head is not None and part.key != key:
                nodes = [
                    Node(display_title(part.title, topic), [Cite(part.source, part.head.number)], nodes, True)
                ]
            elif part.head is not None:
                section.head_cites.append(Cite(part.source, part.head.number))
            _merge_into(section.nodes, nodes)
            if part.source not in section.sources:
                section.sources.append(part.source)
        sections.append(section)
    sections.sort(key=lambda s: (s.key != OVERVIEW, s.folded))
    return sections
