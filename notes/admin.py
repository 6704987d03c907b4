"""Admin for sources, topics, facts and conflicts: where instructors author the course.

Custom views (upload, ingest progress, topic merge, introduction preview) are wrapped in
``admin_site.admin_view`` and check the model permission they act under; every write made outside
Django's own add/change/delete views (bulk actions, merges, re-ingests, uploads) records a LogEntry
through ``log_addition``/``log_change``/``log_deletion`` so the admin's history shows it.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from notes.models import Conflict, Fact, FactStatement, IngestFile, IngestRun, Source, SourceLine, Topic
from notes.rendering import render_markdown
from notes.services.topics_admin import (
    TopicMergeError,
    conflict_resolve,
    conflict_value_normalise,
    source_reingest,
    topic_merge,
)
from notes.services.uploads import ENDED, ingest_run_create

HTMX = "vendor/htmx-2.0.9.min.js"
MAX_LISTED = 50  # rows listed on a source's page before pointing to the filtered changelist


def _changelist(model: type, **params: object) -> str:
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return f"{url}?{query}" if query else url


class BySourceFilter(admin.SimpleListFilter):
    """Rows stated by / taken from one source (``?source=<id>``); subclasses give the lookup path."""

    title = "source"
    parameter_name = "source"
    path = ""

    def lookups(self, request, model_admin):
        return [(str(pk), name) for pk, name in Source.objects.values_list("pk", "name")]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(**{self.path: int(self.value())}).distinct()
        return queryset


class TopicSourceFilter(BySourceFilter):
    path = "lines__source"


class FactSourceFilter(BySourceFilter):
    path = "statements__source"


class ConflictSourceFilter(BySourceFilter):
    path = "fact__statements__source"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented pattern); cleans to a list."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".md,.txt,.markdown"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(one, initial) for one in data] or super().clean(None)
        return [super().clean(data, initial)]


class UploadForm(forms.Form):
    files = MultipleFileField(label="Notes files", help_text="One or more notes files (.md, .txt).")


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ("name", "line_count", "kept_lines", "topic_count", "review_before_publish", "updated_at")
    list_editable = ("review_before_publish",)
    fields = (
        "name",
        "review_before_publish",
        ("size", "line_count", "kept_lines"),
        ("ingested_at", "updated_at"),
        "sha256",
        "topics_list",
        "facts_list",
        "conflicts_list",
    )
    readonly_fields = (
        "name",
        "sha256",
        "size",
        "line_count",
        "kept_lines",
        "ingested_at",
        "updated_at",
        "topics_list",
        "facts_list",
        "conflicts_list",
    )
    search_fields = ("name",)
    actions = ("reingest", "review_on", "review_off")

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .defer("content")
            .annotate(n_topics=Count("lines__topic", distinct=True))
        )

    @admin.display(description="topics", ordering="n_topics")
    def topic_count(self, obj: Source) -> int:
        return obj.n_topics

    @admin.display(description="topics")
    def topics_list(self, obj: Source) -> str:
        topics = Topic.objects.filter(lines__source=obj).annotate(n=Count("lines")).order_by("order", "title")
        items = format_html_join(
            "",
            '<li><a href="{}">{}</a> <span class="quiet">({} lines)</span></li>',
            ((reverse("admin:notes_topic_change", args=[t.pk]), t.title, t.n) for t in topics),
        )
        return format_html('<ul class="source-topics">{}</ul>', items) if topics else "—"

    @admin.display(description="facts")
    def facts_list(self, obj: Source) -> str:
        facts = Fact.objects.filter(statements__source=obj).distinct().select_related("topic")
        total = facts.count()
        rows = format_html_join(
            "",
            '<li><a href="{}">{}</a></li>',
            ((reverse("admin:notes_fact_change", args=[f.pk]), str(f)) for f in facts[:MAX_LISTED]),
        )
        return format_html(
            '<p><a href="{}">All {} facts of this source</a></p><ul>{}</ul>',
            _changelist(Fact, source=obj.pk),
            total,
            rows,
        )

    @admin.display(description="conflicts")
    def conflicts_list(self, obj: Source) -> str:
        conflicts = Conflict.objects.filter(fact__statements__source=obj).distinct().select_related("fact")
        if not conflicts:
            return "No conflicts."
        rows = format_html_join(
            "",
            '<li><a href="{}">{}</a>: {}{}</li>',
            (
                (
                    reverse("admin:notes_conflict_change", args=[c.pk]),
                    str(c.fact),
                    c.summary,
                    " (resolved)" if c.resolved else "",
                )
                for c in conflicts[:MAX_LISTED]
            ),
        )
        return format_html(
            '<p><a href="{}">Conflicts queue for this source</a></p><ul>{}</ul>',
            _changelist(Conflict, source=obj.pk),
            rows,
        )

    def get_urls(self):
        return [
            path("upload/", self.admin_site.admin_view(self.upload_view), name="notes_source_upload"),
            *super().get_urls(),
        ]

    def add_view(self, request, form_url="", extra_context=None):
        # A source comes from a file: "Add source" is the upload page.
        return HttpResponseRedirect(reverse("admin:notes_source_upload"))

    def upload_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = UploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            files = form.cleaned_data["files"]
            run = ingest_run_create(files=[(f.name, f.read()) for f in files])
            self.log_addition(
                request, run, [{"added": {"name": "upload", "object": ", ".join(f.name for f in files)}}]
            )
            return HttpResponseRedirect(reverse("admin:notes_ingestrun_progress", args=[run.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "form": form,
            "title": "Upload notes",
        }
        return TemplateResponse(request, "admin/notes/source/upload.html", context)

    @admin.action(description="Re-ingest the selected sources", permissions=["change"])
    def reingest(self, request, queryset: QuerySet[Source]):
        sources = list(queryset.only("pk", "name"))
        run = source_reingest(source_ids=[s.pk for s in sources])
        if run is None:
            self.message_user(
                request, "No stored copy to re-ingest: upload those files again.", messages.WARNING
            )
            return None
        for source in sources:
            self.log_change(request, source, f"Re-ingested (run #{run.pk}).")
        return HttpResponseRedirect(reverse("admin:notes_ingestrun_progress", args=[run.pk]))

    def _set_review(self, request, queryset: QuerySet[Source], value: bool) -> None:
        changed = list(queryset.exclude(review_before_publish=value))
        Source.objects.filter(pk__in=[s.pk for s in changed]).update(review_before_publish=value)
        state = "on" if value else "off"
        for source in changed:
            self.log_change(request, source, [{"changed": {"fields": ["Review before publish"]}}])
        self.message_user(request, f"Review before publish switched {state} for {len(changed)} source(s).")

    @admin.action(description="Switch review-before-publish on", permissions=["change"])
    def review_on(self, request, queryset):
        self._set_review(request, queryset, True)

    @admin.action(description="Switch review-before-publish off", permissions=["change"])
    def review_off(self, request, queryset):
        self._set_review(request, queryset, False)


class SourceLineInline(admin.TabularInline):
    model = SourceLine
    fields = ("source", "number", "depth", "text")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False
    verbose_name_plural = "lines (every line of this topic, with its source)"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source").order_by("source__name", "position")

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class TopicAdminForm(forms.ModelForm):
    class Meta:
        model = Topic
        fields = ("title", "slug", "order", "aliases", "introduction")
        widgets = {"introduction": forms.Textarea(attrs={"rows": 10, "class": "vLargeTextField"})}


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    form = TopicAdminForm
    list_display = ("title", "slug", "order", "line_count", "fact_count", "open_conflicts")
    list_editable = ("order",)
    list_filter = (TopicSourceFilter,)
    search_fields = ("title", "slug", "search_text")
    prepopulated_fields = {"slug": ("title",)}
    inlines = [SourceLineInline]
    actions = ("merge",)

    class Media:
        js = (HTMX,)

    def get_queryset(self, request):
        return super().get_queryset(request).with_counts()

    @admin.display(description="lines", ordering="n_lines")
    def line_count(self, obj: Topic) -> int:
        return obj.n_lines

    @admin.display(description="facts", ordering="n_facts")
    def fact_count(self, obj: Topic) -> int:
        return obj.n_facts

    @admin.display(description="open conflicts", ordering="n_conflicts")
    def open_conflicts(self, obj: Topic) -> int:
        return obj.n_conflicts

    def get_urls(self):
        return [
            path(
                "introduction-preview/",
                self.admin_site.admin_view(self.introduction_preview_view),
                name="notes_topic_introduction_preview",
            ),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        text = obj.introduction if obj is not None else ""
        if request.method == "POST":
            text = request.POST.get("introduction", text)
        context["introduction_preview"] = mark_safe(render_markdown(text))  # noqa: S308 - nh3-sanitised
        return super().render_change_form(request, context, add, change, form_url, obj)

    def introduction_preview_view(self, request: HttpRequest) -> HttpResponse:
        if not (self.has_change_permission(request) or self.has_add_permission(request)):
            raise PermissionDenied
        return require_POST(self._preview)(request)

    def _preview(self, request: HttpRequest) -> HttpResponse:
        html = mark_safe(render_markdown(request.POST.get("introduction", "")))  # noqa: S308 - nh3-sanitised
        return render(request, "admin/notes/topic/introduction_preview.html", {"introduction_preview": html})

    @admin.action(description="Merge two topics that ingestion split", permissions=["change", "delete"])
    def merge(self, request, queryset: QuerySet[Topic]):
        topics = list(queryset.order_by("order", "title"))
        if len(topics) != 2:
            self.message_user(request, "Select exactly two topics to merge.", messages.ERROR)
            return None
        target_id = request.POST.get("target")
        if request.POST.get("confirm") == "yes" and target_id in {str(t.pk) for t in topics}:
            target = next(t for t in topics if str(t.pk) == target_id)
            source = next(t for t in topics if t.pk != target.pk)
            self.log_deletions(request, Topic.objects.filter(pk=source.pk))
            try:
                result = topic_merge(source_id=source.pk, target_id=target.pk)
            except TopicMergeError as exc:
                self.message_user(request, str(exc), messages.ERROR)
                return None
            self.log_change(
                request,
                target,
                f"Merged topic “{source.title}” ({source.slug}) into this one: {result.describe()} moved.",
            )
            self.message_user(request, f"Merged “{source.title}” into “{target.title}”.", messages.SUCCESS)
            return HttpResponseRedirect(reverse("admin:notes_topic_change", args=[target.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Merge two topics",
            "topics": topics,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/notes/topic/merge.html", context)


class FactStatementInline(admin.TabularInline):
    model = FactStatement
    fields = ("source", "line", "value", "unit", "text")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Fact)
class FactAdmin(admin.ModelAdmin):
    list_display = ("subject", "attribute", "value", "unit", "kind", "topic", "is_active")
    list_filter = ("kind", "is_active", FactSourceFilter, "topic")
    search_fields = ("subject", "attribute", "value", "text")
    readonly_fields = (
        "key",
        "previous_value",
        "previous_unit",
        "value_changed_at",
        "created_at",
        "updated_at",
    )
    list_select_related = ("topic",)
    inlines = [FactStatementInline]


class ConflictResolveForm(forms.ModelForm):
    """Pick one side's value, or write the right one."""

    pick = forms.ChoiceField(label="Right value", widget=forms.RadioSelect)
    resolved_value = forms.CharField(label="Other value", required=False, max_length=500)
    resolved_unit = forms.CharField(label="Unit", required=False, max_length=32)

    class Meta:
        model = Conflict
        fields = ("resolved_value", "resolved_unit")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        sides = self.instance.sides or []
        self.fields["pick"].choices = [
            *((str(i), f"{s.get('value', '')} {s.get('unit', '')}".strip()) for i, s in enumerate(sides)),
            ("other", "Another value (write it below)"),
        ]
        if self.instance.resolved:
            match = next(
                (
                    str(i)
                    for i, s in enumerate(sides)
                    if (s.get("value"), s.get("unit", ""))
                    == (self.instance.resolved_value, self.instance.resolved_unit)
                ),
                "other",
            )
            self.fields["pick"].initial = match

    def clean(self) -> dict:
        data = super().clean()
        pick = data.get("pick")
        if pick is None:
            return data
        if pick == "other":
            try:
                data["resolved_value"], data["resolved_unit"] = conflict_value_normalise(
                    fact=self.instance.fact,
                    value=data.get("resolved_value") or "",
                    unit=data.get("resolved_unit") or "",
                )
            except ValueError as exc:
                self.add_error("resolved_value", f"{exc} Write the right value, or pick one side.")
        else:
            side = self.instance.sides[int(pick)]
            data["resolved_value"] = str(side.get("value", ""))
            data["resolved_unit"] = str(side.get("unit", ""))
        return data


