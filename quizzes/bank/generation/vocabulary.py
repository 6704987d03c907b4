"""The invocation vocabulary the generator words choices in (shared by templates and quality)."""

from __future__ import annotations

INVOCATION_MODEL = "Lambda invocation model"
MODELS = ("synchronous", "asynchronous", "event source mapping")
MODEL_CHOICES = {
    "synchronous": "Synchronously: the service waits for the function's response",
    "asynchronous": "Asynchronously: Lambda queues the event and the service does not wait for the result",
    "event source mapping": "Through an event source mapping: Lambda polls the source and invokes the function with batches",
}
# Wrong ways for a service to reach a function, each offered only when the notes teach the idea
# (a word of some invocation fact of the bank names it): destinations receive results, a dead-letter
# queue receives failures, a function URL serves HTTPS clients, a layer holds code.
MODEL_TRAPS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("destination",), "Through a Lambda destination that the service is configured to send events to"),
    (("dead-letter", "dlq"), "Through a dead-letter queue that the service writes its events to"),
    (("function url",), "Through the function's function URL, as a plain HTTPS request"),
    (("layer",), "Through a Lambda layer that the service attaches to the function"),
    (("provisioned concurrency",), "Through provisioned concurrency that the service keeps warm"),
    (("alias", "version"), "Through a function alias that forwards the service's calls"),
)


def invocation_model(value: str) -> str | None:
    lower = value.lower()
    if "event source" in lower or "poll" in lower:
        return "event source mapping"
    if "async" in lower or lower.strip() == "event":
        return "asynchronous"
    if "sync" in lower or "request-response" in lower or "requestresponse" in lower:
        return "synchronous"
    return None


def choice_model(text: str) -> str | None:
    """The model a choice text offers (None for a trap or any other text)."""
    for model, choice in MODEL_CHOICES.items():
        if text == choice:
            return model
    return None
