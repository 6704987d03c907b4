"""The studyhub project app: connects the per-request database liveness check and lets psycopg cache
the long review statements' placeholder conversion (studyhub/db.py)."""

from __future__ import annotations

from django.apps import AppConfig


class StudyhubConfig(AppConfig):
    name = "studyhub"

    def ready(self) -> None:
        from celery.signals import task_prerun
        from django.core.signals import request_started

        from studyhub.db import cache_long_statements, close_dead_connections

        cache_long_statements()

        request_started.connect(close_dead_connections, dispatch_uid="studyhub.close_dead_connections")
        task_prerun.connect(close_dead_connections, dispatch_uid="studyhub.close_dead_connections")
