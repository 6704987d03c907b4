"""Which key line a fact states: the matcher behind ``bench/quality.py``.

A fact and a key line are each read as a *description* and a *value*.

Description
    The subject is resolved through the catalogue (``notes/data/services.toml``, read by
    :func:`notes.facts.subjects.subject_in`) to a canonical service - the named part of a service
    when it names one ("EventBridge Pipes" is not EventBridge) - plus its *scope words*, the words of
    the subject that are not the service's name ("DMS limited LOB mode" -> dms + {limited, lob,
    mode}), and the words an alias adds to a shorter alias of the same service ("SQS FIFO" extends
    "SQS" by "fifo"). A subject the catalogue does not know is all scope words. The qualifier (maximum,
    minimum, default, typical, or none) is a field of its own, taken from the fact's ``qualifier``
    or the attribute's qualifier word, and must be equal. The *content words* are the scope words
    plus the attribute's words after light normalisation: lower case, hyphens split ("real-time" =
    "real time"), plurals folded, stopwords and the placeholder attribute "definition" dropped, the
    measure synonyms of ``_SYNONYMS`` applied, a repeated qualifier word dropped.

    Two descriptions are *alike* (:func:`likeness`, 0..1) when the lines are of one kind (limit,
    invocation, consistency, concept), their services are the same (a key
    line that leaves out its subject fits any; two subjects the catalogue does not know fit when the
    words of one contain the other's), their qualifiers are equal, they share a word of each side's
    attribute (unless a side's attribute is all in its subject), and the shared content words are at
    least half of all their content words (Jaccard >= 0.5), and words with digits ("502", "100
    gbps"), when both have some, are the same: "Comprehend | maximum DetectSentiment
    size" is the key's "comprehend detectsentiment | maximum document size" (2/3). A description is
    also alike when it is the key's attribute word for word and one scope contains the other (a fact
    about SageMaker states something true of some SageMaker variant) - the rule the matcher had
    before, kept so that wrong-key detection is never looser.

Value (:func:`value_credit`, 0..1)
    Quantities compare as quantities through pint (``notes.units``: 100 MB = 102400 KB), 1 or 0; two
    values that start with different numbers in a unit pint does not know ("200 messages per 24
    hours") score 0. A
    key value listing members ("a, b, c") gives the share of its members the fact names, order-free;
    it is *found* with all of them (the fact may list more), or with at least half of them and no
    member the key does not list (a shorter list that is still true); vendor words do not count. Other text
    compares as normalised word sets: found when the key's words are all in the fact's (the fact may
    say more: an example in parentheses), or, for a key value of four content words or more, when at
    least half of them are; a negation on one side only ("not", "no", "never") scores 0.

Verdict (:func:`judge`)
    A fact alike a ``!`` line and stating its value is WRONG. Otherwise its candidates are the key
    lines alike it; it is right when one of its best-scoring candidates states its value, or a line
    it is word for word less specific than (a fact about SageMaker, true of one SageMaker variant);
    never one it is more specific than ("SQS FIFO queue" is not rescued by the value of "SQS queue").
    A limit, invocation or consistency fact whose best candidates share no value with it (and no
    wider line rescues it) is WRONG (closed vocabularies: "asynchronous" is not "synchronous"); a
    concept whose text differs is only "near" (wording varies). Found counts
    come from a one-to-one assignment (:func:`assign`): each key line is credited to at most one fact
    and each fact to at most one line, best likeness first; a second fact stating a line already
    credited is unexpected (a duplicate).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from notes.facts.subjects import subject_in, subject_topic
from notes.topics import CATALOGUE, find_topic_mentions, topic_aliases
from notes.units import parse_quantity, same_quantity
from quizzes.bank.generation.wording import singular, split_qualifier

ALIKE = 0.5  # the least likeness of a key line a fact states
_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "per",
        "for",
        "each",
        "in",
        "on",
        "at",
        "to",
        "by",
        "from",
        "with",
        "and",
        "or",
        "its",
        "their",
        "your",
        "is",
        "are",
        "be",
        "as",
        "into",
        "than",
        "that",
        "which",
        "this",
        "these",
        "those",
        "when",
    ]
)
_PLACEHOLDERS = frozenset({"definition"})  # "X | definition | ..." names its attribute in the subject
_NEGATIONS = frozenset({"not", "no", "never", "without", "non"})
_VENDOR = frozenset({"aws", "amazon"})
# One measure in other words: a "delivery delay" is the "delay", "caching" names the "cache", a
# "duration" is the length of time ("execution duration" = "execution time"), a count of things per
# second is a throughput. Each is the same measure, never a narrower or a wider one.
_SYNONYMS = (
    (re.compile(r"\bdelivery delay\b"), "delay"),
    (re.compile(r"\bcaching\b"), "cache"),
    (re.compile(r"\bduration\b"), "time"),
    (re.compile(r"\b(?:messages?|requests?|records?|events?|items?) (?:rate|throughput)\b"), "throughput"),
    (re.compile(r"\bmax\b\.?"), "maximum"),
    (re.compile(r"\bmin\b\.?"), "minimum"),
)
# Words that only narrow a fact to one invocation mode ("maximum async retries" states the "maximum
# retries"): the fact may have them and the key not, never the other way round.
_MODE_WORDS = frozenset({"async", "asynchronous", "sync", "synchronous"})


def words(text: str) -> tuple[str, ...]:
    """Content words of a text, normalised: lower case, hyphens split, synonyms, plurals folded."""
    text = text.lower()
    for pattern, canonical in _SYNONYMS:
        text = pattern.sub(canonical, text)
    found = re.findall(r"[a-z0-9@.%]+", text.replace("-", " ").replace("_", " "))
    return tuple(singular(w.strip(".")) for w in found if w.strip(".") and w.strip(".") not in _STOPWORDS)


@dataclass(frozen=True)
class Described:
    service: str | None  # catalogue slug/part; None: unknown to the catalogue; "*": any (no subject)
    scope: frozenset[str]
    qualifier: str
    attribute: frozenset[str]

    @property
    def content(self) -> frozenset[str]:
        return self.scope | self.attribute


@lru_cache(maxsize=16384)
def describe(subject: str, attribute: str, qualifier: str = "", *, key: bool = False) -> Described:
    """A subject and attribute as (service, scope words, qualifier, attribute words). A subject is
    short hand: a name the catalogue lists only with its vendor ("AWS Config", "Amazon Polly", since
    "config" and "polly" are plain English) resolves without it, in a key line as its writer shortened
    it and in a fact as the reader's short name drops the vendor (``short_name``: "Config"); see also
    :func:`shorthand`. ``key`` is kept for the callers' clarity."""
    if qualifier.strip():
        qualifier, base = split_qualifier(f"{qualifier.lower()} x")[0], " ".join(words(attribute))
    else:
        qualifier, base = split_qualifier(" ".join(words(attribute)))
    attr = frozenset(w for w in words(base) if w not in _PLACEHOLDERS and w != qualifier)
    if not subject.strip():
        return Described("*", frozenset(), qualifier, attr)
    service, scope = _resolve(subject)
    for vendor in ("aws", "amazon"):
        if service is None:
            service, scope = _resolve(f"{vendor} {subject}")
    if service is None:
        service, scope = _resolve(subject)
    return Described(service, scope, qualifier, attr)


