"""Shared fixtures and the service gates: a test that needs PostgreSQL, Redis or Chromium fails in CI
(CI=true) when it is missing and is skipped with a reason on a laptop."""

from __future__ import annotations

import os
import shutil

import pytest
from django.conf import settings

pytest_plugins = ["tests.browser_support"]

IN_CI = os.environ.get("CI", "").lower() == "true"


def missing(reason: str) -> None:
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: required, not skipped)", pytrace=False)
    pytest.skip(reason)


def _redis_available() -> str | None:
    url = settings.REDIS_URL
    if not url:
        return "REDIS_URL is not set"
    try:
        import redis

        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except Exception as exc:  # noqa: BLE001 - any failure means "not available"
        return f"Redis at {url} is not reachable: {exc}"
    return None


def pytest_runtest_setup(item: pytest.Item) -> None:
    if (
        item.get_closest_marker("postgres")
        and settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql"
    ):
        missing("needs PostgreSQL: set DATABASE_URL=postgres://…")
    if item.get_closest_marker("redis"):
        problem = _redis_available()
        if problem:
            missing(problem)
    if item.get_closest_marker("browser") and not shutil.which("chromium"):
        missing("needs Debian's chromium on PATH (apt-get install chromium)")


@pytest.fixture(autouse=True)
def _eager_celery(settings) -> None:
    """Tasks run in-process in ordinary tests; integration tests start a real worker."""
    settings.CELERY_TASK_ALWAYS_EAGER = True
    from studyhub.celery import app

    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager = False


@pytest.fixture(autouse=True)
def _own_throttle_counters(settings) -> None:
    """Each test counts signups and password resets afresh (the cache may be a shared Redis)."""
    import uuid

    settings.THROTTLE_NAMESPACE = f"throttle-test-{uuid.uuid4().hex}"
