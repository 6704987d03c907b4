"""``manage.py load_demo``: ingest the demo notes in fixtures/ and create the demo users (idempotent)."""

from __future__ import annotations

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from notes.services.demo import demo_users_ensure


class Command(BaseCommand):
    help = "Load the demo notes and create a demo learner and a demo instructor (safe to run again)."

    def handle(self, *args, **options) -> None:
        call_command("ingest_notes", str(settings.BASE_DIR / "fixtures" / "notes"), stdout=self.stdout)
        for account in demo_users_ensure():
            self.stdout.write(
                self.style.SUCCESS(
                    f"demo {account.role}: username {account.username!r}, password {account.password!r}"
                )
            )
