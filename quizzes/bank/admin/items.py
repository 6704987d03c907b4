"""Admin of the question bank: items with their choices edited inline, a learner-identical preview,
bulk publish/retire/draft/regenerate, export of the selection (GIFT, JSON, Anki), import of a GIFT or
JSON file, and learners' reports (inline on the item and as a queue).

Bulk actions and the import write LogEntry rows (``LogEntry.objects.log_actions``) so the admin's
history shows them next to ordinary edits.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from quizzes.bank.forms import ItemAdminForm
from quizzes.bank.services.generation import INSTRUCTOR_WORDING
from quizzes.bank.services.importing import QuestionImportError
from quizzes.bank.services.item_bank import (
    item_authored_key,
    items_export_apkg,
    items_export_gift,
    items_export_json,
    items_import_upload,
    items_regenerate,
    items_set_status,
)
from quizzes.bank.services.reports import item_reports_resolve
from quizzes.models import Item, ItemReport, LearnerSettings, ShownCard
from quizzes.study.services.reviews import Feedback, StudyScreen


def _log_bulk(request: HttpRequest, items: QuerySet[Item], message: str, flag: int = CHANGE) -> None:
    LogEntry.objects.log_actions(
        user_id=request.user.pk, queryset=items, action_flag=flag, change_message=message
    )


class ImportForm(forms.Form):
    file = forms.FileField(help_text="A GIFT (.gift, .txt) or JSON (.json) file, as import_questions reads.")
    skip_invalid = forms.BooleanField(
        required=False,
        help_text="Import the good questions and skip the bad ones (otherwise nothing is imported).",
    )


class ItemReportInline(admin.TabularInline):
    model = ItemReport
    fields = ("created_at", "learner", "reason", "text", "resolved")
    readonly_fields = ("created_at", "learner", "reason", "text")
    extra = 0
    can_delete = False
    verbose_name_plural = "reports from learners"

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class OpenReportsFilter(admin.SimpleListFilter):
    title = "reports"
    parameter_name = "reports"

    def lookups(self, request, model_admin):
        return [("open", "Has open reports"), ("none", "No open reports")]

    def queryset(self, request, queryset):
        if self.value() == "open":
            return queryset.filter(n_open_reports__gt=0)
        if self.value() == "none":
            return queryset.filter(n_open_reports=0)
        return queryset


class FlaggedFilter(admin.SimpleListFilter):
    title = "statistics"
    parameter_name = "flagged"

    def lookups(self, request, model_admin):
        return [("yes", "Flagged for review")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(statistics__flagged=True)
        return queryset


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin):
    form = ItemAdminForm
    list_display = (
        "prompt_short",
        "topic",
        "kind",
        "type",
        "status",
        "origin",
        "facility",
        "open_reports",
        "updated",
    )
    list_filter = ("topic", "kind", "status", "origin", "type", OpenReportsFilter, FlaggedFilter)
    show_facets = admin.ShowFacets.ALWAYS
    search_fields = ("stem", "front")
    list_select_related = ("topic", "statistics")
    list_per_page = 50
    readonly_fields = ("key", "origin", "sources_list", "facts_list", "changed_note", "statistics_summary")
    inlines = [ItemReportInline]
    actions = (
        "publish",
        "retire",
        "send_to_draft",
        "regenerate",
        "export_gift",
        "export_json",
        "export_anki",
    )

    def has_delete_permission(self, request, obj=None) -> bool:
        # Deleting an item deletes every learner's reviews of it: retire it instead.
        return request.user.is_superuser and super().has_delete_permission(request, obj)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(n_open_reports=Count("reports", filter=Q(reports__resolved=False)))
        )

    def get_fieldsets(self, request, obj=None):
        head = (None, {"fields": ("topic", ("kind", "type", "status"))})
        question = ("Question", {"fields": ("stem", "choose", "choices", "explanation")})
        card = ("Flashcard", {"fields": ("front", "back")})
        about = (
            "Provenance",
            {"fields": ("key", "origin", "sources_list", "facts_list", "changed_note", "statistics_summary")},
        )
        if obj is None:
            return [head, question, card]
        return [head, question if obj.is_question else card, about]

    class Media:
        css = {"all": ("css/admin_bank.css",)}

    @admin.display(description="prompt", ordering="stem")
    def prompt_short(self, obj: Item) -> str:
        # One line, cut by CSS with an ellipsis; the whole prompt on hover and on the change page.
        prompt = obj.prompt or "—"
        return format_html('<span class="bank-prompt" title="{}">{}</span>', prompt, prompt)

    @admin.display(description="updated", ordering="updated_at")
    def updated(self, obj: Item) -> str:
        local = timezone.localtime(obj.updated_at)
        return format_html(
            '<time datetime="{}" title="{}">{}</time>',
            local.isoformat(),
            f"{local:%Y-%m-%d %H:%M}",
            f"{local:%Y-%m-%d}",
        )

    @admin.display(description="facility")
    def facility(self, obj: Item) -> str:
        stats = getattr(obj, "statistics", None)
        if stats is None or stats.facility is None:
            return "—"
        return f"{stats.facility:.0f}%{' ⚑' if stats.flagged else ''}"

    @admin.display(description="open reports", ordering="n_open_reports")
    def open_reports(self, obj: Item) -> int:
        return obj.n_open_reports

    @admin.display(description="sources")
    def sources_list(self, obj: Item) -> str:
        return ", ".join(f"{s.get('file')}:{s.get('line')}" for s in obj.sources) or "—"

    @admin.display(description="facts")
    def facts_list(self, obj: Item) -> str:
        return "; ".join(str(f) for f in obj.facts.all()) or "—"

    @admin.display(description="changed")
    def changed_note(self, obj: Item) -> str:
        return f"{obj.changed_from} → {obj.changed_to} ({obj.changed_at:%Y-%m-%d})" if obj.changed_at else "—"

    @admin.display(description="statistics")
    def statistics_summary(self, obj: Item) -> str:
        stats = getattr(obj, "statistics", None)
        if stats is None:
            return "Not computed yet."
        return format_html(
            '<a href="{}">{} first attempts, facility {}, discrimination {}</a>{}',
            reverse("admin:quizzes_itemstatistics_change", args=[stats.pk]),
            stats.attempts,
            "—" if stats.facility is None else f"{stats.facility:.0f}%",
            "—" if stats.discrimination is None else f"{stats.discrimination:.0f}%",
            f" — flagged: {stats.flag_reasons}" if stats.flagged else "",
        )

    def save_model(self, request, obj: Item, form, change) -> None:
        if obj.type == Item.Type.SINGLE:
            obj.choose = 1
        if not obj.is_question:
            obj.choices, obj.choose = [], 1
        if "status" in form.changed_data:
            obj.retired_by_generation = False  # the instructor's choice from now on
        if not change:
            obj.origin = Item.Origin.AUTHORED
            obj.key = item_authored_key(item=obj)
        elif obj.origin == Item.Origin.GENERATED:
            before = Item.objects.filter(pk=obj.pk).values(*INSTRUCTOR_WORDING).first() or {}
            if any(before.get(field) != getattr(obj, field) for field in INSTRUCTOR_WORDING):
                obj.edited_at = timezone.now()  # the generator keeps this wording from now on
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change) -> None:
        if formset.model is not ItemReport:
            return super().save_formset(request, form, formset, change)
        now = timezone.now()
        # Only "resolved" is editable here; the service stamps resolved_at and the open-report count.
        formset.save(commit=False)
        for report, changed in formset.changed_objects:
            if "resolved" in changed:
                item_reports_resolve(report_ids=[report.pk], now=now, resolved=report.resolved)
        return None

    # --- custom views ------------------------------------------------------------------------

    def get_urls(self):
        return [
            path("import/", self.admin_site.admin_view(self.import_view), name="quizzes_item_import"),
            path(
                "<int:pk>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name="quizzes_item_preview",
            ),
            *super().get_urls(),
        ]

    def import_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ImportForm(request.POST or None, request.FILES or None)
        problems: list[str] = []
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            started = timezone.now()
            try:
                result = items_import_upload(
                    name=upload.name, data=upload.read(), skip_invalid=form.cleaned_data["skip_invalid"]
                )
            except QuestionImportError as exc:
                problems = exc.problems
            else:
                touched = Item.objects.filter(origin=Item.Origin.AUTHORED, updated_at__gte=started)
                _log_bulk(
                    request,
                    touched.filter(created_at__gte=started),
                    f"Imported from {upload.name}.",
                    ADDITION,
                )
                _log_bulk(
                    request, touched.filter(created_at__lt=started), f"Updated by importing {upload.name}."
                )
                level = messages.WARNING if result.problems else messages.SUCCESS
                self.message_user(request, f"Imported {upload.name}: {result}.", level)
                for problem in result.problems[:20]:
                    self.message_user(request, f"Skipped: {problem}", messages.WARNING)
                return HttpResponseRedirect(reverse("admin:quizzes_item_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Import questions",
            "form": form,
            "problems": problems,
        }
        return TemplateResponse(request, "admin/quizzes/item/import.html", context)

    def preview_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """The item in the learner's own study card template, before and after answering."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        item = get_object_or_404(Item.objects.select_related("topic"), pk=pk)
        shown = ShownCard(token=f"preview-{item.pk}", item=item)
        settings = LearnerSettings()
        front = StudyScreen(counts=None, settings=settings, shown=shown)
        back = None
        if item.is_question:
            back = StudyScreen(
                counts=None,
                settings=settings,
                shown=shown,
                feedback=Feedback(correct=True, chosen=item.correct_indexes, rating=3),
            )
        context = {
            "item": item,
            "screen": front,
            "answered": back,
            "change_url": reverse("admin:quizzes_item_change", args=[item.pk]),
        }
        return TemplateResponse(request, "admin/quizzes/item/preview.html", context)

    # --- bulk actions --------------------------------------------------------------------------

    def _set_status(self, request, queryset, status: str, verb: str) -> None:
        changed = items_set_status(item_ids=queryset.values_list("pk", flat=True), status=status)
        _log_bulk(request, Item.objects.filter(pk__in=changed), f"{verb} (bulk action).")
        self.message_user(request, f"{verb}: {len(changed)} item(s).", messages.SUCCESS)

    @admin.action(description="Publish the selected items", permissions=["change"])
    def publish(self, request, queryset):
        self._set_status(request, queryset, Item.Status.PUBLISHED, "Published")

    @admin.action(description="Retire the selected items", permissions=["change"])
    def retire(self, request, queryset):
        self._set_status(request, queryset, Item.Status.RETIRED, "Retired")

    @admin.action(description="Send the selected items back to draft", permissions=["change"])
    def send_to_draft(self, request, queryset):
        self._set_status(request, queryset, Item.Status.DRAFT, "Sent back to draft")

    @admin.action(description="Regenerate the selected items from their facts", permissions=["change"])
    def regenerate(self, request, queryset):
        ids, summary = items_regenerate(item_ids=queryset.values_list("pk", flat=True))
        if ids:
            _log_bulk(request, Item.objects.filter(pk__in=ids), f"Regenerated from facts: {summary}.")
        self.message_user(request, f"Regenerated {len(ids)} selected item(s): {summary}.")

    def _download(self, content: bytes | str, filename: str, content_type: str) -> HttpResponse:
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    def _stamp(self) -> str:
        return timezone.now().strftime("%Y%m%d-%H%M")

    @admin.action(description="Export the selected questions as GIFT (Moodle)", permissions=["view"])
    def export_gift(self, request, queryset):
        if not queryset.questions().exists():
            self.message_user(
                request, "GIFT holds questions only: select at least one question.", messages.WARNING
            )
            return None
        return self._download(
            items_export_gift(items=queryset),
            f"studyhub-questions-{self._stamp()}.gift",
            "text/plain; charset=utf-8",
        )

    @admin.action(description="Export the selected items as JSON", permissions=["view"])
    def export_json(self, request, queryset):
        return self._download(
            items_export_json(items=queryset), f"studyhub-items-{self._stamp()}.json", "application/json"
        )

    @admin.action(description="Export the selected items as an Anki package", permissions=["view"])
    def export_anki(self, request, queryset):
        return self._download(
            items_export_apkg(items=queryset),
            f"studyhub-items-{self._stamp()}.apkg",
            "application/octet-stream",
        )


