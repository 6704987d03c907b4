"""How an operation, option or API of a service is called: synchronous, asynchronous or a batch job.

A general grammar of "ways to call it", no service named: the **scope** is what the line is about,

* a short label the line opens with ("Real-time translation: ..., synchronous", "Batch, still
  synchronous, ...") or a short parent bullet ("Real-time inference" over "invoked synchronously");
* a noun phrase whose adjective is the mode ("the asynchronous operations (...)", "Asynchronous
  analysis jobs over ...") with a head noun of the call vocabulary (operations, jobs, calls, APIs ...);
* an operation name in CamelCase stated as a mode ("SynthesizeSpeech is synchronous",
  "StartSpeechSynthesisTask, which is asynchronous");
* the row label of a table cell (``ctx.scope``, :mod:`notes.tables`) whose column speaks of calling
  and whose value is a mode ("How you call it: batch job" in the "Bulk export" row).

The subject is the line's service narrowed by that scope ("Translate real-time translation"). A
label "X (Y)" whose parenthesis is the longer name is named Y ("topics (topic modeling)"). A
completion notification ("publishes the completion status to an SNS topic", "an SNS topic told when
the task finishes") is stated of the same scope. Function services are left to
:mod:`notes.facts.modes` (their invokers' models); a line naming two modes gives nothing.
"""

from __future__ import annotations

import re

from notes.facts.consistency import _GENERIC_WORDS, _join
from notes.facts.context import _Ctx
from notes.facts.servicenames import is_function, scope_service, service_short_name, services_named
from notes.outline import FactDraft

_I = re.IGNORECASE

SYNC, ASYNC, BATCH = "synchronous", "asynchronous", "batch job"
ATTRIBUTE = "invocation model"
# Head nouns of a way of calling a service (general vocabulary).
_CALL_NOUNS = r"(?:operations?|jobs?|calls?|requests?|apis?|inference|tasks?|processing|endpoints?|mode)"
# "is synchronous", "are always called asynchronously", "invoked synchronously": a call, not a copy
# ("replicas are updated asynchronously" is replication, notes.facts.consistency).
_CALLED = (
    r"(?:(?:is|are|runs?|works?)\s+(?:(?:always|only|also|then|fully)\s+)?"
    r"(?:(?:called|invoked|run|processed|handled|executed)\s+)?|(?:called|invoked)\s+)"
)
# A mode stated as a predicate or a bare segment, never a mode word inside another noun ("async path").
_MODE_PHRASES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        ASYNC,
        re.compile(
            r"\b" + _CALLED + r"asynchronous(?:ly)?\b"
            r"|(?:^|[,:;(—–-]\s*)(?:only\s+as\s+an?\s+|queued,\s+)?asynchronous(?:\s+"
            + _CALL_NOUNS
            + r")?\s*"
            r"(?=$|[,;:)—–.]|\s+(?:over|on|for|with|of)\b)"
            r"|\b(?:requests?|calls?|jobs?)\s+are\s+queued\b|\bfire[\s-]+and[\s-]+forget\b",
            _I,
        ),
    ),
    (
        SYNC,
        re.compile(
            r"(?<![a-z])\b" + _CALLED + r"synchronous(?:ly)?\b"
            r"|(?:^|[,:;(—–-]\s*)(?:still\s+)?synchronous(?:\s+" + _CALL_NOUNS + r")?\s*(?=$|[,;:)—–.])"
            r"|\bper\s+synchronous\s+" + _CALL_NOUNS + r"|\brequest[/_-]?response\b",
            _I,
        ),
    ),
    (
        BATCH,
        re.compile(
            r"(?:^|[,:;(]\s*)batch\s+job\s*(?=$|[,;:).])|\b(?:runs?|works?)\s+as\s+an?\s+batch\s+jobs?\b", _I
        ),
    ),
)
_ANY_MODE_RE = re.compile(r"synchron|queued|batch\s+job|fire[\s-]+and|request[/_-]?response", _I)
_TWO_MODES_RE = (re.compile(r"(?<![a-z])synchron", _I), re.compile(r"asynchron", _I))
_NEGATION_RE = re.compile(r"\b(?:not|never|unlike|instead|rather|vs\.?|versus)\b|n't\b", _I)
_VERBISH_RE = re.compile(
    r"\b(?:is|are|can|will|may|must|has|have|use|uses|gets?|takes?|returns?|runs?|sends?|accepts?|"
    r"gives?|goes|go|lets?|makes?)\b|[=→>\d]",
    _I,
)
_LABEL_WORDS = 4
# A label that names the way of calling, not a part ("How you call it", "Invocation", "Call type").
_CALL_ASPECT_RE = re.compile(
    r"^(?:how\s+(?:you|to|it\s+is|they\s+are)\s+)?(?:call(?:ed|ing)?|invok(?:e|ed|ing)|invocations?)"
    r"(?:\s+(?:it|them|model|mode|type|style|pattern)s?)?$",
    _I,
)
_LABEL_RE = re.compile(r"^\s*(?P<label>[^,:;—–]{2,60}?)\s*(?:[,:;—–]|\s-\s)\s*(?P<rest>.+)$")
_PAREN_RE = re.compile(r"^(?P<x>[^()]+?)\s*\((?P<y>[^()]+)\)\s*$")
_MODE_NP_RE = re.compile(
    r"(?:^|\b(?:the|use|uses|using)\s+)(?P<np>(?P<mode>a?synchronous)\s+(?:[\w-]+\s+){0,2}?"
    + _CALL_NOUNS
    + r")\b",
    _I,
)
_LEAD_NP_RE = re.compile(
    r"^\s*(?P<np>(?!(?:the|a|an|it|this|they|you|we|its|each|every|all)\b)[\w-]+(?:\s+[\w-]+){0,2}?)\s+"
    r"(?P<verb>(?:is|are|runs?|works?)\b)",
    _I,
)
_OPERATION_RE = re.compile(
    r"\b(?P<op>[A-Z][a-z]+(?:[A-Z][a-z0-9]+)+)\b\s*(?:,\s*which\s+)?(?:is|are)\s+(?:\w+\s+)?"
    r"(?P<mode>a?synchronous)\b"
)
_NOTIFY_RE = re.compile(
    r"\b(?:completion|status|finish(?:es|ed)?|done|complete[sd]?|notifications?|notif(?:y|ied))\b", _I
)
_TOPIC_RE = re.compile(r"\b(?P<svc>[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)\s+topics?\b")


