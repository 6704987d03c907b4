"""Consistency, replication, delivery and ordering: a closed vocabulary attached to its subject.

Values are the generator's families (``delivery guarantee``: at-least-once / exactly-once /
at-most-once; ``read consistency`` and ``default read consistency``: strongly / eventually
consistent, read-after-write; ``replication``: synchronous / asynchronous / active-active;
``ordering``: ordered / best-effort, ``ordering scope``: per partition / shard / message group /
key; ``duplicates``: possible / prevented; ``strongly consistent reads``: available (optional)).

The subject is the line's scope subject narrowed by what the clause, its parent bullet or a short
label above it says the mode is about (see :func:`mode_subject`). A clause that gives one attribute
two values, negates the mode or names another service gives nothing.
"""

from __future__ import annotations

import re

from notes.facts.context import _Ctx
from notes.facts.servicenames import scope_service, service_short_name, services_named, topic_of
from notes.outline import FactDraft

_I = re.IGNORECASE
# "runs at most once an hour", "at least once a day": a frequency, not a delivery guarantee.
_NOT_A_RATE = (
    r"(?!\s+(?:an?|per|every|each|in\s+an?)\s+(?:second|minute|hour|day|week|month|year|quarter|run)s?\b)"
)

_VOCABULARY: tuple[tuple[str, str, re.Pattern[str]], ...] = tuple(
    (attribute, value, re.compile(pattern, _I))
    for attribute, value, pattern in (
        ("delivery guarantee", "at-least-once", rf"\bat[\s-]+least[\s-]+once\b{_NOT_A_RATE}"),
        (
            "delivery guarantee",
            "exactly-once",
            rf"\bexactly[\s-]+once\b{_NOT_A_RATE}|\bonly\s+once\s+and\s+never\s+duplicat",
        ),
        ("delivery guarantee", "at-most-once", rf"\bat[\s-]+most[\s-]+once\b{_NOT_A_RATE}"),
        ("read consistency", "strongly consistent", r"\bstrong(?:ly)?[\s-]+consisten(?:t|cy)\b"),
        ("read consistency", "eventually consistent", r"\beventual(?:ly)?[\s-]+consisten(?:t|cy)\b"),
        ("read consistency", "read-after-write", r"\bread[\s-]+after[\s-]+write\b"),
        (
            "replication",
            "asynchronous",
            r"\basynchronous(?:ly)?\s+replicat\w*|\breplicat\w*\s+asynchronously|"
            r"\b(?:updated|copied|replicated|kept\s+up\s+to\s+date)\s+asynchronously|"
            r"\breplication\b[^;.,]{0,40}?\b(?:is|are)\s+(?:\w+\s+)?asynchronous\b|"
            r"\b(?:trails?|lags?\s+behind)\s+the\s+(?:source|primary|leader|master|writer)\b",
        ),
        (
            "replication",
            "synchronous",
            r"(?<![a-z])synchronous(?:ly)?\s+replicat\w*|\breplicat\w*\s+(?<![a-z])synchronously|"
            r"\b(?:updated|copied|replicated)\s+(?<![a-z])synchronously|"
            r"\breplication\b[^;.,]{0,40}?\b(?:is|are)\s+(?:\w+\s+)?(?<![a-z])synchronous\b",
        ),
        ("replication", "active-active", r"\bactive[\s-]+active\b|\bmulti[\s-]+(?:master|active)\b"),
        (
            "ordering",
            "best-effort",
            r"\bbest[\s-]+effort\s+order|\border(?:ing)?\s+is\s+(?:only\s+)?best[\s-]+effort\b|\bno\s+order(?:ing)?\s+guarantee|\border(?:ing)?\s+is\s+not\s+guaranteed|"
            r"\b(?:don.t|does\s+not|doesn.t|not)\s+guarantee\s+(?:the\s+|an\s+)?order|\bout\s+of\s+order\b|"
            r"\bin\s+any\s+order\b",
        ),
        (
            "ordering",
            "ordered",
            r"(?<!not\s)(?<!n.t\s)\bguarantee[sd]?\s+(?:an?\s+|the\s+)?(?:message\s+)?order(?!\w)|"
            r"\bstrict(?:ly)?\s+(?:\w+\s+)?order(?:ing|ed)?\b|\bfirst[\s-]+in[\s,-]+first[\s-]+out\b|"
            r"^\s*ordered\b|\bin\s+(?:the\s+)?(?:same\s+|exact\s+)?order\b(?!\s+to)|"
            r"\bkeep\s+(?:their|the|its)\s+order\b|\border(?:ing)?\s+is\s+(?:preserved|guaranteed|kept)\b|"
            r"\bpreserv\w*\s+(?:the\s+)?order\b",
        ),
        (
            "duplicates",
            "possible",
            r"\b(?:can|may|might)\s+(?:have|get|deliver|receive|see|contain)\s+(?:\w+\s+)?duplicates?\b|"
            r"\bduplicates?\s+(?:messages?\s+)?(?:are\s+|is\s+)?possible\b|\boccasional\s+duplicates?\b|"
            r"\bdelivered\s+more\s+than\s+once\b",
        ),
        (
            "duplicates",
            "prevented",
            r"\bno\s+duplicates?\b|\bprevents?\s+(?:\w+\s+)?duplicat\w*|\bdeduplicat\w*|\bwithout\s+duplicates\b|"
            r"\bnever\s+duplicates\b",
        ),
    )
)
_SCOPE_RE = re.compile(
    r"\b(?:within|inside)\s+(?:a|an|each|one|the\s+same|its)\s+(partition|shard|message\s+group|group|key)\b|"
    r"\bper\s+(partition|shard|message\s+group|key)\b|"
    r"\b(?:same|one)\s+(message\s+group|group\s*id|groupid|partition\s+key|shard)\b",
    _I,
)
# One pass that tells whether a clause can state any mode at all (most lines state none).
_ANY_RE = re.compile("|".join(f"(?:{p.pattern})" for _a, _v, p in _VOCABULARY) + "|" + _SCOPE_RE.pattern, _I)
# Every pattern above contains one of these: a cheap first test.
_KEYWORDS = (
    "once",
    "consisten",
    "strong",
    "eventual",
    "after",
    "replicat",
    "synchron",
    "active",
    "master",
    "order",
    "duplicat",
    "first",
    "deduplic",
    "trail",
    "lag",
)
_SCOPE_NAMES = {
    "group": "message group",
    "group id": "message group",
    "groupid": "message group",
    "groupid ": "message group",
}
# A short bare option line ("strong", "eventually (default)") under a label about consistency.
_BARE_RE = re.compile(r"^\s*(strong|strongly|eventual|eventually)\s*(\(\s*default\s*\))?\s*$", _I)
_CONSISTENCY_LABEL_RE = re.compile(r"\bconsisten|\bread\s+(?:modes?|types?|options?)\b", _I)
_DEFAULT_RE = re.compile(r"\(\s*default\s*\)|\bby\s+default\b|\bdefaults?\s+(?:to|is)\b|\bdefault\s*:", _I)
_OPTION_RE = re.compile(
    r"\b(?:supports?|option(?:al|ally)?|on\s+request|when\s+(?:asked|requested)|if\s+(?:asked|requested)|"
    r"can\s+(?:also\s+)?(?:ask|request|choose|use|get|opt))\b",
    _I,
)
_NEGATION_RE = re.compile(
    r"\b(?:not|never|cannot|unlike|versus|vs|instead|rather|except|neither|nor)\b|n't\b", _I
)
_CONTRAST_SPLIT_RE = re.compile(r",?\s+(?:while|whereas|but)\s+|;\s*|,\s+and\s+", _I)
# "For SQS FIFO queue Lambda scales ..., and messages ... in order": what the whole clause is about.
_FOR_RE = re.compile(
    r"^\s*for\s+(?:the\s+|an?\s+)?(?P<f>[\w()-]+(?:\s+[\w()-]+){0,3}?\s+(?:queues?|topics?|streams?|tables?))\b",
    _I,
)
# What a clause says a mode is about: "reads from a replica", "on a standard topic".
_QUALIFIER_RE = re.compile(
    r"\b(?:reads?|writes?|data)\s+(?:from|to|on)\s+(?:a|an|the|each)\s+(?P<q>[a-z][\w-]*)|"
    r"\b(?:on|for|with)\s+(?:a|an|the)\s+(?P<r>[a-z][\w-]*\s+(?:topic|queue|stream|table|cluster))s?\b",
    _I,
)
_REPLICATION_NP_RE = re.compile(
    r"^\s*(?P<q>(?!(?:the|a|an|this|its|a?synchronous|a?sync)\b)[\w-]+(?:\s+[\w-]+)?\s+replication)\b"
    r"(?=\s*(?:\([^)]*\)\s*)?(?:(?:to|from|across|between)\s+[\w\s-]{1,30}?\s+)?(?:is|are)\b)",
    _I,
)
_LEAD_VERB_RE = re.compile(
    r"^(?P<np>(?:[\w@/-]+\s+){0,3}?[\w@/-]+?)\s*,?\s+(?:is|are|was|were|supports?|deliver|delivers|keeps?|"
    r"provides?|uses?|gives?|guarantees?|ensures?|offers?|has|have|gets?|can|may|will|reads?)\b",
    _I,
)
_GENERIC_WORDS = frozenset(
    [
        *[
            "consumers",
            "consumer",
            "producers",
            "producer",
            "clients",
            "client",
            "subscribers",
            "subscriber",
            "users",
            "user",
        ],
        *[
            "callers",
            "caller",
            "receivers",
            "receiver",
            "senders",
            "sender",
            "applications",
            "application",
            "apps",
            "app",
        ],
        *["broker", "service", "server", "system", "platform", "engine"],
        "a",
        "an",
        "the",
        "it",
        "its",
        "they",
        "this",
        "these",
        "that",
        "those",
        "messages",
        "message",
        "records",
        "record",
        "items",
        "item",
        "data",
        "events",
        "event",
        "reads",
        "read",
        "writes",
        "write",
        "delivery",
        "ordering",
        "order",
        "consistency",
        "replication",
        "each",
        "all",
        "every",
        "some",
        "default",
        "you",
        "we",
        "your",
        "our",
        "and",
        "or",
        "of",
        "in",
        "on",
        "with",
        "by",
        "on",
        "at",
        "between",
        "for",
        "to",
    ]
)
_SHORT_LABEL_WORDS = 3
_VERBISH_RE = re.compile(
    r"\b(?:is|are|can|will|may|must|should|has|have|use|uses|used|gets?|needs?|allows?|supports?|handles?|"
    r"provides?|makes?|keeps?|runs?|sends?|scales?)\b|[:=→>()\d]",
    _I,
)


