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

from notes.facts.quantities import NUMBER_WORDS

_I = re.IGNORECASE

_HEDGE_RE = re.compile(
    r"\b(?:in|for|from|during)\s+(?:our|my|the|this)\s+(?:own\s+)?(?:lab|labs|demo|demos|example|sample|"
    r"test|tests|setup|exercise|walkthrough)\b"
    r"|\bour\s+(?:own\s+)?(?:lab|demo|sample|example|test|setup|project|team|group|account|class)\b"
    r"|\bjust\s+a\s+(?:choice|guess|suggestion|convention|habit|preference)\b"
    r"|\bnot\s+a\s+(?:rule|limit|quota|requirement|default)\b"
    r"|\b(?:for\s+example|for\s+instance)\b|\be\.\s?g\.|\beg\.|\bas\s+an\s+example\b|\bin\s+this\s+example\b"
    r"|\bwe\s+(?:used|chose|picked|set|went\s+with)\b|\bi\s+(?:used|chose|picked|set)\b"
    r"|\bdo\s+not\s+memori[sz]e\b|\bdon'?t\s+memori[sz]e\b"
    # a recommendation, not a limit: "aim for shards between 10 and 50 GB", "try to keep it under 1 s"
    r"|\b(?:aim|aims|aiming|shoot)\s+(?:for|at)\b|\btry\s+to\s+keep\b|\brule\s+of\s+thumb\b"
    # a warning about another thing: "not to be mixed up with the portal session, which lasts 8 h"
    r"|\bnot\s+to\s+be\s+(?:mixed\s+up|confused)\s+with\b|\bdon'?t\s+(?:mix\s+(?:it\s+)?up|confuse\s+it)\b"
    # a price: it changes by Region and over time, and no exam asks it as a limit
    r"|[$€£]\s?\d|\b\d[\d.,]*\s*(?:usd|eur|gbp)\b|\b(?:usd|eur|gbp)\s?\d"
    r"|\b(?:dollars?|cents?|euros?|bucks)\b",
    _I,
)
_LOGISTICS_RE = re.compile(
    r"\bnext\s+(?:week|lecture|lesson|class|session|time)\b|\blast\s+(?:week|year|lecture)\b"
    r"|\b(?:read|see|skim)\s+(?:chapter|section|unit|module|pages?)\b|\bchapters?\s+\d+"
    r"|\b\d[\d,]*\s+pages?\b|\bpages?\s+\d+\s*(?:-|–|to)\s*\d+"
    r"|\bhomework\b|\bassignments?\b|\b(?:practice|mock)\s+(?:tests?|exams?)\b|\bquiz(?:zes)?\b"
    r"|\boffice\s+hours\b|\bthe\s+recording\b|\bslides\s+are\b|\bexam\s+weight\b"
    r"|\bstudents?\b|\bdue\s+(?:on|by)\b|\blab\s+\d+\b"
    r"|\b(?:book|booking|take|taking|sit|sitting)\s+the\s+(?:real\s+|actual\s+)?exam\b",
    _I,
)


def is_hedged(text: str) -> bool:
    """The text says its value is a choice or an example, not a property: a note, never an item."""
    return bool(_HEDGE_RE.search(text))


def is_logistics(text: str) -> bool:
    """The text is about the course (reading, homework, tests, recordings), not the service."""
    return bool(_LOGISTICS_RE.search(text))


_SENTENCE_RE = re.compile(r"(?:(?<=[a-z0-9)\]%])|(?<=[A-Z]{2}))[.;!?]\s+(?=[A-Z(])")
_DIGITS_RE = re.compile(r"(?<=\d),(?=\d{3})")


def stating_sentences(text: str, value: str) -> list[str]:
    """The sentences of ``text`` that state ``value`` (all of them when none does visibly), without
    the example brackets that do not hold it ("(e.g. read X as Y); you can apply up to five ...": the
    example is the bracket's, not the value's)."""
    if not value.strip():
        return [text]
    number = value.strip().lstrip("~")
    words = [w for w, n in NUMBER_WORDS.items() if str(n) == number]  # "five lexicons" states "5"
    spelled = "|".join([re.escape(number), *words])
    wanted = re.compile(rf"(?<![\w.])(?:{spelled})(?![\w])", _I)
    sentences = [s for s in _SENTENCE_RE.split(text) if s.strip()]
    found = [s for s in sentences if wanted.search(_DIGITS_RE.sub("", s))] if len(sentences) > 1 else []
    return [
        _EXAMPLE_BRACKET_RE.sub(
            lambda m: m.group(0) if wanted.search(_DIGITS_RE.sub("", m.group(0))) else "", s
        )
        for s in found or [text]
    ]


_EXAMPLE_BRACKET_RE = re.compile(r"\s*\((?:e\.\s?g\.|eg\.|for\s+example|for\s+instance),?\s+[^()]+\)", _I)


# "the console fills in 300 seconds, while the CLI starts from 0": the value depends on a condition
# the sentence contrasts with another value.
_CONTRAST_RE = re.compile(r",?\s\b(?:while|whereas)\b\s+(?P<other>[^.;]*)", _I)
_NUMBER_RE = re.compile(r"\d")


def is_contrasted(text: str) -> bool:
    """The sentence contrasts its value with another number under another condition."""
    match = _CONTRAST_RE.search(text)
    return bool(
        match and _NUMBER_RE.search(match.group("other")) and _NUMBER_RE.search(text[: match.start()])
    )


