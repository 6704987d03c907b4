"""Limit lexicon: the rules that name a quantity (``limit`` facts).

Owns the bound words ("up to", "at least", "default"), :class:`LimitRule` with its builder
:func:`_rule`, the :data:`LIMIT_RULES` table (Lambda, DynamoDB, Kinesis, SQS/SNS, API Gateway,
Step Functions, S3) and the whole-phrase :data:`_PATTERN_RULES`. Data only: applying the rules
is :mod:`notes.facts.limits`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_I = re.IGNORECASE


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
