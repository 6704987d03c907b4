"""Review throughput under a real server: gunicorn on PostgreSQL, concurrent learners answering
reviews over loopback, next to a bare Django view (/healthz) served by the same server in the same run,
and next to three floor views (bench/floor.py) that show what a request costs on this stack before it
does work of its own: the session + user lookups alone, those plus one write transaction, and that one
write transaction without a session (the least a request that records an answer can cost).

    .venv/bin/python bench/review.py [--learners 16] [--items 4000] [--history 1500] [--seconds 20] [--workers N]
                                     [--rounds 4] [--no-memory]

DATABASE_URL defaults to postgres://postgres@127.0.0.1:5432/studyhub_bench (dropped and created
afresh on every run, then migrated and seeded) and REDIS_URL to redis://127.0.0.1:6379/13 (as deployed:
the shared cache). Prints requests/s and p50/p95/p99 latency of each and the targets of issue #16 as
ratios of the same run: answer >= 0.5x the "logged in + one UPDATE" floor and >= 0.2x the bare view,
answer p99 <= 2x its p50; then a gunicorn started with one worker answers 100 reviews and 1,900 more,
and its RSS after each is printed (target: within 10 %; --no-memory skips it).
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
DEFAULT_REDIS = "redis://127.0.0.1:6379/13"
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


def seed(*, learners: int, items: int, history: int) -> list[str]:
    """``items`` flashcards in sibling pairs (as generation makes them: two items per fact) and
    learners with a past: ``history`` cards each already in review (about a third due now), five
    review logs per card and the answered tokens of those reviews, so the planner statistics and the
    queue are those of a learner months in, not of empty tables. Returns session keys. Idempotent:
    every run resets the learners' study data to the same start."""
    import django

    django.setup()
    from datetime import timedelta

    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils import timezone
    from fsrs import Card, State

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
            sibling_group=f"bench-fact-{n // 2}",
        )
        for n in range(have, items)
    )
    item_ids = list(Item.objects.filter(key__startswith="bench-").order_by("pk").values_list("pk", flat=True))
    rng = random.Random(7)
    now = timezone.now()
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
        states, logs = [], []
        for item_id in rng.sample(item_ids, min(history, len(item_ids))):
            last = now - timedelta(days=rng.uniform(1, 60))
            due = last + timedelta(days=rng.uniform(1, 90))
            card = Card(
                card_id=item_id,
                state=State.Review,
                stability=rng.uniform(2, 60),
                difficulty=rng.uniform(2, 8),
                due=due,
                last_review=last,
            )
            states.append(
                CardState(
                    learner=user,
                    item_id=item_id,
                    card=card.to_dict(),
                    due=due,
                    state=2,
                    stability=card.stability,
                    difficulty=card.difficulty,
                    last_review=last,
                    reps=5,
                    introduced_at=last - timedelta(days=90),
                )
            )
            logs.extend(
                ReviewLog(
                    learner=user,
                    item_id=item_id,
                    rating=3,
                    reviewed_at=last - timedelta(days=3 * k),
                    duration_ms=4000,
                    mode="review",
                    was_new=k == 4,
                    state_before=None if k == 4 else 2,
                )
                for k in range(5)
            )
        CardState.objects.bulk_create(states, batch_size=2000)
        ReviewLog.objects.bulk_create(logs, batch_size=5000)
        ShownCard.objects.bulk_create(
            (
                ShownCard(
                    token=f"bench-{user.pk}-{k}",
                    learner=user,
                    item_id=log.item_id,
                    shown_at=log.reviewed_at,
                    answered_at=log.reviewed_at,
                )
                for k, log in enumerate(logs)
            ),
            batch_size=5000,
        )
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        keys.append(session.session_key)
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # planner statistics for the seeded history
            cursor.execute("ANALYZE")
    return keys


