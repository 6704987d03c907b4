"""Explanations quote lines under one parent once with that parent, and still cite every line."""

from __future__ import annotations

from dataclasses import replace

from quizzes.bank.generation.explaining import quote_sources
from quizzes.bank.generation.types import SourceRef

from .generation_facts import fact

PARENT = ("Acme Relay", "Targets a relay sends to")
REFS = (
    SourceRef("notes.md", 4, "Targets a relay sends to", ("Acme Relay",)),
    SourceRef("notes.md", 5, "Acme Queue", PARENT),
    SourceRef("notes.md", 6, "Acme Topic", PARENT),
)


def _quoted() -> str:
    targets = replace(
        fact("k1", kind="concept", subject="Acme Relay", attribute="targets", value="x"), sources=REFS
    )
    return quote_sources(targets)


def test_lines_under_one_parent_share_one_quote_of_it():
    quoted = _quoted()
    assert quoted.count("Targets a relay sends to") == 1
    assert "Acme Relay > Targets a relay sends to > Acme Queue; Acme Topic" in quoted


def test_every_line_is_still_cited():
    quoted = _quoted()
    assert all(ref.cite in quoted for ref in REFS)
