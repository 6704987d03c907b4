"""Lexicon-driven fact extraction from topic sections, and cross-source conflict detection.

Precision beats recall here: flashcards and exam questions are generated from these facts, so a
number the lexicon cannot name is skipped rather than given a made-up attribute.

Four kinds of fact are extracted (see :data:`notes.outline.FACT_KINDS`):

* ``limit`` - a number with a unit.  Each quantity found in a line is named by the first
  :class:`LimitRule` whose keyword appears next to it (left of it, then right of it, then anywhere in
  the clause, then - for rules that allow it - in the outline path or the few lines above).  The
  rule gives the canonical attribute, so "Maximum execution time: 900 seconds" and "900s or 15mins
  function timeout" both become ``Lambda / maximum execution time``.  Ranges give a minimum and a
  maximum fact (a trivial minimum, 0 - or 1 for counts - is dropped).  An unqualified single value
  takes the rule's ``plain`` bound; "up to"/"max"/"no more than" make it a maximum, "default" a
  default.  Documented decisions: an unqualified retention ("1 year retention") and an unqualified
  /tmp size ("512MB storage available as /tmp") are *maximum* claims, so they conflict with sources
  that give a different maximum.
* ``invocation`` - how services invoke Lambda (from the outline path or inline lists), plus
  retry/DLQ/destination/batch behaviour.
* ``consistency`` - read consistency, delivery guarantees, duplicates and ordering.
* ``concept`` - enumerations (state types, endpoint types, ...) and short definitions, with values
  written by this lexicon (never the raw line) so that equal meanings compare equal.

:func:`find_conflicts` groups facts from all sources by ``(topic, subject, attribute)`` and reports
a :class:`ConflictDraft` when the normalised values disagree (limits by magnitude, with tolerance).
Enumerations and free-text definitions are never conflicts: a partial list is not a contradiction.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from notes.outline import FactDraft, NoteLine, TopicSection
from notes.units import format_quantity, parse_quantity, parse_range, same_magnitude, to_base

__all__ = [
    "COMPARABLE_CONCEPTS",
    "ConflictDraft",
    "is_comparable",
    "ConflictSide",
    "ConflictSource",
    "ENUMERATION_ATTRIBUTES",
    "extract_facts",
    "find_conflicts",
]

_I = re.IGNORECASE

# --------------------------------------------------------------------------------------------------
# Subjects
# --------------------------------------------------------------------------------------------------

# (canonical subject, topic slug, pattern) - most specific first.
_SUBJECTS: tuple[tuple[str, str, re.Pattern[str]], ...] = tuple(
    (name, slug, re.compile(pattern, _I))
    for name, slug, pattern in (
        ("Lambda@Edge", "cloudfront-edge-functions", r"lambda\s*@\s*edge"),
        ("CloudFront Functions", "cloudfront-edge-functions", r"cloudfront\s+functions?\b"),
        ("DynamoDB Streams", "dynamodb", r"dynamodb\s+streams?\b"),
        ("DAX", "dynamodb", r"\bdax\b|dynamodb\s+accelerator"),
        ("Kinesis Data Streams", "kinesis-data-streams", r"\bdata\s+str?eams?\b"),
        ("Kinesis Data Firehose", "kinesis-data-firehose", r"\bfirehose\b"),
        ("Kinesis", "kinesis", r"\bkines[ei]s\b"),
        ("Step Functions", "step-functions", r"\bstep\s+functions?\b"),
        ("API Gateway", "api-gateway", r"\bapi\s*gateway\b"),
        ("Cognito", "cognito", r"\bcognito\b"),
        ("SQS", "sqs", r"\bsqs\b|simple\s+queue\s+service"),
        ("SNS", "sns", r"\bsns\b|simple\s+notification\s+service"),
        ("S3", "s3", r"\bs3\b|simple\s+storage\s+service"),
        ("DynamoDB", "dynamodb", r"\bdynamodb\b"),
        ("EventBridge", "eventbridge", r"\beventbridge\b|cloudwatch\s+events"),
        ("Lambda", "lambda", r"\blambda\b"),
    )
)
_SLUG_SUBJECTS = {
    "lambda": "Lambda",
    "dynamodb": "DynamoDB",
    "api-gateway": "API Gateway",
    "sqs": "SQS",
    "sns": "SNS",
    "kinesis-data-streams": "Kinesis Data Streams",
    "kinesis-data-firehose": "Kinesis Data Firehose",
    "kinesis": "Kinesis",
    "step-functions": "Step Functions",
    "cognito": "Cognito",
    "s3": "S3",
    "eventbridge": "EventBridge",
    "sam": "SAM",
}
# Sub-entities named by rules -> topic of the fact.
_SUBJECT_TOPICS = {
    "Lambda": "lambda",
    "Lambda asynchronous invocation": "lambda",
    "Lambda synchronous invocation": "lambda",
    "Lambda event source mapping": "lambda",
    "Lambda stream event source mapping": "lambda",
    "Lambda SQS event source mapping": "lambda",
    "Lambda SQS FIFO event source mapping": "lambda",
    "Lambda provisioned concurrency": "lambda",
    "Lambda@Edge": "cloudfront-edge-functions",
    "CloudFront Functions": "cloudfront-edge-functions",
    "DynamoDB": "dynamodb",
    "DynamoDB item": "dynamodb",
    "DynamoDB Streams": "dynamodb",
    "DynamoDB global tables": "dynamodb",
    "DAX": "dynamodb",
    "SQS": "sqs",
    "SQS standard queue": "sqs",
    "SQS FIFO queue": "sqs",
    "SQS long polling": "sqs",
    "SQS short polling": "sqs",
    "SQS dead-letter queue": "sqs",
    "SNS": "sns",
    "SNS FIFO topic": "sns",
    "Kinesis": "kinesis",
    "Kinesis Data Streams": "kinesis-data-streams",
    "Kinesis shard": "kinesis-data-streams",
    "Kinesis Data Firehose": "kinesis-data-firehose",
    "Kinesis Data Analytics": "kinesis",
    "API Gateway": "api-gateway",
    "API Gateway cache": "api-gateway",
    "API Gateway Edge-Optimized endpoint": "api-gateway",
    "API Gateway Regional endpoint": "api-gateway",
    "Step Functions": "step-functions",
    "Cognito user pools": "cognito",
    "Cognito identity pools": "cognito",
    "S3": "s3",
    "S3 object": "s3",
    "EventBridge": "eventbridge",
}

# --------------------------------------------------------------------------------------------------
# Line context
# --------------------------------------------------------------------------------------------------

_WINDOW = 5  # previous lines of the section consulted for labels (flat outlines such as 003)
_NUMBERING_RE = re.compile(r"^\s*(?:\d{1,2}\.|[a-z]\.)\s+")
_LEADING_VENDOR_RE = re.compile(r"^(?:aws|amazon)\s+", _I)
# Clause boundaries: ";", sentence ends, and inline "2. " enumerations (speakerdeck transcripts).
_CLAUSE_SPLIT_RE = re.compile(r";\s*|(?<=[a-z)\]\"”%])\.\s+(?=\S)|\s(?=\d{1,2}\.\s+[A-Z])")
_SUBCLAUSE_SPLIT_RE = re.compile(r",\s+")


@dataclass(frozen=True, slots=True)
class _Ctx:
    """Everything a rule may look at for one line of a section."""

    line: NoteLine
    section_slug: str
    heading: str  # section heading text and title
    window: tuple[str, ...]  # previous lines of the section, nearest first
    subject: str  # scope subject, e.g. "Lambda", "Kinesis Data Streams"

    @property
    def topic(self) -> str:
        return _SUBJECT_TOPICS.get(self.subject, self.section_slug)

    def label(self, options: Sequence[tuple[str, re.Pattern[str]]], clause: str) -> str | None:
        """The option whose pattern is nearest: clause, then path innermost first, then lines above."""
        for text in (clause, *reversed(self.line.path), *self.window):
            for key, pattern in options:
                if pattern.search(text):
                    return key
        return None

    def mentions(self, pattern: re.Pattern[str], clause: str) -> bool:
        return any(pattern.search(t) for t in (clause, *self.line.path, *self.window, self.heading))


@lru_cache(maxsize=8192)
def _subject_in(text: str, *, anchored: bool = False) -> str | None:
    text = _LEADING_VENDOR_RE.sub("", _NUMBERING_RE.sub("", text))
    for name, _slug, pattern in _SUBJECTS:
        match = pattern.search(text)
        if match and (not anchored or match.start() <= 4):
            return name
    return None


_COMPARISON_RE = re.compile(r"\bvs\.?\b|\bversus\b", _I)


def _scope_subject(line: NoteLine, section: TopicSection, heading: str) -> str:
    for text in reversed(line.path):
        if _COMPARISON_RE.search(text):
            continue  # "SQS vs Kinesis" names two subjects: it scopes neither
        found = _subject_in(text)
        if found:
            return found
    found = (None if _COMPARISON_RE.search(line.text) else _subject_in(line.text, anchored=True)) or (
        _subject_in(heading)
    )
    if found:
        return found
    return _SLUG_SUBJECTS.get(section.slug, section.title)


def _contexts(section: TopicSection) -> Iterator[_Ctx]:
    heading = " ".join(t for t in ((section.heading.text if section.heading else ""), section.title) if t)
    previous: list[str] = []
    for line in section.lines:
        yield _Ctx(
            line=line,
            section_slug=section.slug,
            heading=heading,
            window=tuple(reversed(previous[-_WINDOW:])),
            subject=_scope_subject(line, section, heading),
        )
        previous.append(line.text)


def _clauses(text: str) -> list[str]:
    return [c.strip() for c in _CLAUSE_SPLIT_RE.split(text) if c and c.strip()]


# --------------------------------------------------------------------------------------------------
# Quantities
# --------------------------------------------------------------------------------------------------

_NUM = r"~?\d+(?:,\d{3})*(?:\.\d+)?"
_UNIT = (
    r"milliseconds?|msec|ms|seconds?|secs?|s|minutes?|mins?|hours?|hrs?|h|days?|weeks?|years?|yrs?"
    r"|[kmgtp]i?b|bytes?|b|%|percent|shards?|messages?|batch(?:es)?|requests?|records?|items?"
    r"|executions?|instances?|retr(?:y|ies)|times|events?|invocations?|consumers?"
)
_QUANTITY_RE = re.compile(
    rf"(?<![\w.@$/\-])(?P<num>{_NUM}(?:[kK](?![iI]?[bB]))?)"
    rf"(?:\s*(?:-|–|—|\bto\b|\bt0\b)\s*(?P<num2>{_NUM}))?"
    rf"(?:\s*-?\s*(?P<unit>{_UNIT})(?:\s*(?:/|\bper\b)\s*(?P<per>seconds?|sec|s|minutes?|min|hours?))?)?"
    r"(?![A-Za-z0-9])",
    _I,
)
_RANGE_JOIN_RE = re.compile(r"^\s*(?:-|–|—|to|t0)\s*$", _I)


@dataclass(slots=True)
class _Qty:
    start: int
    end: int
    low: float | None  # base magnitude of the low end for ranges
    high: float  # base magnitude (the value for single quantities)
    dimension: str
    unit_text: str
    approximate: bool = False

    @property
    def is_range(self) -> bool:
        return self.low is not None


def _scan_quantities(text: str, skip: Sequence[tuple[int, int]]) -> list[_Qty]:
    found: list[_Qty] = []
    for match in _QUANTITY_RE.finditer(text):
        if any(a <= match.start() < b for a, b in skip):
            continue
        unit = match.group("unit") or ""
        if match.group("per"):
            unit = f"{unit} per {match.group('per')}"
        if match.group("num2"):
            parsed = parse_range(f"{match.group('num')}-{match.group('num2')}", unit)
            if parsed is None:
                continue
            (low, dim), (high, _) = to_base(parsed[0]), to_base(parsed[1])
            found.append(_Qty(match.start(), match.end(), low, high, dim, unit))
            continue
        quantity = parse_quantity(match.group("num"), unit)
        if quantity is None:
            continue
        high, dim = to_base(quantity)
        found.append(
            _Qty(match.start(), match.end(), None, high, dim, unit, match.group("num").startswith("~"))
        )
    # "128MB - 10GB", "512MB to 10GB": two quantities joined by a range word make one range.
    merged: list[_Qty] = []
    for qty in found:
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and not prev.is_range
            and not qty.is_range
            and prev.dimension == qty.dimension
            and prev.high <= qty.high
            and _RANGE_JOIN_RE.match(text[prev.end : qty.start])
        ):
            merged[-1] = _Qty(prev.start, qty.end, prev.high, qty.high, qty.dimension, qty.unit_text)
        else:
            merged.append(qty)
    return merged


# --------------------------------------------------------------------------------------------------
# Limit lexicon
# --------------------------------------------------------------------------------------------------

_MAX_RE = re.compile(
    r"\b(?:up\s+to|max(?:imum)?\.?|no\s+more\s+than|at\s+most|limit(?:ed)?\s+to|increase\b.{0,30}\bto|"
    r"less\s+than)\s*$|<=\s*$|≤\s*$",
    _I,
)
_MIN_RE = re.compile(r"\b(?:min(?:imum)?\.?|at\s+least)\s*$", _I)
_DEFAULT_RE = re.compile(r"\bdefault\b", _I)
_MAX_WORD_RE = re.compile(r"\bmax(?:imum)?\b|\bup\s+to\b|\bno\s+more\s+than\b|\bincrease\b", _I)


@dataclass(frozen=True, slots=True)
class LimitRule:
    """Names a quantity: canonical attribute per bound, plus where the rule applies."""

    keyword: re.Pattern[str]
    topics: frozenset[str]  # scope topics (of the line's scope subject) the rule applies to
    dimensions: frozenset[str]
    attributes: dict[str, str]  # bound ("max", "min", "default", "plain") -> attribute
    subject: str | None = None  # fixed subject; None = the line's scope subject
    subjects: frozenset[str] = frozenset()  # when subject is None: allowed scope subjects (empty = any)
    requires: re.Pattern[str] | None = None  # must appear in clause, path, lines above or heading
    variants: tuple[tuple[str, re.Pattern[str]], ...] = ()  # label -> "{label}" in attribute names
    wide: bool = False  # keyword may also be found in the path / lines above
    span: bool = False  # a range is one fact ("1-2 ms"), not a min and a max


def _rule(
    keyword: str,
    topics: str,
    dimensions: str,
    attributes: dict[str, str],
    **kwargs: object,
) -> LimitRule:
    requires = kwargs.pop("requires", None)
    variants = kwargs.pop("variants", ())
    return LimitRule(
        keyword=re.compile(keyword, _I),
        topics=frozenset(topics.split()),
        dimensions=frozenset(dimensions.split()),
        attributes=attributes,
        requires=re.compile(str(requires), _I) if requires else None,
        variants=tuple((k, re.compile(p, _I)) for k, p in variants),  # type: ignore[attr-defined]
        **kwargs,  # type: ignore[arg-type]
    )


_MAXIMUM = "max"
LIMIT_RULES: tuple[LimitRule, ...] = (
    # --- Lambda -------------------------------------------------------------------------------
    _rule(
        r"execution\s+time|time\s*out|execution\s+duration",
        "lambda",
        "time",
        {"max": "maximum execution time", "plain": "maximum execution time"},
        subject="Lambda",
    ),
    _rule(
        r"/tmp\b|\btmp\b|\bdisk\b|ephemeral\s+storage",
        "lambda",
        "size",
        {"min": "minimum /tmp storage", "max": "maximum /tmp storage", "plain": "maximum /tmp storage"},
        subject="Lambda",
    ),
    _rule(r"\bincrements?\b", "lambda", "size", {"plain": "memory increment"}, subject="Lambda"),
    _rule(
        r"\bmemory\b|\bram\b",
        "lambda cloudfront-edge-functions",
        "size",
        {"min": "minimum memory", "max": "maximum memory", "plain": "maximum memory"},
        subjects=frozenset({"Lambda", "Lambda@Edge", "CloudFront Functions"}),
    ),
    _rule(
        r"environment\s+variables?|env\s+vars?",
        "lambda",
        "size",
        {"max": "environment variables size", "plain": "environment variables size"},
        subject="Lambda",
    ),
    _rule(
        r"\bun(?:compressed|zipped)\b",
        "lambda",
        "size",
        {"max": "deployment package size (unzipped)", "plain": "deployment package size (unzipped)"},
        subject="Lambda",
        requires=r"deploy|package",
    ),
    _rule(
        r"\b(?:compressed|zipped)\b|\.zip\b",
        "lambda",
        "size",
        {"max": "deployment package size (zipped)", "plain": "deployment package size (zipped)"},
        subject="Lambda",
        requires=r"deploy|package",
    ),
    _rule(
        r"\bpackage\s+size\b",
        "cloudfront-edge-functions",
        "size",
        {"max": "maximum package size", "plain": "maximum package size"},
        subjects=frozenset({"CloudFront Functions", "Lambda@Edge"}),
    ),
    _rule(
        r"\bretr(?:y|ies)\b",
        "lambda",
        "count",
        {"max": "maximum async retries", "plain": "maximum async retries"},
        subject="Lambda",
        requires=r"\basync|\basynchronous",
    ),
    _rule(
        r"\bper\s+shard\b",
        "lambda",
        "count",
        {"max": "maximum concurrent batches per shard", "plain": "maximum concurrent batches per shard"},
        subject="Lambda stream event source mapping",
    ),
    _rule(
        r"\bbatch\s+size\b",
        "lambda",
        "count",
        {"min": "minimum batch size", "max": "maximum batch size", "plain": "maximum batch size"},
        subject="Lambda SQS event source mapping",
        requires=r"\bsqs\b|\bqueue\b",
    ),
    _rule(
        r"instances\s+per\s+minute",
        "lambda",
        "count",
        {"plain": "instances added per minute when scaling up"},
        subject="Lambda SQS event source mapping",
        requires=r"\bsqs\b",
    ),
    _rule(
        r"\bbatches\b",
        "lambda",
        "count",
        {"max": "maximum concurrent batches", "plain": "maximum concurrent batches"},
        subject="Lambda SQS event source mapping",
        requires=r"\bsqs\b",
    ),
    _rule(
        r"concurren",
        "lambda",
        "count",
        {"max": "concurrent executions", "plain": "concurrent executions"},
        subject="Lambda",
    ),
    _rule(r"cold\s+start", "lambda", "time", {"plain": "cold start latency"}, subject="Lambda", span=True),
    _rule(r"warm\s+start", "lambda", "time", {"plain": "warm start latency"}, subject="Lambda", span=True),
    _rule(
        r"requests?\s+per\s+second",
        "cloudfront-edge-functions",
        "rate",
        {"max": "maximum request rate", "plain": "maximum request rate"},
        subjects=frozenset({"CloudFront Functions", "Lambda@Edge"}),
    ),
    # --- DynamoDB -----------------------------------------------------------------------------
    _rule(
        r"wcu\b|write\s+capacity\s+unit",
        "dynamodb",
        "size",
        {"plain": "write capacity unit size"},
        subject="DynamoDB",
    ),
    _rule(
        r"rcu\b|read\s+capacity\s+unit",
        "dynamodb",
        "size",
        {"plain": "read capacity unit size"},
        subject="DynamoDB",
    ),
    _rule(
        r"\bitem\b",
        "dynamodb",
        "size",
        {"max": "maximum item size", "plain": "maximum item size"},
        subject="DynamoDB item",
    ),
    _rule(
        r"\bttl\b",
        "dynamodb",
        "time",
        {"default": "cache TTL default", "max": "cache TTL maximum"},
        subject="DAX",
        subjects=frozenset({"DAX"}),
    ),
    _rule(
        r"point.in.time|\bpitr\b|backup\s+window",
        "dynamodb",
        "time",
        {"max": "PITR window", "plain": "PITR window"},
        subject="DynamoDB",
        wide=True,
    ),
    _rule(
        r"\bretention\b|\bwindow\b",
        "dynamodb kinesis-data-streams kinesis",
        "time",
        {"default": "default retention", "max": "maximum retention", "plain": "maximum retention"},
        subjects=frozenset({"DynamoDB Streams", "Kinesis Data Streams"}),
    ),
    # --- Kinesis ------------------------------------------------------------------------------
    _rule(
        r"ingest|\bwrite\b|\binput\b",
        "kinesis-data-streams kinesis",
        "size",
        {"plain": "write capacity per second"},
        subject="Kinesis shard",
        requires=r"\bshard\b",
    ),
    _rule(
        r"consum|\bread\b|\boutput\b",
        "kinesis-data-streams kinesis",
        "size",
        {"plain": "read capacity per second"},
        subject="Kinesis shard",
        requires=r"\bshard\b",
    ),
    _rule(
        r"\brecord\b",
        "kinesis-data-streams kinesis",
        "size",
        {"max": "maximum record size", "plain": "maximum record size"},
        subject="Kinesis Data Streams",
    ),
    _rule(
        r"buffer\s+size",
        "kinesis-data-firehose",
        "size",
        {"plain": "buffer size"},
        subject="Kinesis Data Firehose",
    ),
    _rule(
        r"buffer\s+interval",
        "kinesis-data-firehose",
        "time",
        {"plain": "buffer interval"},
        subject="Kinesis Data Firehose",
    ),
    # --- SQS / SNS ----------------------------------------------------------------------------
    _rule(
        r"visibility\s*timeout",
        "sqs",
        "time",
        {"default": "default visibility timeout", "max": "maximum visibility timeout"},
        subject="SQS",
    ),
    _rule(
        r"\bdelay",
        "sqs",
        "time",
        {"default": "default delivery delay", "max": "maximum delivery delay"},
        subject="SQS",
    ),
    _rule(
        r"\bretention\b|\bretain",
        "sqs",
        "time",
        {
            "default": "default message retention",
            "max": "maximum message retention",
            "plain": "maximum message retention",
        },
        subject="SQS",
    ),
    _rule(
        r"\bmessages?\b",
        "sqs",
        "size",
        {"max": "maximum message size", "plain": "maximum message size"},
        subject="SQS",
    ),
    _rule(
        r"\bmessages?\b",
        "sns",
        "size",
        {"max": "maximum message size", "plain": "maximum message size"},
        subject="SNS",
    ),
    # --- API Gateway --------------------------------------------------------------------------
    _rule(
        r"\b504\b|integration|time\s*out",
        "api-gateway",
        "time",
        {"max": "integration timeout", "plain": "integration timeout"},
        subject="API Gateway",
    ),
    _rule(
        r"\bttl\b",
        "api-gateway",
        "time",
        {"default": "cache TTL default", "max": "cache TTL maximum"},
        subject="API Gateway cache",
    ),
    _rule(
        r"cach",
        "api-gateway",
        "size",
        {"min": "minimum cache size", "max": "maximum cache size"},
        subject="API Gateway cache",
        wide=True,
    ),
    # --- Step Functions -----------------------------------------------------------------------
    _rule(
        r"execution|duration|run\s+for",
        "step-functions",
        "time",
        {"max": "{variant} workflow maximum duration", "plain": "{variant} workflow maximum duration"},
        subject="Step Functions",
        variants=(("express", r"\bexpress\b"), ("standard", r"\bstandard\b")),
    ),
    # --- S3 -----------------------------------------------------------------------------------
    _rule(r"\bsize\b", "s3", "size", {"max": "maximum object size"}, subject="S3 object"),
    _rule(r"availability", "s3", "percent", {"plain": "availability"}, subject="S3"),
    _rule(r"durability", "s3", "percent", {"plain": "durability"}, subject="S3"),
)


@dataclass(frozen=True, slots=True)
class _PatternRule:
    """A whole-phrase limit pattern for shapes the quantity scanner cannot name ("1vCPU per 1769MB")."""

    pattern: re.Pattern[str]
    topics: frozenset[str]
    subject: str
    # (regex group, attribute, unit spelling, qualitative value) per produced fact
    outputs: tuple[tuple[int, str, str, str | None], ...]


_PATTERN_RULES: tuple[_PatternRule, ...] = (
    _PatternRule(
        re.compile(r"\b1\s*vcpu\s+per\s+(\d+)\s*mb\b", _I),
        frozenset({"lambda"}),
        "Lambda",
        ((1, "memory per vCPU", "MB", None),),
    ),
    _PatternRule(
        re.compile(r"\b1\s*request\s*=\s*\d+\s*-\s*(\d+)\s*messages\b", _I),
        frozenset({"sqs"}),
        "SQS",
        ((1, "maximum messages per request", "messages", None),),
    ),
    _PatternRule(
        re.compile(r"\b(\d+)\s*messages?\s+per\s+second\s+with\s+batching,?\s*(\d+)\s*without\b", _I),
        frozenset({"sqs"}),
        "SQS FIFO queue",
        (
            (1, "maximum throughput with batching", "messages per second", None),
            (2, "maximum throughput without batching", "messages per second", None),
        ),
    ),
    _PatternRule(
        re.compile(r"\b(thousands|millions)\s+(?:of\s+)?requests?\s+per\s+second\b", _I),
        frozenset({"cloudfront-edge-functions"}),
        "",  # scope subject
        ((1, "maximum request rate", "per second", "qualitative"),),
    ),
)


def _fmt_limit(magnitude: float, dimension: str) -> tuple[str, str]:
    return format_quantity(magnitude, dimension)


def _limit(
    ctx: _Ctx,
    subject: str,
    attribute: str,
    magnitude: float | None,
    dimension: str,
    value: str = "",
    unit: str = "",
) -> FactDraft:
    if magnitude is not None:
        value, unit = _fmt_limit(magnitude, dimension)
    return FactDraft(
        kind="limit",
        topic=_SUBJECT_TOPICS.get(subject, ctx.topic),
        subject=subject,
        attribute=attribute,
        value=value,
        unit=unit,
        magnitude=magnitude,
        dimension=dimension,
        text=ctx.line.text,
        lines=(ctx.line.number,),
    )


def _bound(left: str, right: str) -> str:
    """Which bound a single value states: words right before it win ("up to 15 minutes (default 0)")."""
    if _MAX_RE.search(left[-40:]):
        return "max"
    if _MIN_RE.search(left[-20:]):
        return "min"
    if _DEFAULT_RE.search(left[-30:]) or _DEFAULT_RE.search(right):
        return "default"
    return "plain"


def _rule_applies(rule: LimitRule, ctx: _Ctx, qty: _Qty, clause: str) -> str | None:
    """The subject the rule gives this quantity, or None when the rule does not apply."""
    if qty.dimension not in rule.dimensions:
        return None
    if (
        _SUBJECT_TOPICS.get(ctx.subject, ctx.section_slug) not in rule.topics
        and ctx.section_slug not in rule.topics
    ):
        return None
    if rule.subjects and ctx.subject not in rule.subjects:
        return None
    if rule.requires is not None and not ctx.mentions(rule.requires, clause):
        return None
    return rule.subject or ctx.subject


# Every quantity of a clause searches the whole clause, so the cost grows with the square of its length:
# a 1 MB line of quantities took hours. The longest line of the lecture-notes corpus is 599 characters.
MAX_FACT_CLAUSE_CHARS = 2000


def _limit_facts_for_clause(ctx: _Ctx, clause: str) -> list[FactDraft]:
    if len(clause) > MAX_FACT_CLAUSE_CHARS:
        return []
    facts: list[FactDraft] = []
    consumed: list[tuple[int, int]] = []
    topic = ctx.topic
    for prule in _PATTERN_RULES:
        if topic not in prule.topics and ctx.section_slug not in prule.topics:
            continue
        for match in prule.pattern.finditer(clause):
            consumed.append(match.span())
            subject = prule.subject or ctx.subject
            for group, attribute, unit, qualitative in prule.outputs:
                if qualitative:
                    facts.append(
                        _limit(ctx, subject, attribute, None, "rate", match.group(group).lower(), unit)
                    )
                    continue
                quantity = parse_quantity(match.group(group), unit)
                if quantity is None:
                    continue
                magnitude, dimension = to_base(quantity)
                facts.append(_limit(ctx, subject, attribute, magnitude, dimension))
    for sub in _SUBCLAUSE_SPLIT_RE.split(clause):
        offset = clause.find(sub)
        sub_consumed = [(a - offset, b - offset) for a, b in consumed]
        quantities = _scan_quantities(sub, sub_consumed)
        for index, qty in enumerate(quantities):
            left = sub[quantities[index - 1].end if index else 0 : qty.start]
            right_end = quantities[index + 1].start if index + 1 < len(quantities) else len(sub)
            right = qty.unit_text + " " + sub[qty.end : right_end]
            facts.extend(_name_quantity(ctx, qty, left, right, clause))
    return facts


def _name_quantity(ctx: _Ctx, qty: _Qty, left: str, right: str, clause: str) -> list[FactDraft]:
    contexts = [left, right, clause]
    for text in contexts:
        for rule in LIMIT_RULES:
            if not rule.keyword.search(text):
                continue
            subject = _rule_applies(rule, ctx, qty, clause)
            if subject is None:
                continue
            return _apply_rule(ctx, rule, subject, qty, left, right, clause)
    for rule in LIMIT_RULES:
        if rule.wide and ctx.mentions(rule.keyword, clause):
            subject = _rule_applies(rule, ctx, qty, clause)
            if subject is not None:
                return _apply_rule(ctx, rule, subject, qty, left, right, clause)
    return []


def _apply_rule(
    ctx: _Ctx, rule: LimitRule, subject: str, qty: _Qty, left: str, right: str, clause: str
) -> list[FactDraft]:
    attributes = dict(rule.attributes)
    if rule.variants:
        variant = ctx.label(rule.variants, clause)
        if variant is None:
            return []
        attributes = {k: v.format(variant=variant) for k, v in attributes.items()}
    if qty.is_range and rule.span:
        attribute = attributes.get("plain") or attributes.get("max")
        assert qty.low is not None
        low_value, unit = _fmt_limit(qty.low, qty.dimension)
        high_value, high_unit = _fmt_limit(qty.high, qty.dimension)
        if attribute is None or unit != high_unit:
            return []
        fact = _limit(ctx, subject, attribute, qty.high, qty.dimension)
        return [replace(fact, value=f"{low_value}-{high_value}")]
    if qty.is_range:
        assert qty.low is not None
        out: list[FactDraft] = []
        trivial_low = qty.low == 0 or (qty.dimension == "count" and qty.low == 1)
        if "min" in attributes and not trivial_low:
            out.append(_limit(ctx, subject, attributes["min"], qty.low, qty.dimension))
        if "max" in attributes:
            out.append(_limit(ctx, subject, attributes["max"], qty.high, qty.dimension))
        return out
    bound = _bound(left, right)
    if bound == "plain" and "plain" not in attributes and _MAX_WORD_RE.search(left):
        bound = "max"
    attribute = attributes.get(bound) or (attributes.get("max") if bound == "max" else None)
    if attribute is None:
        return []
    fact = _limit(ctx, subject, attribute, qty.high, qty.dimension)
    if qty.approximate:
        fact = replace(fact, value=f"~{fact.value}")
    return [fact]


# --------------------------------------------------------------------------------------------------
# Services invoking Lambda
# --------------------------------------------------------------------------------------------------

# (canonical name, pattern anchored at the start of a list item), most specific first.
_SERVICES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(rf"^(?:aws\s+|amazon\s+)?(?:{pattern})\b", _I))
    for name, pattern in (
        ("Amazon S3 Batch Operations", r"s3\s+batch"),
        ("Amazon S3", r"s3|simple\s+storage\s+service"),
        ("Amazon SNS", r"sns|simple\s+notification\s+service"),
        ("Amazon SQS", r"sqs|simple\s+queue\s+service"),
        ("Amazon SES", r"ses|simple\s+email\s+service"),
        ("Amazon EventBridge", r"eventbridge|event\s*bridge|cloudwatch\s+events"),
        ("Amazon CloudWatch Logs", r"cloudwatch\s+logs"),
        ("Elastic Load Balancing (ALB)", r"elastic\s+load\s+balancing|alb|application\s+load\s+balancer"),
        ("Amazon API Gateway", r"api\s*gateway"),
        ("Amazon CloudFront (Lambda@Edge)", r"cloudfront"),
        ("Amazon Cognito", r"cognito"),
        ("AWS Step Functions", r"step\s+functions"),
        ("Amazon Lex", r"lex"),
        ("Amazon Alexa", r"alexa"),
        ("Amazon Kinesis Data Firehose", r"kinesis\s+data\s+firehose|firehose"),
        ("Amazon DynamoDB Streams", r"dynamodb\s+streams?"),
        ("Amazon Kinesis Data Streams", r"kinesis\s+data\s+streams?|kinesis"),
        ("AWS CodeCommit", r"codecommit"),
        ("AWS CodePipeline", r"codepipeline"),
        ("AWS CloudFormation", r"cloudformation"),
        ("AWS Config", r"config"),
        ("AWS IoT Events", r"iot\s+events"),
        ("AWS IoT", r"iot"),
        ("AWS Lambda", r"lambda"),
    )
)
_MODES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("event source mapping", re.compile(r"event\s+source\s+mapping|\bpoll", _I)),
    ("asynchronous", re.compile(r"\basync(?:hronous)?\b|\basynchronously\b", _I)),
    ("synchronous", re.compile(r"(?<![a-z])sync(?:hronous)?\b|(?<![a-z])synchronously\b", _I)),
)
_NOT_INVOKERS_RE = re.compile(r"destination|\bdlq\b|dead.letter|execution\s+role|expose|send\s+to", _I)
_INLINE_INVOKERS_RE = re.compile(
    r"(?:support(?:s)?\s+(?:a?sync\w*)\s+invocation\s*:\s*(?P<a>[^.]+))|(?:services?\s*\((?P<b>[^)]+)\))", _I
)
_ITEM_SPLIT_RE = re.compile(r"\s*(?:,|&|/|\bor\b|\band\b)\s*", _I)
_PAREN_RE = re.compile(r"\([^)]*\)")


def _services_in_list(text: str, *, require_all: bool) -> list[str] | None:
    items = [i for i in _ITEM_SPLIT_RE.split(_PAREN_RE.sub(" ", text)) if i.strip()]
    names: list[str] = []
    for item in items:
        item = _NUMBERING_RE.sub("", item.strip())
        for name, pattern in _SERVICES:
            if pattern.match(item):
                if name not in names:
                    names.append(name)
                break
        else:
            if require_all:
                return None
    return names


def _mode(texts: Iterable[str]) -> str | None:
    for text in texts:
        for mode, pattern in _MODES:
            if pattern.search(text):
                return mode
    return None


def _invocation(
    ctx: _Ctx, subject: str, attribute: str, value: str, *, lines: tuple[int, ...] = ()
) -> FactDraft:
    return FactDraft(
        kind="invocation",
        topic="lambda",
        subject=subject,
        attribute=attribute,
        value=value,
        text=ctx.line.text,
        lines=lines or (ctx.line.number,),
    )


def _invoker_facts(ctx: _Ctx) -> list[FactDraft]:
    if ctx.topic != "lambda" and ctx.section_slug != "lambda":
        return []
    text = ctx.line.text
    facts: list[FactDraft] = []
    for match in _INLINE_INVOKERS_RE.finditer(text):
        listed = match.group("a") or match.group("b") or ""
        mode = _mode([text[: match.end()]])
        if mode is None:
            continue
        for name in _services_in_list(listed, require_all=False) or []:
            facts.append(_invocation(ctx, name, "Lambda invocation model", mode))
    if facts:
        return facts
    path = ctx.line.path
    if not path or any(_NOT_INVOKERS_RE.search(p) for p in path) or _NOT_INVOKERS_RE.search(text):
        return []
    mode = _mode(reversed(path))
    if mode is None:
        return []
    names = _services_in_list(text.split(",")[0] if "(" in text else text, require_all=True)
    return [_invocation(ctx, name, "Lambda invocation model", mode) for name in names or []]


# --------------------------------------------------------------------------------------------------
# Statement lexicon (invocation behaviour, consistency, concepts)
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Statement:
    """A phrase that states a fact; the value is written by the lexicon, not copied from the line."""

    kind: str
    topics: frozenset[str]
    pattern: re.Pattern[str]
    subject: str  # may contain "{scope}" or "{label}"
    attribute: str
    value: str
    requires: re.Pattern[str] | None = None
    labels: tuple[tuple[str, re.Pattern[str]], ...] = ()
    label_subjects: dict[str, str] = field(default_factory=dict)
    mode: str | None = None  # required invocation mode (nearest mode label), e.g. "asynchronous"


def _st(
    kind: str,
    topics: str,
    pattern: str,
    subject: str,
    attribute: str,
    value: str,
    requires: str | None = None,
    labels: dict[str, str] | None = None,
    mode: str | None = None,
) -> Statement:
    label_subjects = dict(labels or {})
    return Statement(
        kind=kind,
        topics=frozenset(topics.split()),
        pattern=re.compile(pattern, _I),
        subject=subject,
        attribute=attribute,
        value=value,
        requires=re.compile(requires, _I) if requires else None,
        labels=tuple((k, re.compile(rf"\b{re.escape(k)}\b", _I)) for k in label_subjects),
        label_subjects=label_subjects,
        mode=mode,
    )


_ASYNC = r"\basync(?:hronous)?\b"
_SYNC = r"(?<![a-z])sync(?:hronous)?\b"
_SQS_TYPES = {"fifo": "SQS FIFO queue", "standard": "SQS standard queue", "default": "SQS standard queue"}
STATEMENTS: tuple[Statement, ...] = (
    # --- Lambda invocation behaviour ----------------------------------------------------------
    _st(
        "invocation",
        "lambda",
        r"client.{0,30}handle|handled\s+within\s+the\s+client",
        "Lambda synchronous invocation",
        "error and retry handling",
        "the client (caller)",
        mode="synchronous",
    ),
    _st(
        "invocation",
        "lambda",
        r"retry\s+logic\s+handled\s+by\s+lambda|handles\s+retries|retry\s+on\s+errors",
        "Lambda asynchronous invocation",
        "error and retry handling",
        "Lambda retries automatically",
        mode="asynchronous",
    ),
    _st(
        "invocation",
        "lambda",
        r"idempotent",
        "Lambda asynchronous invocation",
        "idempotency",
        "processing must be idempotent",
        mode="asynchronous",
    ),
    _st(
        "invocation",
        "lambda",
        r"returns?\s+a\s+response\s+immediately|doesn.t\s+wait|events?\s+queue",
        "Lambda asynchronous invocation",
        "caller behaviour",
        "the event is queued and the caller does not wait for the result",
        mode="asynchronous",
    ),
    _st(
        "invocation",
        "lambda",
        r"wait\s+for\s+(?:the\s+function|a\s+response)|returned\s+right\s+away",
        "Lambda synchronous invocation",
        "caller behaviour",
        "the caller waits for the function's response",
        mode="synchronous",
    ),
    _st(
        "invocation",
        "lambda",
        r"invocation\s+type\s+parameter\s+to\s+event",
        "Lambda asynchronous invocation",
        "InvocationType parameter",
        "Event",
    ),
    _st(
        "invocation",
        "lambda",
        r"event\s+source\s+mapping\s*\(synchronous|event\s+source\s+mapping.{0,60}invokes?\s+lambda\s+synchronously",
        "Lambda event source mapping",
        "invocation type",
        "synchronous",
    ),
    _st(
        "invocation",
        "lambda",
        r"\bpolls?\b.{0,40}(?:batch|records|streams|queues)",
        "Lambda event source mapping",
        "mechanism",
        "Lambda polls the source and invokes the function with batches",
    ),
    _st(
        "invocation",
        "lambda",
        r"entire\s+batch\s+is\s+reprocessed|partially\s+failed|everything\s+fails\s+or\s+succeeds",
        "Lambda event source mapping",
        "batch error handling",
        "the batch fails or succeeds as a whole (the entire batch is retried)",
    ),
    _st(
        "invocation",
        "lambda",
        r"execution\s+role\s+are\s+used\s+by\s+event\s+source\s+mapping",
        "Lambda event source mapping",
        "permissions",
        "uses the function's execution role",
    ),
    _st(
        "invocation",
        "lambda",
        r"one\s+lambda\s+invocation\s+per\s+(?:stream\s+)?shard",
        "Lambda stream event source mapping",
        "invocations per shard",
        "one invocation per shard at a time",
    ),
    _st(
        "invocation",
        "lambda",
        r"aren.t\s+removed\s+from\s+the\s+stream|not\s+removed\s+from\s+the\s+stream",
        "Lambda stream event source mapping",
        "processed records",
        "remain in the stream",
    ),
    _st(
        "invocation",
        "lambda",
        r"deleted\s+from\s+(?:the\s+)?queue\s+once\s+successfully",
        "Lambda SQS event source mapping",
        "processed messages",
        "deleted from the queue after successful processing",
    ),
    _st(
        "invocation",
        "lambda",
        r"\bdlq\b.{0,30}\bon\s+sqs\b|not\s+on\s+lambda",
        "Lambda SQS event source mapping",
        "DLQ location",
        "configured on the SQS queue, not on the function",
    ),
    _st(
        "invocation",
        "lambda",
        r"active\s+message\s+groups",
        "Lambda SQS FIFO event source mapping",
        "scaling",
        "scales to the number of active message groups",
    ),
    # --- consistency, delivery, ordering ------------------------------------------------------
    _st(
        "consistency",
        "dynamodb",
        r"eventual\w*\s*\(default\)|eventually\s+consistent\s+(?:reads?\s+)?by\s+default",
        "DynamoDB",
        "default read consistency",
        "eventually consistent",
    ),
    _st(
        "consistency",
        "dynamodb",
        r"^strong(?:ly)?(?:\s+consisten\w*)?$|strongly\s+consistent\s+reads?",
        "DynamoDB",
        "strongly consistent reads",
        "available (optional)",
        requires=r"consisten",
    ),
    _st(
        "consistency",
        "sqs",
        r"at.least.once",
        "{label}",
        "delivery guarantee",
        "at-least-once",
        labels={"fifo": "SQS FIFO queue", "standard": "SQS standard queue", "default": "SQS standard queue"},
    ),
    _st(
        "consistency",
        "sqs",
        r"exactly.once",
        "{label}",
        "delivery guarantee",
        "exactly-once",
        labels={"fifo": "SQS FIFO queue", "standard": "SQS standard queue"},
    ),
    _st(
        "consistency",
        "sqs",
        r"have\s+duplicate|duplicates?\s+(?:are\s+)?possible",
        "{label}",
        "duplicates",
        "possible",
        labels=_SQS_TYPES,
    ),
    _st(
        "consistency",
        "sqs",
        r"no\s+duplicates",
        "{label}",
        "duplicates",
        "prevented",
        labels={"fifo": "SQS FIFO queue", "standard": "SQS standard queue"},
    ),
    _st(
        "consistency",
        "sqs",
        r"guarantee\s+(?:an\s+)?order|strict\s+(?:message\s+)?ordering|first.in.first.out",
        "{label}",
        "ordering",
        "ordered (FIFO)",
        labels={"fifo": "SQS FIFO queue", "standard": "SQS standard queue"},
    ),
    _st(
        "consistency",
        "lambda",
        r"same\s+group\s*id.{0,40}in\s+order",
        "SQS FIFO queue",
        "ordering",
        "ordered (FIFO)",
    ),
    _st(
        "consistency",
        "lambda",
        r"same\s+group\s*id.{0,40}in\s+order",
        "SQS FIFO queue",
        "ordering scope",
        "per message group",
    ),
    _st(
        "consistency",
        "sns",
        r"fifo\s+topic.{0,30}strict\s+(?:message\s+)?ordering",
        "SNS FIFO topic",
        "ordering",
        "ordered (FIFO)",
    ),
    _st(
        "consistency",
        "sns",
        r"fifo\s+topic.{0,80}prevent\s+message\s+duplication",
        "SNS FIFO topic",
        "duplicates",
        "prevented",
    ),
    _st("consistency", "dynamodb", r"^ordered\s+stream", "DynamoDB Streams", "ordering", "ordered"),
    # --- concepts -----------------------------------------------------------------------------
    _st(
        "concept",
        "api-gateway",
        r"edge.optimi[sz]ed\s*\(default\)",
        "API Gateway",
        "default endpoint type",
        "Edge-Optimized",
    ),
    _st(
        "concept",
        "api-gateway",
        r"certificate\s+must\s+be\s+(?:in\s+)?us-east-1.{0,40}edge",
        "API Gateway Edge-Optimized endpoint",
        "ACM certificate region",
        "us-east-1",
    ),
    _st(
        "concept",
        "api-gateway",
        r"certificate\s+must\s+be\s+in\s+the\s+api\s+gateway\s+region",
        "API Gateway Regional endpoint",
        "ACM certificate region",
        "the API's own region",
    ),
    _st(
        "concept",
        "dynamodb",
        r"provisioned\s+mode\s*\(default\)",
        "DynamoDB",
        "default capacity mode",
        "provisioned",
    ),
    _st(
        "concept",
        "dynamodb",
        r"active.active",
        "DynamoDB global tables",
        "replication",
        "active-active across regions",
        requires=r"global",
    ),
    _st(
        "concept",
        "dynamodb",
        r"must\s+enable\s+dynamodb\s+streams",
        "DynamoDB global tables",
        "prerequisite",
        "DynamoDB Streams must be enabled",
    ),
    _st(
        "concept",
        "dynamodb",
        r"microseconds?",
        "DAX",
        "read latency",
        "microseconds",
        requires=r"\bdax\b|accelerator",
    ),
    _st(
        "concept",
        "lambda",
        r"cannot\s+access.{0,40}vpc\s+by\s+default|no\s+access\s+to\s+vpc.{0,30}by\s+default",
        "Lambda",
        "VPC access by default",
        "no (runs outside your VPC unless configured)",
    ),
    _st(
        "concept",
        "lambda",
        r"keeps?\s+a\s+number\s+of\s+contexts\s+warm",
        "Lambda provisioned concurrency",
        "purpose",
        "keeps execution environments initialised to avoid cold starts",
    ),
    _st(
        "concept",
        "cloudfront-edge-functions",
        r"author.{0,30}us-east-1",
        "Lambda@Edge",
        "authoring region",
        "us-east-1",
    ),
    _st(
        "concept",
        "step-functions",
        r"states\s+language|\bASL\b|workflow\s+in\s+json",
        "Step Functions",
        "workflow definition language",
        "Amazon States Language (JSON)",
    ),
    _st(
        "concept",
        "step-functions",
        r"^default$",
        "Step Functions",
        "default workflow type",
        "{label}",
        labels={"standard": "Standard", "express": "Express"},
    ),
    _st(
        "concept",
        "cognito",
        r"sign.?i?n|sign.up|db\s+of\s+users|json\s+web\s+token|\bjwt\b",
        "Cognito user pools",
        "purpose",
        "user directory for sign-up/sign-in; issues JWTs",
        requires=r"user\s+pools?",
    ),
    _st(
        "concept",
        "cognito",
        r"aws\s+credentials",
        "Cognito identity pools",
        "purpose",
        "exchange an identity for temporary AWS credentials",
        requires=r"identity\s+pools?",
    ),
    _st(
        "concept",
        "eventbridge",
        r"replace\s+cloudwatch\s+events|superset",
        "EventBridge",
        "relation to CloudWatch Events",
        "successor and superset of CloudWatch Events",
    ),
    _st(
        "concept",
        "sns sqs",
        r"fan.?out",
        "SNS",
        "fan-out pattern",
        "a message published to one topic is delivered to many subscribers such as SQS queues",
    ),
    _st(
        "concept",
        "sqs",
        r"maximumreceives|maxreceivecount",
        "SQS dead-letter queue",
        "when a message moves",
        "after it is received more than the maximum receive count",
    ),
    _st(
        "concept",
        "sqs",
        r"^long\s+polling|supports\s+long\s+polling",
        "SQS long polling",
        "purpose",
        "waits for messages to arrive: fewer empty responses, cheaper",
    ),
    _st(
        "concept",
        "sqs",
        r"^short\s+polling",
        "SQS short polling",
        "purpose",
        "returns immediately, possibly with no messages",
    ),
    _st(
        "concept",
        "kinesis kinesis-data-streams",
        r"multiple\s+consumers|high\s+number\s+of\s+consumers",
        "Kinesis Data Streams",
        "consumers",
        "multiple consumers",
        requires=r"kinesis|data\s+stre?ams",
    ),
    _st("concept", "dynamodb", r"^limited\s+consumers", "DynamoDB Streams", "consumers", "limited"),
    _st(
        "concept",
        "kinesis",
        r"no\s+persistence\s+of\s+messages",
        "SQS",
        "message persistence",
        "none once consumed (messages are deleted)",
    ),
    _st(
        "concept",
        "kinesis",
        r"rolling\s+window\s+persistence",
        "Kinesis Data Streams",
        "message persistence",
        "a rolling window (retention period)",
    ),
    _st(
        "concept",
        "kinesis kinesis-data-firehose",
        r"^firehose\s*:\s*near\s+real\s*time|near\s+real\s*time\s+delivery",
        "Kinesis Data Firehose",
        "latency class",
        "near real-time",
    ),
    _st(
        "concept",
        "kinesis",
        r"^data\s+analytics\s*:\s*real\s*time",
        "Kinesis Data Analytics",
        "latency class",
        "real-time",
    ),
)

_COMPARABLE_STATEMENT_ATTRIBUTES = frozenset(
    s.attribute
    for s in STATEMENTS
    if s.kind == "concept" and s.attribute not in {"purpose", "fan-out pattern"}
)


def _statement_facts(ctx: _Ctx, clause: str) -> list[FactDraft]:
    facts: list[FactDraft] = []
    topic = ctx.topic
    for st in STATEMENTS:
        if topic not in st.topics and ctx.section_slug not in st.topics:
            continue
        if not st.pattern.search(clause):
            continue
        if st.requires is not None and not ctx.mentions(st.requires, clause):
            continue
        if st.mode is not None and ctx.label(_MODES, clause) != st.mode:
            continue
        subject, value = st.subject, st.value
        if st.labels:
            label = ctx.label(st.labels, clause)
            if label is None:
                if "{label}" in subject:
                    # A delivery guarantee is itself the label: at-least-once is standard, exactly-once FIFO.
                    continue
                continue
            subject = subject.replace("{label}", st.label_subjects[label])
            value = value.replace("{label}", st.label_subjects[label])
        facts.append(
            FactDraft(
                kind=st.kind,
                topic=_SUBJECT_TOPICS.get(subject, topic),
                subject=subject,
                attribute=st.attribute,
                value=value,
                text=ctx.line.text,
                lines=(ctx.line.number,),
            )
        )
    return facts


# --------------------------------------------------------------------------------------------------
# Enumerations and lists
# --------------------------------------------------------------------------------------------------


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
# Concept attributes whose values come from a closed vocabulary, so differing values are conflicts.
COMPARABLE_CONCEPTS = _COMPARABLE_STATEMENT_ATTRIBUTES | frozenset({"runtimes"})


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


_ERROR_CODE_RE = re.compile(r"^(4xx|5xx|[45]\d\d)\s*:\s*(.+)$", _I)
_ERROR_MEANINGS = {
    "429": (r"throttl", "throttling (too many requests)"),
    "502": (r"bad\s+output|bad\s+gateway", "bad gateway: invalid response from the integration"),
    "503": (r"unavailable", "service unavailable"),
    "504": (r"integration|timeout", "integration failure or timeout"),
    "403": (r"denied|forbidden", "access denied (authorization error)"),
    "4XX": (r"client", "client error"),
    "5XX": (r"server", "server error"),
}
_RUNTIME_RE = re.compile(
    r"written\s+in\s+(node\s*js|node\.js|python|javascript|js)(?:\s+or\s+(python|node\s*js))?", _I
)
_RUNTIMES = {
    "nodejs": "Node.js",
    "node js": "Node.js",
    "node.js": "Node.js",
    "python": "Python",
    "js": "JavaScript",
    "javascript": "JavaScript",
}
_POLICY_RE = re.compile(r"^(AWS(?:Lambda|XRay)\w+)\s*[–—-]\s*(.+)$")
_DESTINATION_RE = re.compile(r"destinations?\b", _I)


def _special_facts(ctx: _Ctx, lines: Sequence[NoteLine], index: int) -> list[FactDraft]:
    """Facts that need the line's own text beyond a fixed value: error codes, runtimes, lists."""
    text = ctx.line.text
    facts: list[FactDraft] = []
    topic = ctx.topic
    if topic == "api-gateway" and (match := _ERROR_CODE_RE.match(text)):
        code = match.group(1).upper()
        said = _PAREN_RE.sub("", match.group(2)).strip(" ,.")
        expected = _ERROR_MEANINGS.get(code)
        value = expected[1] if expected and re.search(expected[0], said, _I) else said.lower()
        facts.append(_concept(ctx, "API Gateway", f"HTTP {code} meaning", value))
    if ctx.subject in {"Lambda@Edge", "CloudFront Functions"} and (match := _RUNTIME_RE.search(text)):
        names = sorted({_RUNTIMES[re.sub(r"\s+", " ", g.lower())] for g in match.groups() if g})
        facts.append(_concept(ctx, ctx.subject, "runtimes", ", ".join(names)))
    if topic == "lambda" and (match := _POLICY_RE.match(text)):
        facts.append(_concept(ctx, match.group(1), "grants", match.group(2).strip()))
    path = ctx.line.path
    if topic == "lambda" and (_DESTINATION_RE.search(text) or (path and _DESTINATION_RE.search(path[-1]))):
        facts.extend(_destination_facts(ctx, lines, index))
    if (
        topic == "lambda"
        and re.search(r"\bdlq\b|dead.letter", text, _I)
        and ctx.mentions(re.compile(_ASYNC, _I), "")
    ):
        between = re.search(r"\s[–—-]\s+([^–—]+?)\s+[–—-]\s", text)
        names = _services_in_list(between.group(1), require_all=True) if between else None
        if names:
            facts.append(
                _invocation(ctx, "Lambda asynchronous invocation", "DLQ targets", ", ".join(sorted(names)))
            )
    return facts


