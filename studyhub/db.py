"""Persistent database connections without a health-check round trip.

Django's ``CONN_HEALTH_CHECKS`` sends ``SELECT 1`` on a reused connection at the start of every
request (a round trip per request, ~10 % of a review answer's). It is off (settings.py); instead, at
the start of each request and each Celery task, ``close_dead_connections`` asks the kernel whether the
server has hung up on an idle connection (a restart, ``pg_terminate_backend``, a pooler or proxy
recycling it): between requests nothing is in flight, so an idle connection's socket has nothing to
read unless the server closed it (FATAL message, EOF or reset). Such a connection is closed and the
next query opens a fresh one, so a database restart between requests costs no error page. A
connection that dies in the middle of a request is handled as before: the query raises, the learner
gets the 503 page (studyhub/middleware.py) and the broken connection is closed.
"""

from __future__ import annotations

import select

from django.db import DatabaseError, connections


def connection_is_dead(fileno: int) -> bool:
    """Whether an idle connection's socket has something to read or an error: the peer hung up."""
    poller = select.poll()
    poller.register(fileno, select.POLLIN | select.POLLPRI)
    return bool(poller.poll(0))


def close_dead_connections(**kwargs: object) -> None:
    """Close every open, idle PostgreSQL connection of this thread that the server has closed."""
    for connection in connections.all(initialized_only=True):
        raw = connection.connection
        if raw is None or connection.in_atomic_block or connection.vendor != "postgresql":
            continue
        try:
            dead = raw.closed or connection_is_dead(raw.fileno())
        except (OSError, ValueError, DatabaseError):
            dead = True
        if dead:
            try:
                connection.close()
            except DatabaseError:
                connection.connection = None


# The review queue's next-card statement is ~8,000 characters; psycopg caches its conversion of a
# statement's %(name)s placeholders to $n only up to 4,096 (a private limit), so above it the
# statement was parsed again on every answer (~5 % of the answer's process CPU, issue #16).
LONG_STATEMENT = 16_384


def cache_long_statements() -> None:
    """Let psycopg cache the placeholder conversion of statements up to LONG_STATEMENT characters
    (its cache keeps 128 statements). A no-op if a psycopg release drops the limit."""
    try:
        from psycopg import _queries
    except ImportError:
        return
    if getattr(_queries, "MAX_CACHED_STATEMENT_LENGTH", LONG_STATEMENT) < LONG_STATEMENT:
        _queries.MAX_CACHED_STATEMENT_LENGTH = LONG_STATEMENT
