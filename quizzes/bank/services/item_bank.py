"""The question bank as instructors edit it in the admin: validating an item, bulk status changes,
regenerating from facts, exporting a selection (GIFT, JSON, Anki) and importing a file."""

from __future__ import annotations

import hashlib
import json
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path

import genanki
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from quizzes.bank.gift import questions_to_gift
from quizzes.bank.services.anki import DECK_PREFIX, deck_id, item_note
from quizzes.bank.services.exports import EXPORT_VERSION
from quizzes.bank.services.importing import ImportResult, authored_key, questions_import
from quizzes.bank.services.item_export import flashcard_json, question_json
from quizzes.models import Item

CLOZE_MARK = re.compile(r"\{\{c\d+::.+?\}\}")
IMPORT_SUFFIXES = (".gift", ".txt", ".json")


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()


def item_problems(
    *,
    type: str,
    stem: str = "",
    choices: list[dict[str, object]] | None = None,
    choose: int = 1,
    explanation: str = "",
    front: str = "",
    back: str = "",
) -> dict[str, list[str]]:
    """What is wrong with an item's content, by form field ("" for the whole item); empty when valid."""
    problems: dict[str, list[str]] = {}

    def add(name: str, message: str) -> None:
        problems.setdefault(name, []).append(message)

    if type in (Item.Type.SINGLE, Item.Type.MULTIPLE):
        choices = choices or []
        if not stem.strip():
            add("stem", "A question needs a stem.")
        if not explanation.strip():
            add("explanation", "Explain the right answer: learners see it after answering.")
        if len(choices) < 2:
            add("choices", "A question needs at least two choices.")
        texts = [_normal(str(c.get("text", ""))) for c in choices]
        duplicates = sorted({t for t in texts if texts.count(t) > 1})
        if duplicates:
            add("choices", f"Duplicate choice: {', '.join(duplicates)}.")
        keys = sum(1 for c in choices if c.get("correct"))
        if type == Item.Type.SINGLE and keys != 1:
            add("choices", f"A single-answer question needs exactly one correct choice (it has {keys}).")
        if type == Item.Type.MULTIPLE:
            if choose < 2:
                add("choose", "A multiple-response question asks to choose at least two.")
            elif keys != choose:
                add("choices", f'"Choose {choose}" needs exactly {choose} correct choices (it has {keys}).')
            if choose >= len(choices) and len(choices) >= 2:
                add("choose", "Leave at least one wrong choice.")
    else:
        if not front.strip():
            add("front", "A flashcard needs a front.")
        if type == Item.Type.CLOZE and front.strip() and not CLOZE_MARK.search(front):
            add("front", "A cloze card marks its answer as {{c1::answer}}.")
        if type == Item.Type.BASIC and not back.strip():
            add("back", "A flashcard needs a back.")
    return problems


def item_authored_key(*, item: Item) -> str:
    """Key of an item an instructor creates in the admin (questions as in ``questions_import``)."""
    if item.is_question:
        return authored_key(stem=item.stem, choices=item.choices)
    basis = f"authored-card|{_normal(item.front)}|{_normal(item.back)}"
    return hashlib.sha256(basis.encode()).hexdigest()[:40]


@transaction.atomic
def items_set_status(*, item_ids: Iterable[int], status: str) -> list[int]:
    """Publish, retire or send back to draft; returns the ids whose status changed."""
    if status not in Item.Status.values:
        raise ValueError(f"unknown status {status!r}")
    selected = Item.objects.filter(pk__in=list(item_ids))
    changed = list(selected.exclude(status=status).values_list("pk", flat=True))
    # The instructor's choice from now on: generation never undoes it, not even for an item that
    # generation had retired and that the instructor now retires (or publishes) in its own right.
    selected.filter(retired_by_generation=True).update(retired_by_generation=False)
    Item.objects.filter(pk__in=changed).update(status=status, updated_at=timezone.now())
    return changed


def items_move_topic(*, source_id: int, target_id: int) -> int:
    """Refile every item of one topic under another (two topics merged); returns how many moved."""
    return Item.objects.filter(topic_id=source_id).update(topic_id=target_id)


def items_regenerate(*, item_ids: Iterable[int]) -> tuple[list[int], str]:
    """Rebuild the generated items among ``item_ids`` from their current facts (undoing hand edits of
    their content; an item whose facts are gone is retired). Generation runs over the whole course,
    because distractors and sibling groups are drawn across facts, and is idempotent; returns the ids
    of the selected generated items and the generator's summary."""
    from quizzes.bank.services.generation import items_generate

    ids = list(
        Item.objects.filter(pk__in=list(item_ids), origin=Item.Origin.GENERATED).values_list("pk", flat=True)
    )
    if not ids:
        return [], "no generated items selected (authored items have no facts to regenerate from)"
    Item.objects.filter(pk__in=ids).update(edited_at=None)  # asked for: drop the hand edits
    return ids, str(items_generate())


def _ordered(items: QuerySet[Item]) -> QuerySet[Item]:
    return items.select_related("topic").order_by("topic__order", "topic__slug", "kind", "type", "key")


def items_export_gift(*, items: QuerySet[Item]) -> str:
    """The selected questions as Moodle GIFT (flashcards have no GIFT form and are left out)."""
    return questions_to_gift(question_json(i) for i in _ordered(items.questions()))


def items_export_json(*, items: QuerySet[Item]) -> str:
    """The selection in the version-1 export schema (docs/export-schema.md): flashcards and questions."""
    rows = list(_ordered(items))
    data = {
        "version": EXPORT_VERSION,
        "flashcards": [flashcard_json(i) for i in rows if not i.is_question],
        "questions": [question_json(i) for i in rows if i.is_question],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def items_export_apkg(*, items: QuerySet[Item]) -> bytes:
    """The selection as an Anki package, one deck per topic (as ``course_apkg_write``)."""
    decks: dict[str, genanki.Deck] = {}
    for item in _ordered(items):
        slug = item.topic.slug
        if slug not in decks:
            decks[slug] = genanki.Deck(deck_id(slug), f"{DECK_PREFIX}::{item.topic.title}")
        decks[slug].add_note(item_note(item))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "items.apkg"
        genanki.Package(list(decks.values())).write_to_file(str(path))
        return path.read_bytes()


def items_import_upload(*, name: str, data: bytes, skip_invalid: bool) -> ImportResult:
    """Import an uploaded GIFT or JSON file through ``questions_import`` (the import_questions command's
    service). Raises ``QuestionImportError`` listing every problem (nothing imported) unless skipping."""
    from quizzes.bank.services.importing import QuestionImportError

    suffix = Path(name).suffix.lower()
    if suffix not in IMPORT_SUFFIXES:
        raise QuestionImportError([f"{name}: expected a .gift, .txt (GIFT) or .json file"])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"upload{suffix}"
        path.write_bytes(data)
        return questions_import(path=path, skip_invalid=skip_invalid)
