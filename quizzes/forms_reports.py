"""The learner's "report a problem" form shown under a study or practice card."""

from __future__ import annotations

from django import forms

from quizzes.models import ItemReport


class ItemReportForm(forms.Form):
    reason = forms.ChoiceField(choices=ItemReport.Reason.choices, widget=forms.RadioSelect)
    text = forms.CharField(required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self) -> dict:
        data = super().clean()
        if data.get("reason") == ItemReport.Reason.OTHER and not (data.get("text") or "").strip():
            self.add_error("text", "Say what is wrong.")
        return data
