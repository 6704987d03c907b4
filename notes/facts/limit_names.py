"""Limit naming: the lexicon and the helpers :mod:`notes.facts.limits` names a quantity with.

The words that join or stop a noun phrase, the shapes of labels, bounds, clauses and units, and
the functions that turn the words before a number into its attribute ("Memory per task: ..." ->
"memory per task"), strip its qualifiers and tell whether a phrase names the subject. Nothing
here names a service, a subject or an attribute of any notes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from notes.facts.concepts import _singular
from notes.facts.context import _Ctx, _subject_in
from notes.facts.limit_rules import (
    BARE_MEASURES,
    COVERS,
    FLOW_MEASURE,
    FLOW_NOUNS,
    FROM_MINIMUM,
    GENERIC_MODIFIER,
    LOOKBACK,
    LOOKS_BACK,
    MEANS_SPLIT,
    NOT_VARIANTS,
    PHRASE_BREAKS,
    QUALIFIERS,
    RESOURCE_NOUNS,
    SCOPE_AFTER,
    TYPICAL,
    VERB_ATTRIBUTES,
)
from notes.facts.quantities import _Qty, may_have_quantity
from notes.outline import FactDraft
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
_AND_VERB_RE = re.compile(
    r"\s(?:and|but|then)\s+(?=(?:"
    + "|".join(sorted(w for w in PHRASE_BREAKS if w.isalpha() and len(w) > 3 and w.endswith("s")))
    + r")\b)",
    _I,
)
_PRONOUN_OBJECT_RE = re.compile(
    r"^\S+\s+(?:each(?:\s+one)?|every\s+one|them|it|those|these|that|this|one|all\s+of\s+them)"
    r"(?:\s+(?:for|around|up))?\s*$",
    _I,
)
_PRAISE_RE = re.compile(
    r"^(?:high|higher|highest|low|lower|great|good|excellent|strong|fast|very|extremely|massive|huge)\s+(?=\S)",
    _I,
)
_DURATION_WORDS = re.compile(
    r"\b(?:time|times|duration|timeout|ttl|latency|delay|interval|retention|window|period|lag|age|lease|"
    r"lifetime|expiry|expiration|wait|cooldown|backoff|start|hold|limit|deadline|schedule|frequency|lookback|"
    r"history)\b",
    _I,
)
# What a bracketed value may be of: a measure ("batch size (1-10)"), not an event ("failure (29s)").
_NAMED_MEASURES = re.compile(
    r"\b(?:size|capacity|memory|storage|availability|durability|throughput|quota|limit|rate|count)\b", _I
)
# Words that stand where an attribute would but name none ("anything from 1 to 60 minutes", "the
# ceiling is 48 hours", "valid for 12 hours"): the quantity is the one the line's label names.
EMPTY_NAMES = frozenset(
    _split(
        "anything something everything any value values it one ones ceiling cap floor upper lower valid "
        "longest shortest largest smallest highest lowest biggest range setting settings option "
        "settable configurable adjustable tunable"
    )
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
    while words and words[-1].lower() in _LINK_WORDS and not _is_noun_set(words):
        words.pop()
    while words and words[0].lower() in _LINK_WORDS:
        words.pop(0)
    if not words or len(words) > _MAX_ATTRIBUTE_WORDS or any(w.lower() in _NOT_A_NAME for w in words):
        return ""
    if any(w[0].isdigit() for w in words):
        return ""  # "3 retries", "24-hour": a number is not part of a name ("gp3", "EC2" are)
    return " ".join(w if (w.isupper() or any(c.isupper() for c in w[1:])) else w.lower() for w in words)


def _is_noun_set(words: list[str]) -> bool:
    """ "IP set", "rule sets": a trailing "set" after a noun is the noun, not the verb ("can be set")."""
    return words[-1].lower() in {"set", "sets"} and len(words) >= 2 and words[-2].lower() not in _LINK_WORDS


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
        per_subject = re.split(r"\s+(?:per|of|in|for|on)\s+", left.strip(), maxsplit=1, flags=_I)
        if subject and re.match(rf"{re.escape(subject)}(?![\w-])", left.strip(), _I):
            left = left.strip()[len(subject) :]  # "Acme Relay retention: 4 days"
            if not left.strip():
                return "", bounds  # "Acme Relay: 10 GB": which of its quantities?
        elif found and _subject_in(found.group(1), anchored=True) and found.group(2).strip():
            left = found.group(2)  # "kinesis data record: 1MB": the record
        elif len(per_subject) == 2 and _name(per_subject[0]) and _subject_in(per_subject[0]) is None:
            pass  # "attachments per transit gateway: ≤ 5000": the service is the scope of the count
        elif (
            len(per_subject) == 2 and re.search(r"[a-z]s$", per_subject[0].strip()) and _name(per_subject[1])
        ):
            pass  # "NAT gateways per AZ: 5": how many of the service one scope holds
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
    if not label:
        # "takes a snapshot daily and keeps each one for": the last predicate's verb names it.
        parts = _AND_VERB_RE.split(left)
        left = parts[-1] if len(parts) > 1 else left
        run_in = re.match(r"^(?P<owner>[A-Za-z][\w /-]{1,40}?):\s+(?P<measure>[a-z]+)\b", left)
        owner = _name(run_in.group("owner")) if run_in else ""
        if owner and _BARE_HEADING_MEASURES.match(run_in.group("measure")):
            # "wait conditions: timeout can't go past": the label owns the bare measure after it
            return f"{_singular(owner.split(' / ')[-1])} {run_in.group('measure').lower()}", bounds
    noun, verb = _split_verb(left) if not label else (left, "")
    *head, last = noun.split() or [""]
    for pattern, verb_dimension, attribute in VERB_ATTRIBUTES if label and head else ():
        if verb_dimension == dimension and pattern.fullmatch(last) and _name(" ".join(head)):
            return f"{_name(' '.join(head))} {attribute}", bounds  # "Findings kept: 90 days": their retention
    for pattern, verb_dimension, attribute in VERB_ATTRIBUTES:
        if verb and verb_dimension == dimension and pattern.search(" ".join(verb.split()[:3])):
            if _PRONOUN_OBJECT_RE.search(verb):
                return "", bounds  # "keeps each one for 14 days": what it keeps is another sentence's
            owner = _name(noun)
            if owner and subject and owner.lower().rstrip("s") in subject.lower():
                owner = ""  # "streams store ..." under Kinesis Data Streams: the subject itself
            if not owner or owner.lower() in _GENERIC_SUBJECTS:
                return attribute, bounds
            return f"{owner} {attribute}", bounds
    thing = _HOLDS_A_THING_RE.match(verb) if verb and dimension == "size" else None
    if thing and _name(thing.group("thing")):
        return _name(thing.group("thing")), bounds  # "accepts a document of at most 5 KB": its size
    scored = _HAS_A_MEASURE_RE.match(verb) if verb and dimension == "count" else None
    if scored and BARE_MEASURES.search(scored.group("measure")):
        return _name(scored.group("measure")), bounds  # "carries a confidence score from 0 to 100"
    return _name(noun), bounds


# "X accepts a document of at most 5 KB": the size of what the verb takes, not of X.
_HAS_A_MEASURE_RE = re.compile(
    r"^(?:has|have|gets?|carries|carry|takes?|is\s+given|are\s+given|receives?)\s+(?:an?|one|its|their)\s+"
    r"(?P<measure>[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*)?)\s+(?:from|between|of)?\s*$",
    _I,
)
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
    if dimension == "bandwidth" and attribute and not _BANDWIDTH_WORDS.search(attribute):
        return f"{attribute} bandwidth"  # "each hub gets up to 10 Gbps": the hub's bandwidth
    if dimension == "time" and attribute and not _DURATION_WORDS.search(attribute):
        return f"{attribute} time"  # "A GraphQL request can take no more than 30 seconds": its time
    if dimension == "size" and attribute and not _MEASURE_WORDS.search(attribute):
        return (
            f"{attribute} storage" if attribute.startswith("/") else f"{attribute} size"
        )  # "/tmp" is a place
    return attribute


_BANDWIDTH_WORDS = re.compile(r"\b(?:bandwidth|throughput|speed|rate|capacity|link|port|connection)s?\b", _I)
_UNIT_DEFINITION_RE = re.compile(r"(?:^|[\s(])(?:1|one)\s*([A-Za-z][\w-]*)\s*=\s*$", _I)
_LAST_NP_RE = re.compile(r"\b(?:on|in|at|for|when|if|after|before|while|once|then|with|whenever)\b", _I)
_PERIOD_RE = re.compile(r"^per \d")


def _variant(text: str) -> str:
    """A bracket's words when they name a case of the value ("zipped", "compressed .zip", "sync"), ""
    for a remark about the limit ("soft", "increasable"), a list or a scope ("code and dependencies",
    "per account"), a qualifier or a service's name."""
    if re.search(r"\d", text) or may_have_quantity(text) or find_topic_mentions(text):
        return ""  # "(about three months)" restates the value, it names no case
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


