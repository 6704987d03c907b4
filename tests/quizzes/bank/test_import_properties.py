"""Property-based tests of the question import (JSON and GIFT) against the real database: whatever the
file holds, the import either stores questions or raises QuestionImportError whose every problem
names a line (or the file), and on an error nothing is stored."""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

import pytest
from django.apps import apps
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizzes.bank.services.importing import QuestionImportError, questions_import
from quizzes.study.limits import MAX_CHOICES

pytestmark = pytest.mark.django_db

ANY = settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
TEXT = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", " ", "\x00", "²", "١٢", "x" * 300, "single", "multiple", "limit", "concept"]),
)
SCALAR = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), TEXT)
JSON = st.recursive(
    SCALAR,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(TEXT, inner, max_size=4)),
    max_leaves=12,
)
CHOICE = st.fixed_dictionaries({"text": st.one_of(TEXT, JSON)}, optional={"correct": JSON})
QUESTION = st.fixed_dictionaries(
    {"stem": st.one_of(TEXT, JSON), "choices": st.one_of(st.lists(CHOICE, max_size=MAX_CHOICES + 3), JSON)},
    optional={
        "type": st.one_of(TEXT, JSON),
        "kind": st.one_of(TEXT, JSON),
        "topic": st.one_of(TEXT, JSON),
        "explanation": st.one_of(TEXT, JSON),
        "id": JSON,
        "sources": st.one_of(
            st.lists(st.fixed_dictionaries({}, optional={"file": JSON, "line": JSON}), max_size=3), JSON
        ),
    },
)
DOCUMENT = st.one_of(
    JSON,
    st.lists(QUESTION, max_size=4),
    st.fixed_dictionaries({"questions": st.lists(QUESTION, max_size=4)}),
)
GIFT_PIECES = st.sampled_from(
    list("{}=~#:%\\ \n\tabc1.-") + ["::", "//", "$CATEGORY: ", "// studyhub:", "\x00", "²", "x" * 120, "\n\n"]
)
GIFT = st.one_of(st.text(max_size=200), st.lists(GIFT_PIECES, max_size=80).map("".join))
LINE_NUMBERED = re.compile(r"^(line \d+\b|\S+: )")


def _stored() -> dict[str, int]:
    return {m._meta.label: m._default_manager.count() for m in apps.get_models()}


def _import(name: str, content: str):
    """Import ``content`` as file ``name``; returns the result or the import error, rolled back."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_text(content, encoding="utf-8", errors="surrogatepass")
        with transaction.atomic():
            before = _stored()
            try:
                outcome = questions_import(path=path)
            except QuestionImportError as error:
                assert _stored() == before, "a refused import stored something"
                outcome = error
            transaction.set_rollback(True)
    return outcome


def _check(outcome) -> None:
    if isinstance(outcome, QuestionImportError):
        assert outcome.problems and all(LINE_NUMBERED.match(p) for p in outcome.problems), outcome.problems


@ANY
@given(DOCUMENT)
def test_any_json_imports_or_names_the_lines_of_its_problems(document):
    _check(_import("questions.json", json.dumps(document)))


@ANY
@given(st.text(max_size=200))
def test_any_text_as_json_imports_or_names_the_lines_of_its_problems(text):
    _check(_import("questions.json", text.encode("utf-8", "replace").decode()))


@ANY
@given(GIFT)
def test_any_gift_imports_or_names_the_lines_of_its_problems(text):
    _check(_import("questions.gift", text.encode("utf-8", "replace").decode()))


@ANY
@given(st.lists(QUESTION, min_size=1, max_size=3))
def test_imported_questions_keep_within_the_shared_choice_limit(questions):
    outcome = _import("questions.json", json.dumps(questions))
    if not isinstance(outcome, QuestionImportError):
        assert all(len(q.get("choices") or []) <= MAX_CHOICES for q in questions if isinstance(q, dict))


def test_a_nul_character_in_a_stem_is_a_line_numbered_error():
    rows = [{"stem": "a\x00b", "topic": "t", "choices": [{"text": "x", "correct": True}, {"text": "y"}]}]
    outcome = _import("questions.json", json.dumps(rows))
    assert isinstance(outcome, QuestionImportError) and outcome.problems[0].startswith("line 1")


def test_a_topic_longer_than_a_title_can_be_is_a_line_numbered_error():
    rows = [{"stem": "s", "topic": "t" * 300, "choices": [{"text": "x", "correct": True}, {"text": "y"}]}]
    outcome = _import("questions.json", json.dumps(rows))
    assert isinstance(outcome, QuestionImportError) and outcome.problems[0].startswith("line 1")


def test_a_superscript_source_line_is_left_out_not_a_crash():
    rows = [
        {
            "stem": "s",
            "topic": "t",
            "choices": [{"text": "x", "correct": True}, {"text": "y"}],
            "sources": [{"file": "a.md", "line": "²"}, {"file": "a.md", "line": 3}],
        }
    ]
    _import("questions.json", json.dumps(rows))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "q.json"
        path.write_text(json.dumps(rows))
        questions_import(path=path)
    assert apps.get_model("quizzes", "Item").objects.get().sources == [{"file": "a.md", "line": 3}]
