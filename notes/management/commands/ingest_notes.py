"""``manage.py ingest_notes PATH [PATH ...]``: ingest note files or folders, with a progress bar."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError

from notes.services.ingest import FileSummary, ingest_paths
from notes.signals import facts_changed_send


def progress_bar(done: int, total: int, width: int = 30) -> str:
    filled = round(width * done / total) if total else width
    return f"[{'#' * filled}{'.' * (width - filled)}] {done}/{total}"


class Command(BaseCommand):
    help = "Ingest lecture notes (.txt, .md, .markdown files or folders of them) into topics and facts."

    def add_arguments(self, parser) -> None:
        parser.add_argument("paths", nargs="+", help="files or folders")
        parser.add_argument(
            "--no-generate", action="store_true", help="do not (re)generate study items afterwards"
        )

    def handle(self, *args, **options) -> None:
        paths = options["paths"]
        tty = sys.stderr.isatty()

        def show(done: int, total: int, summary: FileSummary) -> None:
            if tty:
                sys.stderr.write(f"\r{progress_bar(done, total)} {summary.name[:40]:<40}")
                sys.stderr.flush()

        summaries = ingest_paths(paths=paths, progress=show)
        if tty:
            sys.stderr.write("\n")
        failed = [s for s in summaries if not s.ok]
        for s in summaries:
            if s.ok:
                state = "ingested" if s.changed else "unchanged"
                self.stdout.write(
                    f"{s.name}: {state} — {s.topics} topics, {s.lines} lines, {s.facts} facts, {s.conflicts} conflicts"
                )
        for s in failed:
            self.stderr.write(self.style.ERROR(f"error: {s.error}"))
        if any(s.ok and s.changed for s in summaries) and not options["no_generate"]:
            self._generate()
        if failed:
            raise CommandError(f"{len(failed)} of {len(summaries)} file(s) failed")

    def _generate(self) -> None:
        for rebuilt in facts_changed_send():  # the study items are regenerated (quizzes listens)
            self.stdout.write(f"{rebuilt.what}: {rebuilt.summary}")
