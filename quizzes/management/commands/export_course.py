"""``manage.py export_course --format json|gift|apkg [-o FILE]``: export the course.

``json`` is the versioned schema (docs/export-schema.md), ``gift`` the questions as Moodle GIFT,
``apkg`` an Anki package (needs ``-o``).
"""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from quizzes.bank.gift import questions_to_gift
from quizzes.bank.services.anki import course_apkg_write
from quizzes.bank.services.exports import course_export
from quizzes.bank.services.item_export import items_export_json


class Command(BaseCommand):
    help = "Export the whole course (json), its questions as Moodle GIFT (gift) or an Anki package (apkg)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--format", default="json", choices=["json", "gift", "apkg"], help="output format"
        )
        parser.add_argument(
            "-o", "--output", help="file to write (default: standard output; required for apkg)"
        )

    def handle(self, *args, **options) -> None:
        fmt, output = options["format"], options["output"]
        if fmt == "apkg":
            if not output:
                raise CommandError("--format apkg needs -o FILE (an .apkg is binary)")
            try:
                count = course_apkg_write(path=output)
            except OSError as exc:
                raise CommandError(f"cannot write {output}: {exc.strerror}") from exc
            self.stderr.write(f"{count} notes written to {output}")
            return
        if fmt == "gift":
            text = questions_to_gift(items_export_json()[1])
        else:
            text = json.dumps(course_export(), indent=2, ensure_ascii=False) + "\n"
        if output:
            try:
                with open(output, "w", encoding="utf-8") as fh:
                    fh.write(text)
            except OSError as exc:
                raise CommandError(f"cannot write {output}: {exc.strerror}") from exc
        else:
            sys.stdout.write(text)
