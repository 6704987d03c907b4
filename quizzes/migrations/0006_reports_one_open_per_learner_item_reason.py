"""One open report per learner, item and reason, as a partial unique constraint.

Duplicates already stored (the race this closes) are merged into the oldest open report: it keeps
the latest non-empty text of its duplicates, which are then deleted, so the constraint can be added."""

from django.conf import settings
from django.db import migrations, models


def merge_duplicate_open_reports(apps, schema_editor):
    ItemReport = apps.get_model("quizzes", "ItemReport")
    kept: dict[tuple[int, int, str], object] = {}
    duplicates: list[int] = []
    open_reports = ItemReport.objects.filter(resolved=False).order_by("created_at", "pk")
    for report in open_reports:
        key = (report.learner_id, report.item_id, report.reason)
        first = kept.get(key)
        if first is None:
            kept[key] = report
            continue
        duplicates.append(report.pk)
        if report.text and report.text != first.text:
            first.text = report.text
            first.save(update_fields=["text"])
    ItemReport.objects.filter(pk__in=duplicates).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("quizzes", "0005_study_queue_undo_browser"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(merge_duplicate_open_reports, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="itemreport",
            constraint=models.UniqueConstraint(
                condition=models.Q(("resolved", False)),
                fields=("learner", "item", "reason"),
                name="uniq_open_report_per_learner_item_reason",
            ),
        ),
    ]
