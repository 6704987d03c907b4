"""The demo notes (``fixtures/notes``, what ``load_demo`` ingests) through the real reader and generator
(no database): the first things a new learner sees must be items a learner would take seriously."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

from quizzes.bank.generation import generate_drafts
from quizzes.bank.generation.templates import is_enumeration

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def demo():
    path = ROOT / "bench" / "quality.py"
    spec = importlib.util.spec_from_file_location("bench_quality_demo", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_quality_demo", module)
    spec.loader.exec_module(module)
    facts, lines = module.read(module._notes_in(ROOT / "fixtures" / "notes"))
    inputs = module.bank_inputs(facts, lines)
    return {f.key: f for f in inputs}, generate_drafts(inputs)


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.lower()))


def test_every_enumeration_item_asks_about_a_subject_its_lines_name(demo):
    facts, drafts = demo
    for draft in (d for d in drafts if d.kind == "concept"):
        for fact in (facts[k] for k in draft.fact_keys if is_enumeration(facts[k])):
            said = set().union(*(_words(r.text) | _words(" ".join(r.context)) for r in fact.sources))
            assert _words(fact.subject) - {"aws", "amazon"} <= said, draft.front or draft.stem


def test_no_demo_stem_uses_a_possessive_definition(demo):
    _, drafts = demo
    assert not [d for d in drafts if "'s definition" in (d.front or d.stem)]
