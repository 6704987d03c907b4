"""Kinds of one thing named by sibling bullets: "User Pools" and "Identity Pools" under one heading are
the pool types, whatever the heading says.

Sibling lines (one depth, one parent) that are each only a short name ending in the same plural noun
("<Subject> Read Pools", "<Subject> Write Pools (legacy)") are an enumeration of that noun's kinds:
``<noun> types`` = the names, the subject's own name left out. Sentences between them do not count.
A name that is (or names) another service than the line's subject is not a kind of its thing
("DynamoDB Streams" beside "Kinesis Data Streams" are two services), and a one-word name (the noun
alone) names no kind. Kept apart from :mod:`notes.facts.concepts` (labels over lists), which it does
not change.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from notes.facts.concepts import _VERB_RE, _concept, _singular
from notes.facts.context import _Ctx
from notes.facts.servicenames import topic_of
from notes.outline import FactDraft, NoteLine
from notes.topics import find_topic_mentions

_I = re.IGNORECASE
_NAME_RE = re.compile(r"^(?P<name>[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*){1,4})\s*(?:\([^()]{1,40}\))?\s*$")
_NOT_NAME_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "is",
        "are",
        "can",
        "to",
        "of",
        "in",
        "on",
        "for",
        "with",
        "and",
        "or",
        "by",
        "from",
        "not",
        "no",
        "vs",
        "versus",
        "use",
        "uses",
        "using",
    ]
)


def _kind_name(line: NoteLine, ctx: _Ctx) -> tuple[str, str] | None:
    """(name without the subject's own words, its plural head noun) of a line that is only a name."""
    match = _NAME_RE.match(line.text.strip())
    if match is None:
        return None
    words = match.group("name").split()
    subject_words = {w.lower() for w in ctx.subject.split()} | {"aws", "amazon"}
    while words and words[0].lower() in subject_words:
        words.pop(0)
    if len(words) < 2 or len(words) > 3 or any(w.lower() in _NOT_NAME_WORDS for w in words):
        return None
    own = topic_of(ctx.subject)
    for mention in find_topic_mentions(line.text):
        if not mention.concept and mention.slug != own:
            return None  # another service's name, not a kind of the subject's thing
    head = words[-1].lower()
    if len(head) < 4 or not head.endswith("s") or head.endswith(("ss", "us", "is")):
        return None
    name = " ".join(words)
    if name.isupper():
        name = name.title()
    return name, head


def _name_like(line: NoteLine) -> str | None:
    """The last word of a line that is only a name (no verb, no list, no colon), else None."""
    match = _NAME_RE.match(line.text.strip()) or re.match(r"^(?P<name>[A-Za-z][\w-]*)\s*$", line.text.strip())
    if match is None or _VERB_RE.search(match.group("name")):
        return None
    return match.group("name").split()[-1].lower()


def sibling_kind_facts(lines: Sequence[NoteLine], contexts: Sequence[_Ctx]) -> list[FactDraft]:
    """``<noun> types`` of each group of sibling lines that name kinds of one plural noun, when every
    sibling that is only a name ends in that noun ("Synchronous Invocations", "Asynchronous
    Invocations" beside "Event Source Mapping" are not all the kinds: nothing is taught)."""
    groups: dict[tuple[int, tuple[str, ...], str], list[tuple[int, str]]] = {}
    heads: dict[tuple[int, tuple[str, ...]], set[str]] = {}
    for index, line in enumerate(lines):
        if line.is_heading:
            continue
        last = _name_like(line)
        if last is not None:
            heads.setdefault((line.depth, line.path), set()).add(last)
        found = _kind_name(line, contexts[index])
        if found is not None:
            name, head = found
            groups.setdefault((line.depth, line.path, head), []).append((index, name))
    facts: list[FactDraft] = []
    for (depth, path, head), members in groups.items():
        names = list(dict.fromkeys(name for _, name in members))
        subjects = {contexts[index].subject for index, _ in members}
        if len(names) < 2 or len(subjects) != 1 or heads.get((depth, path), set()) != {head}:
            continue
        ctx = contexts[members[0][0]]
        used = [lines[index] for index, _ in members]
        facts.append(
            _concept(
                ctx,
                ctx.subject,
                f"{_singular(head)} types",
                ", ".join(names),
                text="\n".join(line.text for line in used),
                lines=tuple(line.number for line in used),
            )
        )
    return facts
