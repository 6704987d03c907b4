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
from notes.facts.servicenames import scope_service, service_short_name, services_named, topic_of
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
_MEMBER_HEAD_RE = re.compile(r"^(?P<head>[^:(–—→=]+?)\s*(?:\((?P<paren>[^)]*)\)\s*)?(?:[:–—→=].*)?$")
_VERB_RE = re.compile(
    r"(?<![\w-])(?:is|are|was|were|be|can|can't|cannot|will|may|must|should|has|have|use|uses|used|get|gets|need|"
    r"needs|allow|allows|support|supports|handle|handles|provide|provides|make|makes|keep|keeps|run|runs|"
    r"send|sends|scale|scales|do|does|don't|go|goes|take|takes|only|also|not|no|with|for|to|of|from|by|"
    r"in|on|at|into|when|if|than|then|via|per)(?![\w-])",
    _I,
)
_MAX_MEMBERS = 10
_MAX_MEMBER_WORDS = 3


@lru_cache(maxsize=8192)
def _plural_label(text: str) -> str | None:
    """The attribute a label ending in a plural noun names ("API Gateway Endpoint Types" ->
    "endpoint types"), or None."""
    text = text.strip().rstrip(":").strip()
    if len(text) > 80 or not re.search(r"s\W*$", text):
        return None
    for mention in sorted(find_topic_mentions(text), key=lambda m: -m.start):
        text = text[: mention.start] + " " + text[mention.end :]
    words = re.findall(r"[A-Za-z][\w/-]*", text)
    if not words or len(words) > 4 or re.search(r"\d", text):
        return None
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


def _member(text: str) -> tuple[str, bool] | None:
    """(name, marked default) of a list item that is a short name, or None."""
    match = _MEMBER_HEAD_RE.match(text.strip())
    if not match:
        return None
    head = match.group("head").strip().strip(".,;")
    words = head.split()
    if not words or len(words) > _MAX_MEMBER_WORDS or not head[0].isalpha() or _VERB_RE.search(head):
        return None
    if re.search(r"https?://|\d+\s*(?:ms|s|kb|mb|gb|tb)\b", head, _I):
        return None
    if head.isupper() and len(head) > 4:
        head = head.title()
    default = bool(re.search(r"\bdefault\b", match.group("paren") or "", _I)) or bool(
        re.search(r"\(\s*default\s*\)", text, _I)
    )
    return head, default


def _enum_facts(
    ctx: _Ctx, subject: str, label: str, members: list[tuple[str, bool]], used: Sequence[NoteLine]
) -> list[FactDraft]:
    names: list[str] = []
    for name, _default in members:
        if name.lower() not in {n.lower() for n in names}:
            names.append(name)
    if len(names) < 2 or len(names) > _MAX_MEMBERS:
        return []
    if any(n.lower() == subject.lower() or n.lower() in subject.lower().split() for n in names):
        return []  # "triggers: dynamodb, streams, lambda" lists the parts of a design, not kinds of a thing
    if all(n.isupper() for n in names):
        names = [n.title() for n in names]
    text = "\n".join(line.text for line in used)
    lines = tuple(line.number for line in used)
    facts = [_concept(ctx, subject, label, ", ".join(names), text=text, lines=lines)]
    defaults = [name for name, default in members if default]
    if len(defaults) == 1:
        facts.append(
            _concept(ctx, subject, f"default {_singular(label)}", defaults[0], text=text, lines=lines)
        )
    return facts


def enumeration_facts(
    lines: Sequence[NoteLine], contexts: Sequence[_Ctx], heading: NoteLine | None
) -> list[FactDraft]:
    """Enumerations under the section heading, under a bullet, or in a flat run after a label."""
    facts: list[FactDraft] = []
    if not lines:
        return facts
    if heading is not None and (label := _plural_label(heading.text)):
        top = min(line.depth for line in lines)
        tops = [line for line in lines if line.depth == top]
        members = [_member(line.text) for line in tops]
        named = services_named(heading.text, require_all=False, anywhere=True) or ()
        subject = service_short_name(named[0]) if named else contexts[0].subject
        # A heading no catalogue service is named in cannot be split into subject and label.
        if (named or heading.text.strip() != contexts[0].subject) and len(tops) >= 2 and all(members):
            facts += _enum_facts(contexts[0], subject, label, [m for m in members if m], tops)
    for index, line in enumerate(lines):
        label = _plural_label(line.text)
        if label is None or re.search(r":\s*\S", line.text):
            continue
        children = []
        for follower in lines[index + 1 :]:
            if follower.depth <= line.depth:
                break
            if follower.depth == line.depth + 1:
                children.append(follower)
        if children:
            members = [_member(child.text) for child in children]
            if all(members):
                facts += _enum_facts(
                    contexts[index], contexts[index].subject, label, [m for m in members if m], children
                )
            continue
        facts += _flat_run(lines, contexts, index, label)
    return facts


_NAME_COLON_RE = re.compile(r"^(?P<name>[A-Za-z][\w@/.-]*(?:\s+[\w@/.-]+){0,2})\s*:(?:\s+\S.*)?$")


