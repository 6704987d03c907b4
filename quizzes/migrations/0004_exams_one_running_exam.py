"""One running exam per learner, as a partial unique constraint.

Learners who already hold more than one running attempt (the race this closes) keep the newest;
the older ones are closed as timed out, with an empty report, so the constraint can be added."""

from django.conf import settings
from django.db import migrations, models


def close_extra_running_attempts(apps, schema_editor):
    ExamAttempt = apps.get_model("quizzes", "ExamAttempt")
    seen: set[int] = set()
    running = ExamAttempt.objects.filter(submitted_at__isnull=True).order_by(
        "learner_id", "-started_at", "-pk"
    )
    for attempt in running:
        if attempt.learner_id in seen:
            attempt.submitted_at = attempt.deadline
            attempt.auto_submitted = True
            attempt.report = {"version": 1, "closed": "a second running exam of the same learner"}
            attempt.save(update_fields=["submitted_at", "auto_submitted", "report"])
        seen.add(attempt.learner_id)


class Migration(migrations.Migration):
    dependencies = [
        ("quizzes", "0003_item_retired_by_generation"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(close_extra_running_attempts, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="examattempt",
            constraint=models.UniqueConstraint(
                condition=models.Q(("submitted_at__isnull", True)),
                fields=("learner",),
                name="uniq_exam_running_per_learner",
            ),
        ),
    ]