def _resolve(subject: str) -> tuple[str | None, frozenset[str]]:
    name = subject_in(subject)
    mention = next(
        (
            m
            for m in find_topic_mentions(subject)
            if not m.concept and name is not None and (m.part == name or subject_topic(name) == m.slug)
        ),
        None,
    )
    if mention is None:
        return None, frozenset(w for w in words(subject) if w not in _VENDOR)
    rest = f"{subject[: mention.start]} {subject[mention.end :]}"
    scope = {w for w in words(rest) if w not in _VENDOR}
    return (mention.part or mention.slug), frozenset(scope | _alias_extension(mention, subject))


def _alias_extension(mention, subject: str) -> set[str]:
    """The words an alias adds to a shorter alias of the same service: the variant it names ("SQS
    FIFO" is an alias of SQS that extends "SQS" by "FIFO", "Lambda functions" extends "Lambda")."""
    written = {w for w in words(subject[mention.start : mention.end]) if w not in _VENDOR}
    names = topic_aliases(mention.slug)
    if mention.part:
        names = [
            " ".join(mention.part.split()),
            *next(a for n, a in _parts(mention.slug) if n == mention.part),
        ]
    shorter = [set(words(name)) for name in names if set(words(name)) < written]
    return written - max(shorter, key=len) if shorter else set()


