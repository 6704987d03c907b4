"""Item statistics of a large question bank: time and peak Python memory of the nightly recompute, in
passes of ``CHUNK`` questions (as shipped) and in one pass over the whole bank (as before).

    .venv/bin/python bench/item_stats.py [--questions 400] [--practice 1000] [--exams 2000] [--length 65]

DATABASE_URL defaults to postgres://postgres@127.0.0.1:5432/studyhub_bench_stats (dropped and created
afresh, migrated and seeded): ``questions`` questions, ``practice`` practice answers each (one per
learner), and ``exams`` submitted mock exams of ``length`` questions. Peak memory is tracemalloc's:
the Python objects the recompute holds, not the process's RSS.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import time
import tracemalloc
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/studyhub_bench_stats"


def seed(*, questions: int, practice: int, exams: int, length: int) -> None:
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from notes.models import Topic
    from quizzes.models import ExamAttempt, ExamQuestion, Item, ReviewLog

    rng = random.Random(5)
    now = timezone.now()
    topic = Topic.objects.create(slug="bench", title="Bench")
    choices = [{"text": f"choice {n}", "correct": n == 0} for n in range(4)]
    Item.objects.bulk_create(
        Item(
            key=f"bench-q-{n}",
            topic=topic,
            kind="limit",
            type="single",
            stem=f"Bench question {n}?",
            choices=choices,
            choose=1,
        )
        for n in range(questions)
    )
    item_ids = list(Item.objects.order_by("pk").values_list("pk", flat=True))
    User = get_user_model()
    User.objects.bulk_create(User(username=f"stats{n}") for n in range(max(practice, exams)))
    user_ids = list(User.objects.order_by("pk").values_list("pk", flat=True))
    logs = (
        ReviewLog(
            learner_id=user_ids[k],
            item_id=item_id,
            rating=3,
            reviewed_at=now - timedelta(days=rng.uniform(0, 90)),
            mode="practice",
            correct=(pick := rng.randrange(4)) == 0,
            chosen=[pick],
        )
        for item_id in item_ids
        for k in range(practice)
    )
    ReviewLog.objects.bulk_create(logs, batch_size=5000)
    attempts = ExamAttempt.objects.bulk_create(
        ExamAttempt(
            learner_id=user_ids[k],
            started_at=now - timedelta(hours=3),
            deadline=now - timedelta(hours=1),
            submitted_at=now - timedelta(hours=2),
            length=length,
        )
        for k in range(exams)
    )
    rows = (
        ExamQuestion(
            attempt_id=attempt.pk,
            position=position,
            item_id=item_id,
            choice_order=[0, 1, 2, 3],
            correct=(pick := rng.randrange(4)) == 0,
            chosen=[pick],
        )
        for attempt in attempts
        for position, item_id in enumerate(rng.sample(item_ids, min(length, len(item_ids))), start=1)
    )
    ExamQuestion.objects.bulk_create(rows, batch_size=5000)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def measure(chunk: int) -> tuple[float, float, int]:
    import quizzes.bank.services.item_stats as service

    service.CHUNK = chunk
    tracemalloc.start()
    started = time.perf_counter()
    written = service.item_statistics_compute()
    seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return seconds, peak / 2**20, written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=400)
    parser.add_argument("--practice", type=int, default=1000, help="practice answers per question")
    parser.add_argument("--exams", type=int, default=2000)
    parser.add_argument("--length", type=int, default=65)
    args = parser.parse_args()
    url = os.environ.setdefault("DATABASE_URL", DEFAULT_DB)
    os.environ.update(DJANGO_SETTINGS_MODULE="studyhub.settings", DEBUG="0", SECRET_KEY="bench-only")
    from bench.review import ensure_database

    ensure_database(url)
    subprocess.run([sys.executable, "manage.py", "migrate", "--verbosity", "0"], cwd=ROOT, check=True)
    import django

    django.setup()
    started = time.perf_counter()
    seed(questions=args.questions, practice=args.practice, exams=args.exams, length=args.length)
    import quizzes.bank.services.item_stats as service

    shipped = service.CHUNK
    print(
        f"{args.questions} questions, {args.questions * args.practice:,} practice answers, "
        f"{args.exams * args.length:,} exam answers ({args.exams} exams); seeded in "
        f"{time.perf_counter() - started:.0f} s, {url}"
    )
    print(f"{'':34}{'seconds':>10}{'peak MB':>10}{'rows':>8}")
    for label, chunk in (
        (f"in passes of {shipped} questions", shipped),
        ("in one pass (the whole bank)", 10**9),
    ):
        seconds, peak, written = measure(chunk)
        print(f"{label:34}{seconds:>10.1f}{peak:>10.1f}{written:>8}")


if __name__ == "__main__":
    main()
