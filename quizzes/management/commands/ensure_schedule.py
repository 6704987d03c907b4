"""Create the default Celery beat schedule in the database if it is missing (idempotent)."""

from django.core.management.base import BaseCommand

from studyhub.schedule import schedule_ensure_defaults


class Command(BaseCommand):
    help = "Create the default periodic tasks (rollups, daily reminders, weekly emails) if missing."

    def handle(self, *args, **options) -> None:
        created = schedule_ensure_defaults()
        for name in created:
            self.stdout.write(f"created: {name}")
        if not created:
            self.stdout.write("the default schedule is in place")