def _mode_in(text: str) -> str | None:
    """The one mode a text states as a predicate or a bare segment; None for none or two."""
    if all(p.search(text) for p in _TWO_MODES_RE):
        return None
    found = {mode for mode, pattern in _MODE_PHRASES if pattern.search(text)}
    if found == {ASYNC, BATCH}:
        return ASYNC  # "only as an asynchronous job"
    return found.pop() if len(found) == 1 else None


def _label(text: str) -> str | None:
    """A short noun-phrase label ("Real-time", "Batch translation", "topics (topic modeling)")."""
    text = text.strip().strip("*").strip()
    if paren := _PAREN_RE.match(text):
        x, y = paren.group("x").strip(), paren.group("y").strip()
        text = y if len(y.split()) > len(x.split()) and not _VERBISH_RE.search(y) else x
    words = text.split()
    if not words or len(words) > _LABEL_WORDS or _VERBISH_RE.search(text) or re.search(r"[.!?]", text):
        return None
    if words[0].lower() in {"the", "a", "an", "it", "this", "they", "you", "we"}:
        return None
    return text


def _fact(ctx: _Ctx, subject: str, attribute: str, value: str) -> FactDraft:
    return FactDraft(
        kind="invocation",
        topic=ctx.topic,
        subject=subject,
        attribute=attribute,
        value=value,
        text=ctx.line.text,
        lines=(ctx.line.number,),
    )


def _scoped(ctx: _Ctx, scope: str) -> str | None:
    """The line's service narrowed by a scope, or None when the scope names another service."""
    base = scope_service(ctx)
    if scope and scope == ctx.scope and base.casefold().endswith(f" {scope.casefold()}"):
        base = base[: -len(scope)].strip()  # the context's subject carries the scope already: once
    named = services_named(scope, require_all=False, anywhere=True) or ()
    if any(service_short_name(n).lower() != service_short_name(base).lower() for n in named):
        return None
    return _join(base, scope)


def _names_function(text: str) -> bool:
    return any(is_function(n) for n in services_named(text, require_all=False, anywhere=True) or ())


# What makes a mode a way of *calling* something (the line, its scope, parents, the lines above or the
# heading speak of calls), and what makes it a way of *copying data* instead (replication, backups,
# a standby: notes.facts.consistency reads those).
_CALL_CONTEXT_RE = re.compile(
    r"\bcall(?:s|ed|ing)?\b|\binvo(?:ke[sd]?|king|cations?)\b|\brequests?\b|\bapis?\b|\boperations?\b"
    r"|\binference\b|\bjobs?\b|\bendpoints?\b|\btasks?\b|\bresponses?\b|\bqueued\b",
    _I,
)
_OPERATION_NAME_RE = re.compile(r"\b[A-Z][a-z]+(?:[A-Z][a-z0-9]+)+\b")  # "DetectSentiment"
_COPY_RE = re.compile(
    r"replic|\bcop(?:y|ies)\b|\bbackups?\b|\bbacked\s+up\b|\bstandby\b|\bwrites?\b|\bmirror|\bsnapshots?\b"
    r"|consisten|\bcommit|\bdatabases?\b|\bstorage\b|\blag\b",
    _I,
)


