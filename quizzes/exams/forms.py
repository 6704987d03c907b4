"""Forms of the mock exam: choosing its length and time, and one answer.

Every value is checked here, at the edge, with a range the code can compute with: choice indexes
within the one maximum import, review and exam agree on (``quizzes.study.limits``), question
numbers in ASCII digits only (``"²".isdigit()`` is true, ``int("²")`` fails)."""

from __future__ import annotations

import re

from django import forms

from quizzes.exams.report import SHOWS
from quizzes.exams.services import DEFAULT_LENGTH, DEFAULT_MINUTES, MAX_LENGTH, MAX_MINUTES
from quizzes.models import ExamAttempt
from quizzes.study.limits import CHOICE_INDEXES

GO_WORDS = ("prev", "next", "review", "check")
QUESTION_NUMBER = re.compile(r"[0-9]{1,4}", re.ASCII)


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
    mode = forms.ChoiceField(
        label="Mode",
        choices=ExamAttempt.Mode.choices,
        required=False,  # the quick-try button posts none: timed
        initial=ExamAttempt.Mode.TIMED,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose “timed” or “review”."},
    )

    def clean_mode(self) -> str:
        return self.cleaned_data["mode"] or ExamAttempt.Mode.TIMED


class ExamAnswerForm(forms.Form):
    """What one question page posts: the picked choice indexes, the review flag and where to go."""

    # Indexes into item.choices; the service refuses any the item itself does not have.
    choice = forms.TypedMultipleChoiceField(
        coerce=int,
        required=False,
        choices=[(i, i) for i in CHOICE_INDEXES],
        error_messages={"invalid_choice": "That is not one of this question's choices."},
    )
    flagged = forms.BooleanField(required=False)
    # "prev", "next", "review" (the submit screen), "check" (review mode: stay, see the feedback)
    # or a question number.
    go = forms.CharField(required=False, max_length=12)

    def clean_go(self) -> str:
        go = self.cleaned_data["go"]
        if go and go not in GO_WORDS and not QUESTION_NUMBER.fullmatch(go):
            raise forms.ValidationError("Go to “prev”, “next”, “review”, “check” or a question number.")
        return go

    def target(self, *, position: int, length: int) -> int | str:
        """Where the pressed button goes (call on a valid form)."""
        go = self.cleaned_data.get("go", "")
        if go == "review":
            return go
        if QUESTION_NUMBER.fullmatch(go):
            return min(max(int(go), 1), length)
        step = {"prev": -1, "next": 1}.get(go, 0)
        return min(max(position + step, 1), length)

    def error_messages(self) -> list[str]:
        return [message for errors in self.errors.values() for message in errors]


class ExamReportFilterForm(forms.Form):
    """The report's question filter, from the query string (``?show=wrong``)."""

    show = forms.ChoiceField(
        choices=list(SHOWS.items()),
        required=False,
        error_messages={"invalid_choice": "Show “all”, “wrong”, “flagged” or “unanswered”."},
    )
