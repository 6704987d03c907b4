"""``manage.py export_course --format json [-o FILE]``: write the course in the versioned schema."""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from quizzes.services.exports import course_export


class Command(BaseCommand):
    help = "Export the whole course (sources, topics, facts, flashcards, questions)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--format", default="json", choices=["json"], help="output format")
        parser.add_argument("-o", "--output", help="file to write (default: standard output)")

    def handle(self, *args, **options) -> None:
        text = json.dumps(course_export(), indent=2, ensure_ascii=False) + "\n"
        if options["output"]:
            try:
                with open(options["output"], "w", encoding="utf-8") as fh:
                    fh.write(text)
            except OSError as exc:
                raise CommandError(f"cannot write {options['output']}: {exc.strerror}") from exc
        else:
            sys.stdout.write(text)
