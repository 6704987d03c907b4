"""Admin of the exam blueprint: an instructor sets each topic's weight (like an exam guide's domain
weights); the mock exam samples from the active blueprint. Weights are non-negative, at least one
topic must weigh more than 0, and the sum is shown with each topic's share."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.contrib import admin

from quizzes.models import ExamBlueprint, ExamBlueprintWeight


class WeightFormSet(forms.BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        kept = [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE") and form.cleaned_data.get("topic")
        ]
        if not any((row.get("weight") or 0) > 0 for row in kept):
            raise forms.ValidationError("Give at least one topic a weight above 0.")


class WeightInline(admin.TabularInline):
    model = ExamBlueprintWeight
    formset = WeightFormSet
    fields = ["topic", "weight", "share"]
    readonly_fields = ["share"]
    extra = 3

    @admin.display(description="share of the exam")
    def share(self, obj: ExamBlueprintWeight) -> str:
        if obj.pk is None:
            return "–"
        total = _weight_sum(obj.blueprint)
        return f"{100 * obj.weight / total:.1f} %" if total else "–"


def _weight_sum(blueprint: ExamBlueprint) -> Decimal:
    return sum((w.weight for w in blueprint.weights.all()), Decimal(0))


@admin.register(ExamBlueprint)
class ExamBlueprintAdmin(admin.ModelAdmin):
    list_display = ["name", "active", "topics", "weight_sum", "updated_at"]
    fields = ["name", "active", "weight_sum"]
    readonly_fields = ["weight_sum"]
    inlines = [WeightInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("weights")

    @admin.display(description="topics")
    def topics(self, obj: ExamBlueprint) -> int:
        return sum(1 for w in obj.weights.all() if w.weight > 0)

    @admin.display(description="sum of weights")
    def weight_sum(self, obj: ExamBlueprint) -> str:
        if obj.pk is None:
            return "shown after saving"
        return f"{_weight_sum(obj).normalize():f} (shares are weight ÷ this sum)"
