"""Service names in a line, looked up in the catalogue (``notes/data/services.toml``), never in code.

Owns reading a list of service names ("S3, SNS, CloudWatch Events (ie EventBridge)"), the short
name of a service ("AWS Lambda" -> "Lambda") and the topic a subject belongs to.
"""

from __future__ import annotations

import re
from functools import lru_cache

from notes.facts.context import _Ctx
from notes.topics import find_topic_mentions, is_function_service, topic_for_name, topic_title

_I = re.IGNORECASE
_ITEM_SPLIT_RE = re.compile(r"\s*(?:,|&|/|;|\+|\bor\b|\band\b)\s*", _I)
_PAREN_RE = re.compile(r"\([^)]*\)")
_LEAD_RE = re.compile(r"^\s*(?:\d{1,2}[.)]\s+|[a-z][.)]\s+|(?:ie|i\.e\.|e\.g\.|eg)\s+)?", _I)
_VENDOR_RE = re.compile(r"^(?:aws|amazon)\s+", _I)
# Words that may follow a service name in a list item without making it another thing.
_TRAILING_OK = re.compile(
    r"^(?:\s+(?:service|services|bus|buses|queues?|topics?|streams?|events?|triggers?|functions?|"
    r"notifications?|operations|api|apis|rules?|jobs?|batch|fifo|standard))*\s*[.:]?\s*$",
    _I,
)


@lru_cache(maxsize=8192)
def services_named(text: str, *, require_all: bool, anywhere: bool = False) -> tuple[str, ...] | None:
    """Catalogue titles of the services a list names, in order, once each.

    With ``require_all`` every item of the list must be a service name (else None): a line that is a
    sentence is not a list. With ``anywhere`` every service mentioned in the text counts.
    """
    if anywhere:
        found: list[str] = []
        for mention in find_topic_mentions(text):
            name = mention.part or mention.title  # a part ("EventBridge Pipes") is not its service
            if not mention.concept and name not in found:
                found.append(name)
        return tuple(found)
    items = [i for i in _ITEM_SPLIT_RE.split(_PAREN_RE.sub(" ", text)) if i and i.strip()]
    names: list[str] = []
    for item in items:
        item = _LEAD_RE.sub("", item.strip())
        mentions = [m for m in find_topic_mentions(item) if not m.concept]
        if mentions and mentions[0].start == 0 and _TRAILING_OK.match(item[mentions[0].end :]):
            name = mentions[0].part or mentions[0].title
            if name not in names:
                names.append(name)
        elif require_all:
            return None
    return tuple(names)


def service_short_name(name: str) -> str:
    """The name of a service without its vendor: "AWS Lambda" -> "Lambda"."""
    return _VENDOR_RE.sub("", name.strip()).strip()


def topic_of(subject: str) -> str | None:
    """The catalogue topic a subject belongs to ("SQS FIFO queue" -> "sqs"), None for none."""
    found = topic_for_name(subject)
    return found[0] if found and topic_title(found[0]) else None


@lru_cache(maxsize=4096)
def scope_service(ctx: _Ctx) -> str:
    """The subject of a line for the statement reader: the line's scope subject, unless the catalogue
    knows a service its parents or heading name that the subject lexicon does not (then its name)."""
    for text in (*reversed(ctx.line.path), ctx.heading):
        mentions = [m for m in find_topic_mentions(text) if not m.concept]
        if mentions:
            first = mentions[0]
            if first.slug == topic_of(ctx.subject):
                return ctx.subject
            written = _VENDOR_RE.sub("", text[first.start : first.end]).strip()
            if text is ctx.heading and ctx.subject.lower() not in written.lower() and _starts_with(ctx):
                return ctx.subject  # the line names its own subject ("Amazon S3 ..." under a Lambda heading)
            return (
                written
                if written.lower() != first.slug.replace("-", " ") or " " in written
                else service_short_name(first.title)
            )
    return ctx.subject


def _starts_with(ctx: _Ctx) -> bool:
    mentions = [m for m in find_topic_mentions(ctx.line.text) if not m.concept]
    return bool(mentions) and mentions[0].start <= 4


def function_target(ctx: _Ctx, clause: str) -> str | None:
    """The function service an invocation behaviour is about: the one the clause names, else the
    line's subject when the catalogue marks it as a function service."""
    named = [n for n in services_named(clause, require_all=False, anywhere=True) or () if is_function(n)]
    if len(named) == 1:
        return service_short_name(named[0])
    if named:
        return None
    subject = scope_service(ctx)
    return subject if is_function(subject) else None


def is_function(name: str) -> bool:
    """Whether the catalogue marks the service a name refers to as a function service."""
    slug = topic_of(name)
    return slug is not None and is_function_service(slug)
