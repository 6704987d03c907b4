"""A lecture on services no lexicon names still becomes study items, and each teaches what its line
says (the general grammar's facts go through the same generator as the lexicons')."""

from __future__ import annotations

import pytest

from notes.services.ingest import ingest_bytes
from quizzes.bank.services.generation import items_generate
from quizzes.models import Item

pytestmark = pytest.mark.django_db

LECTURE = """# Acme Relay

- Limits
  - Maximum payload size: 6 MB
  - Up to 25 tags per resource
- Messages are delivered at least once

# Borealis Store

- Maximum object size: 2 GB
- Default retention: 7 days
- Up to 40 buckets per project
"""


@pytest.fixture
def items() -> list[Item]:
    ingest_bytes(name="unseen.md", data=LECTURE.encode())
    items_generate()
    return list(Item.objects.filter(status=Item.Status.PUBLISHED))


def test_each_fact_of_an_unseen_lecture_gets_a_flashcard(items):
    fronts = {i.front for i in items if i.type == "basic"}
    assert len(fronts) == 6


def test_a_flashcard_of_an_unseen_service_answers_with_the_notes_value(items):
    card = next(i for i in items if i.type == "basic" and "payload size" in i.front)
    assert "Acme Relay" in card.front and card.back.startswith("6 MB")


# What each line states, by a phrase of its question: the key a single-answer question must have.
STATED = {
    "payload size": "6 MB",
    "tags per resource": "25",
    "delivered": "At-least-once delivery",
    "object size": "2 GB",
    "keep data": "7 days",
    "buckets per project": "40",
}


def test_every_single_answer_question_of_an_unseen_lecture_keys_what_its_line_states(items):
    keyed = {}
    for item in (i for i in items if i.type == "single"):
        phrase = next(
            p for p in STATED if p in item.stem.lower() or p == "delivered" and "deliver" in item.stem
        )
        keyed[phrase] = [c["text"] for c in item.choices if c["correct"]]
    assert keyed == {phrase: [key] for phrase, key in STATED.items()}
