from django.db import migrations, models


class Migration(migrations.Migration):
    """Limits record their qualifier and evidence; a number the reader is unsure of is an untaught note."""

    dependencies = [("notes", "0003_ingestrun_heartbeat")]

    operations = [
        migrations.AddField(
            model_name="fact",
            name="qualifier",
            field=models.CharField(
                blank=True,
                help_text='Limits: "maximum", "minimum", "default", "typical", "unsure" (a note) or blank (a plain value).',
                max_length=16,
            ),
        ),
        migrations.AddField(
            model_name="fact",
            name="evidence",
            field=models.TextField(
                blank=True,
                help_text="The heading and parent lines that named the subject, outermost first, one a line.",
            ),
        ),
        migrations.AddField(
            model_name="fact",
            name="taught",
            field=models.BooleanField(
                default=True,
                help_text="False for a number the reader was not sure of: a note on the topic page, no item.",
            ),
        ),
    ]
