"""quizzes/study/forms.py AnswerForm: its instances share the class's fields (no copy per request,
issue #16) and still validate each on its own data."""

from __future__ import annotations

from quizzes.study.forms import AnswerForm


def test_instances_share_the_class_fields():
    assert AnswerForm().fields["chosen"] is AnswerForm().fields["chosen"] is AnswerForm.base_fields["chosen"]


def test_instances_sharing_fields_validate_their_own_data():
    bad, good = (
        AnswerForm({"token": "t", "rating": "9"}),
        AnswerForm({"token": "t", "rating": "3", "chosen": ["1"]}),
    )
    assert (bad.is_valid(), good.is_valid()) == (False, True)
    assert (list(bad.errors), good.cleaned_data["rating"], good.cleaned_data["chosen"]) == (
        ["rating"],
        3,
        [1],
    )
