"""Admin of the stored item statistics (read-only): facility, discrimination, how often each choice
was picked and open reports, with questions flagged for review first. The numbers come from the
``compute_item_statistics`` Celery task; "Recompute now" enqueues it."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.views.decorators.http import require_POST

from quizzes.models import ItemStatistics


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}%"


@admin.register(ItemStatistics)
class ItemStatisticsAdmin(admin.ModelAdmin):
    list_display = (
        "item_link",
        "topic",
        "attempts",
        "facility_display",
        "discrimination_display",
        "open_reports",
        "flagged",
        "flag_reasons",
        "computed_at",
    )
    list_filter = ("flagged", "item__topic", "item__kind", "item__type")
    list_select_related = ("item", "item__topic")
    search_fields = ("item__stem",)
    fields = (
        "item_link",
        "attempts",
        "exam_attempts",
        "facility_display",
        "discrimination_display",
        "choice_table",
        "open_reports",
        "flagged",
        "flag_reasons",
        "computed_at",
    )
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="question", ordering="item__stem")
    def item_link(self, obj: ItemStatistics) -> str:
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:quizzes_item_change", args=[obj.item_id]), str(obj.item)
        )

    @admin.display(description="topic", ordering="item__topic__title")
    def topic(self, obj: ItemStatistics) -> str:
        return obj.item.topic.title

    @admin.display(description="facility index", ordering="facility")
    def facility_display(self, obj: ItemStatistics) -> str:
        return _percent(obj.facility)

    @admin.display(description="discrimination index", ordering="discrimination")
    def discrimination_display(self, obj: ItemStatistics) -> str:
        return _percent(obj.discrimination)

    @admin.display(description="choices picked")
    def choice_table(self, obj: ItemStatistics) -> str:
        choices = obj.item.choices or []
        counts = list(obj.choice_counts or [])
        total = obj.attempts or 0
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    choice.get("text", ""),
                    "key" if choice.get("correct") else "distractor",
                    counts[i] if i < len(counts) else 0,
                    _percent(100.0 * counts[i] / total if total and i < len(counts) else None),
                )
                for i, choice in enumerate(choices)
            ),
        )
        return format_html(
            '<table class="choice-counts"><thead><tr><th>Choice</th><th></th><th>Picked</th><th>Share</th>'
            "</tr></thead><tbody>{}</tbody></table>",
            rows,
        )

    def get_urls(self):
        return [
            path(
                "recompute/",
                self.admin_site.admin_view(require_POST(self.recompute_view)),
                name="quizzes_itemstatistics_recompute",
            ),
            *super().get_urls(),
        ]

    def recompute_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        from studyhub.outbox.services import outbox_enqueue

        outbox_enqueue(task="quizzes.tasks.compute_item_statistics", args=[])
        self.message_user(request, "Item statistics are being recomputed; reload in a moment.", messages.INFO)
        return HttpResponseRedirect(reverse("admin:quizzes_itemstatistics_changelist"))