@admin.register(Conflict)
class ConflictAdmin(admin.ModelAdmin):
    """The conflicts queue: open disagreements first; resolving one regenerates the fact's items."""

    form = ConflictResolveForm
    list_display = ("fact", "topic", "summary", "resolved", "resolved_display")
    list_filter = ("resolved", "topic", ConflictSourceFilter)
    list_select_related = ("fact", "topic")
    search_fields = ("fact__subject", "fact__attribute", "topic__title")
    fields = (
        "fact_link",
        "topic",
        "sides_with_lines",
        "current_value",
        "pick",
        "resolved_value",
        "resolved_unit",
    )
    readonly_fields = ("fact_link", "topic", "sides_with_lines", "current_value")
    ordering = ("resolved", "topic__title", "fact__subject")

    def has_add_permission(self, request) -> bool:
        return False  # ingestion finds conflicts

    @admin.display(description="resolved as")
    def resolved_display(self, obj: Conflict) -> str:
        return f"{obj.resolved_value} {obj.resolved_unit}".strip() if obj.resolved else "—"

    @admin.display(description="fact")
    def fact_link(self, obj: Conflict) -> str:
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:notes_fact_change", args=[obj.fact_id]), obj.fact
        )

    @admin.display(description="fact's value now")
    def current_value(self, obj: Conflict) -> str:
        return obj.fact.display_value

    @admin.display(description="sides")
    def sides_with_lines(self, obj: Conflict) -> str:
        blocks = []
        for side in obj.sides:
            lines = format_html_join(
                "",
                "<li><code>{}:{}</code> {}</li>",
                ((s["file"], s["line"], s["text"]) for s in side.get("sources", [])),
            )
            files = side.get("files")
            blocks.append(
                format_html(
                    '<div class="conflict-side"><strong>{}</strong>{}<ul>{}</ul></div>',
                    f"{side.get('value', '')} {side.get('unit', '')}".strip(),
                    f" — stated in {files} file(s)" if files else "",
                    lines,
                )
            )
        return format_html_join("", "{}", ((b,) for b in blocks))

    def save_model(self, request, obj: Conflict, form, change) -> None:
        outcome = conflict_resolve(
            conflict_id=obj.pk,
            value=form.cleaned_data["resolved_value"],
            unit=form.cleaned_data.get("resolved_unit", ""),
        )
        obj.refresh_from_db()
        rebuilt = outcome.describe_dependents()
        self.message_user(
            request,
            f"Resolved as {outcome.conflict.resolved_value} {outcome.conflict.resolved_unit}".strip()
            + (f"; {rebuilt}." if rebuilt else "."),
            messages.SUCCESS,
        )

    def construct_change_message(self, request, form, formsets, add=False):
        return [{"changed": {"fields": ["resolved", "resolved value", "resolved unit"]}}]


