"""How long each hostile file takes to be refused (or safely ingested): the corpus of
``tests/hostile/corpus.py`` through the service (``ingest_bytes``, ``questions_import``) and through the
web upload (the admin upload view, with the ingest run in-process so the request includes it).

    .venv/bin/python bench/hostile.py [--limit 2.0]

DATABASE_URL defaults to postgres://postgres@127.0.0.1:5432/studyhub_hostile (dropped and recreated).
Prints one row per file and whether every one stayed under ``--limit`` seconds (target: 2 s).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load import recreate_database, schema_from_models  # noqa: E402

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/studyhub_hostile"


def timed(fn) -> tuple[float, str]:
    started = time.perf_counter()
    try:
        outcome = fn()
    except Exception as exc:  # noqa: BLE001 - the outcome is what we print
        outcome = f"{type(exc).__name__}: {exc}"
    return time.perf_counter() - started, " ".join(str(outcome).split())[:70]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=float, default=2.0)
    args = parser.parse_args()
    url = os.environ.setdefault("DATABASE_URL", DEFAULT_DB)
    os.environ.update(DJANGO_SETTINGS_MODULE="studyhub.settings", CELERY_TASK_ALWAYS_EAGER="1")
    recreate_database(url)
    subprocess.run([sys.executable, "manage.py", "migrate", "--verbosity", "0"], cwd=ROOT, check=True)
    import django

    django.setup()
    schema_from_models()
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client
    from django.test.utils import setup_test_environment

    from notes.models import IngestRun
    from notes.services.ingest import ingest_bytes
    from quizzes.bank.services.importing import questions_import
    from tests.hostile import corpus

    setup_test_environment()  # lets the test client run against this database
    admin = get_user_model().objects.create_superuser("hostile-admin", "a@example.com", None)
    client = Client()
    client.force_login(admin)

    def upload(name: str, data: bytes) -> str:
        response = client.post("/admin/notes/source/upload/", {"files": [SimpleUploadedFile(name, data)]})
        run = IngestRun.objects.first()
        if response.status_code != 302 or run is None:
            return f"HTTP {response.status_code} (form error)"
        summary = run.files.order_by("-pk").first().summary
        return f"HTTP 302, {summary.get('error') or 'ingested'}"

    rows: list[tuple[str, str, float, str]] = []
    notes = {**corpus.note_files(), **corpus.accepted_note_files()}
    for name, data in notes.items():
        rows.append(
            (
                name,
                "ingest_bytes",
                *timed(lambda n=name, d=data: ingest_bytes(name=n, data=d).error or "ingested"),
            )
        )
        rows.append((name, "web upload", *timed(lambda n=name, d=data: upload(n, d))))
    folder = Path(tempfile.mkdtemp(prefix="studyhub-hostile-"))
    for name, path in corpus.write(folder, corpus.import_files()).items():
        rows.append((name, "questions_import", *timed(lambda p=path: questions_import(path=p))))
        path.unlink()

    print(f"{os.cpu_count()} cores, {url}")
    print(f"{'file':24}{'path':18}{'seconds':>9}  outcome")
    for name, path, seconds, outcome in rows:
        print(f"{name:24}{path:18}{seconds:>9.3f}  {outcome}")
    worst = max(rows, key=lambda row: row[2])
    verdict = "met" if worst[2] < args.limit else "NOT met"
    print(f"slowest: {worst[0]} via {worst[1]} {worst[2]:.3f} s; every file under {args.limit} s: {verdict}")


if __name__ == "__main__":
    main()
