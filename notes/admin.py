"""Admin for sources, topics, facts and conflicts (instructors author here)."""

from __future__ import annotations

from django.contrib import admin

from notes.models import Conflict, Fact, FactStatement, IngestRun, Source, SourceLine, Topic


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ("name", "line_count", "kept_lines", "review_before_publish", "updated_at")
    list_editable = ("review_before_publish",)
    readonly_fields = ("name", "sha256", "size", "line_count", "kept_lines", "ingested_at", "updated_at")
    search_fields = ("name",)


class SourceLineInline(admin.TabularInline):
    model = SourceLine
    fields = ("source", "number", "depth", "text")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ("title", "slug", "order")
    list_editable = ("order",)
    search_fields = ("title", "slug", "search_text")
    prepopulated_fields = {"slug": ("title",)}


class FactStatementInline(admin.TabularInline):
    model = FactStatement
    fields = ("source", "line", "value", "unit", "text")
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Fact)
class FactAdmin(admin.ModelAdmin):
    list_display = ("subject", "attribute", "value", "unit", "kind", "topic", "is_active")
    list_filter = ("kind", "is_active", "topic")
    search_fields = ("subject", "attribute", "value", "text")
    readonly_fields = ("key", "previous_value", "previous_unit", "value_changed_at", "created_at", "updated_at")
    inlines = [FactStatementInline]


@admin.register(Conflict)
class ConflictAdmin(admin.ModelAdmin):
    list_display = ("fact", "topic", "summary", "resolved")
    list_filter = ("resolved", "topic")
    readonly_fields = ("fact", "topic", "sides")


@admin.register(IngestRun)
class IngestRunAdmin(admin.ModelAdmin):
    list_display = ("id", "status", "done", "total", "created_at", "finished_at")
    readonly_fields = ("status", "done", "total", "summary", "created_at", "finished_at")
