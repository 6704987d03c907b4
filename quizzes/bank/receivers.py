"""The question bank's answers to what ``notes`` announces (``notes.signals``): facts changed, so
items are regenerated; a topic is being merged, so its items follow it. Connected in
``QuizzesConfig.ready``; each receiver calls one service."""

from __future__ import annotations

from notes.signals import Dependents
from quizzes.bank.services import generation, item_bank


def items_regenerate_on_facts_changed(sender: object, **kwargs: object) -> Dependents:
    result = generation.items_generate()
    return Dependents(what="items", count=result.created + result.updated, summary=str(result))


def items_follow_merged_topic(
    sender: object, *, source_id: int, target_id: int, **kwargs: object
) -> Dependents:
    moved = item_bank.items_move_topic(source_id=source_id, target_id=target_id)
    return Dependents(what="items", count=moved)