class ReportStatusFilter(admin.SimpleListFilter):
    """Open reports by default: the queue is what still needs an answer."""

    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [("open", "Open"), ("resolved", "Resolved"), ("all", "All")]

    def choices(self, changelist):
        for value, label in self.lookup_choices:
            yield {
                "selected": (self.value() or "open") == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }

    def queryset(self, request, queryset):
        value = self.value() or "open"
        if value == "open":
            return queryset.filter(resolved=False)
        if value == "resolved":
            return queryset.filter(resolved=True)
        return queryset


@admin.register(ItemReport)
class ItemReportAdmin(admin.ModelAdmin):
    """The reports queue. Instructors resolve reports; what the learner wrote stays read-only."""

    list_display = ("created_at", "item_link", "reason", "text_short", "learner", "resolved")
    list_filter = (ReportStatusFilter, "reason", "item__topic")
    list_select_related = ("item", "learner")
    search_fields = ("text", "item__stem", "item__front")
    fields = ("item_link", "learner", "reason", "text", "created_at", "resolved", "resolved_at")
    readonly_fields = ("item_link", "learner", "reason", "text", "created_at", "resolved_at")
    actions = ("resolve", "reopen")

    def has_add_permission(self, request) -> bool:
        return False  # learners file reports from the study screens

    @admin.display(description="item")
    def item_link(self, obj: ItemReport) -> str:
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:quizzes_item_change", args=[obj.item_id]), str(obj.item)
        )

    @admin.display(description="text")
    def text_short(self, obj: ItemReport) -> str:
        return obj.text[:100]

    def save_model(self, request, obj: ItemReport, form, change) -> None:
        item_reports_resolve(report_ids=[obj.pk], now=timezone.now(), resolved=obj.resolved)

    def _resolve(self, request, queryset, resolved: bool) -> None:
        changed = item_reports_resolve(
            report_ids=queryset.values_list("pk", flat=True), now=timezone.now(), resolved=resolved
        )
        verb = "Resolved" if resolved else "Reopened"
        _log_bulk(
            request, ItemReport.objects.filter(pk__in=[r.pk for r in changed]), f"{verb} (bulk action)."
        )
        self.message_user(request, f"{verb} {len(changed)} report(s).", messages.SUCCESS)

    @admin.action(description="Mark the selected reports resolved", permissions=["change"])
    def resolve(self, request, queryset):
        self._resolve(request, queryset, True)

    @admin.action(description="Reopen the selected reports", permissions=["change"])
    def reopen(self, request, queryset):
        self._resolve(request, queryset, False)
