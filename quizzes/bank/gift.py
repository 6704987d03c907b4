"""Moodle GIFT: writing questions and parsing them back (pure text functions, no database).

Single answer: ``=right ~wrong``. Multiple response: each right answer ``~%W%`` with W = 100/N and
each wrong answer ``~%-100%``, so only the exact set scores full marks (all-or-nothing in effect).
Special characters ``~ = # { } :`` are escaped with a backslash. Each question is preceded by a
``// studyhub: {...}`` comment holding id, kind and sources so a round trip keeps them, and by a
``$CATEGORY: <topic slug>`` line when the topic changes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

SPECIAL = "~=#{}:"
META_PREFIX = "// studyhub:"
_WEIGHT = re.compile(r"^%(-?\d+(?:\.\d+)?)%")


class GiftError(ValueError):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line


@dataclass
class GiftQuestion:
    stem: str
    choices: list[dict[str, object]]  # [{"text", "correct"}]
    type: str = "single"
    explanation: str = ""
    topic: str = ""
    kind: str = "concept"
    id: str = ""
    sources: list[dict[str, object]] = field(default_factory=list)
    line: int = 0


def escape(text: str) -> str:
    text = text.replace("\\", "\\\\")
    for ch in SPECIAL:
        text = text.replace(ch, "\\" + ch)
    return " ".join(text.split())


def unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def _weight(value: float) -> str:
    return f"{value:g}"


def question_to_gift(q: dict[str, object]) -> str:
    """One question (export-schema dict) as a GIFT block."""
    meta = {"id": q.get("id", ""), "kind": q.get("kind", ""), "sources": q.get("sources", [])}
    lines = [f"{META_PREFIX} {json.dumps(meta, ensure_ascii=False)}"]
    title = str(q.get("id", ""))[:12]
    lines.append(f"::{escape(title)}::{escape(str(q['stem']))} {{")
    choices = q["choices"]
    if q.get("type") == "multiple":
        keys = sum(1 for c in choices if c["correct"])
        for c in choices:
            weight = _weight(100 / keys) if c["correct"] else "-100"
            lines.append(f"\t~%{weight}%{escape(str(c['text']))}{_feedback(c)}")
    else:
        for c in choices:
            lines.append(f"\t{'=' if c['correct'] else '~'}{escape(str(c['text']))}{_feedback(c)}")
    if q.get("explanation"):
        lines.append(f"\t####{escape(str(q['explanation']))}")
    lines.append("}")
    return "\n".join(lines)


def _feedback(choice: dict[str, object]) -> str:
    """GIFT's per-answer feedback ("#why"): the option's own explanation, when it has one."""
    why = str(choice.get("explanation") or "")
    return f"#{escape(why)}" if why else ""


def questions_to_gift(questions: Iterable[dict[str, object]]) -> str:
    blocks: list[str] = []
    topic = None
    for q in questions:
        if q.get("topic") != topic:
            topic = q.get("topic")
            blocks.append(f"$CATEGORY: {topic}")
        blocks.append(question_to_gift(q))
    return "\n\n".join(blocks) + "\n"


def _split_unescaped(text: str, markers: str) -> list[tuple[str, str]]:
    """Split answer text into (marker, body) at unescaped ``=``/``~``/``####``."""
    parts: list[tuple[str, str]] = []
    current_marker, buf, i = "", [], 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            buf.append(text[i : i + 2])
            i += 2
            continue
        if text.startswith("####", i):
            parts.append((current_marker, "".join(buf)))
            current_marker, buf = "####", []
            i += 4
            continue
        if ch in markers:
            parts.append((current_marker, "".join(buf)))
            current_marker, buf = ch, []
            i += 1
            continue
        buf.append(ch)
        i += 1
    parts.append((current_marker, "".join(buf)))
    return [(m, b.strip()) for m, b in parts if m or b.strip()]


def _find_unescaped(text: str, ch: str, start: int = 0) -> int:
    i = start
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == ch:
            return i
        i += 1
    return -1


