"""Cross-cutting middleware: a friendly 503 while the database is unreachable.

When PostgreSQL restarts (or the network to it drops) a view's query raises ``OperationalError`` or
``InterfaceError``. Instead of a 500 the learner gets ``templates/503.html`` with ``Retry-After``; the
broken connection is closed at once so the next request opens a fresh one, and the app recovers by
itself as soon as the database is back (studyhub/db.py replaces persistent connections that the
server closed between requests).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable

from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.warning("database unavailable for %s %s: %s", request.method, request.path, exception)
        for connection in connections.all(initialized_only=True):
            if not connection.in_atomic_block:  # a test's transaction is not ours to close
                with contextlib.suppress(DatabaseError):
                    connection.close_if_unusable_or_obsolete()
        # Rendered without the request: context processors would query the database again.
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
