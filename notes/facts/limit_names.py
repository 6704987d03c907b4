"""Limit naming: the lexicon and the helpers :mod:`notes.facts.limits` names a quantity with.

The words that join or stop a noun phrase, the shapes of labels, bounds, clauses and units, and
the functions that turn the words before a number into its attribute ("Memory per task: ..." ->
"memory per task"), strip its qualifiers and tell whether a phrase names the subject. Nothing
here names a service, a subject or an attribute of any notes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from notes.facts.context import _Ctx, _subject_in
from notes.facts.limit_rules import (
    COVERS,
    FLOW_MEASURE,
    FLOW_NOUNS,
    FROM_MINIMUM,
    GENERIC_MODIFIER,
    NOT_VARIANTS,
    PHRASE_BREAKS,
    QUALIFIERS,
    SCOPE_AFTER,
    TYPICAL,
    VERB_ATTRIBUTES,
)
from notes.topics import find_topic_mentions

_I = re.IGNORECASE


def _split(words: str) -> list[str]:
    return words.split()


# Every quantity of a line looks at its neighbours only, but a line of megabytes is not notes.
MAX_FACT_CLAUSE_CHARS = 2000
_MAX_ATTRIBUTE_WORDS = 6
_CLAUSE_LABEL_RE = re.compile(
    r"(?:^|[\s,])(?:it|which|that|this|they|these|those)\s+(?:is|are|was|were)\b", _I
)
# "asynchronous: up to 100,000 characters": a mode of calling names a case, not what is counted.
_MODE_LABEL_RE = re.compile(r"(?:a)?synchronous|a?sync|real-time|on-demand|provisioned", _I)
_ARTICLES_RE = re.compile(r"^(?:(?:a|an|the|each|every|your|our|its|their|one|this|that)\s+)+", _I)
_LINK_WORDS = frozenset(
    _split(
        "is are was were be been can could will would of from between to at for with in on goes go ranges "
        "range gives give has have get gets set and or but also then only just as a an the it that which "
        "there here now"
    )
)
# Words a noun phrase that names a quantity cannot contain (it is a sentence, an aside or a heading).
_NOT_A_NAME = frozenset(
    _split(
        "not no never you your we our i if when while because so e.g eg i.e ie example note tip exam "
        "question answer cost costs price pricing free tier"
    )
)
_GENERIC_SUBJECTS = frozenset(_split("it they this that function functions service services one data"))
_MEASURE_WORDS = re.compile(
    r"\b(?:size|storage|memory|ram|capacity|space|disk|volume|buffer|payload|limit|quota|throughput|"
    rf"bandwidth|allocation|increments?|length|cache|rate|quota|{FLOW_NOUNS})\b",
    _I,
)
_LABEL_RE = re.compile(r"^(?P<label>[^:=]{1,80}?)\s*(?:\((?P<note>[^()]{1,30})\))?\s*[:=]\s*$")
_RIGHT_NOUN_RE = re.compile(
    r"^\s*(?P<phrase>[A-Za-z][A-Za-z/-]*(?:\s+[A-Za-z][A-Za-z/-]*){0,2}(?:\s+(?:for|of)\s+[A-Za-z][A-Za-z/-]*)?)"
    r"\s*(?:\(.*\))?\s*$",
    _I,
)
_BOUND_PREFIX_RE = re.compile(
    r"^(?P<bound>max(?:imum)?\.?|upper\s+limit(?:\s+(?:on|of))?|min(?:imum)?\.?|lower\s+limit(?:\s+(?:on|of))?|"
    r"default|typical|average|largest|biggest|longest|highest|smallest|shortest|lowest)\s+",
    _I,
)
_BOUND_NAMES = {
    "largest": "maximum",  # "Largest parameter value: 4 KB": the maximum parameter value size
    "biggest": "maximum",
    "longest": "maximum",
    "highest": "maximum",
    "smallest": "minimum",
    "shortest": "minimum",
    "lowest": "minimum",
    "max": "maximum",
    "upper": "maximum",
    "min": "minimum",
    "lower": "minimum",
    "average": TYPICAL,
}
# Clause ends: ";", a sentence end (not after "max.", "min.", "approx.", "e.g."), inline "2. " lists.
_CLAUSE_RE = re.compile(
    r";\s*|(?<!\bmax)(?<!\bmin)(?<!\bapprox)(?<!\be\.g)(?<!\bi\.e)(?<!\bvs)(?<!\bex)(?<=[a-z)\]\"”%])\.\s+(?=\S)"
    r"|\s(?=\d{1,2}\.\s+[A-Z])|\s*→\s*",
    _I,
)
_SUBCLAUSE_RE = re.compile(r",\s+")
_PAREN_RE = re.compile(r"\(([^()]*\d[^()]*)\)")
_END_DEFAULT_RE = re.compile(r"\bby\s+default\s*\.?\s*$", _I)
_RETRY_RE = re.compile(r"\bretr(?:y|ies|ied)\b|\btries\s+again\b|\battempts?\b", _I)
_TABLE_ROW_RE = re.compile(r"^\s*\|([^|]+)\|([^|]+)\|\s*$")
_ASIDE_RE = re.compile(r"^(?:(?:note|nb|n\.b\.|remember|recall|so|and|but|also|the)\b[:,]?\s*)+", _I)
_LEADING_SUBJECT_RE = re.compile(r"^((?:aws\s+|amazon\s+)?[A-Za-z]+(?:\s+data)?)\s+(.*)$", _I)
_INNER_BOUND_RE = re.compile(r"\s(max|min)\.?(?=\s)", _I)
_NP_SPLIT_RE = re.compile(r"[,:;→=(]|\s[–-]\s|\b(?:when|or|and|if|while|with|because|for)\b", _I)
_IN_UNIT_RE = re.compile(r"\s+in\s+(?:seconds|minutes|hours|days|bytes|[KMGT]i?B)\s*$", _I)
_PER_UNIT_RE = re.compile(r"^\s*(?:1|one)\s+([A-Za-z][\w-]*)\s*:\s*(?=\S)", _I)
_AND_OF_RE = re.compile(r"^\s*and\s+[A-Za-z][\w /-]*?\s+(?:of|is|:)\s*$", _I)
_VERB_FIRST_RE = re.compile(
    "|".join(f"(?:{pattern.pattern})" for pattern, _dimension, _noun in VERB_ATTRIBUTES) + "$", _I
)
_PRAISE_RE = re.compile(
    r"^(?:high|higher|highest|low|lower|great|good|excellent|strong|fast|very|extremely|massive|huge)\s+(?=\S)",
    _I,
)
_DURATION_WORDS = re.compile(
    r"\b(?:time|times|duration|timeout|ttl|latency|delay|interval|retention|window|period|lag|age|lease|"
    r"lifetime|expiry|expiration|wait|cooldown|backoff|start|hold|limit|deadline|schedule|frequency)\b",
    _I,
)
# What a bracketed value may be of: a measure ("batch size (1-10)"), not an event ("failure (29s)").
_NAMED_MEASURES = re.compile(
    r"\b(?:size|capacity|memory|storage|availability|durability|throughput|quota|limit|rate|count)\b", _I
)
_REAL_TIME_RE = re.compile(r"\breal[\s-]+time\b", _I)  # "near real time delivery" names no duration
_SINGLE_RE = re.compile(r"^(?:a|an|each|every|one|any)\s", _I)
_PLURAL_RE = re.compile(r"(?:[a-z]s|[A-Z]S)$")


@dataclass(slots=True)
class _Reading:
    qualifier: str | None  # None: not sure what the number is
    attribute: str  # without the qualifier; "" when nothing names it
    scope: str = ""  # the case the value holds in ("with batching", "(zipped)"), after the attribute


def _strip_qualifiers(left: str, is_range: bool) -> tuple[str, list[str]]:
    found: list[str] = []
    changed = True
    while changed:
        changed = False
        for pattern, qualifier in QUALIFIERS:
            match = pattern.search(left)
            if match and match.group(0).strip():
                found.append(qualifier)
                keep = (match.groupdict().get("keep") or "").strip()
                # "can increase window to 7 days": what is increased names the quantity
                left = keep if keep else left[: match.start()]
                changed = True
                break
        if not is_range:
            match = FROM_MINIMUM.search(left)
            if match and match.group(0).strip():
                found.append("minimum")
                left = left[: match.start()]
                changed = True
    return left, found


def _words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z0-9/@.'’-]+", text)


def _name(text: str) -> str:
    """A noun phrase as an attribute ("Read replicas" -> "read replicas"), "" when it is not one."""
    text = _ARTICLES_RE.sub("", " ".join(text.replace("(", " ").replace(")", " ").split()).strip(" .,-"))
    words = [w.strip(".,") for w in _words(text)]
    words = [w for w in words if w]
    while words and words[-1].lower() in _LINK_WORDS:
        words.pop()
    while words and words[0].lower() in _LINK_WORDS:
        words.pop(0)
    if not words or len(words) > _MAX_ATTRIBUTE_WORDS or any(w.lower() in _NOT_A_NAME for w in words):
        return ""
    if any(w[0].isdigit() for w in words):
        return ""  # "3 retries", "24-hour": a number is not part of a name ("gp3", "EC2" are)
    return " ".join(w if (w.isupper() or any(c.isupper() for c in w[1:])) else w.lower() for w in words)


def _split_verb(phrase: str) -> tuple[str, str]:
    """("A task definition describes" ->) ("A task definition", "describes ...")."""
    words = phrase.replace(":", " ").split()
    for index, word in enumerate(words):
        if index and word.lower().strip(",.") in PHRASE_BREAKS:
            return " ".join(words[:index]), " ".join(words[index:])
        if not index and (word.lower() in {"is", "are", "can"} or _VERB_FIRST_RE.match(word)):
            return "", phrase  # "Kept at most 35 days": no subject before the verb
    return phrase, ""


def _named_phrase(left: str, dimension: str, subject: str = "") -> tuple[str, list[str]]:
    """The attribute the words before a quantity name ("" when they name none for sure), and the
    bound words in them."""
    left = left.strip()
    bounds: list[str] = []
    label = _LABEL_RE.match(left)
    if label:
        left = label.group("label")
        if _CLAUSE_LABEL_RE.search(left) or _MODE_LABEL_RE.fullmatch(left.strip()):
            return "", bounds  # "which is asynchronous: up to ...": a clause about something, no name
        note = (label.group("note") or "").strip().lower()
        if note in {"max", "maximum", "min", "minimum", "default", "typical"}:
            bounds.append(_BOUND_NAMES.get(note, note))
        elif note.startswith("/") and " " not in note:
            return note, bounds  # "Disk capacity in the function container (/tmp)": the path names it
        elif note and _variant(label.group("note")):
            named, more = _named_phrase(f"{label.group('label')}:", dimension, subject)
            if not named:
                return "", bounds
            return f"{named} ({_variant(label.group('note'))})", bounds + more  # "Size (zipped): 50 MB"
        elif note and COVERS.match(note):
            pass  # "Size of the bundle (code and dependencies):": what it covers, the label names it
        elif note:
            return "", bounds  # "(soft)", "(per account)": a qualifier this grammar does not read
        found = _LEADING_SUBJECT_RE.match(left)
        if subject and left.lower().startswith(subject.lower()):
            left = left[len(subject) :]  # "Acme Relay retention: 4 days"
            if not left.strip():
                return "", bounds  # "Acme Relay: 10 GB": which of its quantities?
        elif found and _subject_in(found.group(1), anchored=True) and found.group(2).strip():
            left = found.group(2)  # "kinesis data record: 1MB": the record
        elif _subject_in(left) is not None or (subject and subject.lower() in left.lower()):
            return "", bounds  # "Lambda: 15 minutes": a service's name, not one of its quantities
        inner = _INNER_BOUND_RE.search(left)
        if inner and not _BOUND_PREFIX_RE.match(left):
            word = inner.group(1).lower()
            bounds.append(_BOUND_NAMES.get(word, word))  # "item max size": the maximum item size
            left = (left[: inner.start()] + " " + left[inner.end() :]).strip()
    left = _ASIDE_RE.sub("", left)
    prefix = _BOUND_PREFIX_RE.match(left)
    if prefix:
        word = prefix.group("bound").lower().rstrip(".").split()[0]
        bounds.append(_BOUND_NAMES.get(word, word))
        left = left[prefix.end() :]
    noun, verb = _split_verb(left) if not label else (left, "")
    *head, last = noun.split() or [""]
    for pattern, verb_dimension, attribute in VERB_ATTRIBUTES if label and head else ():
        if verb_dimension == dimension and pattern.fullmatch(last) and _name(" ".join(head)):
            return f"{_name(' '.join(head))} {attribute}", bounds  # "Findings kept: 90 days": their retention
    for pattern, verb_dimension, attribute in VERB_ATTRIBUTES:
        if verb and verb_dimension == dimension and pattern.search(" ".join(verb.split()[:3])):
            owner = _name(noun)
            if owner and subject and owner.lower().rstrip("s") in subject.lower():
                owner = ""  # "streams store ..." under Kinesis Data Streams: the subject itself
            if not owner or owner.lower() in _GENERIC_SUBJECTS:
                return attribute, bounds
            return f"{owner} {attribute}", bounds
    thing = _HOLDS_A_THING_RE.match(verb) if verb and dimension == "size" else None
    if thing and _name(thing.group("thing")):
        return _name(thing.group("thing")), bounds  # "accepts a document of at most 5 KB": its size
    return _name(noun), bounds


# "X accepts a document of at most 5 KB": the size of what the verb takes, not of X.
_HOLDS_A_THING_RE = re.compile(
    r"^(?:accepts?|takes?|allows?|supports?|handles?|holds?|stores?|carries|carry|"
    r"can\s+(?:accept|take|carry|handle|hold|store))\s+"
    r"(?:an?|one|each)\s+(?P<thing>[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*)?)\s+of\s*$",
    _I,
)


def _names_subject(ctx: _Ctx, text: str) -> bool:
    return _subject_in(text) is not None or ctx.subject.lower() in text.lower()


def _without_praise(attribute: str) -> str:
    """ "high durability" is the durability: an adjective of praise is not part of the name, nor is the
    generic "data" ("data availability")."""
    attribute = _PRAISE_RE.sub("", attribute) or attribute
    return GENERIC_MODIFIER.sub("", attribute) or attribute


def _with_measure(attribute: str, dimension: str) -> str:
    flow = FLOW_MEASURE.match(attribute)
    if flow and dimension == "size":
        return flow.group("flow").lower()  # "2MB consumption capacity": the consumption
    if dimension == "time" and attribute and not _DURATION_WORDS.search(attribute):
        return f"{attribute} time"  # "A GraphQL request can take no more than 30 seconds": its time
    if dimension == "size" and attribute and not _MEASURE_WORDS.search(attribute):
        return (
            f"{attribute} storage" if attribute.startswith("/") else f"{attribute} size"
        )  # "/tmp" is a place
    return attribute


_UNIT_DEFINITION_RE = re.compile(r"(?:^|[\s(])(?:1|one)\s*([A-Za-z][\w-]*)\s*=\s*$", _I)
_LAST_NP_RE = re.compile(r"\b(?:on|in|at|for|when|if|after|before|while|once|then|with|whenever)\b", _I)
_PERIOD_RE = re.compile(r"^per \d")


def _variant(text: str) -> str:
    """A bracket's words when they name a case of the value ("zipped", "compressed .zip", "sync"), ""
    for a remark about the limit ("soft", "increasable"), a list or a scope ("code and dependencies",
    "per account"), a qualifier or a service's name."""
    if re.search(r"\d", text) or find_topic_mentions(text):
        return ""
    words = [w for w in text.split() if not w.startswith(".")]  # ".zip": a file extension
    if not 0 < len(words) <= 3 or not all(re.fullmatch(r"[A-Za-z][A-Za-z-]*", w) for w in words):
        return ""
    if any(w.lower() in NOT_VARIANTS for w in words):
        return ""
    return " ".join(w if w.isupper() else w.lower() for w in words)


def _scope_after(right: str) -> str:
    """ "with batching" or a bracketed variant ("(zipped)", "(single request)") right after a quantity."""
    scope = SCOPE_AFTER.match(right)
    if scope:
        return " ".join(scope.group("scope").lower().split())
    bracket = re.match(r"^\s*\((?P<variant>[^()]{1,40})\)\s*[.;]?\s*$", right)
    variant = _variant(bracket.group("variant")) if bracket else ""
    return f"({variant})" if variant else ""


def _one_of(noun: str) -> str:
    """A rate is named after one of what it counts: "300 messages per second" is a message rate."""
    head, _, last = noun.rpartition(" ")
    if len(last) > 3 and last.endswith("s") and not last.endswith(("ss", "us", "is")) and last.islower():
        last = last[:-3] + "y" if last.endswith("ies") else last[:-1]
    return f"{head} {last}".strip()