def _about_calls(ctx: _Ctx, piece: str, scope: str) -> bool:
    if _COPY_RE.search(piece) or _COPY_RE.search(scope):
        return False
    around = (piece, scope, *ctx.line.path, *ctx.window[:3], ctx.heading)
    return any(_CALL_CONTEXT_RE.search(t) or _OPERATION_NAME_RE.search(t) for t in around)


_PIECE_SPLIT_RE = re.compile(r";\s*|(?<=[.!?])\s+(?=[A-Z(])")


def call_mode_facts(ctx: _Ctx) -> list[FactDraft]:
    """The call modes (and completion notifications) a line states of operations or options."""
    text = ctx.line.text
    if not _ANY_MODE_RE.search(text) and not _CUE_RE.search(text):
        return []  # most lines: no mode, no polling, no notification (a cheap first test)
    if is_function(scope_service(ctx)):
        return []
    if not _ANY_MODE_RE.search(text):
        return _source_polling(ctx, text) or _inherited_notification(ctx, text)
    answered = _answered_mode(ctx, text)
    if answered:
        return answered
    delivered = _DELIVERED_RE.search(text)
    if delivered and not _NEGATION_RE.search(text[: delivered.end()]):
        noun = re.sub(r"^(?:the|its|their|all)\s+", "", delivered.group("np"), flags=_I).lower()
        noun = noun[:-1] if noun.endswith("s") and not noun.endswith("ss") else noun
        mode = SYNC if delivered.group("mode").lower().startswith("sync") else ASYNC
        return [_fact(ctx, scope_service(ctx), f"{noun} delivery", mode)]  # "the events come asynchronously"
    text = _rejoined(text, ctx.window[0] if ctx.window else "")
    facts: list[FactDraft] = []
    for piece in _PIECE_SPLIT_RE.split(text):
        if not piece.strip() or _NEGATION_RE.search(piece) or _names_function(text):
            continue  # a function service invoked: its invoker's model (notes.facts.modes)
        found = _scope_and_mode(ctx, piece)
        if found is None or not _about_calls(ctx, piece, found[0]):
            continue
        if (subject := _scoped(ctx, found[0])) is None:
            continue
        facts.append(_fact(ctx, subject, ATTRIBUTE, found[1]))
        if found[1] == ASYNC:
            facts += _notification(ctx, subject, text[text.index(piece) :])
    return facts


# "the events come asynchronously", "notifications are delivered asynchronously": how a thing arrives.
_DELIVERED_RE = re.compile(
    r"\b(?P<np>(?:(?:the|its|their|all)\s+)?[a-z][\w-]*)\s+(?:come|comes|arrive|arrives|are\s+delivered|"
    r"is\s+delivered|are\s+sent|is\s+sent|are\s+published|is\s+published)\s+"
    r"(?P<mode>asynchronously|synchronously)\b",
    _I,
)
# "Q: Is a job synchronous?" over "A: No, asynchronous. ...": the question names what is called.
_MODE_QUESTION_RE = re.compile(
    r"^(?:Q\s*[:.)]\s*)?(?:is|are)\s+(?:a|an|the|each)?\s*(?P<np>[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2}?)\s+"
    r"(?:synchronous|asynchronous|sync|async)\s*\?$",
    _I,
)
_MODE_ANSWER_RE = re.compile(r"^(?:A\s*[:.)]\s*)?(?P<mode>synchronous|asynchronous)(?:ly)?\b", _I)


def _answered_mode(ctx: _Ctx, text: str) -> list[FactDraft]:
    question = _MODE_QUESTION_RE.match(ctx.line.path[-1].strip("*_ ")) if ctx.line.path else None
    answer = _MODE_ANSWER_RE.match(text.strip()) if question else None
    if question is None or answer is None:
        return []
    mode = SYNC if answer.group("mode").lower() == "synchronous" else ASYNC
    return [_fact(ctx, _join(scope_service(ctx), question.group("np")), ATTRIBUTE, mode)]


