"""``manage.py generate_items``: build (or refresh) flashcards and questions from the active facts."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from quizzes.bank.services.generation import items_generate


class Command(BaseCommand):
    help = "Generate flashcards and questions from the facts; updates items in place, retires orphans."

    def handle(self, *args, **options) -> None:
        self.stdout.write(f"items: {items_generate()}")
