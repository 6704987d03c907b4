"""The Celery app an ingest integration test runs in its worker process: the production app from
``studyhub.celery`` with one test knob read from the environment —

STUDYHUB_TEST_SLOW_MARKER   fact extraction of a section mentioning this text takes
STUDYHUB_TEST_SLOW_SECONDS  this long (inside the file's transaction), so a test can kill the worker
                            while it is half-way through that file
"""

from __future__ import annotations

import os
import time

from celery.signals import task_prerun

from studyhub.celery import app

__all__ = ["app"]


@task_prerun.connect
def _slow_down_extraction(**_kwargs) -> None:
    import notes.services.ingest as ingest  # Django is set up by the time a task runs

    if getattr(ingest.extract_facts, "slowed", False):
        return
    marker = os.environ.get("STUDYHUB_TEST_SLOW_MARKER", "")
    seconds = float(os.environ.get("STUDYHUB_TEST_SLOW_SECONDS", "0"))
    real = ingest.extract_facts

    def extract(section, *args, **kwargs):
        if marker and any(marker in line.text for line in section.lines):
            time.sleep(seconds)
        return real(section, *args, **kwargs)

    extract.slowed = True
    ingest.extract_facts = extract