def _destination_facts(ctx: _Ctx, lines: Sequence[NoteLine], index: int) -> list[FactDraft]:
    text = ctx.line.text
    mode = _mode([text]) or _mode(reversed(ctx.line.path)) or _mode(ctx.window)
    if mode not in {"asynchronous", "event source mapping"}:
        return []
    subject = "Lambda asynchronous invocation" if mode == "asynchronous" else "Lambda event source mapping"
    names: list[str] = []
    used = [ctx.line.number]
    inline = re.search(r"destinations?\s*\(([^)]+)\)", text, _I)
    if inline:
        names = _services_in_list(inline.group(1), require_all=True) or []
    else:
        for follower in lines[index + 1 : index + 8]:
            if follower.depth <= ctx.line.depth:
                break
            found = _services_in_list(follower.text, require_all=True)
            if not found:
                break
            names.extend(n for n in found if n not in names)
            used.append(follower.number)
    if len(names) < 2:
        return []
    value = ", ".join(sorted(names))
    if mode == "event source mapping" and re.search(r"discarded", text, _I):
        attribute = "destinations (discarded batches only)"
    else:
        attribute = "destinations"
    return [_invocation(ctx, subject, attribute, value, lines=tuple(used))]


def _concept(ctx: _Ctx, subject: str, attribute: str, value: str) -> FactDraft:
    return FactDraft(
        kind="concept",
        topic=_SUBJECT_TOPICS.get(subject, ctx.topic),
        subject=subject,
        attribute=attribute,
        value=value,
        text=ctx.line.text,
        lines=(ctx.line.number,),
    )