def _short_label(text: str) -> str | None:
    """A short bullet that names a variant ("Standard", "Read replicas", "Multi-AZ"), or None."""
    text = text.strip().rstrip(":").strip()
    words = text.split()
    if (
        not words
        or len(words) > _SHORT_LABEL_WORDS
        or _VERBISH_RE.search(text)
        or re.search(r"[,;.!?]", text)
    ):
        return None
    if all(w.lower() in _GENERIC_WORDS for w in words):
        return None
    if (
        any(p.search(text) for _a, _v, p in _VOCABULARY)
        or _BARE_RE.match(text)
        or _CONSISTENCY_LABEL_RE.search(text)
    ):
        return None
    return text


def _variant(qualifier: str) -> str:
    """ "Standard topics" -> "standard topic"; names with capitals inside ("Multi-AZ", "FIFO") stay."""
    words = qualifier.split()
    while words and words[0].lower() in _LEADING_LINKS:
        words.pop(0)  # "so searches are eventually consistent": the searches
    out = [w.lower() if w[:1].isupper() and w[1:].islower() else w for w in words]
    if (
        out
        and out[-1].endswith("s")
        and not out[-1].endswith("ss")
        and out[-1].islower()
        and len(out[-1]) > 3
    ):
        last = out[-1]
        out[-1] = last[:-2] if last.endswith(("ches", "shes", "xes", "sses")) else last[:-1]
    return " ".join(out)


