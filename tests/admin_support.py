"""What the admin tests of both apps share: an instructor's client, a learner, notes that give two
sources disagreeing, and ``crash_on`` to break fact extraction. The fixtures reach a folder's tests
through that folder's ``conftest.py``."""

from __future__ import annotations

import pytest

import notes.services.ingest as ingest_module
from tests.factories import InstructorFactory, UserFactory

LAMBDA_NOTES = """# AWS Lambda

- Functions run on demand and scale automatically
- Limits
  - Maximum execution time: 900 seconds
  - Memory: 128 MB to 10,240 MB

# Amazon SQS

- Messages can be up to 256 KB in size
- Standard queues
  - at least once delivery
"""

LAMBDA_NOTES_DISAGREEING = """AWS Lambda

  • Maximum execution time: 300 seconds
"""


@pytest.fixture
def instructor(db):
    return InstructorFactory()


@pytest.fixture
def instructor_client(client, instructor):
    client.force_login(instructor)
    return client


@pytest.fixture
def learner(db):
    return UserFactory()


@pytest.fixture
def learner_client(client, learner):
    client.force_login(learner)
    return client


def crash_on(marker: str, exc: BaseException, monkeypatch) -> None:
    """Fact extraction raises ``exc`` for sections that mention ``marker``, after the Source row of the
    file was written in the file's transaction."""
    real = ingest_module.extract_facts

    def extract(section, *args, **kwargs):
        if any(marker in line.text for line in section.lines):
            raise exc
        return real(section, *args, **kwargs)

    monkeypatch.setattr(ingest_module, "extract_facts", extract)
