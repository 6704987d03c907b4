"""The review card's rating buttons (Again/Hard/Good/Easy with the interval each gives) as HTML,
from markup built once per process per button variant (issue #16: the template's loop over the four
buttons was a sixth of the card's render, on every answer). Pure: the caller marks the result safe.

The markup is what ``templates/quizzes/_study_rate.html`` renders around it: a button per rating,
``data-rating`` and the shortcut key in ``<kbd>`` (study.js binds 1-4, or Enter for "Continue"),
after a question's check the derived rating pre-selected (``data-default``) and the others secondary.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from html import escape

_BUTTON = (
    '\n    <button type="submit" name="rating" value="{rating}" data-rating="{rating}"\n'
    '            class="rate-{rating}{secondary}"\n'
    "            {default}>\n"
    '      <span class="rate-label">{label}</span>\n'
    '      <span class="rate-interval">\x00</span>\n'
    "      <kbd>{key}</kbd>\n"
    "    </button>\n  "
)


@lru_cache(maxsize=64)
def _button_parts(
    rating: int, label: str, checked_rating: int | None, correct: bool | None
) -> tuple[str, str]:
    """The button's markup before and after its interval. ``checked_rating`` is None before a check
    (a flashcard), else the derived rating of a checked question and ``correct`` its verdict."""
    checked = checked_rating is not None
    wrong = checked and not correct
    markup = _BUTTON.format(
        rating=rating,
        secondary=" secondary" if checked and rating != checked_rating else "",
        default="data-default" if checked and rating == checked_rating else "",
        label="Continue" if wrong else escape(label),
        key="Enter" if wrong else rating,
    )
    head, _, tail = markup.partition("\x00")
    return head, tail


def rating_buttons_html(
    options: Sequence[tuple[int, str, str]], *, checked_rating: int | None = None, correct: bool | None = None
) -> str:
    """The buttons of ``options`` ((rating, label, interval) each), escaped."""
    pieces = []
    for rating, label, interval in options:
        head, tail = _button_parts(rating, label, checked_rating, correct)
        pieces += (head, escape(interval), tail)
    return "".join(pieces)
