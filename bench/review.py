"""Review throughput under a real server: gunicorn on PostgreSQL, concurrent learners answering
reviews over loopback, next to a bare Django view (/healthz) served by the same server in the same run.

    .venv/bin/python bench/review.py [--learners 16] [--items 2000] [--seconds 20] [--workers N]

DATABASE_URL defaults to postgres://postgres@127.0.0.1:5432/studyhub_bench (dropped and created
afresh on every run, then migrated and seeded). Prints requests/s and p50/p95/p99 latency of both, and the ratio (target ≥ 0.5).
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/studyhub_bench"
TOKEN = re.compile(r'name="token" value="([^"]+)"')
CSRF = re.compile(r'"X-CSRFToken": "([^"]+)"')


def ensure_database(url: str) -> None:
    """A fresh database for every run, so the schema always matches the code's migrations."""
    import psycopg

    parts = urllib.parse.urlparse(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def seed(*, learners: int, items: int) -> list[str]:
    """Users with settings that never run out of cards, ``items`` flashcards; returns session keys."""
    import django

    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore

    from notes.models import Topic
    from quizzes.models import CardState, Item, LearnerSettings, ReviewLog, ShownCard

    topic, _ = Topic.objects.get_or_create(slug="bench", defaults={"title": "Bench"})
    have = Item.objects.filter(key__startswith="bench-").count()
    Item.objects.bulk_create(
        Item(
            key=f"bench-{n}",
            topic=topic,
            kind="limit",
            type="basic",
            front=f"Bench question {n}?",
            back=f"answer {n}",
            sibling_group=f"bench-{n}",
        )
        for n in range(have, items)
    )
    User = get_user_model()
    keys = []
    for n in range(learners):
        user, _ = User.objects.get_or_create(username=f"bench{n}")
        CardState.objects.filter(learner=user).delete()
        ReviewLog.objects.filter(learner=user).delete()
        ShownCard.objects.filter(learner=user).delete()
        LearnerSettings.objects.update_or_create(
            user=user, defaults={"new_per_day": 1000, "max_reviews_per_day": 10000}
        )
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        keys.append(session.session_key)
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # fresh planner statistics, as autovacuum would give
            cursor.execute("ANALYZE")
    return keys


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not come up")


def start_gunicorn(*, port: int, workers: int, log: Path | None = None) -> subprocess.Popen:
    """gunicorn serving studyhub on loopback (the caller waits for it with ``wait_for``)."""
    out = log.open("w") if log else None
    return subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "studyhub.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        stdout=out,
        stderr=subprocess.STDOUT if out else None,
    )


class Learner(threading.Thread):
    """Answers reviews in a loop over one keep-alive connection, recording each round trip."""

    def __init__(self, port: int, session_key: str | None, stop_at: float, *, bare: bool = False) -> None:
        super().__init__(daemon=True)
        self.port, self.session_key, self.stop_at, self.bare = port, session_key, stop_at, bare
        self.latencies: list[float] = []
        self.errors = 0

    def _conn(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)

    def run(self) -> None:
        if self.session_key is None or self.bare:
            self._run_bare()
        else:
            self._run_reviews()

    def _run_bare(self) -> None:
        conn = self._conn()
        headers = {"Cookie": f"sessionid={self.session_key}"} if self.session_key else {}
        while time.monotonic() < self.stop_at:
            started = time.perf_counter()
            conn.request("GET", "/healthz", headers=headers)
            response = conn.getresponse()
            response.read()
            self._record(started, response.status == 200)

    def _run_reviews(self) -> None:
        conn = self._conn()
        cookie = f"sessionid={self.session_key}"
        conn.request("GET", "/study/", headers={"Cookie": cookie})
        response = conn.getresponse()
        page = response.read().decode()
        csrf = CSRF.search(page).group(1)
        csrf_cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie", "")).group(1)
        cookie += f"; csrftoken={csrf_cookie}"
        token = TOKEN.search(page).group(1)
        headers = {
            "Cookie": cookie,
            "X-CSRFToken": csrf,
            "HX-Request": "true",
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": f"http://127.0.0.1:{self.port}/study/",
        }
        while time.monotonic() < self.stop_at:
            body = urllib.parse.urlencode({"token": token, "rating": random.choice((2, 3, 3, 3, 4))})
            started = time.perf_counter()
            conn.request("POST", "/study/answer/", body=body, headers=headers)
            response = conn.getresponse()
            fragment = response.read().decode()
            match = TOKEN.search(fragment)
            self._record(started, response.status == 200 and match is not None)
            if match is None:
                return
            token = match.group(1)

    def _record(self, started: float, ok: bool) -> None:
        self.latencies.append(time.perf_counter() - started)
        self.errors += 0 if ok else 1


