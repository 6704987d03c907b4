"""Fixtures of the worker tests: a private Celery queue on the test Redis and a folder the
worker's file email backend writes to."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from django.conf import settings


@pytest.fixture
def queue():
    """A queue name of this test's own, deleted from Redis afterwards."""
    name = f"test-queue-{uuid.uuid4().hex[:8]}"
    yield name
    import redis

    redis.Redis.from_url(settings.REDIS_URL).delete(name)


@pytest.fixture
def mail_dir(tmp_path) -> Path:
    folder = tmp_path / "mail"
    folder.mkdir()
    return folder
