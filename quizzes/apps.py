"""App config for quizzes: listens to what ``notes`` announces (regenerating and refiling items) and
makes sure the default beat schedule exists after every migrate."""

from __future__ import annotations

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def ensure_default_schedule(sender, **kwargs) -> None:
    """Create the missing default periodic tasks (never overwrites an instructor's edits)."""
    from studyhub.schedule import schedule_ensure_defaults

    schedule_ensure_defaults()


class QuizzesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "quizzes"

    def ready(self) -> None:
        from notes.signals import facts_changed, topic_merging
        from quizzes.bank.receivers import items_follow_merged_topic, items_regenerate_on_facts_changed

        post_migrate.connect(
            ensure_default_schedule, sender=self, dispatch_uid="quizzes.ensure_default_schedule"
        )
        facts_changed.connect(items_regenerate_on_facts_changed, dispatch_uid="quizzes.items_regenerate")
        topic_merging.connect(items_follow_merged_topic, dispatch_uid="quizzes.items_follow_topic")