# Words that open a clause, not a name ("so searches", "and reads", "then writes").
_LEADING_LINKS = frozenset({"so", "and", "but", "then", "thus", "hence", "therefore", "also", "while"})


def _join(base: str, qualifier: str) -> str:
    qualifier = _variant(" ".join(qualifier.split()))
    short = service_short_name(base)
    if not qualifier or qualifier.lower() in base.lower():
        return base
    named = services_named(qualifier, require_all=False, anywhere=True) or ()
    if named:
        rest = qualifier
        for name in named:
            for word in (name, service_short_name(name)):
                rest = re.sub(re.escape(word), " ", rest, flags=_I)
        rest = " ".join(w for w in rest.split() if w.lower() not in _GENERIC_WORDS)
        return f"{service_short_name(named[0])} {rest}".strip()
    return f"{short} {qualifier}"


def mode_subject(ctx: _Ctx, piece: str, about: str = "") -> str | None:
    """The subject a consistency mode in ``piece`` is stated of, or None when it is about another
    service than the line's."""
    base = scope_service(ctx)
    if about:
        return None if services_named(piece, require_all=False, anywhere=True) else _join(base, about)
    others = [n for n in services_named(piece, require_all=False, anywhere=True) or () if not _same(n, base)]
    lead = _LEAD_VERB_RE.match(piece.strip())
    lead_np = re.sub(r"^(?:the|a|an)\s+", "", lead.group("np"), flags=_I) if lead else ""
    if others:
        return None  # the mode is stated of another service than the subject: unsure
    if lead_np and (
        _NEGATION_RE.search(lead_np)
        or re.search(r"\bno\b|order|consisten|deliver|replicat|once", lead_np, _I)
    ):
        lead_np = ""  # "No ordering guarantee": the mode words themselves, not what the mode is about
    if replication := _REPLICATION_NP_RE.match(piece):
        return _join(base, replication.group("q"))  # "Ongoing replication (CDC) to the target is ..."
    qualifier = _QUALIFIER_RE.search(piece)
    if qualifier:
        return _join(base, qualifier.group("q") or qualifier.group("r"))
    for parent in reversed(ctx.line.path):
        label = _short_label(parent)
        if label:
            return _join(base, label)
        if services_named(parent, require_all=False, anywhere=True):
            break
    if (
        lead_np
        and not all(w.lower() in _GENERIC_WORDS for w in lead_np.split())
        and not _VERBISH_RE.search(lead_np)
    ):
        return _join(base, lead_np)
    if not ctx.line.path:
        for text in ctx.window[:3]:
            label = _short_label(text)
            if label:
                return _join(base, label)
            if not _ANY_RE.search(text):
                break  # only lines that state a mode themselves may stand between a label and the line
    return base


