"""Enumerations: closed lists (state types, endpoint types, ...) and their ``concept`` facts.

Owns the :data:`_ENUMERATIONS` lexicon (header pattern and member vocabulary per list),
:data:`ENUMERATION_ATTRIBUTES`, and finding a list's members under a heading or a header line
of a section; the value is the canonical members in vocabulary order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from notes.facts.subjects import _SUBJECT_TOPICS
from notes.outline import FactDraft, NoteLine, TopicSection

_I = re.IGNORECASE


@dataclass(frozen=True, slots=True)
class _Enumeration:
    topics: frozenset[str]
    header: re.Pattern[str]  # the line (or section heading) introducing the list
    vocabulary: tuple[tuple[str, re.Pattern[str]], ...]  # canonical member, pattern
    subject: str
    attribute: str
    kind: str = "concept"
    in_heading: bool = True  # the header may be the section heading (members are its top lines)


def _vocab(*members: tuple[str, str]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((name, re.compile(pattern, _I)) for name, pattern in members)


_ENUMERATIONS: tuple[_Enumeration, ...] = (
    _Enumeration(
        frozenset({"step-functions"}),
        re.compile(r"^states\b", _I),
        _vocab(
            ("Choice", r"\bchoice\b"),
            ("Fail", r"\bfail\b"),
            ("Map", r"\bmap\b"),
            ("Parallel", r"\bparallel\b"),
            ("Pass", r"\bpass\b"),
            ("Succeed", r"\bsucceed\b"),
            ("Task", r"\btask\b"),
            ("Wait", r"\bwait\b"),
        ),
        "Step Functions",
        "state types",
    ),
    _Enumeration(
        frozenset({"api-gateway"}),
        re.compile(r"endpoint\s+types?", _I),
        _vocab(
            ("Edge-Optimized", r"\bedge.optimi[sz]ed\b"),
            ("Regional", r"\bregional\b"),
            ("Private", r"\bprivate\b"),
        ),
        "API Gateway",
        "endpoint types",
    ),
    _Enumeration(
        frozenset({"kinesis"}),
        re.compile(r"^kinesis$", _I),
        _vocab(
            ("Kinesis Data Streams", r"^data\s+st(?:r)?eams\b"),
            ("Kinesis Data Firehose", r"^firehose\b"),
            ("Kinesis Data Analytics", r"^data\s+analy"),
            ("Kinesis Video Streams", r"^video\s+streams\b"),
        ),
        "Kinesis",
        "products",
        in_heading=False,
    ),
    _Enumeration(
        frozenset({"cloudfront-edge-functions", "lambda"}),
        re.compile(r"cloudfront\s+requests\s+and\s+responses", _I),
        _vocab(
            ("viewer request", r"^viewer\s+request\b"),
            ("origin request", r"^origin\s+request\b"),
            ("origin response", r"^origin\s+response\b"),
            ("viewer response", r"^viewer\s+response\b"),
        ),
        "Lambda@Edge",
        "trigger events",
    ),
    _Enumeration(
        frozenset({"api-gateway"}),
        re.compile(r"\b(?:http,\s*rest,\s*websocket|rest\s+apis,\s*http\s+apis)", _I),
        _vocab(("HTTP", r"\bhttp\b"), ("REST", r"\brest\b"), ("WebSocket", r"\bwebsocket\b")),
        "API Gateway",
        "API types",
    ),
)
ENUMERATION_ATTRIBUTES = frozenset(e.attribute for e in _ENUMERATIONS)


def _members(vocabulary: Sequence[tuple[str, re.Pattern[str]]], text: str) -> list[str]:
    return [name for name, pattern in vocabulary if pattern.search(text)]


def _enumeration_facts(section: TopicSection) -> list[FactDraft]:
    facts: list[FactDraft] = []
    lines = section.lines
    heading_text = section.heading.text if section.heading else ""
    for enum in _ENUMERATIONS:
        if section.slug not in enum.topics:
            continue
        if enum.in_heading and heading_text and enum.header.search(heading_text):
            members: list[str] = []
            used: list[NoteLine] = []
            top = min((line.depth for line in lines), default=0)
            for line in lines:
                found = _members(enum.vocabulary, _first_words(line.text)) if line.depth == top else []
                if found:
                    members.extend(m for m in found if m not in members)
                    used.append(line)
            if len(members) >= 2:
                facts.append(_enum_fact(enum, section, members, used))
            continue
        for index, line in enumerate(lines):
            if not enum.header.search(line.text):
                continue
            tail = line.text.split(":", 1)[1] if ":" in line.text else ""
            members = _members(enum.vocabulary, tail) if enum.header.pattern.startswith("^") else []
            used = [line]
            if not members and enum.attribute in {"API types"}:
                members = _members(enum.vocabulary, line.text)
            if not members:
                for follower in lines[index + 1 : index + 12]:
                    if follower.depth < line.depth:
                        break
                    found = _members(enum.vocabulary, _first_words(follower.text))
                    if not found:
                        if used[-1] is line:
                            continue  # a blank-ish or descriptive line right after the header
                        break
                    members.extend(m for m in found if m not in members)
                    used.append(follower)
            if len(members) >= 2:
                facts.append(_enum_fact(enum, section, members, used))
    return facts


def _first_words(text: str) -> str:
    head = re.split(r"\s*[:(–-]\s+|\s*:\s*", text, maxsplit=1)[0]
    return head if len(head.split()) <= 4 else ""


def _enum_fact(
    enum: _Enumeration, section: TopicSection, members: list[str], used: list[NoteLine]
) -> FactDraft:
    order = [name for name, _ in enum.vocabulary]
    ordered = sorted(members, key=order.index)
    return FactDraft(
        kind=enum.kind,
        topic=_SUBJECT_TOPICS.get(enum.subject, section.slug),
        subject=enum.subject,
        attribute=enum.attribute,
        value=", ".join(ordered),
        text="\n".join(line.text for line in used),
        lines=tuple(line.number for line in used),
    )