def _without_restatements(facts: list[FactDraft]) -> list[FactDraft]:
    """ "the ceiling is 172800 seconds (48 hours)": the bracket says the same value again, and the
    bound read before it is the fact; the plain reading of the bracket goes."""
    bounded = {(f.attribute, f.magnitude) for f in facts if f.qualifier and not f.note}
    return [
        f
        for f in facts
        if f.qualifier
        or f.note
        or not any(a.endswith(f.attribute) and _same_amount(m, f.magnitude) for a, m in bounded)
    ]


def _same_amount(one: float | None, other: float | None) -> bool:
    """ "7 years (2557 days)": one amount said twice, to within the rounding of a unit change."""
    if one is None or other is None:
        return one == other
    return abs(one - other) <= 0.005 * max(abs(one), abs(other))


def _lookback_window(ctx: _Ctx, qty: _Qty, rest: str, right: str, qualifiers: list[str]) -> str:
    """ "Enabled for the last 35 days" under a parent that names a thing: that thing's window."""
    if qty.dimension == "time" and not qty.is_range and LOOKS_BACK.search(rest) and not ctx.line.path:
        return "lookback period"  # "Looks at the last 14 days by default"
    if qty.dimension != "time" or qty.is_range or qualifiers or right.strip() or not LOOKBACK.search(rest):
        return ""
    parent = ctx.line.path[-1] if ctx.line.path else ""
    thing = _name(MEANS_SPLIT.split(parent)[-1]) if parent else ""
    if not thing or len(thing.split()) > 3 or _subject_in(thing) is not None:
        return ""
    return f"{thing} window"