def _same(name: str, base: str) -> bool:
    return (
        topic_of(name) is not None
        and topic_of(name) == topic_of(base)
        and (
            service_short_name(name).lower() in base.lower()
            or service_short_name(base).lower() in name.lower()
        )
    )


def consistency_facts(ctx: _Ctx, clause: str) -> list[FactDraft]:
    """The consistency, replication, delivery and ordering modes a clause states of its subject."""
    facts: list[FactDraft] = []
    bare = _BARE_RE.match(clause)
    if bare:
        return _bare_option(ctx, clause, bare)
    lower = clause.lower()
    if not any(word in lower for word in _KEYWORDS) or not _ANY_RE.search(clause):
        return facts
    about = _FOR_RE.match(clause)
    first: str | None = None
    for index, piece in enumerate(_CONTRAST_SPLIT_RE.split(clause)):
        if not piece or not piece.strip():
            continue
        if index == 0:
            first = mode_subject(ctx, piece, about.group("f") if about else "")
        new = _piece_facts(ctx, piece, about.group("f") if about else "")
        if index > 0 and first and first != scope_service(ctx):
            # "FIFO topic ensures strict ordering, and prevent duplication": the first part's subject
            new = [
                f if f.subject != scope_service(ctx) else _fact(ctx, first, f.attribute, f.value) for f in new
            ]
        facts.extend(new)
    return facts


