"""Importing authored questions from GIFT or from the export JSON, all or nothing.

A file with any unreadable question imports nothing (unless ``skip_invalid``), and every problem
names its line. Imported questions are ``origin=authored``; their key is derived from the stem and
choices, so importing the same file twice changes nothing.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from notes.models import Topic
from quizzes.bank.gift import GiftQuestion, parse_gift
from quizzes.models import Item
from quizzes.study.limits import MAX_CHOICES

KINDS = {k for k, _ in Item.Kind.choices}
STATUSES = {s for s, _ in Item.Status.choices}
MAX_IMPORT_BYTES = 5 * 1024 * 1024  # about 10,000 questions; a larger file is refused unread
TOPIC_MAX = 100  # a topic's slug holds 100 characters (and its title 200)


class QuestionImportError(ValueError):
    """The file has problems; ``problems`` lists them, one per line."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    skipped: int = 0
    problems: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return f"{self.created} created, {self.updated} updated, {self.skipped} skipped"


def authored_key(*, stem: str, choices: list[dict[str, object]]) -> str:
    basis = (
        "authored|"
        + " ".join(stem.lower().split())
        + "|"
        + "|".join(f"{int(bool(c['correct']))}:{' '.join(str(c['text']).lower().split())}" for c in choices)
    )
    return hashlib.sha256(basis.encode()).hexdigest()[:40]


def _line_of(text: str, needle: str, default: int) -> int:
    at = text.find(needle)
    return text.count("\n", 0, at) + 1 if at >= 0 else default