@admin.register(IngestRun)
class IngestRunAdmin(admin.ModelAdmin):
    list_display = ("id", "status", "done", "total", "files_list", "resumes", "created_at", "finished_at")
    readonly_fields = ("status", "done", "total", "summary", "error", "resumes", "created_at", "finished_at")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def get_queryset(self, request: HttpRequest):
        names = IngestFile.objects.only("pk", "run_id", "name")  # not the uploaded bytes
        return super().get_queryset(request).prefetch_related(Prefetch("files", queryset=names))

    @admin.display(description="files")
    def files_list(self, obj: IngestRun) -> str:
        return ", ".join(f.name for f in obj.files.all())

    def get_urls(self):
        return [
            path(
                "<int:pk>/progress/",
                self.admin_site.admin_view(self.progress_view),
                name="notes_ingestrun_progress",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if object_id.isdigit():
            return HttpResponseRedirect(reverse("admin:notes_ingestrun_progress", args=[object_id]))
        return super().change_view(request, object_id, form_url, extra_context)

    def progress_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        run = get_object_or_404(IngestRun, pk=pk)
        files = list(run.files.defer("data"))
        finished = run.status in ENDED
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"Ingest #{run.pk}",
            "run": run,
            "files": files,
            "finished": finished,
            "failed_files": sum(1 for f in files if f.done and not f.summary.get("ok", True)),
        }
        template = "admin/notes/ingestrun/progress.html"
        if getattr(request, "htmx", False):
            template += "#progress"
        response = TemplateResponse(request, template, context)
        response["Vary"] = "HX-Request"
        return response
