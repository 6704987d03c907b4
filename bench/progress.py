"""The progress dashboard of a heavy learner: a year of reviews, rendered in-process on PostgreSQL.

    .venv/bin/python bench/progress.py [--reviews 100000] [--cards 2000] [--runs 5]

DATABASE_URL defaults to postgres://postgres@127.0.0.1:5432/studyhub_bench_progress (dropped and
created afresh, migrated and seeded). Prints the time of GET /progress/ (session, user, the dashboard's
queries, the template) and its number of queries. The heatmap and forecast are counted per local hour
in SQL, so at most 24 rows a day come back to Python whatever the number of reviews.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/studyhub_bench_progress"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reviews", type=int, default=100_000)
    parser.add_argument("--cards", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    url = os.environ.setdefault("DATABASE_URL", DEFAULT_DB)
    os.environ.update(
        DJANGO_SETTINGS_MODULE="studyhub.settings",
        DEBUG="0",
        SECRET_KEY="bench-only",
        SECURE_SSL_REDIRECT="0",
        ALLOWED_HOSTS="testserver",
    )
    from bench.review import ensure_database

    ensure_database(url)
    subprocess.run([sys.executable, "manage.py", "migrate", "--verbosity", "0"], cwd=ROOT, check=True)

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone
    from fsrs import Card, State

    from notes.models import Topic
    from quizzes.models import CardState, Item, LearnerSettings, ReviewLog

    rng = random.Random(3)
    now = timezone.now()
    topics = [Topic.objects.create(slug=f"t{n}", title=f"Topic {n}") for n in range(8)]
    items = Item.objects.bulk_create(
        Item(key=f"p{n}", topic=topics[n % 8], kind="limit", type="basic", front=f"Q{n}", back="A")
        for n in range(args.cards)
    )
    learner = get_user_model().objects.create_user("heavy", password="x")
    LearnerSettings.objects.create(user=learner, timezone="Europe/Berlin")
    states = []
    for item in items:
        last = now - timedelta(days=rng.uniform(0, 60))
        due = last + timedelta(days=rng.uniform(0, 60))
        card = Card(
            card_id=item.pk, state=State.Review, stability=20, difficulty=5, due=due, last_review=last
        )
        states.append(
            CardState(
                learner=learner,
                item=item,
                card=card.to_dict(),
                due=due,
                state=2,
                stability=20,
                difficulty=5,
                last_review=last,
                reps=4,
                introduced_at=last,
            )
        )
    CardState.objects.bulk_create(states)
    ReviewLog.objects.bulk_create(
        (
            ReviewLog(
                learner=learner,
                item=rng.choice(items),
                rating=rng.choice((1, 3, 3, 3, 4)),
                reviewed_at=now - timedelta(minutes=rng.randint(1, 525_000)),
                state_before=2,
            )
            for _ in range(args.reviews)
        ),
        batch_size=10_000,
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    client = Client()
    client.force_login(learner)
    client.get("/progress/")  # warm up
    timings = []
    for _ in range(args.runs):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get("/progress/")
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    rows = ReviewLog.objects.filter(learner=learner).count()
    print(f"{args.reviews:,} reviews over a year, {args.cards:,} cards, {url}")
    print(
        f"GET /progress/: median {statistics.median(timings):.0f} ms, "
        f"min {min(timings):.0f} ms, max {max(timings):.0f} ms over {args.runs} runs; "
        f"{len(queries.captured_queries)} queries ({rows:,} review rows in the database)"
    )


if __name__ == "__main__":
    main()
