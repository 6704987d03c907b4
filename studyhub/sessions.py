"""Django's database sessions, read with a constant SQL text (``SESSION_ENGINE = "studyhub.sessions"``).

The same table, rows and behaviour as ``django.contrib.sessions.backends.db`` (sessions stay in
PostgreSQL: nothing a Redis outage can break); only the read of the session on every logged-in
request skips the ORM's query compilation (issue #16: a review answer's server time is a few
milliseconds, and this read ran on every one of them).
"""

from __future__ import annotations

import logging

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.core.exceptions import SuspiciousOperation
from django.db import connection
from django.utils import timezone

from studyhub.rows import columns, instance


class SessionStore(DatabaseSessionStore):
    def _get_session_from_db(self):
        model = self.model
        table = connection.ops.quote_name(model._meta.db_table)
        try:
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT {columns(model, 's')} FROM {table} s "
                    "WHERE s.session_key = %s AND s.expire_date > %s",
                    [self.session_key, connection.ops.adapt_datetimefield_value(timezone.now())],
                )
                row = cursor.fetchone()
        except SuspiciousOperation as error:  # as the ORM's read: log it, start a new session
            logging.getLogger(f"django.security.{error.__class__.__name__}").warning(str(error))
            row = None
        session = instance(model, row)[0] if row is not None else None
        if session is None:
            self._session_key = None
        return session
