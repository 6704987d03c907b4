"""App config; creates the ``instructors`` group with its authoring permissions after migrate."""

from __future__ import annotations

from django.apps import AppConfig
from django.db.models.signals import post_migrate

INSTRUCTOR_APPS = ("notes", "quizzes", "django_celery_beat")  # beat: instructors see and change the schedule


def ensure_instructors_group(sender, **kwargs) -> None:
    """Runs after each app migrates (permissions of later apps appear late); idempotent."""
    from django.contrib.auth.models import Group, Permission

    if sender.label not in INSTRUCTOR_APPS:
        return

    group, _ = Group.objects.get_or_create(name="instructors")
    perms = Permission.objects.filter(content_type__app_label__in=INSTRUCTOR_APPS).exclude(
        content_type__model__in=(*INSTRUCTOR_EXCLUDED_MODELS, *INSTRUCTOR_LIMITED_MODELS)
    )
    group.permissions.add(*perms)
    for model, actions in INSTRUCTOR_LIMITED_MODELS.items():
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label__in=INSTRUCTOR_APPS,
                codename__in=[f"{action}_{model}" for action in actions],
            )
        )


# Learners' own records: instructors may see statistics, never edit a learner's answers.
INSTRUCTOR_EXCLUDED_MODELS = (
    "cardstate",
    "reviewlog",
    "showncard",
    "learnersettings",
    "examattempt",
    "examquestion",
    "examanswer",
    "notification",
    "practiceattempt",
)

# Learner-written or computed records instructors may only partly touch: they view and resolve a
# learner's report (its reason and text stay read-only in the admin) and view the item statistics,
# which only the ``compute_item_statistics`` task writes.
INSTRUCTOR_LIMITED_MODELS = {
    "itemreport": ("view", "change"),
    "itemstatistics": ("view",),
}


class NotesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "notes"

    def ready(self) -> None:
        post_migrate.connect(ensure_instructors_group, dispatch_uid="notes.ensure_instructors_group")
