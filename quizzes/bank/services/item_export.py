"""Flashcards and questions in the version-1 export schema (docs/export-schema.md)."""

from __future__ import annotations

from quizzes.models import Item


def exportable_items():
    """Every item except retired ones, in a stable order (topic, kind, type, key)."""
    return (
        Item.objects.exclude(status=Item.Status.RETIRED)
        .select_related("topic")
        .order_by("topic__order", "topic__slug", "kind", "type", "key")
    )


def flashcard_json(item: Item) -> dict[str, object]:
    return {
        "id": item.key,
        "topic": item.topic.slug,
        "kind": item.kind,
        "front": item.front,
        "back": item.back,
        "sources": [{"file": s["file"], "line": s["line"]} for s in item.sources],
    }


def question_json(item: Item) -> dict[str, object]:
    return {
        "id": item.key,
        "topic": item.topic.slug,
        "kind": item.kind,
        "type": item.type,
        "stem": item.stem,
        "choices": [
            {
                "text": c["text"],
                "correct": bool(c["correct"]),
                **({"explanation": c["explanation"]} if c.get("explanation") else {}),
            }
            for c in item.choices
        ],
        "explanation": item.explanation,
        "sources": [{"file": s["file"], "line": s["line"]} for s in item.sources],
        "status": item.status,
        "origin": item.origin,
    }


def items_export_json() -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """(flashcards, questions) for ``course_export``."""
    items = list(exportable_items())
    flashcards = [flashcard_json(i) for i in items if not i.is_question]
    questions = [question_json(i) for i in items if i.is_question]
    return flashcards, questions