# --------------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------------


def _fact_key(fact: FactDraft) -> tuple[str, str, str, str, str, str]:
    return (fact.kind, fact.topic, fact.subject, fact.attribute, _normalised_value(fact), fact.dimension)


def extract_facts(section: TopicSection) -> list[FactDraft]:
    """All facts stated by one section, in source order, one fact per (key, value).

    Repeats inside the section (the same value stated on two lines, or twice in one line such as
    "900s or 15mins") are merged: their line numbers and texts are combined.
    """
    contexts = list(_contexts(section))
    raw: list[FactDraft] = []
    for index, ctx in enumerate(contexts):
        raw.extend(_invoker_facts(ctx))
        raw.extend(_special_facts(ctx, section.lines, index))
        for clause in _clauses(ctx.line.text):
            raw.extend(_limit_facts_for_clause(ctx, clause))
            raw.extend(_statement_facts(ctx, clause))
    raw.extend(_enumeration_facts(section))
    merged: dict[tuple[str, ...], FactDraft] = {}
    for fact in raw:
        key = _fact_key(fact)
        if key not in merged:
            merged[key] = fact
            continue
        old = merged[key]
        lines = tuple(sorted(set(old.lines) | set(fact.lines)))
        texts = old.text.split("\n")
        text = "\n".join(texts + [t for t in fact.text.split("\n") if t not in texts])
        merged[key] = replace(old, lines=lines, text=text)
    return sorted(
        merged.values(), key=lambda f: (f.lines[0] if f.lines else 0, f.kind, f.subject, f.attribute)
    )