# A number glued to a verb ("Practice test 4 has") or the tail of a thousands-separated number
# ("000" of "$3,000") is no quantity at all.
_GLUED_VERB_RE = re.compile(
    r"^\S+\s+(?:has|have|had|is|are|was|were|will|can|may|must|does|did|got|gets)$", _I
)
_NUMBER_TAIL_RE = re.compile(r"^0\d{2,}$")


def is_junk_value(value: str, unit: str) -> bool:
    """A value that is a fragment, not a quantity: "000", "4 has"."""
    shown = f"{value} {unit}".strip()
    return bool(_NUMBER_TAIL_RE.match(value.strip()) or _GLUED_VERB_RE.match(shown))


# "2 at 100 Gbps / 400 Gbps" is read as "100 per 400 Gbps": a rate over a number is two alternatives.
_NUMBER_OVER_NUMBER_RE = re.compile(r"^\s*[\d.,]+\s+per\s+[\d.,]+(?:\s|$)", _I)
_ALTERNATIVES_RE = re.compile(r"\d[\d.,]*\s*(?P<unit>[A-Za-z]+)\s*/\s*\d[\d.,]*\s*(?P=unit)\b")


def is_number_over_number(value: str, text: str) -> bool:
    """A rate read from "100 Gbps / 400 Gbps": two alternatives of one unit, not a quantity per another."""
    return bool(_NUMBER_OVER_NUMBER_RE.match(value) and _ALTERNATIVES_RE.search(text))


# Prose that goes on about "it": "... is stopped by the build timeout. It is 60 minutes by default".
_PRONOUN_START_RE = re.compile(
    r"^(?:it|this|that|(?:the|this|that)\s+(?:value|setting))\s+"
    r"(?=(?:is|was|can|may|defaults|has|must|cannot|can't)\b)",
    _I,
)
_LAST_THING_RE = re.compile(r"\bthe\s+((?:[\w-]+\s+){0,3}[\w-]+)\s*[.;!?]?\s*$", _I)
# "If you set a maximum instance lifetime, ...": the setting the previous sentence sets.
_SET_THING_RE = re.compile(
    r"\b(?:set|sets|setting|configure|configures|configuring|choose|chooses|pick|picks)\s+"
    r"(?:a|an|the|your|its)\s+((?:[a-z][\w-]*\s+){0,3}[a-z][\w-]*)\s*(?=[,.;:]|$)",
    _I,
)


def resolve_pronoun(sentence: str, previous: str) -> str:
    """A sentence that starts with "It is ..." ("The value can ...") names the setting the previous
    sentence set ("If you set a maximum lifetime, ..."), else what that sentence ended on."""
    start = _PRONOUN_START_RE.match(sentence)
    if not start:
        return sentence
    thing = _SET_THING_RE.search(previous) or _LAST_THING_RE.search(previous)
    if not thing:
        return sentence
    return f"The {thing.group(1)} {sentence[start.end() :]}"


# Words that never stand inside the name of what a number measures: an attribute is a noun phrase
# ("maximum message size", "read replicas per source DB instance", "time to live"), and one that
# holds an article, a modal or a verb, a pronoun or "than" is the reader having cut a clause in the
# wrong place ("maximum take a percentage", "maximum may time", "than time"). Such a fact is a note.
_NOT_IN_A_NAME = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "its",
        "their",
        "our",
        "your",
        "my",
        "it",
        "they",
        "we",
        "you",
        "he",
        "she",
        "may",
        "might",
        "can",
        "could",
        "will",
        "would",
        "shall",
        "should",
        "must",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "take",
        "takes",
        "took",
        "get",
        "gets",
        "than",
        "once",  # "yellow once usage reaches 80 %": a clause, cut at its conjunction
        "until",
        "unless",
        "whenever",
        "every",  # "maximum update every thirty": a rate cut where its period begins
    ]
)
# Participles a clause's verb leaves behind where a noun should end the name ("sold at up to 90 %").
_PARTICIPLES = frozenset(
    [
        "sold",
        "bought",
        "paid",
        "offered",
        "given",
        "taken",
        "kept",
        "held",
        "sent",
        "made",
        "done",
        "seen",
        "shown",
        "used",
        "priced",
        "charged",
        "billed",
        "cut",
        "reduced",
        "discounted",
        "saved",
        "bursting",
        "growing",
        "rising",
        "going",
    ]
)
# Words an attribute cannot start or end with: a preposition or conjunction left over from a cut.
_NOT_AT_AN_EDGE = frozenset(
    [
        "of",
        "for",
        "per",
        "in",
        "on",
        "at",
        "to",
        "with",
        "without",
        "from",
        "by",
        "and",
        "or",
        "as",
        "than",
        "into",
        "each",
    ]
)


def is_garbled_attribute(attribute: str) -> bool:
    """True when ``attribute`` is not a noun phrase a learner could be asked about (see above)."""
    words = [w.casefold() for w in re.findall(r"[\w@/-]+", attribute)]
    if not words:
        return False
    if any(w in _NOT_IN_A_NAME for w in words):
        return True
    if words[0] in _NOT_AT_AN_EDGE or words[-1] in _NOT_AT_AN_EDGE:
        return True
    if words[-1] in _PARTICIPLES:
        return True  # "maximum sold" ("sold at up to 90 % off"): a verb, not what the number measures
    return any(w == "each" and (i == 0 or words[i - 1] != "of") for i, w in enumerate(words))
