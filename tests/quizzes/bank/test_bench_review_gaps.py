"""``bench/quality.py`` shows what key matching cannot: items built on facts no key line speaks of
("unreviewed") and facts filed under another subject than the key's ("wrong subject")."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from notes.outline import FactDraft


def bench_quality():
    path = Path(__file__).resolve().parents[3] / "bench" / "quality.py"
    spec = importlib.util.spec_from_file_location("bench_quality_gaps", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_quality_gaps", module)
    spec.loader.exec_module(module)
    return module


def limit(subject: str, attribute: str, value: str, unit: str) -> FactDraft:
    return FactDraft(
        kind="limit",
        topic="acme",
        subject=subject,
        attribute=attribute,
        value=value,
        unit=unit,
        magnitude=float(value) * (1024 if unit == "KB" else 1),
        dimension="size",
        text=f"{attribute}: {value} {unit}",
        lines=(3,),
        qualifier="maximum",
    )


def test_a_fact_under_another_subject_is_counted_as_wrong_subject():
    bench = bench_quality()
    wanted = [bench.Wanted("limit", "acme relay", "maximum payload size", "64 KB")]
    facts = [(Path("n.md"), limit("Acme Queue", "maximum payload size", "64", "KB"))]
    _, wrong_subject = bench.review_gaps(facts, {}, wanted, verbose=False)
    assert wrong_subject == 1


def test_a_fact_under_its_own_subject_is_not_wrong_subject():
    bench = bench_quality()
    wanted = [bench.Wanted("limit", "acme relay", "maximum payload size", "64 KB")]
    facts = [(Path("n.md"), limit("Acme Relay", "maximum payload size", "64", "KB"))]
    _, wrong_subject = bench.review_gaps(facts, {}, wanted, verbose=False)
    assert wrong_subject == 0


def test_items_of_a_fact_no_key_line_speaks_of_are_unreviewed():
    bench = bench_quality()
    facts = [(Path("n.md"), limit("Acme Relay", "maximum payload size", "64", "KB"))]
    unreviewed_without_key, _ = bench.review_gaps(facts, {}, [], verbose=False)
    wanted = [bench.Wanted("limit", "acme relay", "maximum payload size", "64 KB")]
    unreviewed_with_key, _ = bench.review_gaps(facts, {}, wanted, verbose=False)
    assert unreviewed_without_key > 0
    assert unreviewed_with_key == 0
