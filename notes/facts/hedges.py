"""Hedges and course logistics: words that make a line's number unfit to teach.

A general lexicon, no subject in it:

* a **hedge** marks a value as one the notes chose, not a property of the service ("in our lab",
  "our sample project", "for the demo", "just a choice", "not a rule", "for example", "e.g."): the
  fact is a note on the topic page, never an item;
* **course logistics** ("next week", "read chapter 12", "30 pages", "homework", "practice test 4",
  "the recording is 1 h long", "office hours") are about the course, not the service: no fact.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE

_HEDGE_RE = re.compile(
    r"\b(?:in|for|from|during)\s+(?:our|my|the|this)\s+(?:own\s+)?(?:lab|labs|demo|demos|example|sample|"
    r"test|tests|setup|exercise|walkthrough)\b"
    r"|\bour\s+(?:own\s+)?(?:lab|demo|sample|example|test|setup|project|team|group|account|class)\b"
    r"|\bjust\s+a\s+(?:choice|guess|suggestion|convention|habit|preference)\b"
    r"|\bnot\s+a\s+(?:rule|limit|quota|requirement|default)\b"
    r"|\b(?:for\s+example|for\s+instance)\b|\be\.\s?g\.|\beg\.|\bas\s+an\s+example\b|\bin\s+this\s+example\b"
    r"|\bwe\s+(?:used|chose|picked|set|went\s+with)\b|\bi\s+(?:used|chose|picked|set)\b"
    r"|\bdo\s+not\s+memori[sz]e\b|\bdon'?t\s+memori[sz]e\b",
    _I,
)
_LOGISTICS_RE = re.compile(
    r"\bnext\s+(?:week|lecture|lesson|class|session|time)\b|\blast\s+(?:week|year|lecture)\b"
    r"|\b(?:read|see|skim)\s+(?:chapter|section|unit|module|pages?)\b|\bchapters?\s+\d+"
    r"|\b\d[\d,]*\s+pages?\b|\bpages?\s+\d+\s*(?:-|–|to)\s*\d+"
    r"|\bhomework\b|\bassignments?\b|\b(?:practice|mock)\s+(?:tests?|exams?)\b|\bquiz(?:zes)?\b"
    r"|\boffice\s+hours\b|\bthe\s+recording\b|\bslides\s+are\b|\bexam\s+weight\b"
    r"|\bstudents?\b|\bdue\s+(?:on|by)\b|\blab\s+\d+\b",
    _I,
)


def is_hedged(text: str) -> bool:
    """The text says its value is a choice or an example, not a property: a note, never an item."""
    return bool(_HEDGE_RE.search(text))


def is_logistics(text: str) -> bool:
    """The text is about the course (reading, homework, tests, recordings), not the service."""
    return bool(_LOGISTICS_RE.search(text))


_SENTENCE_RE = re.compile(r"(?<=[a-z0-9)\]%])[.;!?]\s+(?=[A-Z(])")
_DIGITS_RE = re.compile(r"(?<=\d),(?=\d{3})")


def stating_sentences(text: str, value: str) -> list[str]:
    """The sentences of ``text`` that state ``value`` (all of them when none does visibly)."""
    sentences = [s for s in _SENTENCE_RE.split(text) if s.strip()]
    if len(sentences) <= 1 or not value.strip():
        return [text]
    wanted = re.compile(r"(?<![\w.])" + re.escape(value.strip().lstrip("~")) + r"(?![\w])", _I)
    found = [s for s in sentences if wanted.search(_DIGITS_RE.sub("", s))]
    return found or [text]
