"""``bench/quality.py`` scores the items the app makes: the same notes give the same drafts through
ingestion + ``items_generate`` as through the bench's reader + ``bank_inputs`` + ``generate_drafts``."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from notes.services.ingest import ingest_bytes
from quizzes.bank.generation import generate_drafts
from quizzes.bank.services.generation import items_generate
from quizzes.models import Item

pytestmark = pytest.mark.django_db

FIRST = """# Acme Queue

- Limits
  - Messages are kept for 4 days by default
  - Maximum message retention: 14 days
  - Maximum message size: 256 KB
- Invocation
  - Synchronous invocation
    - Acme Portal
"""
SECOND = """# Acme Queue

- Maximum message size: 512 KB
"""


def bench_quality():
    path = Path(__file__).resolve().parents[3] / "bench" / "quality.py"
    spec = importlib.util.spec_from_file_location("bench_quality", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_quality", module)  # dataclasses look their module up while defining
    spec.loader.exec_module(module)
    return sys.modules["bench_quality"]


def test_the_bench_generates_exactly_the_items_the_app_stores(tmp_path):
    for name, text in (("a.md", FIRST), ("b.md", SECOND)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        ingest_bytes(name=name, data=text.encode())
    items_generate()
    bench = bench_quality()
    facts, lines = bench.read(sorted(tmp_path.iterdir()))
    drafts = generate_drafts(bench.bank_inputs(facts, lines))
    stored = {(i.key, i.stem or i.front, i.explanation or i.back) for i in Item.objects.all()}
    assert stored == {(d.key, d.stem or d.front, d.explanation or d.back) for d in drafts}
    texts = " ".join(text for _, _, text in stored)
    assert "sources disagree" in texts and "(a.md:5)" in texts  # a conflict and a quoted line, both paths
