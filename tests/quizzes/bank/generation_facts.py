"""Plain generator inputs shared by the generation tests (no database)."""

from __future__ import annotations

from quizzes.bank.generation.types import FactIn, SourceRef


def fact(
    key: str,
    *,
    kind: str = "limit",
    subject: str = "Lambda",
    attribute: str = "maximum execution time",
    value: str = "900",
    unit: str = "s",
    magnitude: float | None = 900.0,
    dimension: str = "time",
    topic: str = "lambda",
    line: int = 3,
    **extra,
) -> FactIn:
    if kind != "limit":
        unit, magnitude, dimension = "", None, ""
    extra.setdefault("stated_values", (value,))
    return FactIn(
        key=key,
        topic=topic,
        kind=kind,
        subject=subject,
        attribute=attribute,
        value=value,
        unit=unit,
        magnitude=magnitude,
        dimension=dimension,
        text=f"{attribute} {value}",
        sources=(SourceRef("notes.md", line, f"{attribute}: {value} {unit}".strip()),),
        **extra,
    )


def invocation(key: str, subject: str, model: str, line: int) -> FactIn:
    return fact(
        key, kind="invocation", subject=subject, attribute="Lambda invocation model", value=model, line=line
    )


def invocation_facts() -> list[FactIn]:
    services = [
        ("Amazon S3", "asynchronous"),
        ("Amazon SNS", "asynchronous"),
        ("Amazon EventBridge", "asynchronous"),
        ("AWS Config", "asynchronous"),
        ("Amazon API Gateway", "synchronous"),
        ("Amazon Cognito", "synchronous"),
        ("Amazon Lex", "synchronous"),
        ("AWS Step Functions", "synchronous"),
        ("Amazon SQS", "event source mapping"),
        ("Amazon Kinesis Data Streams", "event source mapping"),
        ("Amazon DynamoDB Streams", "event source mapping"),
    ]
    return [invocation(f"inv{i}", name, model, 10 + i) for i, (name, model) in enumerate(services)]
