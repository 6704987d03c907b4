"""Forms of the question bank: the admin's item with its choices edited inline as rows of (text,
correct), validated by ``quizzes.bank.services.item_bank.item_problems``, and the learner's "report a
problem" form shown under a study or practice card."""

from __future__ import annotations

from django import forms
from django.utils.html import format_html, format_html_join

from quizzes.bank.services.item_bank import item_problems
from quizzes.models import Item, ItemReport

CHOICE_ROWS = 6


class ChoiceRowsWidget(forms.MultiWidget):
    """``rows`` rows of a text input and a "correct" checkbox, rendered as a table."""

    def __init__(self, rows: int = CHOICE_ROWS, attrs=None) -> None:
        widgets = {}
        for i in range(rows):
            widgets[f"text_{i}"] = forms.TextInput(
                attrs={"class": "vTextField", "aria-label": f"Choice {i + 1} text"}
            )
            widgets[f"correct_{i}"] = forms.CheckboxInput(attrs={"aria-label": f"Choice {i + 1} is correct"})
        self.rows = rows
        super().__init__(widgets, attrs)

    def decompress(self, value) -> list:
        value = list(value or [])
        flat: list = []
        for i in range(self.rows):
            choice = value[i] if i < len(value) else {}
            flat += [choice.get("text", ""), bool(choice.get("correct"))]
        return flat

    def render(self, name, value, attrs=None, renderer=None) -> str:
        if not isinstance(value, list) or (value and isinstance(value[0], dict)):
            value = self.decompress(value)
        rendered = [
            widget.render(
                f"{name}{suffix}", value[i] if i < len(value) else None, {"id": f"id_{name}{suffix}"}
            )
            for i, (suffix, widget) in enumerate(zip(self.widgets_names, self.widgets, strict=True))
        ]
        rows = format_html_join(
            "",
            '<tr><th scope="row">{}</th><td>{}</td><td class="choice-correct">{}</td></tr>',
            ((i + 1, rendered[2 * i], rendered[2 * i + 1]) for i in range(self.rows)),
        )
        return format_html(
            '<table class="choice-rows"><thead><tr><th scope="col">#</th><th scope="col">Choice</th>'
            '<th scope="col">Correct</th></tr></thead><tbody>{}</tbody></table>',
            rows,
        )


class ChoiceRowsField(forms.MultiValueField):
    """Cleans to ``[{"text", "correct"}]`` for the rows with a text; a ticked row without text is an error."""

    widget = ChoiceRowsWidget

    def __init__(self, rows: int = CHOICE_ROWS, **kwargs) -> None:
        fields = []
        for _ in range(rows):
            fields += [forms.CharField(required=False, max_length=500), forms.BooleanField(required=False)]
        kwargs.setdefault("required", False)
        super().__init__(fields=fields, require_all_fields=False, widget=ChoiceRowsWidget(rows), **kwargs)

    def compress(self, data_list) -> list[dict[str, object]]:
        choices = []
        data_list = list(data_list or [])
        for i in range(0, len(data_list), 2):
            text = " ".join((data_list[i] or "").split())
            correct = bool(data_list[i + 1]) if i + 1 < len(data_list) else False
            if text:
                choices.append({"text": text, "correct": correct})
            elif correct:
                raise forms.ValidationError(f"Choice {i // 2 + 1} is marked correct but has no text.")
        return choices


class ItemAdminForm(forms.ModelForm):
    choices = ChoiceRowsField(label="Choices", help_text="Tick the right answer(s); empty rows are ignored.")

    class Meta:
        model = Item
        fields = [
            "topic",
            "kind",
            "type",
            "status",
            "stem",
            "choose",
            "choices",
            "explanation",
            "front",
            "back",
        ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        rows = max(CHOICE_ROWS, len(self.instance.choices or []) + 1)
        if rows != CHOICE_ROWS:
            self.fields["choices"] = ChoiceRowsField(
                rows=rows, label="Choices", help_text=self.fields["choices"].help_text
            )
        self.fields["choices"].initial = self.instance.choices

    def clean(self) -> dict:
        data = super().clean()
        type_ = data.get("type")
        if not type_:
            return data
        if type_ == Item.Type.SINGLE:
            data["choose"] = 1
        problems = item_problems(
            type=type_,
            stem=data.get("stem") or "",
            choices=data.get("choices") or [],
            choose=data.get("choose") or 1,
            explanation=data.get("explanation") or "",
            front=data.get("front") or "",
            back=data.get("back") or "",
        )
        for name, messages in problems.items():
            for message in messages:
                self.add_error(name if name in self.fields else None, message)
        return data


class ItemReportForm(forms.Form):
    reason = forms.ChoiceField(choices=ItemReport.Reason.choices, widget=forms.RadioSelect)
    text = forms.CharField(required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self) -> dict:
        data = super().clean()
        if data.get("reason") == ItemReport.Reason.OTHER and not (data.get("text") or "").strip():
            self.add_error("text", "Say what is wrong.")
        return data
