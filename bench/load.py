"""Load and a broker outage, bounded and on loopback: gunicorn on PostgreSQL with a Redis-backed Celery
worker, 50 concurrent learners answering reviews and exam questions for 60 s while an instructor
uploads notes; Redis is stopped in the middle of the run and started again.

    .venv/bin/python bench/load.py [--learners 50] [--exam-learners 10] [--seconds 60] [--workers N]
                                   [--outage-at 20] [--outage-for 15] [--bare-seconds 15]

Prints throughput and p50/p95/p99 of review answers, exam answers and uploads, then the bare view
(/healthz) on the same server and the ratio; then checks that nothing was lost or applied twice:
stored ReviewLog rows == distinct answers acknowledged (every 10th answer is deliberately replayed
with the same one-time token), stored exam answers == acknowledged positions, and every upload made
while Redis was down is ingested exactly once after it is back (outbox relay, as beat does).

DATABASE_URL defaults to postgres://postgres@127.0.0.1:5432/studyhub_load (dropped and recreated on
every run). Redis is a private redis-server on a free port, never the shared one.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.review import CSRF, TOKEN, free_port, start_gunicorn, wait_for  # noqa: E402
from tests.faults.private_services import PrivateRedis  # noqa: E402

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/studyhub_load"
REPLAY_EVERY = 10
NOTES = b"# Amazon SQS\n\n- Messages can be up to 256 KB in size\n- Retention: up to 14 days\n"


def recreate_database(url: str) -> None:
    import psycopg

    parts = urllib.parse.urlparse(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def schema_from_models(app_labels: tuple[str, ...] = ("notes", "quizzes")) -> None:
    """Rebuild the tables of our apps from the models, as ``pytest --no-migrations`` does: the working
    tree holds model changes whose migrations the lead has not written yet."""
    from django.apps import apps
    from django.db import connection

    models = [
        m for label in app_labels for m in apps.get_app_config(label).get_models(include_auto_created=True)
    ]
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f'DROP TABLE IF EXISTS "{model._meta.db_table}" CASCADE')
    with connection.schema_editor() as editor:
        for model in models:
            if model._meta.managed and not model._meta.auto_created:
                editor.create_model(model)


def session_for(user) -> str:
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def seed(*, learners: int, cards: int, questions: int) -> tuple[list[str], str]:
    """Flashcards and published exam questions (bulk_create), learners and an instructor; ANALYZE."""
    from django.contrib.auth import get_user_model
    from django.db import connection

    from notes.models import Topic
    from quizzes.models import Item, LearnerSettings

    topic = Topic.objects.create(slug="bench", title="Bench")
    Item.objects.bulk_create(
        [
            Item(
                key=f"card-{n}",
                topic=topic,
                kind="limit",
                type="basic",
                front=f"Card {n}?",
                back=f"{n}",
                sibling_group=f"card-{n}",
            )
            for n in range(cards)
        ]
        + [
            Item(
                key=f"question-{n}",
                topic=topic,
                kind="concept",
                type="single",
                stem=f"Question {n}?",
                choices=[{"text": f"right {n}", "correct": True}, {"text": f"wrong {n}", "correct": False}],
                sibling_group=f"question-{n}",
            )
            for n in range(questions)
        ],
        batch_size=1000,
    )
    User = get_user_model()
    users = User.objects.bulk_create([User(username=f"learner{n}", password="!") for n in range(learners)])
    LearnerSettings.objects.bulk_create(
        [LearnerSettings(user=u, new_per_day=1000, max_reviews_per_day=10000) for u in users]
    )
    admin = User.objects.create_superuser("instructor", "instructor@example.com", None)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return [session_for(u) for u in users], session_for(admin)


class Client(threading.Thread):
    """One learner (or the instructor) on one keep-alive connection, recording each round trip."""

    def __init__(self, port: int, session_key: str, stop_at: float, kind: str) -> None:
        super().__init__(daemon=True)
        self.port, self.stop_at, self.kind = port, stop_at, kind
        self.cookie = f"sessionid={session_key}"
        self.latencies: list[float] = []
        self.errors: list[str] = []
        self.acked: set[str] = set()  # review tokens (or exam "attempt:position") acknowledged
        self.replays = 0
        self.statuses: list[int] = []

    def run(self) -> None:
        try:
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            page = self.get("/study/")
            self.headers = {
                "Cookie": self.cookie + f"; csrftoken={self.csrf_cookie}",
                "X-CSRFToken": CSRF.search(page).group(1),
                "Referer": f"http://127.0.0.1:{self.port}/study/",
            }
            {"review": self.reviews, "exam": self.exam, "upload": self.uploads}[self.kind](page)
        except Exception as exc:  # noqa: BLE001 - a bench records, it does not stop
            self.errors.append(f"{type(exc).__name__}: {exc}")

    def get(self, path: str) -> str:
        self.conn.request("GET", path, headers={"Cookie": self.cookie})
        response = self.conn.getresponse()
        body = response.read().decode()
        found = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie", "") or "")
        if found:
            self.csrf_cookie = found.group(1)
        return body

    def post(self, path: str, body: bytes, content_type: str, htmx: bool = True) -> tuple[int, str, float]:
        headers = {**self.headers, "Content-Type": content_type}
        if htmx:
            headers["HX-Request"] = "true"
        started = time.perf_counter()
        self.conn.request("POST", path, body=body, headers=headers)
        response = self.conn.getresponse()
        text = response.read().decode(errors="replace")
        elapsed = time.perf_counter() - started
        self.location = response.getheader("Location") or ""
        self.latencies.append(elapsed)
        self.statuses.append(response.status)
        return response.status, text, elapsed

    def reviews(self, page: str) -> None:
        token, previous, answered = TOKEN.search(page).group(1), None, 0
        form = "application/x-www-form-urlencoded"
        while time.monotonic() < self.stop_at:
            replay = previous is not None and answered % REPLAY_EVERY == REPLAY_EVERY - 1
            sent = previous if replay else token
            body = urllib.parse.urlencode({"token": sent, "rating": random.choice((2, 3, 3, 3, 4))}).encode()
            status, fragment, _ = self.post("/study/answer/", body, form)
            if status != 200:
                self.errors.append(f"answer {status}")
                continue
            if replay:
                self.replays += 1
                answered += 1
                continue  # the replay is acknowledged but must not count again; keep the current card
            self.acked.add(sent)
            answered += 1
            match = TOKEN.search(fragment)
            if match is None:
                self.errors.append("no next card")
                return
            previous, token = sent, match.group(1)

    def exam(self, page: str) -> None:
        form = "application/x-www-form-urlencoded"
        body = urllib.parse.urlencode({"length": 65, "time_limit_minutes": 130}).encode()
        status, _, _ = self.post("/exam/", body, form, htmx=False)
        self.latencies.pop()  # starting the exam is not an answer
        self.statuses.pop()
        location = self.location
        attempt = re.search(r"/exam/(\d+)/", location)
        if status != 302 or attempt is None:
            self.errors.append(f"exam start {status} {location!r}")
            return
        attempt_id, position = int(attempt.group(1)), 1
        while time.monotonic() < self.stop_at:
            body = urllib.parse.urlencode({"choice": random.choice((0, 1)), "go": "next"}).encode()
            status, _, _ = self.post(f"/exam/{attempt_id}/q/{position}/", body, form)
            if status == 200:
                self.acked.add(f"{attempt_id}:{position}")
            else:
                self.errors.append(f"exam answer {status}")
            position = position % 65 + 1

    def uploads(self, page: str) -> None:
        n = 0
        while time.monotonic() < self.stop_at:
            boundary = f"bench{random.getrandbits(64):x}"
            body = (
                f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="load-{n}.md"\r\n'
                f"Content-Type: text/markdown\r\n\r\n".encode()
                + NOTES.replace(b"14 days", f"{n % 14 + 1} days".encode())
                + f"\r\n--{boundary}--\r\n".encode()
            )
            status, _, _ = self.post(
                "/admin/notes/source/upload/", body, f"multipart/form-data; boundary={boundary}", htmx=False
            )
            if status != 302:
                self.errors.append(f"upload {status}")
            n += 1
            time.sleep(1.0)


def summarize(clients: list[Client], elapsed: float) -> dict[str, float]:
    latencies = sorted(x for c in clients for x in c.latencies)
    if len(latencies) < 2:
        return {
            "requests": len(latencies),
            "errors": sum(len(c.errors) for c in clients),
            "rps": 0,
            "p50": 0,
            "p95": 0,
            "p99": 0,
        }
    cuts = statistics.quantiles(latencies, n=100)
    return {
        "requests": len(latencies),
        "errors": sum(len(c.errors) for c in clients),
        "rps": len(latencies) / elapsed,
        "p50": cuts[49] * 1000,
        "p95": cuts[94] * 1000,
        "p99": cuts[98] * 1000,
    }


def bare(port: int, clients: int, seconds: float) -> dict[str, float]:
    stop_at = time.monotonic() + seconds
    latencies: list[list[float]] = [[] for _ in range(clients)]
    errors = [0] * clients

    def loop(i: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.monotonic() < stop_at:
            started = time.perf_counter()
            conn.request("GET", "/healthz")
            response = conn.getresponse()
            response.read()
            latencies[i].append(time.perf_counter() - started)
            errors[i] += response.status != 200

    threads = [threading.Thread(target=loop, args=(i,), daemon=True) for i in range(clients)]
    began = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    flat = sorted(x for row in latencies for x in row)
    cuts = statistics.quantiles(flat, n=100)
    return {
        "requests": len(flat),
        "errors": sum(errors),
        "rps": len(flat) / (time.monotonic() - began),
        "p50": cuts[49] * 1000,
        "p95": cuts[94] * 1000,
        "p99": cuts[98] * 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=50)
    parser.add_argument("--exam-learners", type=int, default=10, help="of the learners, how many sit an exam")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=max(2, (os.cpu_count() or 1) * 2))
    parser.add_argument("--outage-at", type=float, default=20, help="seconds into the run Redis stops")
    parser.add_argument(
        "--outage-for", type=float, default=15, help="how long Redis stays down (0: no outage)"
    )
    parser.add_argument("--bare-seconds", type=float, default=15)
    args = parser.parse_args()

    url = os.environ.setdefault("DATABASE_URL", DEFAULT_DB)
    redis = PrivateRedis()
    os.environ.update(
        DJANGO_SETTINGS_MODULE="studyhub.settings",
        DEBUG="0",
        SECRET_KEY="bench-only-secret",
        CONN_MAX_AGE="60",
        SECURE_SSL_REDIRECT="0",
        REDIS_URL=redis.url,
    )
    recreate_database(url)
    subprocess.run([sys.executable, "manage.py", "migrate", "--verbosity", "0"], cwd=ROOT, check=True)
    import django

    django.setup()
    schema_from_models()
    keys, instructor = seed(learners=args.learners, cards=3000, questions=300)

    logs = Path(tempfile.mkdtemp(prefix="studyhub-load-"))
    redis.start()
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "studyhub",
            "worker",
            "--pool",
            "solo",
            "--loglevel",
            "INFO",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=ROOT,
        stdout=(logs / "worker.log").open("w"),
        stderr=subprocess.STDOUT,
    )
    port = free_port()
    server = start_gunicorn(port=port, workers=args.workers, log=logs / "gunicorn.log")
    outage: dict[str, float] = {}
    try:
        wait_for(port)
        stop_at = time.monotonic() + args.seconds
        exam_n = min(args.exam_learners, len(keys))
        clients = [Client(port, key, stop_at, "review") for key in keys[exam_n:]]
        clients += [Client(port, key, stop_at, "exam") for key in keys[:exam_n]]
        clients.append(Client(port, instructor, stop_at, "upload"))
        began = time.monotonic()
        for c in clients:
            c.start()
        if args.outage_for > 0:
            time.sleep(args.outage_at)
            redis.stop()
            outage["stopped"] = time.monotonic() - began
            time.sleep(args.outage_for)
            redis.start()
            outage["started"] = time.monotonic() - began
        for c in clients:
            c.join()
        elapsed = time.monotonic() - began
        baseline = bare(port, args.learners, args.bare_seconds)

        from notes.models import IngestRun
        from quizzes.models import ExamQuestion, OutboxMessage, ReviewLog
        from studyhub.outbox.services import outbox_relay

        waiting = OutboxMessage.objects.filter(sent_at=None).count()
        relay_started = time.monotonic()
        relayed = outbox_relay(limit=1000)  # what beat's every-minute relay does
        runs = IngestRun.objects.count()
        deadline = time.monotonic() + 180
        while (
            IngestRun.objects.filter(status=IngestRun.Status.DONE).count() < runs
            and time.monotonic() < deadline
        ):
            time.sleep(0.5)
        drained = time.monotonic() - relay_started
        done_runs = IngestRun.objects.filter(status=IngestRun.Status.DONE).count()
        resent = outbox_relay(limit=1000)
        stored_reviews = ReviewLog.objects.count()
        stored_exam = ExamQuestion.objects.filter(answered_at__isnull=False).count()
    finally:
        server.terminate()
        server.wait(timeout=30)
        worker.terminate()
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
        redis.stop()

    received = len(
        re.findall(r"Task notes\.tasks\.ingest_run\[[^\]]+\] received", (logs / "worker.log").read_text())
    )
    groups = {kind: [c for c in clients if c.kind == kind] for kind in ("review", "exam", "upload")}
    rows = {kind: summarize(group, elapsed) for kind, group in groups.items()}
    reviews_acked = sum(len(c.acked) for c in groups["review"])
    exam_acked = sum(len(c.acked) for c in groups["exam"])
    replays = sum(c.replays for c in groups["review"])
    uploads = sum(c.statuses.count(302) for c in groups["upload"])

    print(
        f"{os.cpu_count()} cores; gunicorn {args.workers} sync workers; 1 Celery worker (solo) on a private Redis; {url}"
    )
    print(
        f"{len(groups['review'])} review learners + {len(groups['exam'])} exam learners + 1 instructor uploading, {elapsed:.0f} s"
    )
    if outage:
        print(f"Redis stopped at {outage['stopped']:.1f} s, started again at {outage['started']:.1f} s")
    print(f"{'':26}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'requests':>10}{'errors':>8}")
    labels = {
        "review": "review answer + next",
        "exam": "exam answer (htmx save)",
        "upload": "admin upload (outbox)",
    }
    for kind, row in [*rows.items(), ("bare", baseline)]:
        label = labels.get(kind, "bare view /healthz")
        print(
            f"{label:26}{row['rps']:>9.1f}{row['p50']:>9.1f}{row['p95']:>9.1f}{row['p99']:>9.1f}{row['requests']:>10}{row['errors']:>8}"
        )
    answers_rps = rows["review"]["rps"] + rows["exam"]["rps"]
    print(
        f"answers (review + exam) {answers_rps:.1f} req/s; ratio to the bare view = {answers_rps / baseline['rps']:.2f}"
    )
    print(
        f"review answers acknowledged {reviews_acked} (+{replays} deliberate replays) -> ReviewLog rows {stored_reviews}: "
        f"{'OK' if stored_reviews == reviews_acked else 'MISMATCH'}"
    )
    print(
        f"exam positions acknowledged {exam_acked} -> stored answers {stored_exam}: "
        f"{'OK' if stored_exam == exam_acked else 'MISMATCH'}"
    )
    print(
        f"uploads acknowledged {uploads}; outbox rows unsent after the run {waiting}, relayed {relayed}; "
        f"ingest runs done {done_runs}/{runs} in {drained:.1f} s; ingest tasks received by the worker {received}; "
        f"second relay sent {resent}: {'OK' if done_runs == runs == uploads == received and resent == 0 else 'MISMATCH'}"
    )
    errors = [e for c in clients for e in c.errors]
    if errors:
        print("errors (first 5):", errors[:5])
    print(f"logs in {logs}")


if __name__ == "__main__":
    main()
