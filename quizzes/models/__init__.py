"""Models of the quizzes app, one module per area (items, study, mail)."""

from .items import Item, ItemChange, ItemQuerySet

__all__ = ["Item", "ItemChange", "ItemQuerySet"]