def _flat_run(lines: Sequence[NoteLine], contexts: Sequence[_Ctx], index: int, label: str) -> list[FactDraft]:
    """A label followed, at its own depth, by "NAME : description" lines (flat outlines)."""
    line = lines[index]
    members: list[tuple[str, bool]] = []
    used: list[NoteLine] = []
    skipped = False
    for follower in lines[index + 1 : index + 1 + _MAX_MEMBERS + 1]:
        if follower.depth < line.depth:
            break
        if follower.depth > line.depth:
            continue  # the description of the member above
        match = _NAME_COLON_RE.match(follower.text)
        member = _member(match.group("name")) if match else None
        if member is None:
            if not members and not skipped and len(follower.text.split()) <= _MAX_MEMBER_WORDS:
                skipped = True  # "SUCCEED % FAIL": one odd line right after the label
                continue
            break
        members.append((member[0], member[1] or bool(re.search(r"\(\s*default\s*\)", follower.text, _I))))
        used.append(follower)
    if len(members) < 2:
        return []
    return _enum_facts(contexts[index], contexts[index].subject, label, members, [line, *used])


_INLINE_ENUM_RE = re.compile(
    r"^(?:(?P<count>\d{1,2}|" + "|".join(_COUNT_WORDS) + r")\s+)?(?P<label>[A-Za-z][\w/ -]{1,40}?)\s*"
    r"(?::|→|->|=)\s*(?P<list>[^:→=]+?)\.?$",
    _I,
)
_LIST_SPLIT_RE = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+")


def inline_enumeration(ctx: _Ctx, text: str) -> list[FactDraft]:
    """ "Two launch types -> EC2 and Fargate", "States: Choice, Pass, Wait"."""
    match = _INLINE_ENUM_RE.match(text.strip())
    if not match:
        return []
    label = _plural_label(match.group("label"))
    if label is None:
        return []
    items = [i for i in _LIST_SPLIT_RE.split(match.group("list").strip()) if i.strip()]
    members = [_member(i) for i in items]
    if len(items) < 2 or not all(members):
        return []
    if sum(1 for i in items if i[:1].isupper() or i[:1].isdigit()) * 2 <= len(items):
        return []  # "ingestion, analytics": a description, not a list of names
    count = match.group("count")
    if count is not None:
        wanted = int(count) if count.isdigit() else _COUNT_WORDS[count.lower()]
        if wanted != len(items):
            return []
    elif ":" not in text:
        return []  # "X -> A and B" without a count may be a consequence, not a list
    return _enum_facts(ctx, ctx.subject, label, [m for m in members if m], [ctx.line])


# --- definitions -----------------------------------------------------------------------------------

_DEFINITION_RE = re.compile(
    r"^(?P<term>[A-Z][\w@/.+'-]*(?:\s+[\w@/.+'-]+){0,3}?)\s*(?::|=|→|->|\s[–—]\s)\s*(?P<text>[^\s].*)$"
)
_NOT_TERMS = frozenset(
    [
        "ex",
        "example",
        "examples",
        "e.g",
        "eg",
        "note",
        "notes",
        "tip",
        "tips",
        "use case",
        "use cases",
        "benefit",
        "benefits",
        "pricing",
        "cost",
        "costs",
        "billing",
        "exam",
        "question",
        "answer",
        "q",
        "a",
        "important",
        "remember",
        "warning",
        "see",
        "source",
        "sources",
        "link",
        "links",
        "why",
        "how",
        "what",
    ]
)


# A "meaning" that states a bound or a default is a limit or a mode, not a definition.
_NOT_A_MEANING_RE = re.compile(
    r"\bdefault\b|\bmax(?:imum)?\b|\bmin(?:imum)?\b|\blimit|\bup\s+to\b|\bat\s+(?:most|least)\b|\bnever\b|"
    r"\bexpire|\bconsisten|\bonce\b|\border(?:ed|ing)?\b|a?synchronous",
    _I,
)


# A "meaning" that opens with a modal or a limiter is a remark about the term, not what it is.
_NOT_A_START_RE = re.compile(
    r"^(?:can|could|only|need|needs|must|should|will|may|is|are|not|no|also|see|e\.g)\b", _I
)


def definition_facts(ctx: _Ctx) -> list[FactDraft]:
    """ "Term: what it is" as a ``definition`` concept of the term."""
    text = ctx.line.text.strip()
    match = _DEFINITION_RE.match(text)
    if not match:
        return []
    term, meaning = match.group("term").strip(), match.group("text").strip().rstrip(".")
    words = term.split()
    if len(words) > 4 or term.lower() in _NOT_TERMS or _VERB_RE.search(term) or re.search(r"\d", term):
        return []
    if (
        len(meaning.split()) < 2
        or re.search(r"\d|https?://|<u>|www\.|->|→", meaning, _I)
        or meaning.count(",") >= 2
    ):
        return []
    if _NOT_A_START_RE.match(meaning):
        return []
    if meaning.endswith("?") or (_plural_label(term) and "," in meaning) or _NOT_A_MEANING_RE.search(meaning):
        return []
    named = services_named(term, require_all=True) or ()
    if len(named) == 1:
        subject = named[0]
    elif named:
        return []
    elif ctx.subject.lower() in term.lower():
        subject = term
    else:
        subject = f"{ctx.subject} {term}"
    return [_concept(ctx, subject, "definition", meaning)]


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