@dataclass(frozen=True, slots=True)
class ConflictSource:
    """Where one side of a conflict is stated."""

    source: str  # source (file) name
    lines: tuple[int, ...]
    text: str


@dataclass(frozen=True, slots=True)
class ConflictSide:
    """One of the disagreeing values, with every source that states it."""

    value: str
    unit: str
    magnitude: float | None
    sources: tuple[ConflictSource, ...]


@dataclass(frozen=True, slots=True)
class ConflictDraft:
    """Sources disagree about one fact key (topic, subject, attribute)."""

    kind: str
    topic: str
    subject: str
    attribute: str
    sides: tuple[ConflictSide, ...]  # at least two, ordered by first (source, line)


def _normalised_value(fact: FactDraft) -> str:
    value = re.sub(r"\s+", " ", fact.value.strip().lower())
    if ", " in value:
        value = ", ".join(sorted(value.split(", ")))
    return value


def is_comparable(*, kind: str, attribute: str) -> bool:
    """Whether two different values of this fact contradict each other (a partial list does not)."""
    if kind == "concept":
        return attribute in COMPARABLE_CONCEPTS or attribute.endswith(" meaning")
    return True


def _comparable(fact: FactDraft) -> bool:
    return is_comparable(kind=fact.kind, attribute=fact.attribute)


