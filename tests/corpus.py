"""Access to the shared lecture-notes corpus (third-party text: read it, never copy it into the repo)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# ../shared/lecture-notes next to the checkout; STUDYHUB_SHARED_DIR points elsewhere (a CI clone).
SHARED_DIR = Path(os.environ.get("STUDYHUB_SHARED_DIR") or Path(__file__).resolve().parents[2] / "shared")
CORPUS_DIR = SHARED_DIR / "lecture-notes"


def corpus_files() -> list[Path]:
    """The corpus files, sorted; skips the test when the folder is missing (fails on CI)."""
    files = sorted(CORPUS_DIR.glob("*.txt")) if CORPUS_DIR.is_dir() else []
    if not files:
        reason = f"lecture-notes corpus not found at {CORPUS_DIR}"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return files


def corpus_file(prefix: str) -> Path:
    """The corpus file whose name starts with ``prefix`` ("003")."""
    for path in corpus_files():
        if path.name.startswith(prefix):
            return path
    pytest.fail(f"no corpus file starting with {prefix!r} in {CORPUS_DIR}")