def learner_ids() -> list[int]:
    from quizzes.models import LearnerSettings

    return list(
        LearnerSettings.objects.filter(user__username__startswith="bench")
        .order_by("user_id")
        .values_list("user_id", flat=True)
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(port: int, timeout: float = 120) -> None:  # a loaded machine boots slowly
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

    def __init__(
        self,
        port: int,
        session_key: str | None,
        stop_at: float,
        *,
        path: str | None = None,
        limit: int | None = None,
    ) -> None:
        super().__init__(daemon=True)
        self.port, self.session_key, self.stop_at, self.path = port, session_key, stop_at, path
        self.limit = limit  # answers to send at most (None: until stop_at)
        self.latencies: list[float] = []
        self.errors = 0

    def _conn(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)

    def run(self) -> None:
        if self.path is not None:
            self._run_get(self.path)
        else:
            self._run_reviews()

    def _run_get(self, path: str) -> None:
        conn = self._conn()
        headers = {"Cookie": f"sessionid={self.session_key}"} if self.session_key else {}
        while time.monotonic() < self.stop_at:
            started = time.perf_counter()
            conn.request("GET", path, headers=headers)
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
        while time.monotonic() < self.stop_at and (self.limit is None or len(self.latencies) < self.limit):
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


def drive(
    port: int, keys: list[str | None], seconds: float, *, path: str | None = None, fill: list | None = None
) -> tuple[list[float], int, float]:
    """Run one client thread per key for ``seconds``: review answers, or GETs of ``path`` (client i
    formats it with ``fill[i]``, so each has a row of its own). Returns (latencies, errors, elapsed)."""
    stop_at = time.monotonic() + seconds
    paths = [path.format(fill[i]) if path and fill else path for i in range(len(keys))]
    threads = [Learner(port, key, stop_at, path=p) for key, p in zip(keys, paths, strict=True)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [x for t in threads for x in t.latencies], sum(t.errors for t in threads), time.monotonic() - began


def summarize(runs: list[tuple[list[float], int, float]]) -> dict[str, float]:
    latencies = sorted(x for run in runs for x in run[0])
    if not latencies:
        raise SystemExit("no requests completed")
    cuts = statistics.quantiles(latencies, n=100)
    return {
        "requests": len(latencies),
        "errors": sum(run[1] for run in runs),
        "rps": len(latencies) / sum(run[2] for run in runs),
        "p50": cuts[49] * 1000,
        "p95": cuts[94] * 1000,
        "p99": cuts[98] * 1000,
    }


def worker_rss_kib(master: int) -> int:
    """Resident set size of the (single) gunicorn worker forked by ``master``, in KiB."""
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    if len(children) != 1:
        raise SystemExit(f"expected one gunicorn worker, found {children}")
    for line in Path(f"/proc/{children[0]}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise SystemExit("no VmRSS")


def answers(port: int, keys: list[str], total: int) -> int:
    """Send ``total`` review answers spread over one client per key; returns how many succeeded."""
    per = total // len(keys)
    threads = [Learner(port, key, time.monotonic() + 600, limit=per) for key in keys]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(len(t.latencies) - t.errors for t in threads)


def memory_phase(*, learners: int, items: int, history: int, clients: int = 4) -> tuple[int, int, int]:
    """One gunicorn worker: its RSS after 100 answers and after 2,000 (the same worker, counted from
    its first answer). Returns (rss after 100, rss after 2,000, answers that succeeded) in KiB."""
    keys = seed(learners=learners, items=items, history=history)[:clients]
    port = free_port()
    server = start_gunicorn(port=port, workers=1)
    try:
        wait_for(port)
        done = answers(port, keys, 100)
        early = worker_rss_kib(server.pid)
        done += answers(port, keys, 1900)
        late = worker_rss_kib(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return early, late, done


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=16)
    parser.add_argument("--items", type=int, default=4000)
    parser.add_argument("--history", type=int, default=1500, help="cards each learner has studied before")
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--workers", type=int, default=max(2, (os.cpu_count() or 1) * 2))
    parser.add_argument("--rounds", type=int, default=4, help="the phases take turns this many times")
    parser.add_argument("--no-memory", action="store_true", help="skip the one-worker RSS phase")
    args = parser.parse_args()

    url = os.environ.setdefault("DATABASE_URL", DEFAULT_DB)
    os.environ.setdefault("REDIS_URL", DEFAULT_REDIS)  # as deployed: shared cache, cached sessions
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
    keys = seed(learners=args.learners, items=args.items, history=args.history)

    port = free_port()
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.floor_settings"  # the app's settings plus the floor views
    server = start_gunicorn(port=port, workers=args.workers)
    try:
        wait_for(port)
        drive(port, keys[:2], 2)  # warm up connections and code paths
        keys = seed(learners=args.learners, items=args.items, history=args.history)
        phases: dict[str, list] = {name: [] for name in ("answer", "bare", "whoami", "touch", "write")}
        share = args.seconds / args.rounds
        for _round in range(args.rounds):  # the phases take turns, so a change of load hits them all
            phases["answer"].append(drive(port, keys, share))
            phases["bare"].append(drive(port, [None] * args.learners, share, path="/healthz"))
            phases["whoami"].append(drive(port, keys, share, path="/bench/whoami"))
            phases["touch"].append(drive(port, keys, share, path="/bench/touch"))
            phases["write"].append(
                drive(
                    port, [None] * len(keys), share, path="/bench/write/{}", fill=learner_ids()[: len(keys)]
                )
            )
        answer, bare, whoami, touch, write = (summarize(phases[name]) for name in phases)
    finally:
        server.terminate()
        server.wait(timeout=30)
    memory = (
        None
        if args.no_memory
        else memory_phase(learners=args.learners, items=args.items, history=args.history)
    )

    print(
        f"gunicorn {args.workers} sync workers, {args.learners} concurrent clients, {args.seconds:.0f} s each "
        f"(in {args.rounds} turns), "
        f"{args.items} items, {args.history} studied per learner, {url}"
    )
    print(f"{'':34}{'req/s':>10}{'p50 ms':>10}{'p95 ms':>10}{'p99 ms':>10}{'requests':>10}{'errors':>8}")
    rows = (
        ("review answer + next card", answer),
        ("bare view /healthz", bare),
        ("floor: logged in, no work", whoami),
        ("floor: logged in + one UPDATE", touch),
        ("floor: one UPDATE, no session", write),
    )
    for label, row in rows:
        print(
            f"{label:34}{row['rps']:>10.1f}{row['p50']:>10.1f}{row['p95']:>10.1f}{row['p99']:>10.1f}"
            f"{row['requests']:>10}{row['errors']:>8}"
        )
    print(verdicts(answer=answer, bare=bare, whoami=whoami, touch=touch, write=write, memory=memory))


def verdicts(*, answer: dict, bare: dict, whoami: dict, touch: dict, write: dict, memory) -> str:
    """The issue's targets (#16) as ratios of this run's own figures, each with met / NOT met."""

    def verdict(ok: bool) -> str:
        return "met" if ok else "NOT met"

    to_floor, to_bare = answer["rps"] / touch["rps"], answer["rps"] / bare["rps"]
    tail = answer["p99"] / answer["p50"]
    lines = [
        f"answer / floor 'logged in + one UPDATE' = {to_floor:.2f} (target >= 0.50: {verdict(to_floor >= 0.5)})",
        f"answer / bare view = {to_bare:.2f} (target >= 0.20: {verdict(to_bare >= 0.2)})",
        f"answer p99 / p50 = {tail:.2f} (target <= 2.00: {verdict(tail <= 2)})",
        f"floor ratios to the bare view: logged in {whoami['rps'] / bare['rps']:.2f}, "
        f"logged in + one UPDATE {touch['rps'] / bare['rps']:.2f}, "
        f"one UPDATE without a session {write['rps'] / bare['rps']:.2f}",
    ]
    if memory is not None:
        early, late, done = memory
        growth = late / early - 1
        lines.append(
            f"one gunicorn worker's RSS: {early / 1024:.1f} MiB after 100 answers, {late / 1024:.1f} MiB after "
            f"2,000 ({done} answered), {growth:+.1%} (target within 10 %: {verdict(abs(growth) <= 0.10)})"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
