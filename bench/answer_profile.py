"""Where one review answer's server time goes, in-process: the answer POST (htmx, + next card) sent
straight to Django's WSGI application (the same middleware, signals and connection handling as under
gunicorn, without HTTP parsing or a network hop to the client), on PostgreSQL, timed per request,
with every database round trip counted (statements, COMMIT, the connection health check).

    .venv/bin/python bench/answer_profile.py [--items 4000] [--history 1500] [--answers 400]
                                             [--profile] [--sql] [--explain] [--ratings 2,3,3,3,4]

--profile prints a pyinstrument call tree of the answers (``pip install -e '.[bench]'``); --sql prints
the round trips of one answer; --explain the plan of the next-card statement (EXPLAIN ANALYZE, rolled
back), to see which of its parts grow with the bank or the history. DATABASE_URL defaults to postgres://postgres@127.0.0.1:5432/
studyhub_profile (dropped and created afresh), REDIS_URL to redis://127.0.0.1:6379/13.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.review import CSRF, TOKEN, ensure_database, seed  # noqa: E402

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/studyhub_profile"


class RoundTrips:
    """Counts what goes over the wire to PostgreSQL: statements (through Django's execute wrappers),
    psycopg's own commands (BEGIN, COMMIT, ROLLBACK: each one round trip) and the health check's
    SELECT 1 (which bypass them), with their time."""

    def __init__(self) -> None:
        self.log: list[tuple[str, float]] = []

    def reset(self) -> None:
        self.log = []

    def timed(self, label: str, call, *args):
        started = time.perf_counter()
        try:
            return call(*args)
        finally:
            self.log.append((label, time.perf_counter() - started))

    def __call__(self, execute, sql, params, many, context):
        return self.timed(" ".join(sql.split())[:160], execute, sql, params, many, context)

    def install(self) -> None:
        from django.db import connection
        from django.db.backends.postgresql.base import DatabaseWrapper
        from psycopg._connection_base import BaseConnection

        counter = self
        original_usable, original_command = DatabaseWrapper.is_usable, BaseConnection._exec_command

        def is_usable(wrapper):
            return counter.timed("SELECT 1 (health check)", original_usable, wrapper)

        def exec_command(conn, command, *args, **kwargs):  # BEGIN, COMMIT, ROLLBACK, SAVEPOINT ...
            started = time.perf_counter()
            try:
                return (yield from original_command(conn, command, *args, **kwargs))
            finally:
                label = command.decode() if isinstance(command, bytes) else str(command)
                counter.log.append((label, time.perf_counter() - started))

        DatabaseWrapper.is_usable, BaseConnection._exec_command = is_usable, exec_command
        connection.execute_wrappers.append(self)


def backend_cpu_seconds(pid: int) -> float | None:
    """CPU time (user + system) the PostgreSQL backend ``pid`` has used, from /proc (the server runs on
    this machine in the bench setup; None when it does not). CPU time, unlike wall time, hardly moves
    with the load other processes put on a shared machine."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wsgi_call(app, method: str, path: str, *, cookies: dict[str, str], body: bytes = b"", headers=None):
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_HOST": "127.0.0.1:8000",
        "HTTP_COOKIE": "; ".join(f"{k}={v}" for k, v in cookies.items()),
        "wsgi.input": io.BytesIO(body),
        "wsgi.url_scheme": "http",
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        "wsgi.version": (1, 0),
        "CONTENT_LENGTH": str(len(body)),
        "CONTENT_TYPE": "application/x-www-form-urlencoded" if body else "",
    }
    for name, value in (headers or {}).items():
        environ["HTTP_" + name.upper().replace("-", "_")] = value
    status_headers: list = []
    result = app(
        environ,
        lambda status, response_headers, exc_info=None: status_headers.extend([status, response_headers]),
    )
    try:
        content = b"".join(result)
    finally:
        result.close()  # request_finished: Django's end-of-request connection handling
    return int(status_headers[0].split()[0]), dict(status_headers[1]), content.decode()