def _bare_option(ctx: _Ctx, clause: str, bare: re.Match[str]) -> list[FactDraft]:
    """ "strong" / "eventually (default)" listed under a label about consistency."""
    labels = [*reversed(ctx.line.path), *ctx.window[:3]]
    if not any(_CONSISTENCY_LABEL_RE.search(t) and len(t.split()) <= 4 for t in labels[:4]):
        return []
    strong = bare.group(1).lower().startswith("strong")
    if bare.group(2):
        value = "strongly consistent" if strong else "eventually consistent"
        return [_fact(ctx, scope_service(ctx), "default read consistency", value)]
    if strong:
        return [_fact(ctx, scope_service(ctx), "strongly consistent reads", "available (optional)")]
    return []


def _piece_facts(ctx: _Ctx, piece: str, about: str = "") -> list[FactDraft]:
    found: dict[str, list[tuple[str, re.Match[str]]]] = {}
    for attribute, value, pattern in _VOCABULARY:
        match = pattern.search(piece)
        if match:
            found.setdefault(attribute, []).append((value, match))
    scope = _SCOPE_RE.search(piece)
    if scope and not re.search(r"\border(?:ing|ed)?\b", piece, _I):
        scope = None  # "10 batches per shard": a scope of something else than the order
    if not found and not scope:
        return []
    subject = mode_subject(ctx, piece, about)
    if subject is None:
        return []
    facts: list[FactDraft] = []
    for attribute, values in found.items():
        if len({v for v, _ in values}) != 1:
            continue  # "at-least-once, not exactly-once": which one is meant is unclear
        value, match = values[0]
        if _is_grammatical_subject(piece, match):
            continue  # "Strongly consistent reads cost twice as much": about such reads, not the mode
        negative = attribute in {"ordering", "duplicates"} and value in {"best-effort", "prevented"}
        if not negative and _NEGATION_RE.search(f"{piece[: match.start()]} {piece[match.end() :]}"):
            continue
        if attribute == "ordering" and scope:
            continue  # a scoped order ("within a partition") is its scope fact, not a bare "ordered"
        if attribute == "read consistency":
            around = piece[max(0, match.start() - 20) : match.end() + 20]
            if value == "strongly consistent" and _OPTION_RE.search(piece):
                facts.append(_fact(ctx, subject, "strongly consistent reads", "available (optional)"))
                continue
            if _DEFAULT_RE.search(around) or _DEFAULT_RE.search(piece):
                attribute = "default read consistency"
        facts.append(_fact(ctx, subject, attribute, value))
    if scope and not _NEGATION_RE.search(piece[: scope.start()]):
        unit = next(g for g in scope.groups() if g).lower()
        unit = " ".join(unit.split())
        unit = _SCOPE_NAMES.get(unit, unit)
        if unit == "partition key":
            unit = "key"
        facts.append(_fact(ctx, subject, "ordering scope", f"per {unit}"))
    return facts


_HEAD_NOUNS = frozenset(
    [
        "reads",
        "read",
        "delivery",
        "consistency",
        "ordering",
        "order",
        "replication",
        "semantics",
        "guarantee",
        "stream",
    ]
)
_CONTINUATIONS = frozenset(
    [
        "of",
        "for",
        "with",
        "in",
        "on",
        "at",
        "across",
        "within",
        "per",
        "by",
        "default",
        "available",
        "supported",
        "only",
    ]
)


def _is_grammatical_subject(piece: str, match: re.Match[str]) -> bool:
    """The mode phrase opens the clause and something else is said of it."""
    if piece[: match.start()].strip() or re.search(
        r"\b(?:is|are|guarantee|keep|preserv|deliver)", match.group(0), _I
    ):
        return False
    rest = re.findall(r"[\w()-]+", piece[match.end() :])
    if rest and rest[0].lower() in _HEAD_NOUNS:
        rest = rest[1:]
    return bool(rest) and rest[0].lower().strip("()") not in _CONTINUATIONS


def _fact(ctx: _Ctx, subject: str, attribute: str, value: str) -> FactDraft:
    return FactDraft(
        kind="consistency",
        topic=topic_of(subject) or ctx.topic,
        subject=subject,
        attribute=attribute,
        value=value,
        text=ctx.line.text,
        lines=(ctx.line.number,),
    )
