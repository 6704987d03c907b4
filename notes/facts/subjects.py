"""Subjects from the service catalogue: which service (or named part of one) a text is about.

No table of services lives here: names come from the catalogue data file (``notes/data/services.toml``,
read by :mod:`notes.topics`), whose ``parts`` list the named sub-entities that are subjects of their
own ("DynamoDB Streams" is not DynamoDB). Owns:

* :func:`subject_in` - the most specific catalogue name a text mentions: a part beats its service, a
  service beats a function service (the function is what the others' statements are *about* as a
  target), and with ``extend`` a name the text writes longer ("FSx for Windows File Server",
  "EC2 Auto Scaling") keeps its variant words as the subject's scope;
* :func:`short_name` - how a catalogue title is written as a subject ("Amazon SQS" -> "SQS",
  "Amazon Simple Workflow Service (SWF)" -> "SWF");
* :func:`subject_topic` / :data:`_SUBJECT_TOPICS` - the topic a subject's facts belong to.
"""

from __future__ import annotations

import re
from functools import lru_cache

from notes.topics import CATALOGUE, find_topic_mentions, is_function_service, topic_for_name, topic_title

_I = re.IGNORECASE
_VENDOR_RE = re.compile(r"^(?:aws|amazon)\s+", _I)
_ACRONYM_RE = re.compile(r"\(([A-Z][A-Z0-9]{1,7})\)\s*$")
# Words after a service name that extend it into a variant: capitalised words, "for"/"on" + a
# capitalised word ("FSx for Windows File Server", "EC2 Auto Scaling"); lower-case words end it.
# Without "for"/"on" the words extend the name only where the text is nothing but the name (a parent
# bullet or title line): in a heading "DynamoDB Structure" is an aspect of DynamoDB, not a variant.
_EXTENSION_RE = re.compile(r"^(?:\s+(?:(?:for|on)\s+)?[A-Z0-9][\w@.+/-]*)+")
_VARIANT_RE = re.compile(r"^\s+(?:for|on)\s+[A-Z0-9]")
_EXTENSION_WORD_RE = re.compile(r"\s+(?:(?:for|on)\s+)?([A-Z0-9][\w@.+/-]*)")
# Capitalised words of headings that name an aspect of a service, not a variant of it.
_ASPECT_WORDS = frozenset(
    [
        "limit",
        "limits",
        "quota",
        "quotas",
        "overview",
        "introduction",
        "intro",
        "basics",
        "notes",
        "note",
        "summary",
        "recap",
        "review",
        "concept",
        "concepts",
        "fundamentals",
        "essentials",
        "details",
        "deep",
        "dive",
        "best",
        "practice",
        "practices",
        "tip",
        "tips",
        "cheat",
        "sheet",
        "key",
        "facts",
        "exam",
        "part",
        "section",
        "features",
        "feature",
        "main",
        "benefits",
        "types",
        "modes",
        "pricing",
        "billing",
        "security",
        "networking",
        "integration",
        "integrations",
        "use",
        "cases",
        "case",
        "options",
        "retention",
        "consistency",
        "delivery",
        "versions",
        "aliases",
        "latency",
        "logging",
        "monitoring",
        "resources",
        "standard",
        "fifo",
        "express",
        "errors",
        "error",
        "handling",
        "caching",
        "cache",
        "endpoints",
        "states",
        "stages",
        "phases",
        "authentication",
        "authorization",
        "auth",
        "destinations",
        "sources",
        "targets",
        "strategies",
        "permissions",
        "examples",
        "pros",
        "cons",
        "advantages",
        "disadvantages",
        "and",
        "or",
        "vs",
        "versus",
        "the",
        "a",
        "an",
        "of",
        "in",
        "with",
        "at",
        "to",
        "how",
        "what",
        "why",
        "when",
    ]
)
_MAX_EXTENSION_WORDS = 4


def short_name(title: str) -> str:
    """A catalogue title as a subject: without its vendor, an acronym in parentheses for the name."""
    acronym = _ACRONYM_RE.search(title)
    if acronym:
        return acronym.group(1)
    return _VENDOR_RE.sub("", title.strip()).strip()


def slug_subject(slug: str) -> str | None:
    """The subject a catalogue topic's section is about by default ("sqs" -> "SQS"); None if unknown."""
    return short_name(topic_title(slug)) if slug in _SLUGS else None


def _extension(text: str, end: int, *, whole: bool, min_words: int = 1) -> str:
    """The variant words written right after a name ending at ``end`` (may be ""); with ``whole`` only
    when they run to the end of the text."""
    match = _EXTENSION_RE.match(text[end:])
    if not match:
        return ""
    rest = text[end + match.end() :].strip(" .:")
    if not _VARIANT_RE.match(text[end:]) and (not whole or rest):
        return ""
    words = [word.group(0) for word in _EXTENSION_WORD_RE.finditer(match.group(0))]
    aspect = any(w.strip().casefold().rstrip(".:") in _ASPECT_WORDS for w in words)
    if aspect or len(words) > _MAX_EXTENSION_WORDS:
        return ""  # "API Gateway Endpoint Types" is about an aspect of API Gateway
    if not _VARIANT_RE.match(text[end:]) and len(words) < min_words:
        return ""  # "DynamoDB Structure": one capitalised word after a name is an aspect as often as not
    return "".join(words).rstrip(".:,;").rstrip()


@lru_cache(maxsize=8192)
def subject_in(
    text: str, *, anchored: bool = False, extend: bool = False, whole: bool = False, heading: bool = False
) -> str | None:
    """The most specific catalogue subject ``text`` names, or None.

    ``anchored``: only a name at the start of the text counts. ``extend``: a name the text writes
    longer keeps the extra capitalised words ("FSx for Windows File Server"), unless they name an
    aspect ("Lambda Limits" is about Lambda).
    """
    mentions = [m for m in find_topic_mentions(text) if not m.concept]
    if anchored:
        mentions = [m for m in mentions if m.start <= 4]
    if not mentions:
        return None
    ranked = sorted(
        enumerate(mentions),
        key=lambda pair: (not pair[1].part, is_function_service(pair[1].slug), pair[0]),
    )
    best = ranked[0][1]
    name = best.part or short_name(best.title)
    following = next(
        (m for m in mentions if m.start > best.end and not text[best.end : m.start].strip()), None
    )
    if extend and following is not None and following.slug == best.slug:
        # "Systems Manager Parameter Store": a second name of the same service right after the first
        # is the named part of it.
        return following.part or _VENDOR_RE.sub("", text[following.start : following.end]).strip()
    if extend:
        name += _extension(text, best.end, whole=whole or heading, min_words=2 if heading else 1)
    return name


@lru_cache(maxsize=8192)
def subject_topic(subject: str) -> str | None:
    """The catalogue topic a subject belongs to ("SQS FIFO queue" -> "sqs"), None for none."""
    by_name = _BY_SHORT_NAME.get(" ".join(subject.casefold().split()))
    if by_name:
        return by_name
    found = topic_for_name(subject)
    return found[0] if found else None


# Each catalogue topic's subject name ("CloudFront Edge Functions", "SWF") -> its slug.
_SLUGS = frozenset(topic.slug for topic in CATALOGUE)
_BY_SHORT_NAME = {short_name(topic.title).casefold(): topic.slug for topic in CATALOGUE}


class _TopicOfSubject:
    """``_SUBJECT_TOPICS.get(subject, default)``: the subject's catalogue topic, else ``default``."""

    def get(self, subject: str, default: str | None = None) -> str | None:
        return subject_topic(subject) or default


_SUBJECT_TOPICS = _TopicOfSubject()