def parse_gift(text: str) -> tuple[list[GiftQuestion], list[GiftError]]:
    """Parse every question; a question that cannot be read becomes a GiftError naming its line."""
    questions: list[GiftQuestion] = []
    errors: list[GiftError] = []
    topic = ""
    meta: dict[str, object] = {}
    block: list[str] = []
    block_line = 0

    def flush() -> None:
        nonlocal block, meta
        if block:
            try:
                questions.append(_parse_block("\n".join(block), block_line, topic, meta))
            except GiftError as exc:
                errors.append(exc)
        block, meta = [], {}

    depth = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if depth == 0:
            if not line:
                flush()
                continue
            if line.startswith(META_PREFIX):
                flush()
                try:
                    meta = json.loads(line[len(META_PREFIX) :])
                except (json.JSONDecodeError, RecursionError):
                    meta = None
                if not isinstance(meta, dict):
                    errors.append(GiftError(number, "unreadable studyhub metadata comment"))
                    meta = {}
                continue
            if line.startswith("//"):
                continue
            if line.startswith("$CATEGORY:"):
                flush()
                topic = line[len("$CATEGORY:") :].strip().split("/")[-1]
                continue
            if not block:
                block_line = number
        block.append(raw)
        for i, ch in enumerate(raw):
            if ch in "{}" and (i == 0 or raw[i - 1] != "\\"):
                depth += 1 if ch == "{" else -1
        if depth < 0:
            errors.append(GiftError(number, "'}' without an opening '{'"))
            depth, block = 0, []
        elif depth == 0 and block and _find_unescaped("\n".join(block), "{") >= 0:
            flush()
    if depth:
        errors.append(GiftError(block_line, "question has no closing '}'"))
    else:
        flush()
    return questions, errors


def _parse_block(block: str, line: int, topic: str, meta: dict[str, object]) -> GiftQuestion:
    body = block.strip()
    title = ""
    if body.startswith("::"):
        end = body.find("::", 2)
        if end < 0:
            raise GiftError(line, "title opened with '::' is never closed")
        title, body = body[2:end], body[end + 2 :]
    open_at = _find_unescaped(body, "{")
    close_at = body.rfind("}")
    if open_at < 0 or close_at < open_at:
        raise GiftError(line, "no answer block '{ ... }'")
    stem = " ".join(unescape(body[:open_at]).split())
    if not stem:
        raise GiftError(line, "question has no text")
    answers = _split_unescaped(body[open_at + 1 : close_at], "=~")
    choices: list[dict[str, object]] = []
    explanation = ""
    weights: list[float | None] = []
    for marker, text in answers:
        if marker == "####":
            explanation = " ".join(unescape(text).split())
            continue
        if marker not in "=~" or not marker:
            raise GiftError(line, f"unexpected text in the answers: {text[:40]!r}")
        match = _WEIGHT.match(text)
        weight = float(match.group(1)) if match else None
        if match:
            text = text[match.end() :]
        feedback_at = _find_unescaped(text, "#")
        feedback = ""
        if feedback_at >= 0:  # per-answer feedback: the explanation of this option
            text, feedback = text[:feedback_at], " ".join(unescape(text[feedback_at + 1 :]).split())
        text = " ".join(unescape(text).split())
        if not text:
            raise GiftError(line, "empty answer")
        correct = marker == "=" or (weight is not None and weight > 0)
        weights.append(weight)
        choices.append({"text": text, "correct": correct, **({"explanation": feedback} if feedback else {})})
    if len(choices) < 2:
        raise GiftError(line, "a multiple-choice question needs at least two answers")
    keys = sum(1 for c in choices if c["correct"])
    equals = sum(1 for marker, _ in answers if marker == "=")
    multiple = equals == 0 and keys > 1
    if keys == 0:
        raise GiftError(line, "no correct answer (mark one with '=' or a positive %weight%)")
    if equals > 1:
        raise GiftError(line, f"{equals} answers marked '=': a single-answer question has exactly one")
    if keys == len(choices):
        raise GiftError(line, "every answer is correct: a question needs at least one wrong answer")
    return GiftQuestion(
        stem=stem,
        choices=choices,
        type="multiple" if multiple else "single",
        explanation=explanation,
        topic=topic,
        kind=str(meta.get("kind") or "concept"),
        id=str(meta.get("id") or title),
        sources=[s for s in meta.get("sources", []) if isinstance(s, dict)]
        if isinstance(meta.get("sources"), list)
        else [],
        line=line,
    )