def find_conflicts(facts: Iterable[tuple[str, FactDraft]]) -> list[ConflictDraft]:
    """Facts with one key but different normalised values, across (and within) sources.

    Limits with a magnitude compare by magnitude (tolerant to float error: 15 min == 900 s,
    10 GB == 10240 MB); a qualitative limit ("thousands per second") and every other kind compare
    by normalised value string (case, spacing and list order ignored).  Enumerations and free-text
    concept values are never conflicts.
    """
    groups: dict[tuple[str, str, str], list[tuple[str, FactDraft]]] = {}
    for source, fact in facts:
        if not _comparable(fact):
            continue
        groups.setdefault((fact.topic, fact.subject, fact.attribute), []).append((source, fact))
    conflicts: list[ConflictDraft] = []
    for (topic, subject, attribute), members in groups.items():
        sides: list[tuple[FactDraft, list[tuple[str, FactDraft]]]] = []
        for source, fact in sorted(members, key=lambda m: (m[0], m[1].lines)):
            for representative, stated in sides:
                if _same_value(representative, fact):
                    stated.append((source, fact))
                    break
            else:
                sides.append((fact, [(source, fact)]))
        if len(sides) < 2:
            continue
        conflicts.append(
            ConflictDraft(
                kind=sides[0][0].kind,
                topic=topic,
                subject=subject,
                attribute=attribute,
                sides=tuple(
                    ConflictSide(
                        value=rep.value,
                        unit=rep.unit,
                        magnitude=rep.magnitude,
                        sources=tuple(ConflictSource(src, f.lines, f.text) for src, f in stated),
                    )
                    for rep, stated in sides
                ),
            )
        )
    return sorted(conflicts, key=lambda c: (c.topic, c.subject, c.attribute))


def _same_value(a: FactDraft, b: FactDraft) -> bool:
    if a.magnitude is not None and b.magnitude is not None:
        return a.dimension == b.dimension and same_magnitude(a.magnitude, b.magnitude)
    return _normalised_value(a) == _normalised_value(b)