_POLLS_SOURCE_RE = re.compile(
    r"\b(?:polls?|pulls?\s+(?:\w+\s+)?from)\s+(?:its|the|each|every)\s+(?:event\s+)?sources?\b", _I
)


def _source_polling(ctx: _Ctx, text: str) -> list[FactDraft]:
    """ "The pipe polls its source for you": the subject reads its source by polling."""
    if not _POLLS_SOURCE_RE.search(text) or _NEGATION_RE.search(text) or _names_function(text):
        return []
    return [_fact(ctx, scope_service(ctx), "source invocation model", "polling")]


_CUE_RE = re.compile(r"\bpoll|\bpulls?\b|\btopics?\b", _I)
_DANGLING_RE = re.compile(r"\b(?:is|are)\s*$", _I)
_OPENS_WITH_MODE_RE = re.compile(r"^\s*a?synchronous(?:ly)?\b", _I)


def _rejoined(text: str, before: str) -> str:
    """A sentence a line wrap cut after its verb ("... StartX, which is" / "asynchronous: ..."), whole."""
    if before and _DANGLING_RE.search(before) and _OPENS_WITH_MODE_RE.match(text):
        return f"{_PIECE_SPLIT_RE.split(before)[-1]} {text}"
    return text


def _inherited_notification(ctx: _Ctx, text: str) -> list[FactDraft]:
    """A notification line under the asynchronous scope it belongs to: a short parent label that names
    the mode ("Asynchronous inference" over "notifications can go to SNS topics"), or the sentence
    just before that named an asynchronous scope."""
    if not _NOTIFY_RE.search(text) or not _TOPIC_RE.search(text) or _NEGATION_RE.search(text):
        return []
    parent = _label(ctx.line.path[-1]) if ctx.line.path else None
    if parent and re.search(r"\basynchronous\b", parent, _I):
        subject = _scoped(ctx, parent)
        return _notification(ctx, subject, text) if subject else []
    for index, before in enumerate(ctx.window[:2]):
        before = _rejoined(before, ctx.window[index + 1] if len(ctx.window) > index + 1 else "")
        for piece in reversed(_PIECE_SPLIT_RE.split(before)):
            found = _scope_and_mode(ctx, piece) if piece.strip() else None
            if found and found[1] == ASYNC and (subject := _scoped(ctx, found[0])):
                return _notification(ctx, subject, text)
            if found:
                return []
    return []


def _scope_and_mode(ctx: _Ctx, text: str) -> tuple[str, str] | None:
    if (op := _OPERATION_RE.search(text)) and _mode_in(text[op.start() :]):
        return op.group("op"), (ASYNC if op.group("mode").lower().startswith("a") else SYNC)
    if (labelled := _LABEL_RE.match(text)) and (label := _label(labelled.group("label"))):
        mode = _mode_in(labelled.group("rest"))
        if mode and _CALL_ASPECT_RE.match(label):
            return ctx.scope, mode  # "How you call it: batch job": the mode of the line's scope (a row)
        if mode and not _ANY_MODE_RE.search(label):
            return label, mode
    if (lead := _LEAD_NP_RE.match(text)) and (label := _label(lead.group("np"))):
        mode = _mode_in(text[lead.start("verb") :])
        generic = all(w.lower() in _GENERIC_WORDS for w in label.split())
        if mode and not generic and not _ANY_MODE_RE.search(label):
            return label, mode  # "Bulk export runs as a batch job", "Live mode is request-response"
    if np := _MODE_NP_RE.search(text):
        mode = ASYNC if np.group("mode").lower().startswith("a") else SYNC
        if _mode_in(re.sub(r"\(.*?\)", "", text[np.start() :])) in {None, mode}:
            return np.group("np"), mode
    parent = _label(ctx.line.path[-1]) if ctx.line.path else None
    if parent and (mode := _mode_in(re.split(r"[:;]", text, maxsplit=1)[0])):
        return parent, mode
    return None


def _notification(ctx: _Ctx, subject: str, text: str) -> list[FactDraft]:
    """ "... publishes the completion status to an SNS topic", "notifications can go to SNS topics"."""
    for sentence_part in re.split(r";\s*|,\s+(?:and\s+)?", text):
        topic = _TOPIC_RE.search(sentence_part)
        cue = _NOTIFY_RE.search(sentence_part)
        if not topic or not cue:
            continue
        named = services_named(topic.group("svc"), require_all=False, anywhere=True) or ()
        if len(named) != 1:
            continue
        attribute = (
            "notifications" if cue.group(0).lower().startswith("notification") else "completion notification"
        )
        return [_fact(ctx, subject, attribute, service_short_name(named[0]))]
    return []
