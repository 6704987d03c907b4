"""Ingestion throughput on the real corpus and on a synthesised corpus 100x larger.

    .venv/bin/python bench/ingest.py [--corpus ../shared/lecture-notes] [--scale 100]

Each run uses a fresh SQLite database in a temporary folder (or DATABASE_URL if you set
BENCH_DATABASE_URL). Prints seconds and kept lines per second for each run and the cost ratio, which
must stay at or under the scale (the 100x run may not cost more than 100 times the 1x run).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def synthesise(corpus: list[Path], scale: int, out: Path) -> list[Path]:
    """Copies of each file with numbers nudged, so sources mostly agree and sometimes disagree."""
    rng = random.Random(42)
    files = []
    for copy in range(scale):
        for path in corpus:
            text = path.read_text(encoding="utf-8")
            if copy:
                text = re.sub(
                    r"\b(\d{2,4})\b",
                    lambda m: m.group(1) if rng.random() < 0.9 else str(int(m.group(1)) + 1),
                    text,
                )
            target = out / f"copy{copy:03d}_{path.name}"
            target.write_text(text, encoding="utf-8")
            files.append(target)
    return files


def clear_reader_caches() -> int:
    """Empty every ``functools`` cache of the app's modules, so a timed run starts as cold as the
    first upload of a new lecture: the 1x run right after the warm-up would otherwise find every
    line of the same five files already read, and the ratio would compare a cached run with an
    uncached one (the 100x copies' nudged numbers miss the caches)."""
    cleared = 0
    for name, module in list(sys.modules.items()):
        if not name.startswith(("notes", "quizzes", "studyhub")):
            continue
        for value in list(vars(module).values()):
            if callable(getattr(value, "cache_clear", None)) and hasattr(value, "cache_info"):
                value.cache_clear()
                cleared += 1
    return cleared


def run(files: list[Path], db_dir: Path, label: str) -> tuple[float, int]:
    from django.core.management import call_command
    from django.db import connections

    connections["default"].close()
    db = db_dir / f"{label}.sqlite3"
    connections["default"].settings_dict["NAME"] = str(db)
    call_command("migrate", verbosity=0)
    from notes.services.ingest import ingest_paths

    clear_reader_caches()
    start = time.perf_counter()
    summaries = ingest_paths(paths=files)
    elapsed = time.perf_counter() - start
    lines = sum(s.lines for s in summaries if s.ok)
    failed = [s.error for s in summaries if not s.ok]
    print(
        f"{label:>6}: {len(files):5d} files {lines:8d} kept lines {elapsed:8.2f} s {lines / elapsed:10.0f} lines/s"
        + (f"  ({len(failed)} failed)" if failed else "")
    )
    return elapsed, lines


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
        os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp_path / 'bench.sqlite3'}")
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "studyhub.settings")
        import django

        django.setup()
        big_dir = tmp_path / "big"
        big_dir.mkdir()
        big = synthesise(corpus, args.scale, big_dir)
        run(corpus, tmp_path, "warmup")  # imports, regex compilation: not part of either figure
        # Each timed run starts with the reader's caches empty (clear_reader_caches).
        t1, _ = run(corpus, tmp_path, "1x")
        tn, _ = run(big, tmp_path, f"{args.scale}x")
        ratio = tn / t1
        verdict = "OK" if ratio <= args.scale else "TOO SLOW"
        print(f"cost ratio {ratio:.1f} for {args.scale}x the input ({verdict}: must be <= {args.scale})")
        return 0 if ratio <= args.scale else 1


if __name__ == "__main__":
    sys.exit(main())
