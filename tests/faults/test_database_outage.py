"""PostgreSQL goes away: pages answer 503 with a friendly page and Retry-After, and the app recovers
by itself once the database is back."""

from __future__ import annotations

import http.client
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.db import InterfaceError, OperationalError, connection
from django.urls import reverse

from tests.factories import UserFactory
from tests.faults.private_services import TcpProxy, free_port
from tests.integration import worker
from tests.integration.worker import ROOT, wait_for


@pytest.fixture
def learner_client(client, db):
    client.force_login(UserFactory())
    return client


@pytest.fixture
def database_down(monkeypatch):
    def unreachable(**kwargs):
        raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')

    monkeypatch.setattr("quizzes.study.views.study_page", unreachable)


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_a_database_error_gives_the_friendly_503_page(learner_client, monkeypatch, error):
    def unreachable(**kwargs):
        raise error("connection already closed")

    monkeypatch.setattr("quizzes.study.views.study_page", unreachable)
    response = learner_client.get(reverse("quizzes:study"))
    assert (response.status_code, b"Back in a moment" in response.content) == (503, True)


def test_the_503_asks_the_client_to_retry_later(learner_client, database_down):
    response = learner_client.get(reverse("quizzes:study"))
    assert int(response["Retry-After"]) > 0


def test_other_errors_are_not_turned_into_a_503(learner_client, monkeypatch):
    def broken(**kwargs):
        raise ValueError("a bug, not an outage")

    monkeypatch.setattr("quizzes.study.views.study_page", broken)
    learner_client.raise_request_exception = False
    assert learner_client.get(reverse("quizzes:study")).status_code == 500


# --- a real outage: gunicorn reaches PostgreSQL through a proxy that is closed, then reopened -------


def session_cookie() -> str:
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    user = UserFactory()
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"sessionid={session.session_key}"


@pytest.fixture
def proxy() -> Iterator[TcpProxy]:
    port = int(connection.settings_dict.get("PORT") or 5432)
    tcp = TcpProxy(port, connection.settings_dict.get("HOST") or "127.0.0.1")
    tcp.open()
    yield tcp
    tcp.shutdown()


@pytest.fixture
def server(proxy) -> Iterator[int]:
    """gunicorn (2 workers, persistent connections) on the test database, through the proxy."""
    url = worker.test_database_url().replace(
        f":{connection.settings_dict.get('PORT') or 5432}/", f":{proxy.port}/"
    )
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "CONN_MAX_AGE": "60",
        "DEBUG": "0",
        "SECRET_KEY": settings.SECRET_KEY,
    }
    env.update(SECURE_SSL_REDIRECT="0", DJANGO_SETTINGS_MODULE="studyhub.settings")
    port = free_port()
    gunicorn = str(Path(sys.executable).parent / "gunicorn")  # the running venv's, wherever it is
    proc = subprocess.Popen(
        [gunicorn, "studyhub.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2", "--log-level", "error"],
        cwd=ROOT,
        env=env,
    )
    try:
        assert wait_for(lambda: get(port, "/healthz", "")[0] == 200, timeout=30)
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=15)


def get(port: int, path: str, cookie: str) -> tuple[int, str, str]:
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("GET", path, headers={"Cookie": cookie})
        response = conn.getresponse()
        return response.status, response.getheader("Retry-After") or "", response.read().decode()
    except OSError:
        return 0, "", ""


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_database_outage_gives_503_and_the_app_recovers_by_itself(proxy, server):
    cookie = session_cookie()
    before = [get(server, "/study/", cookie)[0] for _ in range(4)]  # warm both workers' connections
    proxy.close()
    during = [get(server, "/study/", cookie) for _ in range(4)]
    proxy.open()
    time.sleep(0.2)
    after = [get(server, "/study/", cookie)[0] for _ in range(4)]
    assert before == [200] * 4
    assert [(status, retry, "Back in a moment" in page) for status, retry, page in during] == [
        (503, "30", True)
    ] * 4
    assert after == [200] * 4
