"""A Redis cache that degrades instead of failing: Redis is a cache here, never a single point of failure.

``FaultTolerantRedisCache`` is Django's ``RedisCache`` with every read and write guarded: while Redis is
unreachable a read returns its default (a miss), a write does nothing, and the caller carries on with
the database. After an error the backend stops calling Redis for ``DOWN_SECONDS`` (per process), so a
Redis that hangs costs one short socket timeout per process per interval, not one per cache call.
One warning is logged per outage, and one line when Redis answers again.

Configured in ``studyhub/settings.py`` (``CACHES``) when ``REDIS_URL`` is set; the ``OPTIONS`` key
``DOWN_SECONDS`` (default 5) is ours, the rest go to redis-py's connection pool as usual (keep
``socket_connect_timeout`` and ``socket_timeout`` short).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

DEFAULT_DOWN_SECONDS = 5.0


class FaultTolerantRedisCache(RedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        options = dict(params.get("OPTIONS") or {})
        self.down_seconds = float(options.pop("DOWN_SECONDS", DEFAULT_DOWN_SECONDS))
        super().__init__(server, {**params, "OPTIONS": options})
        self._down_until = 0.0
        self._lock = threading.Lock()

    # --- the guard ---------------------------------------------------------------------------------

    def _guarded(self, fallback: Any, operation: Callable[..., Any], *args: Any) -> Any:
        """``operation(self, *args)`` (a RedisCache method), or ``fallback`` while Redis is down."""
        if time.monotonic() < self._down_until:
            return fallback
        try:
            result = operation(self, *args)
        except RedisError as exc:
            with self._lock:
                first = self._down_until == 0.0
                self._down_until = time.monotonic() + self.down_seconds
            if first:
                logger.warning("cache: Redis unavailable, serving without a cache: %s", exc)
            return fallback
        if self._down_until:
            with self._lock:
                self._down_until = 0.0
            logger.warning("cache: Redis answers again")
        return result

    @property
    def is_down(self) -> bool:
        """True while the last call failed and Redis is being skipped (for tests and health pages)."""
        return time.monotonic() < self._down_until

    # --- every operation of BaseCache that reaches Redis -----------------------------------------

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        return self._guarded(False, RedisCache.add, key, value, timeout, version)

    def get(self, key, default=None, version=None) -> Any:
        return self._guarded(default, RedisCache.get, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> None:
        self._guarded(None, RedisCache.set, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        return self._guarded(False, RedisCache.touch, key, timeout, version)

    def delete(self, key, version=None) -> bool:
        return self._guarded(False, RedisCache.delete, key, version)

    def get_many(self, keys: Iterable, version=None) -> dict:
        return self._guarded({}, RedisCache.get_many, keys, version)

    def has_key(self, key, version=None) -> bool:
        return self._guarded(False, RedisCache.has_key, key, version)

    def incr(self, key, delta=1, version=None) -> int:
        # Down: as if the counter had just been created (a throttle built on it lets the request through).
        return self._guarded(delta, RedisCache.incr, key, delta, version)

    def set_many(self, data: dict, timeout=DEFAULT_TIMEOUT, version=None) -> list:
        return self._guarded(list(data), RedisCache.set_many, data, timeout, version)

    def delete_many(self, keys: Iterable, version=None) -> None:
        self._guarded(None, RedisCache.delete_many, keys, version)

    def clear(self) -> None:
        self._guarded(None, RedisCache.clear)