def _parts(slug: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return next((topic.parts for topic in CATALOGUE if topic.slug == slug), ())


def shorthand(key: Described, fact: Described) -> Described:
    """A key subject the catalogue does not know, read as the fact's service when all its words are in
    the fact's subject, its service's name or scope ("auto scaling" for "EC2 Auto Scaling"): the key's
    writer shortened it."""
    if key.service is not None or fact.service in (None, "*") or not key.scope:
        return key
    for name in _names(fact.service):
        if key.scope <= name | fact.scope:
            return Described(fact.service, key.scope - name, key.qualifier, key.attribute)
    return key


@lru_cache(maxsize=1024)
def _names(service: str) -> tuple[frozenset[str], ...]:
    for topic in CATALOGUE:
        if topic.slug == service:
            return tuple(_plain(name) for name in (topic.title, *topic.aliases))
        for name, aliases in topic.parts:
            if name == service:
                return tuple(_plain(n) for n in (name, *aliases))
    return ()


def same_service(fact: Described, key: Described) -> bool:
    if key.service == "*":
        return True
    if fact.service is None and key.service is None:
        return fact.scope <= key.scope or key.scope <= fact.scope
    return fact.service == key.service


def word_for_word(fact: Described, key: Described) -> bool:
    """The key's attribute word for word (the fact may add an invocation mode the key leaves out) with
    one scope containing the other: the fact is the key line, or a wider or narrower reading of it."""
    if not same_service(fact, key) or fact.qualifier != key.qualifier:
        return False
    same = fact.attribute == key.attribute or (
        not _MODE_WORDS & key.attribute and fact.attribute - _MODE_WORDS == key.attribute
    )
    return same and (fact.scope <= key.scope or key.scope <= fact.scope)


def likeness(fact: Described, key: Described) -> float:
    """How much of two descriptions is shared (Jaccard of content words), 0 when they cannot be the
    same line (another service or qualifier, or no attribute word in common)."""
    if not same_service(fact, key) or fact.qualifier != key.qualifier:
        return 0.0
    if fact.scope - key.content and key.scope - fact.content:
        return 0.0  # each names a variant the other never mentions ("SQS FIFO" and "SQS standard")
    numbered = (
        {w for w in fact.content if any(c.isdigit() for c in w)},
        {w for w in key.content if any(c.isdigit() for c in w)},
    )
    if all(numbered) and numbered[0] != numbered[1]:
        return 0.0  # "HTTP 502 meaning" is not "HTTP 4xx meaning", "100 Gbps" not "10 Gbps"
    shared = fact.content & key.content
    if fact.attribute and key.attribute and not (shared & fact.attribute and shared & key.attribute):
        return 0.0
    union = fact.content | key.content
    return len(shared) / len(union) if union else 1.0


def _quantity(text: str):
    number, _, unit = text.strip().lstrip("~").partition(" ")
    return parse_quantity(number.replace(",", ""), unit)


_NUMBER = re.compile(r"~?(\d[\d,]*(?:\.\d+)?)(?:\s|$)")
_MEMBER_SPLIT = re.compile(r"\s*(?:,|·|;)\s*")


# Rate abbreviations a note or a key may write for the same unit ("1 million pps").
_RATE_ABBREVIATIONS = {
    "pps": "packets per second",
    "rps": "requests per second",
    "tps": "transactions per second",
    "qps": "queries per second",
}


_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9}


def _spelt_out(text: str) -> str:
    return " ".join(_RATE_ABBREVIATIONS.get(w.casefold(), w) for w in text.split())


def _scaled(value: str) -> str:
    """ "10 million" -> "10000000": the reader shows a long number as the notes write it."""
    match = re.fullmatch(r"\s*([\d.]+)\s+(thousand|million|billion)\s*", value, re.IGNORECASE)
    if match is None:
        return value
    number = float(match.group(1)) * _SCALES[match.group(2).lower()]
    return str(int(number)) if number.is_integer() else str(number)


def value_credit(value: str, unit: str, wanted: str) -> tuple[float, bool]:
    """(credit 0..1, found) of a fact's value against a key's value (rules in the module docstring)."""
    unit, wanted, value = _spelt_out(unit), _spelt_out(wanted), _scaled(value)
    expected = _quantity(wanted)
    stated = parse_quantity(value.lstrip("~").replace(",", ""), unit) if value else None
    if expected is not None and stated is not None:
        try:
            same = same_quantity(expected, stated)
        except ValueError:
            same = False
        return (1.0, True) if same else (0.0, False)
    have_text = f"{value} {unit}".strip()
    mine, theirs = _NUMBER.match(have_text), _NUMBER.match(wanted.strip())
    if mine and theirs and float(mine.group(1).replace(",", "")) != float(theirs.group(1).replace(",", "")):
        return 0.0, False  # a count of something pint has no unit for: another number is another value
    have = _plain(have_text)
    members = [_plain(m) for m in _MEMBER_SPLIT.split(wanted) if _plain(m)]
    if len(members) > 1:
        named = sum(1 for m in members if m <= have)
        listed = frozenset().union(*members)
        own = [_plain(m) for m in _MEMBER_SPLIT.split(have_text) if _plain(m)]
        extra = any(not m <= listed for m in own) if len(own) > 1 else False
        credit = named / len(members)
        return credit, credit == 1.0 or (credit >= 0.5 and not extra)
    want = _plain(wanted)
    if not want:
        return (1.0, True) if not have else (0.0, False)
    if bool(want & _NEGATIONS) != bool(have & _NEGATIONS):
        return 0.0, False
    credit = len(want & have) / len(want)
    return credit, credit == 1.0 or (len(want) >= 4 and credit >= 0.5)


