"""Concept facts read from the shape of the outline: enumerations, definitions and named lists.

* **enumerations**: a heading or bullet that ends in a plural noun over a list of short names
  ("Endpoint Types" over "Edge-Optimized (default)", "Regional", "Private"), a flat run of
  "NAME : description" lines after such a label, or an inline list ("Two launch types -> EC2 and
  Fargate", "States: Choice, Pass, Wait"). The attribute is the label without the service it names;
  a member marked "(default)" also gives the default ("default endpoint type"). A count word must
  match the number of members.
* **definitions**: "Term: what it is", "Term = ...", "Term -> ..." where the term is a short noun
  phrase and the rest a plain description (no number, no URL, not a list): ``definition``.
* **named lists**: HTTP status codes and their meaning, managed policies and what they grant
  ("XyzExecutionRole - Read from ..."), the languages a function is "written in", and the services
  an invocation mode can send results or failed events to (destinations, dead-letter queues).

Values are the note's own words, trimmed; none of these is ever compared as a conflict except the
HTTP meaning and runtimes (closed vocabularies).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from notes.facts.context import _Ctx
from notes.facts.modes import ASYNC, ESM, line_mode, mode_subject
from notes.facts.servicenames import scope_service, services_named, topic_of
from notes.outline import FactDraft, NoteLine
from notes.topics import find_topic_mentions

_I = re.IGNORECASE

_COUNT_WORDS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
# Labels over a list that are not a closed set of things a learner must know.
_NOT_ENUMERATIONS = frozenset(
    [
        "use cases",
        "benefits",
        "features",
        "main features",
        "limits",
        "examples",
        "notes",
        "tips",
        "attributes",
        "strategies",
        "workshops",
        "resources",
        "links",
        "steps",
        "requirements",
        "pros",
        "cons",
        "others",
        "details",
        "questions",
        "answers",
        "other features or services",
        "general use cases",
        "user features",
        "sources",
        "destinations",
    ]
)
_VERB_RE = re.compile(
    r"(?<![\w-])(?:is|are|was|were|be|can|can't|cannot|will|may|must|should|has|have|use|uses|used|get|gets|need|"
    r"needs|allow|allows|support|supports|handle|handles|provide|provides|make|makes|keep|keeps|run|runs|"
    r"send|sends|scale|scales|do|does|don't|go|goes|take|takes|only|also|not|no|with|for|to|of|from|by|"
    r"in|on|at|into|when|if|than|then|via|per)(?![\w-])",
    _I,
)
_MAX_MEMBERS = 10


@lru_cache(maxsize=8192)
def plural_label(text: str) -> str | None:
    """The attribute a label ending in a plural noun names ("API Gateway Endpoint Types" ->
    "endpoint types"), or None."""
    text = text.strip().rstrip(":").strip()
    if len(text) > 80 or not re.search(r"s\W*$", text) or text.endswith("?"):
        return None  # a question ("Which streaming protocols?") is an FAQ's, read with its answer
    for mention in sorted(find_topic_mentions(text), key=lambda m: -m.start):
        text = text[: mention.start] + " " + text[mention.end :]
    words = re.findall(r"[A-Za-z][\w/-]*", text)
    if not words or len(words) > 4 or re.search(r"\d", text) or any(w.lower() in _COUNT_WORDS for w in words):
        return None  # "Volume Gateway: two modes" is a counted label (notes.facts.enumerations.label_of)
    last = words[-1].lower()
    if not last.endswith("s") or last.endswith(("ss", "us", "is", "ics")) or len(last) < 4:
        return None
    label = " ".join(w if w.isupper() and len(w) <= 4 else w.lower() for w in words)
    if (
        label.lower() in _NOT_ENUMERATIONS
        or _VERB_RE.search(label)
        or re.search(r"\b(?:and|vs|versus)\b", label, _I)
    ):
        return None
    return label


def _singular(label: str) -> str:
    head, _, last = label.rpartition(" ")
    if last.endswith("ies"):
        last = last[:-3] + "y"
    elif last.endswith(("sses", "ches", "shes", "xes")):
        last = last[:-2]
    elif last.endswith("s"):
        last = last[:-1]
    return f"{head} {last}".strip()


# --- named lists -------------------------------------------------------------------------------------

_HTTP_CODE_RE = re.compile(r"^(?P<code>[1-5]\d\d|[1-5]xx)\s*(?::|=|–|—|-|→)\s*(?P<meaning>.+)$", _I)
_POLICY_RE = re.compile(
    r"^(?P<policy>[A-Z][A-Za-z0-9]+(?:Role|Policy|Access|ReadOnly))\s*[–—-]\s*(?P<grants>.+)$"
)
_LANGUAGES = (
    ("Node.js", r"node(?:\.?\s*js)?"),
    ("JavaScript", r"javascript|js"),
    ("Python", r"python"),
    ("Java", r"java"),
    ("Go", r"go(?:lang)?"),
    ("Ruby", r"ruby"),
    ("C#", r"c#|\.net"),
    ("PowerShell", r"powershell"),
)
_WRITTEN_IN_RE = re.compile(r"\bwritten\s+in\s+(?P<langs>[^,.;()]+)", _I)


def named_list_facts(ctx: _Ctx) -> list[FactDraft]:
    text = ctx.line.text.strip()
    facts: list[FactDraft] = []
    if match := _HTTP_CODE_RE.match(text):
        meaning = re.sub(r"\([^)]*\)", "", match.group("meaning")).split(",")[0].strip(" .").lower()
        if meaning and not re.search(r"\d", meaning):
            facts.append(_concept(ctx, ctx.subject, f"HTTP {match.group('code').upper()} meaning", meaning))
    if match := _POLICY_RE.match(text):
        facts.append(_concept(ctx, match.group("policy"), "grants", match.group("grants").strip(" .")))
    if match := _WRITTEN_IN_RE.search(text):
        items = [
            i.strip().lower()
            for i in re.split(r"\s*(?:/|\bor\b|\band\b)\s*", match.group("langs"))
            if i.strip()
        ]
        names = []
        for item in items:
            name = next((n for n, p in _LANGUAGES if re.fullmatch(p, item, _I)), None)
            if name is None:
                names = []
                break
            names.append(name)
        if names:
            facts.append(_concept(ctx, scope_service(ctx), "runtimes", ", ".join(sorted(set(names)))))
    return facts


_DESTINATION_RE = re.compile(r"\bdestinations?\b", _I)
_DLQ_RE = re.compile(r"\bdlq\b|dead[\s-]+letter", _I)
_SEGMENT_RE = re.compile(r"\s[–—-]\s+([^–—]+?)\s+[–—-]\s|\(([^)]+)\)")


def target_list_facts(lines: Sequence[NoteLine], contexts: Sequence[_Ctx], index: int) -> list[FactDraft]:
    """Where an invocation mode sends results (destinations) or failed events (a dead-letter queue)."""
    ctx = contexts[index]
    text = ctx.line.text
    facts: list[FactDraft] = []
    path = ctx.line.path
    if _DESTINATION_RE.search(text) or (path and _DESTINATION_RE.search(path[-1])):
        mode = line_mode(ctx, text)
        if mode in {ASYNC, ESM}:
            names: list[str] = []
            used = [ctx.line]
            inline = re.search(r"destinations?\s*\(([^)]+)\)", text, _I)
            if inline:
                names = list(services_named(inline.group(1), require_all=True) or ())
            else:
                for follower in lines[index + 1 : index + 8]:
                    if follower.depth <= ctx.line.depth:
                        break
                    found = services_named(follower.text, require_all=True)
                    if not found:
                        break
                    names.extend(n for n in found if n not in names)
                    used.append(follower)
            if len(names) >= 2:
                attribute = (
                    "destinations (discarded batches only)"
                    if re.search(r"discard", text, _I)
                    else "destinations"
                )
                subject = mode_subject(ctx.subject, mode)
                facts.append(
                    _concept(
                        ctx,
                        subject,
                        attribute,
                        ", ".join(sorted(names)),
                        kind="invocation",
                        lines=tuple(line.number for line in used),
                    )
                )
    if _DLQ_RE.search(text) and line_mode(ctx, text) == ASYNC:
        for match in _SEGMENT_RE.finditer(text):
            found = services_named(match.group(1) or match.group(2), require_all=True)
            if found and len(found) >= 2:
                subject = mode_subject(ctx.subject, ASYNC)
                facts.append(
                    _concept(ctx, subject, "DLQ targets", ", ".join(sorted(found)), kind="invocation")
                )
                break
    return facts


def _concept(
    ctx: _Ctx,
    subject: str,
    attribute: str,
    value: str,
    *,
    kind: str = "concept",
    text: str | None = None,
    lines: tuple[int, ...] = (),
) -> FactDraft:
    return FactDraft(
        kind=kind,
        topic=ctx.topic if kind == "invocation" else (topic_of(subject) or ctx.topic),
        subject=subject,
        attribute=attribute,
        value=value,
        text=text if text is not None else ctx.line.text,
        lines=lines or (ctx.line.number,),
    )