def drive(port: int, keys: list[str | None], seconds: float, *, bare: bool = False) -> dict[str, float]:
    stop_at = time.monotonic() + seconds
    threads = [Learner(port, key, stop_at, bare=bare) for key in keys]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - began
    latencies = sorted(x for t in threads for x in t.latencies)
    if not latencies:
        raise SystemExit("no requests completed")
    cuts = statistics.quantiles(latencies, n=100)
    return {
        "requests": len(latencies),
        "errors": sum(t.errors for t in threads),
        "rps": len(latencies) / elapsed,
        "p50": cuts[49] * 1000,
        "p95": cuts[94] * 1000,
        "p99": cuts[98] * 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=16)
    parser.add_argument("--items", type=int, default=2000)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--workers", type=int, default=max(2, (os.cpu_count() or 1) * 2))
    args = parser.parse_args()

    url = os.environ.setdefault("DATABASE_URL", DEFAULT_DB)
    os.environ.update(
        DJANGO_SETTINGS_MODULE="studyhub.settings",
        DEBUG="0",
        SECRET_KEY="bench-only-secret",
        CONN_MAX_AGE="60",
        SECURE_SSL_REDIRECT="0",  # plain HTTP over loopback
    )
    sys.path.insert(0, str(ROOT))
    ensure_database(url)
    subprocess.run([sys.executable, "manage.py", "migrate", "--verbosity", "0"], cwd=ROOT, check=True)
    keys = seed(learners=args.learners, items=args.items)

    port = free_port()
    server = start_gunicorn(port=port, workers=args.workers)
    try:
        wait_for(port)
        drive(port, keys[:2], 2)  # warm up connections and code paths
        keys = seed(learners=args.learners, items=args.items)
        answer = drive(port, keys, args.seconds)
        bare = drive(port, [None] * args.learners, args.seconds)
        bare_session = drive(port, keys, args.seconds, bare=True)
    finally:
        server.terminate()
        server.wait(timeout=30)

    print(
        f"gunicorn {args.workers} sync workers, {args.learners} concurrent clients, {args.seconds:.0f} s each, {url}"
    )
    print(f"{'':24}{'req/s':>10}{'p50 ms':>10}{'p95 ms':>10}{'p99 ms':>10}{'requests':>10}{'errors':>8}")
    rows = (
        ("review answer + next", answer),
        ("bare view /healthz", bare),
        ("bare view, logged in", bare_session),
    )
    for label, row in rows:
        print(
            f"{label:24}{row['rps']:>10.1f}{row['p50']:>10.1f}{row['p95']:>10.1f}{row['p99']:>10.1f}"
            f"{row['requests']:>10}{row['errors']:>8}"
        )
    ratio = answer["rps"] / bare["rps"]
    print(
        f"throughput ratio answer/bare = {ratio:.2f} (target >= 0.50: {'met' if ratio >= 0.5 else 'NOT met'}); "
        f"answer/bare-with-session = {answer['rps'] / bare_session['rps']:.2f}"
    )


if __name__ == "__main__":
    main()