def _counted_parent(ctx: _Ctx) -> str:
    """The things a parent bullet names when it is a plural noun phrase of up to three words ("Static
    IPs"): what a bare "up to 5 per account" below it counts; "" otherwise."""
    parent = ctx.line.path[-1].strip().rstrip(":") if ctx.line.path else ""
    words = parent.split()
    if not 0 < len(words) <= 3 or re.search(r"[\d:=(),.;]", parent) or _subject_in(parent) is not None:
        return ""
    name = _name(parent)
    plural = _PLURAL_RE.search(name) or re.search(r"[A-Z]s$", name)
    return name if name and plural and not _VERB_LIKE_RE.search(parent) else ""


_VERB_LIKE_RE = re.compile(r"\b(?:is|are|can|has|have|was|were|will|must|should)\b", _I)


# An FAQ question names what the number of its answer measures ("Q: How much history does the
# behavior graph hold?" > "A: Up to one year."): "how much <noun> ... <thing> <verb>", "how many
# <things>", "how long ... <thing> <verb>".
_HOW_MUCH_RE = re.compile(
    r"^how\s+much\s+(?P<noun>[a-z][\w-]*)\s+(?:does|do|can|will|may)\s+(?:the\s+|a\s+|an\s+|my\s+|each\s+)?"
    r"(?P<np>[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2})\s+(?:hold|keep|store|have|take|use|get|retain)\s*\?$",
    _I,
)
_HOW_MANY_RE = re.compile(
    r"^how\s+many\s+(?P<noun>[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2}?)\s+(?:can|does|do|may|will|are|is|per)\b", _I
)
_HOW_LONG_RE = re.compile(
    r"^how\s+long\s+(?:does|do|is|are|can|will|may)\s+(?:the\s+|a\s+|an\s+|my\s+|each\s+)?"
    r"(?P<np>[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2}?)\s+(?P<verb>last|run|stay|live|wait|be\s+kept|kept|take)\s*\?$",
    _I,
)
# "How long does Macie keep findings?": the subject keeps the object; the object's retention.
_HOW_LONG_KEEPS_RE = re.compile(
    r"^how\s+long\s+(?:does|do|will|can)\s+(?:the\s+)?[a-z][\w-]*(?:\s+[a-z][\w-]*){0,3}?\s+"
    r"(?:keep|retain|store|hold|save)\s+(?:the\s+|its\s+|their\s+|a\s+|an\s+|my\s+|your\s+)?"
    r"(?P<np>[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2}?)\s*\?$",
    _I,
)
_HOW_LONG_MEASURES = {
    "last": "duration",
    "run": "execution time",
    "take": "time",
    "wait": "wait time",
    "stay": "retention",
    "live": "retention",
    "be kept": "retention",
    "kept": "retention",
}
_NEGATED_RE = re.compile(r"^\s*(?:not|never|no)\b", _I)


