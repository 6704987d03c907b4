"""Special facts: those that need the line's own text beyond a fixed lexicon value.

Owns API Gateway error code meanings, edge function runtimes, managed policy grants, Lambda
destinations (inline or as the children of a line) and asynchronous DLQ targets.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from notes.facts.context import _Ctx
from notes.facts.invokers import _PAREN_RE, _invocation, _mode, _services_in_list
from notes.facts.statements import _ASYNC
from notes.facts.subjects import _SUBJECT_TOPICS
from notes.outline import FactDraft, NoteLine

_I = re.IGNORECASE


_ERROR_CODE_RE = re.compile(r"^(4xx|5xx|[45]\d\d)\s*:\s*(.+)$", _I)
_ERROR_MEANINGS = {
    "429": (r"throttl", "throttling (too many requests)"),
    "502": (r"bad\s+output|bad\s+gateway", "bad gateway: invalid response from the integration"),
    "503": (r"unavailable", "service unavailable"),
    "504": (r"integration|timeout", "integration failure or timeout"),
    "403": (r"denied|forbidden", "access denied (authorization error)"),
    "4XX": (r"client", "client error"),
    "5XX": (r"server", "server error"),
}
_RUNTIME_RE = re.compile(
    r"written\s+in\s+(node\s*js|node\.js|python|javascript|js)(?:\s+or\s+(python|node\s*js))?", _I
)
_RUNTIMES = {
    "nodejs": "Node.js",
    "node js": "Node.js",
    "node.js": "Node.js",
    "python": "Python",
    "js": "JavaScript",
    "javascript": "JavaScript",
}
_POLICY_RE = re.compile(r"^(AWS(?:Lambda|XRay)\w+)\s*[–—-]\s*(.+)$")
_DESTINATION_RE = re.compile(r"destinations?\b", _I)


def _special_facts(ctx: _Ctx, lines: Sequence[NoteLine], index: int) -> list[FactDraft]:
    """Facts that need the line's own text beyond a fixed value: error codes, runtimes, lists."""
    text = ctx.line.text
    facts: list[FactDraft] = []
    topic = ctx.topic
    if topic == "api-gateway" and (match := _ERROR_CODE_RE.match(text)):
        code = match.group(1).upper()
        said = _PAREN_RE.sub("", match.group(2)).strip(" ,.")
        expected = _ERROR_MEANINGS.get(code)
        value = expected[1] if expected and re.search(expected[0], said, _I) else said.lower()
        facts.append(_concept(ctx, "API Gateway", f"HTTP {code} meaning", value))
    if ctx.subject in {"Lambda@Edge", "CloudFront Functions"} and (match := _RUNTIME_RE.search(text)):
        names = sorted({_RUNTIMES[re.sub(r"\s+", " ", g.lower())] for g in match.groups() if g})
        facts.append(_concept(ctx, ctx.subject, "runtimes", ", ".join(names)))
    if topic == "lambda" and (match := _POLICY_RE.match(text)):
        facts.append(_concept(ctx, match.group(1), "grants", match.group(2).strip()))
    path = ctx.line.path
    if topic == "lambda" and (_DESTINATION_RE.search(text) or (path and _DESTINATION_RE.search(path[-1]))):
        facts.extend(_destination_facts(ctx, lines, index))
    if (
        topic == "lambda"
        and re.search(r"\bdlq\b|dead.letter", text, _I)
        and ctx.mentions(re.compile(_ASYNC, _I), "")
    ):
        between = re.search(r"\s[–—-]\s+([^–—]+?)\s+[–—-]\s", text)
        names = _services_in_list(between.group(1), require_all=True) if between else None
        if names:
            facts.append(
                _invocation(ctx, "Lambda asynchronous invocation", "DLQ targets", ", ".join(sorted(names)))
            )
    return facts


def _destination_facts(ctx: _Ctx, lines: Sequence[NoteLine], index: int) -> list[FactDraft]:
    text = ctx.line.text
    mode = _mode([text]) or _mode(reversed(ctx.line.path)) or _mode(ctx.window)
    if mode not in {"asynchronous", "event source mapping"}:
        return []
    subject = "Lambda asynchronous invocation" if mode == "asynchronous" else "Lambda event source mapping"
    names: list[str] = []
    used = [ctx.line.number]
    inline = re.search(r"destinations?\s*\(([^)]+)\)", text, _I)
    if inline:
        names = _services_in_list(inline.group(1), require_all=True) or []
    else:
        for follower in lines[index + 1 : index + 8]:
            if follower.depth <= ctx.line.depth:
                break
            found = _services_in_list(follower.text, require_all=True)
            if not found:
                break
            names.extend(n for n in found if n not in names)
            used.append(follower.number)
    if len(names) < 2:
        return []
    value = ", ".join(sorted(names))
    if mode == "event source mapping" and re.search(r"discarded", text, _I):
        attribute = "destinations (discarded batches only)"
    else:
        attribute = "destinations"
    return [_invocation(ctx, subject, attribute, value, lines=tuple(used))]


def _concept(ctx: _Ctx, subject: str, attribute: str, value: str) -> FactDraft:
    return FactDraft(
        kind="concept",
        topic=_SUBJECT_TOPICS.get(subject, ctx.topic),
        subject=subject,
        attribute=attribute,
        value=value,
        text=ctx.line.text,
        lines=(ctx.line.number,),
    )
