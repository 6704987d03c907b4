"""Two processes ingesting the same file at once (real row locks: PostgreSQL)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from notes.models import Fact, Source, SourceLine
from notes.services.ingest import ingest_bytes

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres]

NOTES = b"# AWS Lambda\n\n- Maximum execution time: 900 seconds\n- Memory: 128 MB to 10,240 MB\n"


def ingest_concurrently(times: int) -> list:
    barrier = threading.Barrier(times)
    results: list = []

    def work() -> None:
        barrier.wait()
        try:
            results.append(ingest_bytes(name="lambda.md", data=NOTES))
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_concurrent_ingests_of_one_file_store_it_once():
    results = ingest_concurrently(4)
    assert all(r.ok for r in results) and len(results) == 4
    assert Source.objects.count() == 1
    assert SourceLine.objects.filter(text__contains="execution time").count() == 1
    assert Fact.objects.filter(magnitude=900).count() == 1