def question_attribute(ctx: _Ctx, dimension: str, clause: str) -> str:
    """What the question an answer line stands under asks for, in the clause's dimension. Only the
    answer's opening quantity answers it ("Up to one year. Not 30 days: 30 days is the free trial"):
    "" for any later one, for a trap it denies, for a line that answers no question, or for a question
    that names no measure of that dimension."""
    question = ctx.line.path[-1].strip() if ctx.line.path else ""
    question = re.sub(r"^(?:Q|Question)\s*[:.)]\s*", "", question, flags=_I).strip("*_ ")
    if not question.endswith("?") or _NEGATED_RE.match(clause):
        return ""
    opening = re.sub(r"^(?:A|Answer)\s*[:.)]\s*", "", ctx.line.text.strip(), flags=_I)
    opens = bool(clause.strip()) and opening.lower().startswith(clause.strip().lower())
    if not opens and (clause.strip() or not may_have_quantity(opening[:3])):
        return ""  # not the words the answer opens with
    much = _HOW_MUCH_RE.match(question)
    if much and dimension == "time":
        return f"{_name(much.group('np'))} {much.group('noun').lower()}".strip()
    many = _HOW_MANY_RE.match(question)
    if many and dimension == "count":
        return _name(many.group("noun"))
    keeps = _HOW_LONG_KEEPS_RE.match(question)
    if keeps and dimension == "time":
        return f"{_singular(_name(keeps.group('np')))} retention".strip()
    long = _HOW_LONG_RE.match(question)
    if long and dimension == "time":
        measure = _HOW_LONG_MEASURES[" ".join(long.group("verb").lower().split())]
        return f"{_name(long.group('np'))} {measure}".strip()
    return ""


def _subclauses(clause: str) -> list[tuple[str, str]]:
    """ ", "-separated parts, then each bracket with a number in it, with the noun phrase right before
    the bracket ("integration failure (29s)")."""
    inner = [(m.group(1), _np_before(clause[: m.start()])) for m in _PAREN_RE.finditer(clause)]
    out = [(sub, "") for sub in _SUBCLAUSE_RE.split(_PAREN_RE.sub(" ", clause) if inner else clause)]
    for part, before in inner:
        out.extend((sub, before) for sub in _SUBCLAUSE_RE.split(part))
    return out


def _np_before(text: str) -> str:
    tail = _NP_SPLIT_RE.split(_PAREN_RE.sub(" ", text))[-1].strip()
    noun, verb = _split_verb(tail)
    tail = _IN_UNIT_RE.sub("", noun if verb else tail)
    name = _name(tail)
    return name if name and len(name.split()) <= 4 else ""


# Measures that name nothing without the thing they measure ("interval: 5 to 300 s").
_BARE_HEADING_MEASURES = re.compile(
    r"^(?:interval|timeout|threshold|ttl|delay|duration|window|retention|period|frequency|size)$", _I
)
_HEADING_THING_RE = re.compile(
    r"^(?P<thing>[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*){0,2})\s*(?:\([^()]*\))?\s*:?$"
)


def heading_thing_measure(ctx: _Ctx, attribute: str) -> str:
    """ "interval: 5 to 300 s" under the heading "Health checks (target group settings)": the health
    check interval. Only a bare measure at the top of its section, under a heading that is a short
    plural noun phrase naming no service, takes the heading's thing."""
    if not _BARE_HEADING_MEASURES.match(attribute) or ctx.line.path or not ctx.named_by:
        return attribute
    heading = ctx.named_by[0].strip()
    found = _HEADING_THING_RE.match(heading)
    thing = found.group("thing") if found else ""
    if not thing or find_topic_mentions(thing) or _subject_in(thing) is not None:
        return attribute
    thing = thing.lower()
    last = thing.split()[-1]
    if not last.endswith("s") or last.endswith(("ss", "us", "is")) or last in _NOT_THINGS:
        return attribute
    return f"{_singular(thing)} {attribute}"


_NOT_THINGS = frozenset(
    _split("limits quotas settings timeouts defaults basics notes numbers options details")
)


_HEADING_PER_RE = re.compile(
    r"\((?:[^()]*?[,;]\s*)?(?P<per>per\s+[a-z][a-z -]{1,30}?)\s*(?:[,;][^()]*)?\)", _I
)


def with_heading_per(ctx: _Ctx, attribute: str) -> str:
    """ "Listeners: 50" under "ALB quotas (default, per load balancer)": the listeners per load
    balancer. A count already counted per something keeps its own scope."""
    if " per " in f" {attribute} " or not ctx.named_by:
        return attribute
    found = _HEADING_PER_RE.search(ctx.named_by[0])
    return f"{attribute} {found.group('per').lower().strip()}" if found else attribute


_FLAT_LABEL_LINES = 4  # how far above a line a flat outline's label may be


def label_above(ctx: _Ctx, dimension: str) -> str:
    """The label that scopes a line and names a measure of its dimension: the innermost parent bullet,
    or in a flat outline (no parents) a line of one or two words among the few just above ("Caching"
    over "configured per stage", "0 to 3600s TTL")."""
    texts = ctx.line.path[-1:] if ctx.line.path else ctx.window[:_FLAT_LABEL_LINES]
    for text in texts:
        words = text.split()
        if not 0 < len(words) <= 2 or re.search(r"[\d:=(),.;]", text):
            continue
        measure = _MEASURE_WORDS if dimension in {"size", "rate"} else _DURATION_WORDS
        name = _name(text)
        if name and (measure.search(text) or RESOURCE_NOUNS.search(text)):
            return name
        if ctx.line.path:
            break
    return ""
