"""The invocation vocabulary the generator words choices in (shared by templates and quality).

The reader names an invocation model's attribute after the function service the catalogue marks
(``"<function service> invocation model"``); the generator reads the service's name from there
(:func:`function_service`) and never names it itself.
"""

from __future__ import annotations

MODEL_SUFFIX = " invocation model"
DEFAULT_PREFIX = "default "  # "default Lambda invocation model": the model used unless changed
MODELS = ("synchronous", "asynchronous", "event source mapping")
MODEL_CHOICES = {
    "synchronous": "Synchronously: the service waits for the function's response",
    "asynchronous": "Asynchronously: the event is queued and the service does not wait for the result",
    "event source mapping": "Through an event source mapping: the source is polled and the function is invoked with batches",
}


def is_model_attribute(attribute: str) -> bool:
    """ "<function service> invocation model": the attribute of an invocation-model fact."""
    service = attribute.removesuffix(MODEL_SUFFIX).removeprefix(DEFAULT_PREFIX).strip()
    # A function service is a proper name ("Lambda"); "source invocation model" is no such attribute.
    return attribute.endswith(MODEL_SUFFIX) and service[:1].isupper()


def function_service(attribute: str) -> str:
    """The function service an invocation model is about, as the attribute names it."""
    if not is_model_attribute(attribute):
        return "the function"
    return attribute.removesuffix(MODEL_SUFFIX).strip().removeprefix(DEFAULT_PREFIX).strip() or "the function"


# Wrong ways for a service to reach a function, each offered only when the notes teach the idea
# (a word of some invocation fact of the bank names it): destinations receive results, a dead-letter
# queue receives failures, a function URL serves HTTPS clients, a layer holds code.
MODEL_TRAPS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("destination",), "Through a destination that the service is configured to send events to"),
    (("dead-letter", "dlq"), "Through a dead-letter queue that the service writes its events to"),
    (("function url",), "Through the function's function URL, as a plain HTTPS request"),
    (("layer",), "Through a layer that the service attaches to the function"),
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