def parse_json_questions(text: str) -> tuple[list[GiftQuestion], list[str]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return [], [f"line {exc.lineno}: not valid JSON ({exc.msg})"]
    except RecursionError:
        return [], ["line 1: JSON nested too deeply"]
    rows = data.get("questions") if isinstance(data, dict) else data
    if not isinstance(rows, list):
        return [], ["line 1: expected a list of questions or an export with a 'questions' list"]
    questions, problems = [], []
    for index, row in enumerate(rows, start=1):
        line = (
            _line_of(text, json.dumps(row.get("stem", ""), ensure_ascii=False), 1)
            if isinstance(row, dict)
            else 1
        )
        where = f"line {line} (question {index})"
        if not isinstance(row, dict):
            problems.append(f"{where}: not an object")
            continue
        stem = " ".join(str(row.get("stem") or "").split())
        choices = row.get("choices")
        if not stem:
            problems.append(f"{where}: no stem")
            continue
        if (
            not isinstance(choices, list)
            or len(choices) < 2
            or not all(isinstance(c, dict) and str(c.get("text") or "").strip() for c in choices)
        ):
            problems.append(f"{where}: needs at least two choices, each with a text")
            continue
        choices = [
            {
                "text": " ".join(str(c["text"]).split()),
                "correct": bool(c.get("correct")),
                **(
                    {"explanation": why} if (why := " ".join(str(c.get("explanation") or "").split())) else {}
                ),
            }
            for c in choices
        ]
        keys = sum(c["correct"] for c in choices)
        type_ = row.get("type") or ("multiple" if keys > 1 else "single")
        if type_ not in ("single", "multiple"):
            problems.append(f"{where}: type {type_!r} is not single or multiple")
            continue
        if (type_ == "single" and keys != 1) or (type_ == "multiple" and keys < 2):
            problems.append(f"{where}: {type_} question with {keys} correct choices")
            continue
        sources = row.get("sources") or []
        if not isinstance(sources, list):
            problems.append(f"{where}: sources must be a list of objects, not {type(sources).__name__}")
            continue
        kind = row.get("kind") or "concept"
        if not isinstance(kind, str) or kind not in KINDS:
            problems.append(f"{where}: kind {kind!r} is not one of {', '.join(sorted(KINDS))}")
            continue
        questions.append(
            GiftQuestion(
                stem=stem,
                choices=choices,
                type=type_,
                explanation=str(row.get("explanation") or ""),
                topic=str(row.get("topic") or ""),
                kind=kind,
                id=str(row.get("id") or ""),
                sources=[s for s in sources if isinstance(s, dict)],
                line=line,
            )
        )
    return questions, problems


def _texts(question: GiftQuestion) -> list[str]:
    return [
        question.stem,
        question.explanation,
        question.topic,
        question.id,
        *(str(c.get("text", "")) for c in question.choices),
        *(str(s.get("file", "")) for s in question.sources),
    ]


def _source_line(value: object) -> int | None:
    """A source's line number as written ("12" or 12), else None ("²" or "١٢" are not line numbers)."""
    text = str(value)
    return int(text) if text.isascii() and text.isdigit() else None


def _check(question: GiftQuestion) -> str | None:
    if any("\x00" in text for text in _texts(question)):  # PostgreSQL cannot store it
        return f"line {question.line}: a NUL character (binary data?) in the question"
    if len(question.topic) > TOPIC_MAX:
        return f"line {question.line}: topic longer than {TOPIC_MAX} characters"
    if len(question.choices) > MAX_CHOICES:
        return f"line {question.line}: {len(question.choices)} choices, at most {MAX_CHOICES} are allowed"
    if question.kind not in KINDS:
        return f"line {question.line}: kind {question.kind!r} is not one of {', '.join(sorted(KINDS))}"
    if not question.topic:
        return f"line {question.line}: no topic (add a '$CATEGORY: <topic>' line above it)"
    if not slugify(question.topic):
        return f"line {question.line}: topic {question.topic!r} has no letters or digits to name its page by"
    return None


def _topic(name: str) -> Topic:
    """The topic a question names: by slug or title as stored, else a new topic whose slug is the
    name made URL-safe ("Amazon EFS" -> amazon-efs), so its page can be reached at /topics/<slug>/."""
    found = Topic.objects.filter(slug=name).first() or Topic.objects.filter(title__iexact=name).first()
    if found is not None:
        return found
    slug = slugify(name)[:100].strip("-")
    title = name.replace("-", " ").title() if name == slug else name
    topic, _ = Topic.objects.get_or_create(slug=slug, defaults={"title": title[:200]})
    return topic


@transaction.atomic
def questions_import(*, path: str | Path, skip_invalid: bool = False) -> ImportResult:
    """Import authored questions from a ``.gift``/``.txt`` (GIFT) or ``.json`` file in one transaction.

    Raises :class:`QuestionImportError` listing every problem when the file has any and
    ``skip_invalid`` is false; nothing is imported then.
    """
    path = Path(path)
    try:
        if path.stat().st_size > MAX_IMPORT_BYTES:  # refused before it is read into memory
            raise QuestionImportError(
                [f"{path.name}: over the {MAX_IMPORT_BYTES:,}-byte limit for an import"]
            )
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise QuestionImportError([f"{path}: cannot read ({exc})"]) from exc
    if path.suffix.lower() == ".json":
        questions, problems = parse_json_questions(text)
    else:
        questions, gift_errors = parse_gift(text)
        problems = [str(e) for e in gift_errors]
    if not questions and not problems:
        problems = [f"{path.name}: holds no questions"]
    good = []
    for question in questions:
        problem = _check(question)
        if problem:
            problems.append(problem)
        else:
            good.append(question)
    problems.sort(
        key=lambda p: (
            int(p.split()[1].rstrip(":"))
            if p.startswith("line ") and p.split()[1].rstrip(":").isdigit()
            else 0
        )
    )
    if problems and not skip_invalid:
        raise QuestionImportError(problems)
    result = ImportResult(skipped=len(problems), problems=problems)
    for question in good:
        topic = _topic(question.topic)
        key = authored_key(stem=question.stem, choices=question.choices)
        _, created = Item.objects.update_or_create(
            key=key,
            defaults={
                "topic": topic,
                "kind": question.kind,
                "type": question.type,
                "origin": Item.Origin.AUTHORED,
                "stem": question.stem,
                "choices": question.choices,
                "choose": sum(1 for c in question.choices if c["correct"]),
                "explanation": question.explanation,
                "sources": [
                    {"file": str(s.get("file")), "line": _source_line(s.get("line"))}
                    for s in question.sources
                    if s.get("file") and _source_line(s.get("line", "")) is not None
                ],
            },
        )
        if created:
            result.created += 1
        else:
            result.updated += 1
    return result
