"""A thread harness for race tests: the same POST sent by many clients at once, each thread with its
own client and its own database connection, all released together by a barrier."""

from __future__ import annotations

import threading

from django.db import connection
from django.test import Client

JOIN_SECONDS = 60


def post_in_parallel(cookies, times: int, path: str, data: dict) -> list:
    """POST ``data`` to ``path`` from ``times`` threads at once as the session in ``cookies``; returns
    the responses (an exception raised in a thread is returned in its place)."""
    barrier = threading.Barrier(times)
    results: list = []
    lock = threading.Lock()

    def work() -> None:
        client = Client(raise_request_exception=False)
        client.cookies = cookies
        barrier.wait()
        try:
            response = client.post(path, data)
        except Exception as exc:  # noqa: BLE001 - reported to the test, which counts it as a failure
            response = exc
        finally:
            connection.close()
        with lock:
            results.append(response)

    threads = [threading.Thread(target=work) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=JOIN_SECONDS)
    return results