def explain_next_card() -> str:
    """EXPLAIN (ANALYZE, BUFFERS) of the statement that picks, loads and shows the next card, for the
    seeded learner now, inside a transaction that is rolled back (its INSERT leaves nothing)."""
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django.utils import timezone
    from psycopg.sql import Literal

    from quizzes.models import LearnerSettings, ReviewLog, ShownCard
    from quizzes.study.selectors.queue import queue_params
    from quizzes.study.services import next_card
    from studyhub.rows import insert_select_parts

    learner = get_user_model().objects.get(username="bench0")
    settings = LearnerSettings.objects.get(user=learner)
    now = timezone.now()
    shown = ShownCard(token="explain", learner=learner, item_id=0, mode=ReviewLog.Mode.REVIEW, shown_at=now)
    _, values = insert_select_parts(shown, tail="", replace={"item_id": ""}, named="shown_")
    params = {**queue_params(learner_id=learner.pk, settings=settings, now=now), **values}
    names: list[str] = []

    def placeholder(match: re.Match) -> str:
        if match.group(1) not in names:
            names.append(match.group(1))
        return f"${names.index(match.group(1)) + 1}"

    # PREPAREd by name, so the plan explained is the one the connection's plan_cache_mode chooses for
    # a prepared statement (an unnamed statement is planned for its values every time).
    prepared = re.sub(r"%\((\w+)\)s", placeholder, next_card._sql())
    with transaction.atomic(), connection.cursor() as cursor:
        raw = connection.connection
        arguments = ", ".join(Literal(params[n]).as_string(raw) for n in names)
        cursor.execute("PREPARE explained AS " + prepared)
        for _ in range(6):  # past the server's five custom plans, so "auto" may choose its generic one
            cursor.execute(f"EXPLAIN EXECUTE explained({arguments})")
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) EXECUTE explained({arguments})")
        plan = "\n".join(row[0] for row in cursor.fetchall())
        transaction.set_rollback(True)
    return plan


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=4000)
    parser.add_argument("--history", type=int, default=1500)
    parser.add_argument("--answers", type=int, default=400)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--sql", action="store_true")
    parser.add_argument(
        "--ratings",
        default="2,3,3,3,4",
        help="the ratings answered in turn; '1' (Again) keeps a small bank's cards in learning, so "
        "--items 10 never runs out of cards",
    )
    parser.add_argument(
        "--explain",
        action="store_true",
        help="EXPLAIN (ANALYZE, BUFFERS) of the next-card statement after the answers (rolled back)",
    )
    parser.add_argument(
        "--cprofile", action="store_true", help="cProfile (CPU time): the functions with most own time"
    )
    parser.add_argument(
        "--connections",
        choices=("persistent", "health-checks", "pool"),
        default="persistent",
        help="persistent (the settings: CONN_MAX_AGE, liveness by socket poll), the same plus Django's "
        "CONN_HEALTH_CHECKS, or psycopg's pool (OPTIONS={'pool': ...}, needs psycopg-pool)",
    )
    parser.add_argument(
        "--plan-cache-mode",
        choices=("settings", "auto", "force_generic_plan", "force_custom_plan"),
        default="settings",
        help="PostgreSQL's plan_cache_mode for the connection: as the settings give it, or one of the "
        "server's modes (a prepared statement's custom plan is planned on every execution)",
    )
    parser.add_argument(
        "--prepare-threshold",
        default="settings",
        help="psycopg's prepare_threshold for the connection: as the settings give it, 'none' (Django's "
        "default: nothing prepared, every statement planned on every execution) or a number",
    )
    args = parser.parse_args()

    url = os.environ.setdefault("DATABASE_URL", DEFAULT_DB)
    os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/13")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="studyhub.settings",
        DEBUG="0",
        SECRET_KEY="bench-only-secret",
        SECURE_SSL_REDIRECT="0",
        ALLOWED_HOSTS="127.0.0.1",
    )
    os.environ.setdefault("CONN_MAX_AGE", "60")
    ensure_database(url)
    subprocess.run([sys.executable, "manage.py", "migrate", "--verbosity", "0"], cwd=ROOT, check=True)
    import studyhub.settings as project_settings  # before Django reads it: the variant measured

    database = project_settings.DATABASES["default"]
    if args.connections == "health-checks":
        database["CONN_HEALTH_CHECKS"] = True
    elif args.connections == "pool":
        database["CONN_MAX_AGE"] = 0
        database["OPTIONS"] = {**database.get("OPTIONS", {}), "pool": {"min_size": 1, "max_size": 2}}
    if args.plan_cache_mode != "settings":
        options = dict(database.get("OPTIONS", {}))
        options["options"] = f"-c plan_cache_mode={args.plan_cache_mode}"
        database["OPTIONS"] = options
    if args.prepare_threshold != "settings":
        threshold = None if args.prepare_threshold == "none" else int(args.prepare_threshold)
        database["OPTIONS"] = {**database.get("OPTIONS", {}), "prepare_threshold": threshold}
    (key,) = seed(learners=1, items=args.items, history=args.history)
    from django.core.wsgi import get_wsgi_application
    from django.db import connection

    app = get_wsgi_application()
    cookies = {"sessionid": key}
    status, headers, page = wsgi_call(app, "GET", "/study/", cookies=cookies)
    assert status == 200, status
    cookies["csrftoken"] = re.search(r"csrftoken=([^;]+)", headers.get("Set-Cookie", "")).group(1)
    post_headers = {"X-CSRFToken": CSRF.search(page).group(1), "HX-Request": "true"}
    token = TOKEN.search(page).group(1)
    trips = RoundTrips()
    trips.install()
    ratings = tuple(int(r) for r in args.ratings.split(","))

    def answer(n: int) -> str:
        body = f"token={token}&rating={ratings[n % len(ratings)]}".encode()
        status, _, fragment = wsgi_call(
            app, "POST", "/study/answer/", cookies=cookies, body=body, headers=post_headers
        )
        match = TOKEN.search(fragment)
        if status != 200 or match is None:
            raise SystemExit(f"answer {n}: status {status}, no next card")
        return match.group(1)

    for n in range(30):  # warm up: imports, prepared statements, template cache
        token = answer(n)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
    backend_started = backend_cpu_seconds(backend)
    times, cpu_times, db_times, counts = [], [], [], []
    profiler = None
    if args.profile:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.0002)
        profiler.start()
    if args.cprofile:
        import cProfile

        profiler = cProfile.Profile(time.process_time)  # CPU time: waiting on the database left out
        profiler.enable()
    sample: list[tuple[str, float]] = []
    for n in range(args.answers):
        trips.reset()
        started, cpu_started = time.perf_counter(), time.process_time()
        token = answer(n)
        times.append(time.perf_counter() - started)
        cpu_times.append(time.process_time() - cpu_started)
        db_times.append(sum(t for _, t in trips.log))
        counts.append(len(trips.log))
        if n == args.answers // 2:
            sample = list(trips.log)
    backend_ended = backend_cpu_seconds(backend)
    if args.cprofile:
        profiler.disable()
    elif profiler is not None:
        profiler.stop()
    ms = [t * 1000 for t in times]

    def server_setting(name: str) -> str:
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_setting(%s)", [name])
            return cursor.fetchone()[0]

    db_ms = [t * 1000 for t in db_times]
    print(
        f"{args.answers} answers, {args.items} items, {args.history} studied, {connection.vendor}, "
        f"CONN_MAX_AGE={connection.settings_dict['CONN_MAX_AGE']}, "
        f"health checks {'on' if connection.settings_dict['CONN_HEALTH_CHECKS'] else 'off'}, "
        f"pool {'on' if connection.settings_dict.get('OPTIONS', {}).get('pool') else 'off'}, "
        f"prepare_threshold {connection.connection.prepare_threshold}, "
        f"plan_cache_mode {server_setting('plan_cache_mode')}"
    )
    print(
        f"server time per answer: mean {statistics.mean(ms):.2f} ms, median {statistics.median(ms):.2f} ms, "
        f"p90 {statistics.quantiles(ms, n=10)[8]:.2f} ms; of which database round trips "
        f"{statistics.mean(db_ms):.2f} ms (median {statistics.median(db_ms):.2f})"
    )
    print(
        f"CPU time of this process per answer (Python, psycopg, no waiting): mean "
        f"{statistics.mean(cpu_times) * 1000:.2f} ms, median {statistics.median(cpu_times) * 1000:.2f} ms"
    )
    if backend_started is not None and backend_ended is not None:
        backend_ms = (backend_ended - backend_started) * 1000 / args.answers
        print(
            f"CPU time of its PostgreSQL backend per answer: {backend_ms:.2f} ms (so app + database "
            f"{statistics.mean(cpu_times) * 1000 + backend_ms:.2f} ms of CPU per answer; load average "
            f"{os.getloadavg()[0]:.2f})"
        )
    print(f"round trips per answer: min {min(counts)}, max {max(counts)}, mean {statistics.mean(counts):.2f}")
    if args.sql:
        for label, seconds in sample:
            print(f"  {seconds * 1000:6.2f} ms  {label}")
    if args.explain:
        print(explain_next_card())
    if args.cprofile:
        import pstats

        pstats.Stats(profiler).sort_stats("cumulative").print_stats(60)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(40)
    elif profiler is not None:
        print(profiler.output_text(unicode=True, color=False, show_all=bool(os.environ.get("PROFILE_ALL"))))


if __name__ == "__main__":
    main()
