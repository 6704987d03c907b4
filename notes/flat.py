"""Group labels of flattened outlines: exports that lost their indentation, so that a label
("Standard", "Errors", "Request Phase:") sits at the same indentation as the points it groups.

Owns the words that make a short line such a label; :mod:`notes.parser` decides from them which
items open a group. Nothing here knows about services.
"""

from __future__ import annotations

import re

__all__ = ["GROUP_WORDS", "label_text", "short_title", "words"]

_WORD = re.compile(r"[^\W_][\w'’./&@+-]*")

GROUP_WORDS = frozenset(
    {
        "standard", "fifo", "express", "synchronous", "asynchronous", "sync", "async",
        "invocations", "invocation types", "event source mapping", "event source mappings",
        "errors", "error handling", "caching", "cache", "endpoint types", "endpoints", "states",
        "stages", "phases", "authentication", "authorization", "auth", "destinations", "sources",
        "targets", "use cases", "use case", "scaling", "strategies", "limits", "features",
        "main features", "benefits", "types", "modes", "pricing", "billing", "security",
        "networking", "integrations", "user pools", "identity pools", "permissions", "examples",
        "pros", "cons", "advantages", "disadvantages", "options", "retention", "consistency",
        "capacity modes", "delivery", "versions", "aliases", "latency", "logging", "monitoring",
        "resources",
    }
)  # fmt: skip


def words(text: str) -> int:
    """How many words a text has."""
    return len(_WORD.findall(text))


def label_text(text: str) -> bool:
    """A short group label such as "Standard", "FIFO", "Errors", "Request Phase:"."""
    if " : " in text or "%" in text or "=" in text:
        return False
    if text.endswith(":") and words(text) <= 6:
        return True
    return text.rstrip(":").strip().casefold() in GROUP_WORDS


def short_title(text: str) -> bool:
    """A line short enough to be a group's title ("• networking" over "• public networking")."""
    return " : " not in text and "," not in text and words(text) <= 6
