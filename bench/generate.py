"""Item generation throughput on the real corpus and on a corpus 100x larger.

    .venv/bin/python bench/generate.py [--corpus ../shared/lecture-notes] [--scale 100]

Each run ingests into a fresh SQLite database in a temporary folder (not timed), then times
``items_generate()`` twice: the first run creates every item, the second finds them unchanged. The
larger corpus is renamed copies of the files, so it has the same facts stated by 100x the lines:
it measures how generation scales with statements and sources. Prints items per second.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def copies(corpus: list[Path], scale: int, out: Path) -> list[Path]:
    files = []
    for copy in range(scale):
        for path in corpus:
            target = out / f"copy{copy:03d}_{path.name}"
            shutil.copyfile(path, target)
            files.append(target)
    return files


def run(files: list[Path], db_dir: Path, label: str) -> None:
    from django.core.management import call_command
    from django.db import connections

    connections["default"].close()
    connections["default"].settings_dict["NAME"] = str(db_dir / f"{label}.sqlite3")
    call_command("migrate", verbosity=0)
    from notes.models import FactStatement
    from notes.services.ingest import ingest_paths
    from quizzes.bank.services.generation import items_generate

    ingest_paths(paths=files)
    statements = FactStatement.objects.count()
    for attempt in ("create", "refresh"):
        start = time.perf_counter()
        result = items_generate()
        elapsed = time.perf_counter() - start
        items = result.created + result.updated + result.unchanged
        print(
            f"{label:>6} {attempt:>7}: {len(files):5d} files {statements:7d} statements {items:5d} items "
            f"{elapsed:7.2f} s {items / elapsed:9.0f} items/s"
        )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "lecture-notes"))
    parser.add_argument("--scale", type=int, default=100)
    args = parser.parse_args()
    corpus = sorted(Path(args.corpus).glob("*.txt")) + sorted(Path(args.corpus).glob("*.md"))
    if not corpus:
        print(f"no corpus at {args.corpus}")
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp_path / 'bench.sqlite3'}"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "studyhub.settings")
        import django

        django.setup()
        big_dir = tmp_path / "big"
        big_dir.mkdir()
        run(corpus, tmp_path, "1x")
        run(copies(corpus, args.scale, big_dir), tmp_path, f"{args.scale}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
