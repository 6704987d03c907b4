"""Services invoking Lambda: the service lexicon, invocation modes and ``invocation`` facts.

Owns :data:`_SERVICES` (canonical service names, most specific first), :data:`_MODES`
(synchronous, asynchronous, event source mapping), parsing a list of service names, and the
"which service invokes Lambda how" facts read from the outline path or inline lists.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from notes.facts.context import _NUMBERING_RE, _Ctx
from notes.outline import FactDraft

_I = re.IGNORECASE


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
