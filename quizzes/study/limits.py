"""Limits every edge agrees on: what the importer accepts, the review form and the exam form can answer.

Pure: no Django. A question with more choices than MAX_CHOICES is refused at import and never
generated, so every stored key is an index the answer forms accept.
"""

from __future__ import annotations

MAX_CHOICES = 20
"""Most choices one question may have; choice indexes run 0 .. MAX_CHOICES - 1."""

CHOICE_INDEXES: tuple[int, ...] = tuple(range(MAX_CHOICES))

LEECH_LAPSES = 8
"""As Anki: a card forgotten this often is a leech (marked in the card browser, suspended by a setting)."""