def _plain(text: str) -> frozenset[str]:
    return frozenset(w for w in words(text) if w not in _VENDOR)


@dataclass(frozen=True)
class Verdict:
    status: str  # "right", "wrong", "near" (alike a line, value not found), "unexpected" (no line)
    keys: tuple[int, ...] = ()  # indexes of the key lines the fact states (right) or contradicts
    score: float = 0.0  # the likeness of its best candidate
    credit: float = 0.0  # the value credit against that candidate


_CLOSED_KINDS = frozenset({"limit", "invocation", "consistency"})


def judge(fact, wanted: list) -> Verdict:
    """The verdict on one fact (``FactDraft``) against key lines (``Wanted``: kind, subject, attribute,
    value, never)."""
    mine = describe(fact.subject, fact.attribute, getattr(fact, "qualifier", "") or "")
    scored = []
    for index, want in enumerate(wanted):
        theirs = shorthand(describe(want.subject, want.attribute, key=True), mine)
        score = likeness(mine, theirs) if want.kind == fact.kind else 0.0
        close = word_for_word(mine, theirs)
        if score >= ALIKE or close:
            credit, found = value_credit(fact.value, fact.unit, want.value)
            scored.append((index, want, score, close, credit, found))
    never = [s for s in scored if s[1].never and s[5] and s[1].kind == fact.kind]  # a "!" limit: no concept
    told = [s for s in scored if not s[1].never]
    # A "!" line wins unless a key line the fact states word for word is closer ("automated snapshot
    # interval | 1 h" is that line, not the "! ... retention | 1 h" it resembles).
    exact = max((s[2] for s in told if s[5]), default=0.0)
    if never and max(s[2] for s in never) >= exact:
        return Verdict("wrong", tuple(s[0] for s in never), never[0][2], never[0][4])
    if not told:
        return Verdict("unexpected")
    best = max(s[2] for s in told)
    top = [s for s in told if s[2] == best]
    wider = [s for s in told if s[3] and s[5] and s[2] < best and mine.scope <= _scope_of(s[1], mine)]
    good = [s for s in top if s[5]] + wider
    if good:
        return Verdict("right", tuple(s[0] for s in good), good[0][2], good[0][4])
    lead = max(top, key=lambda s: s[4])
    if fact.kind in _CLOSED_KINDS and all(s[4] == 0.0 for s in top):
        return Verdict("wrong", tuple(s[0] for s in top), best, 0.0)
    return Verdict("near", (lead[0],), best, lead[4])


def _scope_of(want, mine: Described) -> frozenset[str]:
    return shorthand(describe(want.subject, want.attribute, key=True), mine).scope


def assign(verdicts: list[Verdict], wanted: list, facts: list) -> dict[int, int]:
    """One-to-one credit: fact index -> key line index, best likeness first, each side used once."""
    pairs = []
    for f, verdict in enumerate(verdicts):
        if verdict.status != "right":
            continue
        mine = describe(facts[f].subject, facts[f].attribute, getattr(facts[f], "qualifier", "") or "")
        for k in verdict.keys:
            theirs = shorthand(describe(wanted[k].subject, wanted[k].attribute, key=True), mine)
            pairs.append((-likeness(mine, theirs), f, k))
    credited: dict[int, int] = {}
    used: set[int] = set()
    for _, f, k in sorted(pairs):
        if f not in credited and k not in used:
            credited[f] = k
            used.add(k)
    return credited


def best_fact(want, facts: list) -> tuple[float, object | None]:
    """The fact of the key line's kind most alike it (for ``-v``: why a line was missed)."""
    scored = []
    for f in (f for f in facts if f.kind == want.kind):
        mine = describe(f.subject, f.attribute, getattr(f, "qualifier", "") or "")
        scored.append((likeness(mine, shorthand(describe(want.subject, want.attribute, key=True), mine)), f))
    return max(scored, key=lambda pair: pair[0], default=(0.0, None))
