"""Subject lexicon: the services a line can be about and the topic each subject's facts belong to.

Owns :data:`_SUBJECTS` (canonical subject, topic slug and pattern, most specific first),
:data:`_SLUG_SUBJECTS` (the default subject of a topic section) and :data:`_SUBJECT_TOPICS`
(the topic of every subject and sub-entity that rules name). Data only, no extraction logic.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE


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
