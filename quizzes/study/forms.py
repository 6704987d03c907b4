"""Forms of the study pages: answers (review and practice), practice filters, the card browser's
filters, learner settings."""

from __future__ import annotations

import zoneinfo
from functools import lru_cache

from django import forms
from django.utils import timezone

from notes.models import Topic
from quizzes.models import Item, LearnerSettings
from quizzes.study.days import HORIZON_DAYS, within_horizon
from quizzes.study.limits import CHOICE_INDEXES, LEECH_LAPSES
from quizzes.study.selectors.cards import STATES, CardFilters

CHOICES = [(i, str(i)) for i in CHOICE_INDEXES]
RATINGS = [(1, "Again"), (2, "Hard"), (3, "Good"), (4, "Easy")]


class SharedFields(dict):
    """A form's ``base_fields`` that its instances share instead of deep-copying them: Django copies
    them for every instance (``BaseForm.__init__``) so that one may change its own fields, and the
    copy of the answer form's three fields (their choices, widgets, validators) was ~5 % of a review
    answer's CPU (issue #16). Only for a form that never changes a field after its class is made and
    is only validated, never rendered (a shared widget's attrs would then be everyone's)."""

    def __deepcopy__(self, memo: dict) -> dict:
        return dict(self)


class AnswerForm(forms.Form):
    """A review or practice answer: the shown card's token, a rating and/or the chosen choice indexes.
    Validated only (its fields are shared by every instance: ``SharedFields``)."""

    token = forms.CharField(max_length=43)
    rating = forms.TypedChoiceField(choices=RATINGS, coerce=int, required=False, empty_value=None)
    chosen = forms.TypedMultipleChoiceField(choices=CHOICES, coerce=int, required=False)


AnswerForm.base_fields = SharedFields(AnswerForm.base_fields)


class UndoForm(forms.Form):
    """Which review answer to take back (the screen names it, so a replayed undo undoes nothing)."""

    log = forms.IntegerField(min_value=1, max_value=2**62)


class IdChoiceField(forms.ModelMultipleChoiceField):
    """Model choices by id, where an id that no column can hold ("99999999999999999999") is an
    invalid choice like any other unknown id, not a database overflow (a 500 on SQLite)."""

    def _check_values(self, value):
        for pk in value:
            text = str(pk).strip()
            if text.isascii() and text.isdigit() and int(text) >= 2**63:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": pk}
                )
        return super()._check_values(value)


class PracticeFilterForm(forms.Form):
    topics = IdChoiceField(queryset=Topic.objects.none(), required=False, widget=forms.CheckboxSelectMultiple)
    kinds = forms.MultipleChoiceField(
        choices=Item.Kind.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    mistakes = forms.BooleanField(required=False, label="Only my mistakes")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topics"].queryset = (
            Topic.objects.filter(
                items__status=Item.Status.PUBLISHED, items__type__in=(Item.Type.SINGLE, Item.Type.MULTIPLE)
            )
            .distinct()
            .order_by("order", "title")
        )

    def filters(self) -> dict:
        """The cleaned filters as the practice services take them (call after is_valid())."""
        data = self.cleaned_data
        return {
            "topic_ids": [t.pk for t in data["topics"]],
            "kinds": data["kinds"],
            "mistakes": data["mistakes"],
        }


class CardFilterForm(forms.Form):
    """The card browser's filters (GET): the topic choices are the topics the learner has cards in."""

    q = forms.CharField(max_length=200, required=False, strip=True, label="Search prompts")
    topic = forms.TypedChoiceField(coerce=int, required=False, empty_value=None, label="Topic")
    kind = forms.ChoiceField(choices=[("", "Any kind"), *Item.Type.choices], required=False, label="Kind")
    state = forms.ChoiceField(choices=[("", "Any state"), *STATES], required=False, label="State")
    lapses = forms.IntegerField(min_value=0, max_value=10_000, required=False, label="Lapses at least")
    page = forms.IntegerField(min_value=1, max_value=10**9, required=False)

    def __init__(self, *args, topics: list[tuple[int, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", "Any topic"), *topics]

    def filters(self) -> CardFilters:
        data = self.cleaned_data
        return CardFilters(
            query=data["q"],
            topic_id=data["topic"],
            item_type=data["kind"],
            state=data["state"],
            min_lapses=data["lapses"],
        )


@lru_cache(maxsize=1)
def timezone_choices() -> list[tuple[str, str]]:
    return [(name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones())]


class LearnerSettingsForm(forms.ModelForm):
    timezone = forms.TypedChoiceField(choices=timezone_choices, label="Time zone")
    day_starts_hour = forms.TypedChoiceField(
        choices=[(h, f"{h:02d}:00") for h in range(24)], coerce=int, label="Next day starts at"
    )
    weekly_hour = forms.TypedChoiceField(
        choices=[(h, f"{h:02d}:00") for h in range(24)], coerce=int, label="Weekly email hour"
    )
    weekly_weekday = forms.TypedChoiceField(
        choices=list(
            enumerate(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"])
        ),
        coerce=int,
        label="Weekly email day",
    )
    desired_retention = forms.FloatField(
        min_value=0.70,
        max_value=0.99,
        label="Desired retention",
        help_text="Between 0.70 and 0.99: higher means more reviews and better recall.",
        widget=forms.NumberInput(attrs={"step": "0.01", "min": "0.70", "max": "0.99"}),
    )

    class Meta:
        model = LearnerSettings
        fields = [
            "timezone",
            "day_starts_hour",
            "new_per_day",
            "max_reviews_per_day",
            "desired_retention",
            "exam_date",
            "weekly_email",
            "weekly_weekday",
            "weekly_hour",
            "daily_reminder",
            "suspend_leeches",
        ]
        labels = {
            "new_per_day": "New items per day",
            "max_reviews_per_day": "Maximum reviews per day",
            "exam_date": "Exam date",
            "weekly_email": "Send me a weekly review email",
            "daily_reminder": "Daily reminder when cards are due",
            "suspend_leeches": f"Suspend leeches (cards forgotten {LEECH_LAPSES} times)",
        }
        help_texts = {
            "suspend_leeches": "A suspended card leaves your reviews; unsuspend it from My cards.",
        }
        widgets = {"exam_date": forms.DateInput(attrs={"type": "date"})}

    def clean_exam_date(self):
        exam_date = self.cleaned_data.get("exam_date")
        if exam_date is not None and not within_horizon(day=exam_date, today=timezone.now().date()):
            raise forms.ValidationError(
                "Pick a date within %(years)d years of today.", params={"years": HORIZON_DAYS // 365}
            )
        return exam_date
