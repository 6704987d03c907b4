"""Forms of the mock exam: choosing its length and time, and one answer."""

from __future__ import annotations

from django import forms

from quizzes.exams.services import DEFAULT_LENGTH, DEFAULT_MINUTES, MAX_LENGTH, MAX_MINUTES


class ExamStartForm(forms.Form):
    length = forms.IntegerField(
        label="Questions",
        min_value=1,
        max_value=MAX_LENGTH,
        initial=DEFAULT_LENGTH,
        help_text="65 on the real exam; fewer for a quick try.",
    )
    time_limit_minutes = forms.IntegerField(
        label="Time limit (minutes)",
        min_value=1,
        max_value=MAX_MINUTES,
        initial=DEFAULT_MINUTES,
        help_text="130 on the real exam.",
    )


class ExamAnswerForm(forms.Form):
    """What one question page posts: the picked choice indexes, the review flag and where to go."""

    # Indexes into item.choices; the service drops any the item does not have.
    choice = forms.TypedMultipleChoiceField(coerce=int, required=False, choices=[(i, i) for i in range(26)])
    flagged = forms.BooleanField(required=False)
    # "prev", "next", "review" (the submit screen) or a question number; anything else stays put.
    go = forms.CharField(required=False, max_length=12)

    def target(self, *, position: int, length: int) -> int | str:
        go = self.cleaned_data.get("go", "") if self.is_valid() else ""
        if go == "review":
            return go
        if go.isdigit():
            return min(max(int(go), 1), length)
        step = {"prev": -1, "next": 1}.get(go, 0)
        return min(max(position + step, 1), length)
