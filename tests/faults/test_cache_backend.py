"""studyhub.cache.FaultTolerantRedisCache: while Redis is unreachable a read is a miss and a write does
nothing (never an exception); once Redis is back the cache works again."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
from django.conf import settings

from studyhub.cache import FaultTolerantRedisCache
from tests.conftest import missing
from tests.faults.private_services import PrivateRedis, free_port

OPTIONS = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}


def cache_at(url: str, down_seconds: float = 5) -> FaultTolerantRedisCache:
    return FaultTolerantRedisCache(url, {"OPTIONS": {**OPTIONS, "DOWN_SECONDS": down_seconds}})


@pytest.fixture
def unreachable() -> FaultTolerantRedisCache:
    return cache_at(f"redis://127.0.0.1:{free_port()}/0")  # nothing listens there


@pytest.fixture
def redis_server() -> Iterator[PrivateRedis]:
    if not PrivateRedis.available():
        missing("needs redis-server on PATH")
    server = PrivateRedis()
    server.start()
    yield server
    server.stop()


def test_a_read_while_redis_is_down_returns_the_default(unreachable):
    assert unreachable.get("answer", "fallback") == "fallback"


def test_a_write_while_redis_is_down_does_nothing(unreachable):
    assert (unreachable.set("k", 1), unreachable.add("k", 1), unreachable.delete("k")) == (None, False, False)


def test_every_operation_degrades_while_redis_is_down(unreachable):
    results = [
        unreachable.get_many(["a", "b"]),
        unreachable.set_many({"a": 1, "b": 2}),
        unreachable.has_key("a"),
        unreachable.touch("a"),
        unreachable.incr("hits", 3),
        unreachable.delete_many(["a"]),
        unreachable.clear(),
    ]
    assert results == [{}, ["a", "b"], False, False, 3, None, None]


def test_get_or_set_computes_the_value_while_redis_is_down(unreachable):
    assert unreachable.get_or_set("k", lambda: "computed") == "computed"


def test_an_outage_is_logged_once_not_per_call(unreachable, caplog):
    with caplog.at_level(logging.WARNING, logger="studyhub.cache"):
        for _ in range(5):
            unreachable.get("k")
    assert len(caplog.records) == 1


def test_the_cache_works_again_once_redis_is_back(redis_server):
    cache = cache_at(redis_server.url, down_seconds=0)
    redis_server.stop()
    cache.set("k", "lost")
    redis_server.start()
    cache.set("k", "kept")
    assert cache.get("k") == "kept"


def test_after_an_error_redis_is_skipped_for_a_while(redis_server):
    cache = cache_at(redis_server.url, down_seconds=60)
    redis_server.stop()
    cache.get("k")
    redis_server.start()
    cache.set("k", "skipped")
    assert (cache.is_down, cache_at(redis_server.url).get("k")) == (True, None)


def test_the_settings_use_the_fault_tolerant_cache_and_database_sessions():
    from importlib import import_module

    from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore

    backend = settings.CACHES["default"]["BACKEND"]
    redis_backend = "studyhub.cache.FaultTolerantRedisCache"
    store = import_module(settings.SESSION_ENGINE).SessionStore  # studyhub.sessions: db, read by hand
    assert (issubclass(store, DatabaseSessionStore), backend == redis_backend or not settings.REDIS_URL) == (
        True,
        True,
    )
