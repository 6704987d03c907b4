"""Benchmark of the weekly review email: 10,000 learners in a throw-away SQLite database.

    .venv/bin/python bench/weekly_email.py [--learners 10000] [--batch 500]

Runs the hourly rollup first (as beat does, at minute 0), then the weekly emails. Prints the time to
build and send every email (locmem backend: no network), and the SQL of each batch split into read
queries (constant, whatever the batch size) and the per-email claim (BEGIN, INSERT, COMMIT) and "sent"
UPDATE, which are the durability points of exactly-once and so one set per email by design.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TMP = Path(tempfile.mkdtemp(prefix="studyhub-bench-"))
os.environ["DATABASE_URL"] = f"sqlite:///{TMP / 'bench.sqlite3'}"
os.environ["STUDYHUB_VAR_DIR"] = str(TMP)
os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "studyhub.settings")

import django  # noqa: E402

django.setup()

from django.apps import apps  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.core import mail  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from notes.models import Topic  # noqa: E402
from quizzes.mail.selectors import weekly_emails_due  # noqa: E402
from quizzes.mail.services.emails import weekly_review_batch, weekly_reviews_send_batch  # noqa: E402
from quizzes.mail.services.rollups import rollups_refresh  # noqa: E402
from quizzes.models import CardState, Item, LearnerSettings, ReviewLog  # noqa: E402

NOW = dt.datetime(2025, 3, 10, 12, 0, tzinfo=dt.UTC)  # Monday noon UTC: every default slot has come
ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo", "Asia/Kolkata"]
CARDS_PER_LEARNER, REVIEWS_PER_LEARNER = 20, 10


def create_schema() -> None:
    with connection.schema_editor() as editor:
        for model in apps.get_models():
            editor.create_model(model)


def populate(n_learners: int) -> None:
    topics = Topic.objects.bulk_create([Topic(slug=f"topic-{i}", title=f"Topic {i}") for i in range(20)])
    items = Item.objects.bulk_create(
        [
            Item(
                key=f"item{i:040d}", topic=topics[i % 20], kind="limit", type="basic", front=f"Q{i}", back="A"
            )
            for i in range(200)
        ]
    )
    password = make_password("bench")
    users = User.objects.bulk_create(
        [
            User(username=f"learner{i}", email=f"learner{i}@example.com", password=password)
            for i in range(n_learners)
        ],
        batch_size=2000,
    )
    LearnerSettings.objects.bulk_create(
        [
            LearnerSettings(
                user=u, timezone=ZONES[i % len(ZONES)], exam_date=dt.date(2025, 4, 1) if i % 3 == 0 else None
            )
            for i, u in enumerate(users)
        ],
        batch_size=2000,
    )
    cards, logs = [], []
    for i, user in enumerate(users):
        for k in range(CARDS_PER_LEARNER):
            last = NOW - dt.timedelta(days=(i + k) % 9 + 1)
            cards.append(
                CardState(
                    learner=user,
                    item=items[(i + k) % 200],
                    due=NOW + dt.timedelta(hours=(i * 7 + k * 13) % 200 - 24),
                    state=2,
                    stability=1.0 + (k % 10),
                    last_review=last,
                    introduced_at=last,
                )
            )
        for k in range(REVIEWS_PER_LEARNER):
            logs.append(
                ReviewLog(
                    learner=user,
                    item=items[(i + k) % 200],
                    rating=1 + (i + k) % 4,
                    reviewed_at=NOW - dt.timedelta(days=k, hours=i % 5),
                    state_before=2,
                )
            )
    CardState.objects.bulk_create(cards, batch_size=5000)
    ReviewLog.objects.bulk_create(logs, batch_size=5000)


def captured(fn) -> tuple[object, list[str]]:
    connection.queries_log.clear()  # the log keeps 9,000 queries; start each measure empty
    with CaptureQueriesContext(connection) as ctx:
        result = fn()
    return result, [q["sql"] for q in ctx.captured_queries]


def is_claim_or_mark(sql: str) -> bool:
    return sql.startswith(
        ("BEGIN", "COMMIT", 'INSERT INTO "quizzes_weeklyemail"', 'UPDATE "quizzes_weeklyemail"')
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--learners", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=500)
    args = parser.parse_args()

    started = time.perf_counter()
    create_schema()
    populate(args.learners)
    print(f"populated {args.learners:,} learners in {time.perf_counter() - started:.1f}s ({TMP})")

    # Production order: the hourly rollup (minute 0) refreshes the snapshots the emails (minute 15) read.
    ids = list(User.objects.order_by("id").values_list("id", flat=True))
    started = time.perf_counter()
    statements = 0
    for i in range(0, len(ids), args.batch):
        _, sqls = captured(lambda i=i: rollups_refresh(learner_ids=ids[i : i + args.batch], now=NOW))
        statements += len(sqls)
    print(
        f"hourly rollup of {len(ids):,} learners: {time.perf_counter() - started:.1f}s, {statements:,} statements "
        f"(snapshot upserts are chunked by the database's parameter limit: 999 on SQLite)"
    )
    for size in (10, 100, 1000):
        _, sqls = captured(lambda size=size: weekly_review_batch(learner_ids=ids[:size], now=NOW))
        print(f"read queries to build a batch of {size:>5,} emails: {len(sqls)}")

    started = time.perf_counter()
    due = weekly_emails_due(now=NOW)
    batches = [
        (week, ids[i : i + args.batch]) for week, ids in due.items() for i in range(0, len(ids), args.batch)
    ]
    print(f"dispatch found {sum(len(v) for v in due.values()):,} learners, {len(batches)} batches")
    for number, (week, chunk) in enumerate(batches, 1):
        t0 = time.perf_counter()
        result, sqls = captured(
            lambda week=week, chunk=chunk: weekly_reviews_send_batch(
                learner_ids=chunk, iso_week=week, now=NOW
            )
        )
        writes = sum(1 for sql in sqls if is_claim_or_mark(sql))
        print(
            f"batch {number:>3} {week}: {len(chunk):>4} learners, {len(result.sent):>4} sent, "
            f"{len(sqls) - writes:>3} read queries + {writes} claim/mark statements "
            f"({writes / max(len(result.sent) + len(result.skipped), 1):.0f} per email), {time.perf_counter() - t0:.2f}s"
        )
    elapsed = time.perf_counter() - started
    print(
        f"total: {len(mail.outbox):,} emails in {elapsed:.1f}s ({1000 * elapsed / max(len(mail.outbox), 1):.1f} ms each)"
    )


if __name__ == "__main__":
    main()
