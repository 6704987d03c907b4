"""quizzes/study/rating_buttons.py: the rating buttons built in Python are the markup the template's
loop rendered before (issue #16), for a flashcard and for a checked question, right or wrong."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.template import Context, Template

from quizzes.study.rating_buttons import rating_buttons_html

# The loop templates/quizzes/_study_rate.html had before the buttons moved to Python.
TEMPLATE_LOOP = Template(
    """{% for rating, label, interval in screen.rating_options %}
    <button type="submit" name="rating" value="{{ rating }}" data-rating="{{ rating }}"
            class="rate-{{ rating }}{% if screen.feedback and rating != screen.feedback.rating %} secondary{% endif %}"
            {% if screen.feedback and rating == screen.feedback.rating %}data-default{% endif %}>
      <span class="rate-label">{% if screen.feedback and not screen.feedback.correct %}Continue{% else %}{{ label }}{% endif %}</span>
      <span class="rate-interval">{{ interval }}</span>
      <kbd>{% if screen.feedback and not screen.feedback.correct %}Enter{% else %}{{ rating }}{% endif %}</kbd>
    </button>
  {% endfor %}"""
)
ALL = [(1, "Again", "<10m"), (2, "Hard", "2.1mo"), (3, "Good", "3d"), (4, "Easy", "1y")]


@pytest.mark.parametrize(
    ("options", "feedback"),
    [
        (ALL, None),  # a flashcard
        (ALL[1:], SimpleNamespace(rating=3, correct=True)),  # a question checked right
        (ALL[:1], SimpleNamespace(rating=1, correct=False)),  # a question checked wrong: Continue
    ],
)
def test_the_buttons_are_the_templates_markup(options, feedback):
    screen = SimpleNamespace(rating_options=options, feedback=feedback)
    built = rating_buttons_html(
        options,
        checked_rating=feedback.rating if feedback else None,
        correct=feedback.correct if feedback else None,
    )
    assert built == TEMPLATE_LOOP.render(Context({"screen": screen}))


def test_intervals_and_labels_are_escaped():
    built = rating_buttons_html([(1, "<b>Again</b>", "<10m")])
    assert "&lt;10m" in built and "&lt;b&gt;Again" in built and "<b>" not in built
