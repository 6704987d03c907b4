"""The studyhub project app: connects the per-request database liveness check (studyhub/db.py)."""

from __future__ import annotations

from django.apps import AppConfig


class StudyhubConfig(AppConfig):
    name = "studyhub"

    def ready(self) -> None:
        from celery.signals import task_prerun
        from django.core.signals import request_started

        from studyhub.db import close_dead_connections

        request_started.connect(close_dead_connections, dispatch_uid="studyhub.close_dead_connections")
        task_prerun.connect(close_dead_connections, dispatch_uid="studyhub.close_dead_connections")
