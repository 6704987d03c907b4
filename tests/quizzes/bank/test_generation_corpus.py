"""Generation on the real corpus in ../shared/lecture-notes (read from there, never copied)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter

import pytest

from notes.models import Fact
from notes.services.ingest import ingest_paths
from quizzes.bank.generation import draft_problems
from quizzes.bank.generation.quality import is_question_stem
from quizzes.bank.services.exports import course_export
from quizzes.bank.services.generation import _active_facts, fact_inputs, items_generate
from quizzes.models import Item
from tests.corpus import SHARED_DIR, corpus_files

pytestmark = [pytest.mark.django_db, pytest.mark.corpus]
VALIDATOR = SHARED_DIR / "tools" / "validate_export.py"


@pytest.fixture
def bank():
    summaries = ingest_paths(paths=corpus_files())
    assert all(s.ok for s in summaries), [s.error for s in summaries if not s.ok]
    items_generate()
    return Item.objects.exclude(status="retired")


def test_every_kind_gets_flashcards_and_questions(bank):
    counts = Counter((i.kind, i.is_question) for i in bank)
    assert all(
        counts[(kind, q)] >= 3
        for kind in ("limit", "invocation", "consistency", "concept")
        for q in (True, False)
    )


def test_most_limit_facts_get_all_three_items(bank):
    limits = Fact.objects.active().filter(kind="limit", magnitude__isnull=False).count()
    complete = Fact.objects.active().filter(kind="limit", items__type="single").distinct().count()
    assert complete >= 0.8 * limits


def test_lambda_timeout_question_offers_no_equivalent_of_the_key(bank):
    item = Item.objects.get(type="single", kind="limit", stem="What is Lambda's maximum execution time?")
    texts = [c["text"] for c in item.choices]
    assert [c["text"] for c in item.choices if c["correct"]] == ["15 minutes"] and "900 seconds" not in texts


def test_s3_scenario_is_answered_asynchronously(bank):
    item = Item.objects.get(stem__contains="handle events from Amazon S3. ")
    assert [c["text"] for c in item.choices if c["correct"]][0].startswith("Asynchronously")


def test_every_item_passes_the_quality_rules(bank):
    facts = {f.key: f for f in fact_inputs(facts=_active_facts())}
    from quizzes.bank.generation.templates import generate_drafts

    problems = {d.key: draft_problems(d, facts) for d in generate_drafts(list(facts.values()))}
    assert not any(problems.values()) and set(problems) == set(bank.values_list("key", flat=True))


def test_no_two_questions_share_a_stem_and_all_are_questions(bank):
    stems = [i.stem for i in bank if i.is_question]
    assert len(stems) == len(set(stems)) and all(is_question_stem(s) for s in stems)


def test_every_item_cites_a_source_line(bank):
    assert all(i.sources and all(s["line"] >= 1 for s in i.sources) for i in bank)


@pytest.mark.skipif(not VALIDATOR.exists(), reason="shared export validator not found")
def test_corpus_export_passes_the_shared_validator(bank, tmp_path):
    path = tmp_path / "export.json"
    path.write_text(json.dumps(course_export()))
    run = subprocess.run([sys.executable, str(VALIDATOR), str(path)], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout
