"""Persistent connections without CONN_HEALTH_CHECKS' SELECT 1: a connection the server closed between
requests is found without a round trip and replaced, so a database restart between two requests costs
no error page (studyhub/db.py)."""

from __future__ import annotations

import time

import psycopg
import pytest
from django.db import connection

from studyhub.db import close_dead_connections, connection_is_dead
from tests.faults.test_database_outage import get, proxy, server, session_cookie  # noqa: F401 - fixtures

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def backend_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def terminate(pid: int) -> None:
    settings = connection.settings_dict
    with psycopg.connect(
        host=settings["HOST"] or "127.0.0.1",
        port=settings["PORT"] or 5432,
        user=settings["USER"],
        dbname=settings["NAME"],
        autocommit=True,
    ) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [pid])


def test_a_live_idle_connection_is_kept():
    pid = backend_pid()
    raw = connection.connection
    close_dead_connections()
    assert (connection.connection is raw, backend_pid()) == (True, pid)


def test_a_connection_the_server_closed_is_replaced_before_the_next_query():
    pid = backend_pid()
    raw = connection.connection
    terminate(pid)
    deadline = time.monotonic() + 5
    while not connection_is_dead(raw.fileno()) and time.monotonic() < deadline:
        time.sleep(0.01)
    close_dead_connections()
    assert connection.connection is None
    assert backend_pid() != pid  # the next query opened a fresh connection, without an error


def test_connections_cut_between_requests_cost_no_error_page(proxy, server):  # noqa: F811
    cookie = session_cookie()
    before = [get(server, "/study/", cookie)[0] for _ in range(4)]  # both workers hold a connection
    proxy.close()  # cuts every open connection while the workers are idle, as a restart does
    proxy.open()
    time.sleep(0.2)
    after = [get(server, "/study/", cookie)[0] for _ in range(6)]
    assert (before, after) == ([200] * 4, [200] * 6)
