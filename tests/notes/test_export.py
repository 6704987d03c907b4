"""export_course --format json: the versioned schema and the shared validator."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from notes.services.ingest import ingest_bytes
from tests.corpus import SHARED_DIR

pytestmark = pytest.mark.django_db

NOTES = b"# AWS Lambda\n\n- Maximum execution time: 900 seconds\n"


def export(tmp_path: Path) -> dict:
    out = tmp_path / "course.json"
    call_command("export_course", "--format", "json", "-o", str(out))
    return json.loads(out.read_text())


def test_export_is_version_1_with_sources_and_topics(tmp_path):
    ingest_bytes(name="lambda.md", data=NOTES)
    data = export(tmp_path)
    assert data["version"] == 1 and data["sources"][0]["name"] == "lambda.md"
    assert {"flashcards", "questions"} <= data.keys()


def test_exported_fact_carries_its_source_lines(tmp_path):
    ingest_bytes(name="lambda.md", data=NOTES)
    [topic] = [t for t in export(tmp_path)["topics"] if t["slug"] == "lambda"]
    fact = next(f for f in topic["facts"] if f["kind"] == "limit")
    assert fact["sources"] == [{"file": "lambda.md", "line": 3}] and fact["conflict"] is None


def test_export_passes_the_shared_validator(tmp_path):
    validator = SHARED_DIR / "tools" / "validate_export.py"
    if not validator.exists():
        pytest.skip("../shared/tools/validate_export.py is not here (a user's clone)")
    ingest_bytes(name="lambda.md", data=NOTES)
    export(tmp_path)
    result = subprocess.run(
        [sys.executable, str(validator), str(tmp_path / "course.json")], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout
