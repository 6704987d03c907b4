"""When data is copied somewhere: "uploaded to AWS asynchronously", "asynchronously backed up to S3".

A small general grammar, no service named: a transfer verb of a closed lexicon (uploaded, backed up,
copied, written, sent, shipped, synced, transferred, mirrored) with its destination ("to AWS", "to
S3", "to the cloud") and a synchronous / asynchronous adverb beside it gives a consistency fact
"<transfer noun> to <destination>" of the line's subject, narrowed by a short parent label
("Stored volumes" over "asynchronously backed up to S3"). A negated clause, or one that names both
adverbs, gives nothing.
"""

from __future__ import annotations

import re
from dataclasses import replace

from notes.facts.consistency import _GENERIC_WORDS, _fact, _join, mode_subject
from notes.facts.context import _Ctx
from notes.facts.servicenames import scope_service, service_short_name, services_named
from notes.outline import FactDraft

_I = re.IGNORECASE

# Transfer verbs (past participle) and the noun a learner names the step with.
_TRANSFER_NOUNS = {
    "uploaded": "upload",
    "backed up": "backup",
    "copied": "copy",
    "written": "write",
    "sent": "send",
    "shipped": "shipping",
    "synced": "sync",
    "synchronised": "sync",
    "synchronized": "sync",
    "transferred": "transfer",
    "mirrored": "mirroring",
    "flushed": "flush",
}
_VERB = "|".join(
    sorted((re.escape(v).replace(r"\ ", r"\s+") for v in _TRANSFER_NOUNS), key=len, reverse=True)
)
_DEST = r"to\s+(?P<dest>(?:the\s+)?[\w-]+(?:\s+[A-Z][\w-]*)?)"
_ADVERB = r"(?P<mode>(?<![a-z])a?synchronously)"
_TRANSFER_RES = (
    re.compile(rf"\b(?P<verb>{_VERB})\s+{_DEST}\s+{_ADVERB}\b", _I),
    re.compile(rf"\b{_ADVERB}\s+(?P<verb>{_VERB})\s+{_DEST}", _I),
)
_STOP_WORDS = frozenset(["as", "in", "with", "every", "each", "after", "before", "when", "and", "or"])
_NEGATION_RE = re.compile(r"\b(?:not|never|unlike|instead|rather|vs\.?|versus)\b|n't\b", _I)


def transfer_facts(ctx: _Ctx, clause: str) -> list[FactDraft]:
    lower = clause.lower()
    if "synchronous" not in lower or _NEGATION_RE.search(clause):
        return []
    if re.search(r"(?<![a-z])synchronous", clause, _I) and re.search(r"asynchronous", clause, _I):
        return []  # both adverbs: which step is which is unclear
    for pattern in _TRANSFER_RES:
        match = pattern.search(clause)
        if match is None:
            continue
        words = [w for w in match.group("dest").split() if w.lower() != "the"]
        words = words[: next((i for i, w in enumerate(words) if w.lower() in _STOP_WORDS), len(words))]
        if not words:
            return []
        verb = " ".join(match.group("verb").lower().split())
        subject = mode_subject(ctx, clause[: match.start()])  # the destination names another service
        if subject is None:
            return []
        mode = "asynchronous" if match.group("mode").lower().startswith("a") else "synchronous"
        return [_fact(ctx, subject, f"{_TRANSFER_NOUNS[verb]} to {' '.join(words)}", mode)]
    return []


# --- when something is delivered: "New findings are published immediately" -------------------------

_PUBLISHED_RE = re.compile(
    r"^\s*(?:a\s*:\s*)?(?P<np>[\w-]+(?:\s+[\w-]+){0,2}?)\s+(?:is|are)\s+"
    r"(?:published|sent|delivered|pushed|forwarded|emitted)\s+"
    r"(?:to\s+(?P<dest>[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)\s+)?(?P<when>immediately|right\s+away)\s*[.!]?\s*$",
    _I,
)


def delivery_timing_facts(ctx: _Ctx, clause: str) -> list[FactDraft]:
    """ "New findings are published immediately" (to a service the clause or the question just above
    names): "<service> delivery" of those items is immediate."""
    if "immediately" not in clause.lower() and "right away" not in clause.lower():
        return []
    match = _PUBLISHED_RE.match(clause)
    if match is None or _NEGATION_RE.search(clause):
        return []
    words = match.group("np").split()
    if all(w.lower() in _GENERIC_WORDS for w in words):
        return []
    path = ctx.line.path
    asked = path[-1] if path else ctx.window[0] if ctx.window else ""
    if path and asked.rstrip().endswith("?"):  # an answer is a child of its question: it names the
        ctx = replace(ctx, line=replace(ctx.line, path=path[:-1]))  # destination, not the subject
    base = scope_service(ctx)
    destination = match.group("dest") or ""
    if not destination and asked.rstrip().endswith("?"):
        named = [
            n
            for n in services_named(asked, require_all=False, anywhere=True) or ()
            if service_short_name(n) != service_short_name(base)
        ]
        destination = service_short_name(named[0]) if len(named) == 1 else ""
    if not destination:
        return []
    return [_fact(ctx, _join(base, " ".join(words)), f"{destination} delivery", "immediately")]
