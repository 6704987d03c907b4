"""Statement lexicon: phrases that state an invocation, consistency or concept fact.

Owns :class:`Statement` with its builder :func:`_st`, the :data:`STATEMENTS` table (Lambda
invocation behaviour; consistency, delivery and ordering; concepts) and the concept attributes
whose values are a closed vocabulary. The value of each fact is written here, never copied from
the line. Data only: matching is :func:`notes.facts.reading._statement_facts`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_I = re.IGNORECASE


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
