"""Invocation, consistency and delivery modes: a general vocabulary read from the outline.

Nothing here names a service. A mode is recognised by a small closed vocabulary (synchronous /
request-response, asynchronous / event / queued, event source mapping / polling, push and pull;
strong / eventual / read-after-write consistency, synchronous / asynchronous / active-active
replication, at-most / at-least / exactly-once delivery, ordered / best-effort ordering and its
scope, duplicates) and attached to the subject the line is about:

* the **subject** is the line's scope subject (:mod:`notes.facts.context`), narrowed by what the
  clause says it is about ("reads from a replica", "FIFO topics deliver ..."), a short parent bullet
  ("Read replicas" over "updated by asynchronous replication") or, in a flat outline, a short label
  line just above ("Standard" then "at least once delivery");
* an **invocation behaviour** (who waits, who retries, idempotency, batches, shards, the DLQ) is
  about "<function service> <mode> invocation" or "<function service> event source mapping", where
  the mode is named by the clause, its parent bullets or a short label line above it.

A clause that names two values of one attribute ("at-least-once, not exactly-once"), negates or
contrasts the mode, or names another service than its subject gives nothing: a gap is better than
a wrong key.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

from notes.facts.context import _Ctx
from notes.facts.quantities import NUMBER_WORDS as QUANTITY_NUMBER_WORDS
from notes.facts.servicenames import (
    function_target,
    is_function,
    scope_service,
    service_short_name,
    services_named,
    topic_of,
)
from notes.outline import FactDraft

_I = re.IGNORECASE

# --- invocation modes ------------------------------------------------------------------------------

SYNC, ASYNC, ESM = "synchronous", "asynchronous", "event source mapping"
MODES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        ESM,
        re.compile(
            r"event[\s-]+source[\s-]+mappings?|\bpoll(?:s|ing|ed|er)?\b|\bpulls?\s+(?:records|batches)", _I
        ),
    ),
    (
        ASYNC,
        re.compile(
            r"\basync(?:hronous(?:ly)?)?\b|\bevent\s+invocation|\binvocation\s*type\s*[:=]?\s*event\b", _I
        ),
    ),
    (SYNC, re.compile(r"(?<![a-z])sync(?:hronous(?:ly)?)?\b|\brequest[\s/-]+response\b", _I)),
)
_LABEL_WORDS = 4  # a window line longer than this is a statement, not a label that scopes what follows


def mode_of(texts: Iterable[str]) -> str | None:
    """The first invocation mode named by the texts, in order."""
    for text in texts:
        for mode, pattern in MODES:
            if pattern.search(text):
                return mode
    return None


def line_mode(ctx: _Ctx, clause: str) -> str | None:
    """The invocation mode a clause is about: the clause, its parents (innermost first), a heading that
    names one mode, then a short label line just above it (flat outlines)."""
    found = mode_of([clause, *reversed(ctx.line.path)])
    if found:
        return found
    named = {mode for mode, pattern in MODES if pattern.search(ctx.heading)}
    if len(named) == 1 and not re.search(r"\bvs\.?\b|\bversus\b", ctx.heading, _I):
        return named.pop()  # a heading about one mode ("Lambda - Invocation Async") scopes its section
    for text in ctx.window[:3]:
        if len(text.split()) <= _LABEL_WORDS:
            found = mode_of([text])
            if found:
                return found
    return None


def mode_subject(target: str, mode: str) -> str:
    return f"{target} event source mapping" if mode == ESM else f"{target} {mode} invocation"


# --- invocation behaviour ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Behaviour:
    pattern: re.Pattern[str]
    attribute: str
    value: str  # "{target}" is the function service
    modes: frozenset[str]  # the modes it may be stated of


def _b(pattern: str, attribute: str, value: str, *modes: str) -> _Behaviour:
    return _Behaviour(re.compile(pattern, _I), attribute, value, frozenset(modes))


_NEGATED_WAIT = r"(?:doesn.t|does\s+not|don.t|do\s+not|without|no\s+need\s+to|never)\s+wait"
BEHAVIOURS: tuple[_Behaviour, ...] = (
    _b(
        r"(?<!n.t\s)(?<!not\s)\bwait(?:s|ing)?\s+for\s+(?:a|the)\s+(?:\w+\s+)?(?:response|result|answer)"
        r"|\b(?:result|response)s?\s+(?:is|are)\s+returned\s+(?:right\s+away|immediately)",
        "caller behaviour",
        "the caller waits for the function's response",
        SYNC,
    ),
    _b(
        rf"{_NEGATED_WAIT}|returns?\s+(?:a\s+)?(?:response\s+)?(?:immediately|right\s+away)"
        rf"|\bqueues?\s+the\s+event|\bevents?\s+queue|\binto\s+(?:an?\s+|the\s+)?(?:internal\s+)?queue",
        "caller behaviour",
        "the event is queued and the caller does not wait for the result",
        ASYNC,
    ),
    _b(
        r"\bclients?\b.{0,30}\bhandle|\bhandled\s+(?:with)?in\s+the\s+client|\bcaller\s+(?:must\s+)?handles?",
        "error and retry handling",
        "the client (caller)",
        SYNC,
    ),
    _b(
        r"\bretr(?:y|ies)\s+logic\s+(?:is\s+)?handled\s+by|\bhandles\s+retries|\bretr(?:y|ies)\s+on\s+errors?"
        r"|\bretries\s+automatically|\btries\s+again|\bretr(?:y|ies)\s+(?:a\s+)?failed\s+(?:events?|invocations?)",
        "error and retry handling",
        "{target} retries automatically",
        ASYNC,
    ),
    _b(r"\bidempoten", "idempotency", "processing must be idempotent", ASYNC, ESM, SYNC),
    _b(
        r"\bpoll(?:s|ing)?\b.{0,50}\b(?:batch|batches|records|streams?|queues?|messages|partitions|shards)\b"
        r"|\bbatch(?:es)?\s+of\s+records\s+are\s+pulled",
        "mechanism",
        "{target} polls the source and invokes the function with batches",
        ESM,
    ),
    _b(
        r"\bentire\s+batch\s+is\s+(?:reprocessed|retried)|\bpartially\s+failed|\b(?:everything|the\s+whole\s+batch)"
        r"\s+fails\s+or\s+succeeds|\ball[\s-]+or[\s-]+nothing",
        "batch error handling",
        "the batch fails or succeeds as a whole (the entire batch is retried)",
        ESM,
    ),
    _b(
        r"\bexecution\s+role\b.{0,50}\bevent\s+source\s+mapping|\bevent\s+source\s+mapping\b.{0,40}\bexecution\s+role",
        "permissions",
        "uses the function's execution role",
        ESM,
    ),
    _b(
        r"\bone\s+(?:\w+\s+)?invocation\s+per\s+(?:stream\s+)?shard",
        "invocations per shard",
        "one invocation per shard at a time",
        ESM,
    ),
    _b(
        r"(?:aren.t|are\s+not|not|never)\s+removed\s+from\s+the\s+stream|\bstay\s+in\s+the\s+stream",
        "processed records",
        "remain in the stream",
        ESM,
    ),
    _b(
        r"\bdeleted\s+from\s+(?:the\s+)?queue\s+(?:once|after|when)\b",
        "processed messages",
        "deleted from the queue after successful processing",
        ESM,
    ),
    _b(
        r"\bscales?\s+(?:up\s+)?to\s+the\s+number\s+of\s+active\s+message\s+groups",
        "scaling",
        "scales to the number of active message groups",
        ESM,
    ),
)
_INVOCATION_TYPE_RE = re.compile(
    r"\binvocation\s*type\s+(?:parameter\s+)?(?:to|=|:|of)\s*['\"“]?(Event|RequestResponse|DryRun)\b", _I
)
_ESM_TYPE_RE = re.compile(
    r"event\s+source\s+mappings?\b.{0,60}?(?:\(\s*|\binvokes?\s+(?:\w+\s+){0,3}?)(a?synchronous(?:ly)?)\b", _I
)
_DLQ_ON_RE = re.compile(r"\b(?:dlq|dead[\s-]+letter\s+queue)\b.{0,40}?\bon\s+(\w+),?\s+not\s+on\s+(\w+)", _I)
_ANY_BEHAVIOUR_RE = re.compile(
    "|".join(f"(?:{b.pattern.pattern})" for b in BEHAVIOURS)
    + f"|(?:{_INVOCATION_TYPE_RE.pattern})|(?:{_ESM_TYPE_RE.pattern})|(?:{_DLQ_ON_RE.pattern})",
    _I,
)
# Every behaviour pattern contains one of these: a cheap first test.
_BEHAVIOUR_WORDS = (
    "wait",
    "return",
    "queue",
    "client",
    "caller",
    "handle",
    "retr",
    "tries",
    "idempoten",
    "poll",
    "pull",
    "batch",
    "role",
    "shard",
    "stream",
    "delete",
    "scale",
    "invocation",
    "mapping",
    "dlq",
    "dead",
    "fail",
    "succeed",
)
# "For SQS FIFO queue Lambda scales ...": the behaviour is about that kind of source only.
_FOR_SOURCE_RE = re.compile(
    r"^\s*for\s+(?:the\s+|an?\s+)?(?P<source>[\w()-]+(?:\s+[\w()-]+){0,3}?\s+(?:queues?|topics?|streams?|tables?))\b",
    _I,
)
_NOT_BEHAVIOUR_RE = re.compile(r"\?|\bvs\.?\b|\bversus\b|\bunlike\b", _I)


def _draft(
    ctx: _Ctx, kind: str, subject: str, attribute: str, value: str, topic: str | None = None
) -> FactDraft:
    return FactDraft(
        kind=kind,
        topic=topic or topic_of(subject) or ctx.topic,
        subject=subject,
        attribute=attribute,
        value=value,
        text=ctx.line.text,
        lines=(ctx.line.number,),
    )


def behaviour_facts(ctx: _Ctx, clause: str) -> list[FactDraft]:
    """Invocation behaviours a clause states of the invocation mode it is about."""
    lower = clause.lower()
    if not any(word in lower for word in _BEHAVIOUR_WORDS):
        return []
    if _NOT_BEHAVIOUR_RE.search(clause) or not _ANY_BEHAVIOUR_RE.search(clause):
        return []
    mode = line_mode(ctx, clause)
    if mode is None:
        return []
    target = function_target(ctx, clause)
    if target is None:
        return []
    subject = mode_subject(target, mode)
    if about := _FOR_SOURCE_RE.match(clause):
        subject = f"{subject} for {' '.join(about.group('source').split())}"  # "For SQS FIFO queue, ..."
    facts: list[FactDraft] = []
    said: dict[str, set[str]] = {}
    for behaviour in BEHAVIOURS:
        if behaviour.pattern.search(clause):
            said.setdefault(behaviour.attribute, set()).add(behaviour.value)
    for behaviour in BEHAVIOURS:
        values = said.get(behaviour.attribute, set())
        if behaviour.value not in values or len(values) != 1:
            continue  # two behaviours of one attribute in one clause: unclear
        if mode not in behaviour.modes:
            continue  # "waits for a response" under an asynchronous label: not this mode's behaviour
        value = behaviour.value.replace("{target}", target)
        facts.append(_draft(ctx, "invocation", subject, behaviour.attribute, value, ctx.topic))
    if match := _INVOCATION_TYPE_RE.search(clause):
        word = {"event": "Event", "requestresponse": "RequestResponse", "dryrun": "DryRun"}[
            match.group(1).lower()
        ]
        stated = {"Event": ASYNC, "RequestResponse": SYNC}.get(word)
        own = mode_of([clause]) or stated
        if stated is None or own == stated:
            facts.append(
                _draft(
                    ctx,
                    "invocation",
                    mode_subject(target, own or mode),
                    "InvocationType parameter",
                    word,
                    ctx.topic,
                )
            )
    if match := _ESM_TYPE_RE.search(clause):
        how = SYNC if not match.group(1).lower().startswith("a") else ASYNC
        facts.append(_draft(ctx, "invocation", mode_subject(target, ESM), "invocation type", how, ctx.topic))
    if mode == ESM and (match := _DLQ_ON_RE.search(clause)):
        facts.append(
            _draft(
                ctx,
                "invocation",
                subject,
                "DLQ location",
                f"configured on {match.group(1)}, not on {match.group(2)}",
                ctx.topic,
            )
        )
    return facts


# --- retries and their count -------------------------------------------------------------------------

# Retry counts in words: the quantity grammar's number words up to twelve (no note writes "retries
# seventeen times"; the retry reader has always stopped at twelve) and the words only a count of tries
# uses ("once", "twice", "no more times"). One table (``quantities.NUMBER_WORDS``), extended here.
RETRY_WORD_LIMIT = 12
NUMBER_WORDS = {
    **{word: n for word, n in QUANTITY_NUMBER_WORDS.items() if n <= RETRY_WORD_LIMIT},
    "no": 0,
    "once": 1,
    "twice": 2,
}
_COUNT = r"(\d{1,3}|" + "|".join(NUMBER_WORDS) + r")"
_RETRY_COUNT_RES = (
    re.compile(rf"\btr(?:y|ies)\s+again\s+{_COUNT}\s+more\s+times?\b", _I),
    re.compile(rf"\bretr(?:y|ies|ied)\s+(?:up\s+to\s+|at\s+most\s+)?{_COUNT}\s+(?:more\s+)?times?\b", _I),
    re.compile(
        rf"\bretr(?:y|ies|ied)\s+(?:up\s+to\s+|at\s+most\s+)?\d{{1,2}}\s*(?:-|–|to)\s*{_COUNT}\s+times?\b", _I
    ),
    re.compile(rf"\b{_COUNT}\s+(?:more\s+)?(?:retries|retry\s+attempts)\b", _I),
    re.compile(r"\bretr(?:y|ies|ied)\s+(?:up\s+to\s+|at\s+most\s+)?(once|twice)\b", _I),
)


def _count(word: str) -> int | None:
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word.lower())


def retry_count_facts(ctx: _Ctx, clause: str) -> list[FactDraft]:
    """The number of retries a clause states ("tries again two more times", "retry 0-2 times")."""
    found = {
        n
        for pattern in _RETRY_COUNT_RES
        for m in pattern.finditer(clause)
        if (n := _count(m.group(1))) is not None
    }
    if len(found) != 1 or re.search(r"\bdefault\b|\bminimum\b|\bat\s+least\b", clause, _I):
        return []
    (count,) = found
    mode = line_mode(ctx, clause)
    if mode == ASYNC:
        attribute = "maximum async retries"
    elif mode is None and not is_function(scope_service(ctx)):
        attribute = "maximum retries"  # a job or a message retried: the subject's own retries
    else:
        return []  # a function service's retries with no invocation mode: which mode retries is unclear
    return [
        FactDraft(
            kind="limit",
            topic=ctx.topic,
            subject=scope_service(ctx),
            attribute=attribute,
            value=str(count),
            magnitude=float(count),
            dimension="count",
            text=ctx.line.text,
            lines=(ctx.line.number,),
        )
    ]


# --- who invokes the function how -------------------------------------------------------------------

_NOT_INVOKERS_RE = re.compile(
    r"destination|\bdlq\b|dead[\s-]+letter|execution\s+role|\bexpose|\bsend\s+to|\bpolic(?:y|ies)|\bintegrat|"
    r"\buse\s+cases?|\bexamples?\b|\bex\)",
    _I,
)
_INLINE_INVOKERS_RE = re.compile(
    r"(?:supports?\s+(?:a?sync\w*|event\s+source\s+mapping)\s+invocations?\s*:\s*(?P<a>[^.]+))"
    r"|(?:\b(?:poll|polls|from)\s+(?:records\s+)?from\s+services?\s*\((?P<b>[^)]+)\))"
    r"|(?:services?\s*\((?P<c>[^)]+)\))",
    _I,
)
_THROUGH_RE = re.compile(
    r"\bthrough\s+an?\s+event\s+source\s+mapping|\b(?:is|as)\s+an?\s+(a?synchronous)\s+invocation"
    r"|\binvokes?\s+(?:\w+\s+){1,3}?(a?synchronously)\b",
    _I,
)


def invocation_model(ctx: _Ctx, subject: str, target: str, mode: str) -> FactDraft:
    return FactDraft(
        kind="invocation",
        topic=ctx.topic,
        subject=subject,
        attribute=f"{target} invocation model",
        value=mode,
        text=ctx.line.text,
        lines=(ctx.line.number,),
    )


def invoker_facts(ctx: _Ctx) -> list[FactDraft]:
    """Services that invoke the line's function service, and how: a list of services under a mode label
    ("Asynchronous Invocations" over "S3, SNS"), an inline list ("support sync invocation: ALB, Cognito"),
    or a section about another service that says how the function is invoked ("AppSync ... a
    synchronous invocation")."""
    text = ctx.line.text
    target = _outline_function(ctx)
    if target is None:
        return _through_facts(ctx)
    facts: list[FactDraft] = []
    for match in _INLINE_INVOKERS_RE.finditer(text):
        listed = match.group("a") or match.group("b") or match.group("c") or ""
        mode = mode_of([text[: match.end()]])
        if mode is None:
            continue
        for name in services_named(listed, require_all=False) or []:
            if service_short_name(name) != target:
                facts.append(invocation_model(ctx, name, target, mode))
    if facts:
        return facts
    path = ctx.line.path
    if not path or any(_NOT_INVOKERS_RE.search(p) for p in path) or _NOT_INVOKERS_RE.search(text):
        return []
    mode = mode_of(reversed(path))
    if mode is None:
        return []
    head = re.sub(r"\(.*$", "", text.split(",")[0]) if "(" in text else text
    names = services_named(head, require_all=True) or []
    return [invocation_model(ctx, name, target, mode) for name in names if service_short_name(name) != target]


def _outline_function(ctx: _Ctx) -> str | None:
    """The function service the outline around a line (parents, heading) is about, the line aside."""
    return _outline_function_of(ctx.line.path, ctx.heading)


@lru_cache(maxsize=4096)
def _outline_function_of(path: tuple[str, ...], heading: str) -> str | None:
    for text in (*reversed(path), heading):
        named = services_named(text, require_all=False, anywhere=True) or ()
        if named:
            return service_short_name(named[0]) if is_function(named[0]) else None
    return None


def _through_facts(ctx: _Ctx) -> list[FactDraft]:
    """In a section about another service, a sentence saying how a named function service is invoked."""
    section_service = services_named(ctx.heading, require_all=False, anywhere=True) or []
    if not section_service:
        return []
    facts: list[FactDraft] = []
    for sentence in re.split(r"(?<=[.!?])\s+", ctx.line.text):
        match = _THROUGH_RE.search(sentence)
        if not match or re.search(r"\bnot\b|n't\b|\bvs\.?\b|\bunlike\b", sentence, _I):
            continue
        named = [
            n
            for n in services_named(sentence, require_all=False, anywhere=True) or []
            if n not in section_service
        ]
        function = function_target(ctx, sentence)
        relays = [n for n in named if service_short_name(n) != function]
        invoker = section_service[0]
        if len(relays) == 1 and len(named) == 2 and _relay_invokes(sentence[: match.start()], relays[0]):
            invoker, named = relays[0], [n for n in named if n != relays[0]]  # "to X, where a rule invokes"
        if len(named) != 1 or function != service_short_name(named[0]):
            continue
        word = (match.group(1) or match.group(2) or "").lower()
        mode = ESM if not word else (ASYNC if word.startswith("a") else SYNC)
        fact = invocation_model(ctx, invoker, service_short_name(named[0]), mode)
        if _DEFAULT_RE.match(sentence[match.end() :]):
            fact = replace(fact, attribute=f"{DEFAULT_PREFIX}{fact.attribute}")  # "by default": one of two
        elif len({m for m, pattern in MODES if pattern.search(sentence)}) > 1:
            continue  # "synchronously ...; ... makes the call asynchronous instead": which one is meant?
        facts.append(fact)
    return facts[:1]


def _relay_invokes(before: str, relay: str) -> bool:
    """ "... send the event to X, where a rule invokes ...": X, not the section's service, invokes."""
    for word in (relay, service_short_name(relay)):
        found = re.search(rf"\b{re.escape(word)}\s*,\s*(?:where|which|whose)\b[^,;]*$", before, _I)
        if found:
            return True
    return False


DEFAULT_PREFIX = "default "
_DEFAULT_RE = re.compile(r"\s*,?\s*(?:by\s+default|unless\s+you|\(default\))", _I)
