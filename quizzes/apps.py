"""App config for quizzes; makes sure the default beat schedule exists after every migrate."""

from __future__ import annotations

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def ensure_default_schedule(sender, **kwargs) -> None:
    """Create the missing default periodic tasks (never overwrites an instructor's edits)."""
    from quizzes.services.schedule import schedule_ensure_defaults

    schedule_ensure_defaults()


class QuizzesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "quizzes"

    def ready(self) -> None:
        post_migrate.connect(
            ensure_default_schedule, sender=self, dispatch_uid="quizzes.ensure_default_schedule"
        )
