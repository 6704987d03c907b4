"""Admin of the mail records: weekly email receipts (read-only) and dead letters with a retry action."""

from __future__ import annotations

from django.contrib import admin, messages
from django.utils import timezone

from quizzes.mail.services.dead_letters import dead_letter_retry
from quizzes.models import DailyReminder, DeadLetter, WeeklyEmail


@admin.register(DeadLetter)
class DeadLetterAdmin(admin.ModelAdmin):
    list_display = ["task_name", "created_at", "retried_at", "short_error"]
    list_filter = ["task_name", ("retried_at", admin.EmptyFieldListFilter)]
    readonly_fields = ["task_name", "task_id", "args", "kwargs", "error", "created_at", "retried_at"]
    actions = ["retry"]

    @admin.display(description="error")
    def short_error(self, obj: DeadLetter) -> str:
        return obj.error.splitlines()[0][:120] if obj.error else ""

    @admin.action(description="Retry the selected tasks")
    def retry(self, request, queryset) -> None:
        now = timezone.now()
        for letter in queryset:
            dead_letter_retry(dead_letter_id=letter.pk, now=now)
        self.message_user(request, f"{queryset.count()} task(s) enqueued again.", messages.SUCCESS)

    def has_add_permission(self, request) -> bool:
        return False


class _ReceiptAdmin(admin.ModelAdmin):
    list_filter = ["status"]
    search_fields = ["learner__username", "learner__email"]
    list_select_related = ["learner"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(WeeklyEmail)
class WeeklyEmailAdmin(_ReceiptAdmin):
    list_display = ["learner", "iso_week", "status", "attempts", "claimed_at", "sent_at"]
    list_filter = ["status", "iso_week"]


@admin.register(DailyReminder)
class DailyReminderAdmin(_ReceiptAdmin):
    list_display = ["learner", "local_date", "status", "attempts", "claimed_at", "sent_at"]
    date_hierarchy = "local_date"
