"""Anki package (.apkg) export via genanki: one deck per topic, basic and cloze note types, kind tags.

Model and deck ids are fixed or derived from stable strings, and note GUIDs from item keys, so
re-importing a newer package into Anki updates the notes instead of duplicating them. Questions are
exported as basic notes (stem and lettered choices on the front; answer and explanation on the back).
"""

from __future__ import annotations

import hashlib
import html
from pathlib import Path

import genanki

from quizzes.bank.services.item_export import exportable_items
from quizzes.models import Item

BASIC_MODEL_ID = 1_734_905_101
CLOZE_MODEL_ID = 1_734_905_102
DECK_PREFIX = "studyhub"

BASIC_MODEL = genanki.Model(
    BASIC_MODEL_ID,
    "studyhub basic",
    fields=[{"name": "Front"}, {"name": "Back"}, {"name": "Sources"}],
    templates=[
        {
            "name": "Card 1",
            "qfmt": "{{Front}}",
            "afmt": '{{FrontSide}}<hr id="answer">{{Back}}<div class="sources">{{Sources}}</div>',
        }
    ],
)
CLOZE_MODEL = genanki.Model(
    CLOZE_MODEL_ID,
    "studyhub cloze",
    fields=[{"name": "Text"}, {"name": "Extra"}, {"name": "Sources"}],
    templates=[
        {
            "name": "Cloze",
            "qfmt": "{{cloze:Text}}",
            "afmt": '{{cloze:Text}}<br>{{Extra}}<div class="sources">{{Sources}}</div>',
        }
    ],
    model_type=genanki.Model.CLOZE,
)


def deck_id(slug: str) -> int:
    """A stable 31-bit deck id per topic slug."""
    return int(hashlib.sha256(f"{DECK_PREFIX}:{slug}".encode()).hexdigest()[:7], 16) + 1


def _sources(item: Item) -> str:
    return html.escape(", ".join(f"{s['file']}:{s['line']}" for s in item.sources))


def item_note(item: Item) -> genanki.Note:
    tags = [f"kind::{item.kind}", f"type::{item.type}"]
    if item.type == Item.Type.CLOZE:
        # The cloze markers must survive escaping: escape the text around them only.
        text = html.escape(item.front).replace("{{c1::", "{{c1::")
        return genanki.Note(
            model=CLOZE_MODEL,
            fields=[text, html.escape(item.back), _sources(item)],
            guid=genanki.guid_for(item.key),
            tags=tags,
        )
    if item.is_question:
        letters = "ABCDEFGH"
        front = html.escape(item.stem)
        if item.type == Item.Type.MULTIPLE:
            front += f" (Choose {item.choose})"
        front += "<ol type=A>" + "".join(f"<li>{html.escape(c['text'])}</li>" for c in item.choices) + "</ol>"
        answer = ", ".join(letters[i] for i in item.correct_indexes)
        back = f"<b>{answer}</b><br>{html.escape(item.explanation)}"
        return genanki.Note(
            model=BASIC_MODEL,
            fields=[front, back, _sources(item)],
            guid=genanki.guid_for(item.key),
            tags=[*tags, "question"],
        )
    return genanki.Note(
        model=BASIC_MODEL,
        fields=[html.escape(item.front), html.escape(item.back), _sources(item)],
        guid=genanki.guid_for(item.key),
        tags=tags,
    )


def course_apkg_write(*, path: str | Path) -> int:
    """Write every non-retired item to an Anki package at ``path``; return the number of notes."""
    decks: dict[str, genanki.Deck] = {}
    count = 0
    for item in exportable_items():
        slug = item.topic.slug
        if slug not in decks:
            decks[slug] = genanki.Deck(deck_id(slug), f"{DECK_PREFIX}::{item.topic.title}")
        decks[slug].add_note(item_note(item))
        count += 1
    genanki.Package(list(decks.values())).write_to_file(str(path))
    return count
