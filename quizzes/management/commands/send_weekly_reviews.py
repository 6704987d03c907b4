"""Send, for the current ISO week, every weekly review email not yet sent, whatever each learner's
chosen weekday and hour: the operator's catch-up after an outage. Runs the same service as the task."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from quizzes.mail.services.emails import weekly_reviews_catch_up, weekly_reviews_plan


class Command(BaseCommand):
    help = "Send every weekly review email of the current ISO week that has not been sent yet."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Print who would get what; send nothing.")
        parser.add_argument("--learner", metavar="NAME", help="Only this learner (username).")

    def handle(self, *args, dry_run: bool, learner: str | None, **options) -> None:
        now = timezone.now()
        if dry_run:
            planned = weekly_reviews_plan(now=now, username=learner)
            for email in planned:
                if email.error:
                    what = f"cannot be made ({email.error}): would be a dead letter"
                elif email.subject:
                    what = f'"{email.subject}"'
                else:
                    what = "nothing to study: no email (recorded as skipped)"
                self.stdout.write(f"{email.iso_week}  {email.username} <{email.email}>  {what}")
            self.stdout.write(f"{len(planned)} learner(s) without this week's email; nothing sent (dry run)")
            return
        result, errors = weekly_reviews_catch_up(now=now, username=learner)
        self.stdout.write(
            f"sent {len(result.sent)}, skipped {len(result.skipped)} (nothing to study), "
            f"already claimed {len(result.not_claimed)}, failed {len(result.failed)}, "
            f"dead letters {len(result.dead)} (see the admin)"
        )
        if errors:
            raise CommandError(
                f"{len(errors)} batch(es) had send errors, last: {errors[-1]!r}; run again to retry"
            )
