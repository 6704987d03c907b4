"""``manage.py import_questions FILE [--skip-invalid]``: import authored questions (GIFT or JSON)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from quizzes.bank.services.importing import QuestionImportError, questions_import


class Command(BaseCommand):
    help = "Import authored questions from a GIFT (.gift/.txt) or export JSON (.json) file, all or nothing."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file")
        parser.add_argument(
            "--skip-invalid", action="store_true", help="import the readable questions, skip the rest"
        )

    def handle(self, *args, **options) -> None:
        try:
            result = questions_import(path=options["file"], skip_invalid=options["skip_invalid"])
        except QuestionImportError as exc:
            for problem in exc.problems:
                self.stderr.write(f"error: {options['file']}: {problem}")
            raise CommandError(
                f"{len(exc.problems)} problem(s); nothing imported (use --skip-invalid)"
            ) from exc
        for problem in result.problems:
            self.stderr.write(f"skipped: {options['file']}: {problem}")
        self.stdout.write(f"questions: {result}")
