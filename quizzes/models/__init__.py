"""Models of the quizzes app, one module per area (items, study)."""

from .items import Item, ItemChange, ItemQuerySet
from .study import CardState, ExamAttempt, ExamQuestion, LearnerSettings, Notification, ReviewLog, ShownCard

__all__ = [
    "CardState",
    "ExamAttempt",
    "ExamQuestion",
    "Item",
    "ItemChange",
    "ItemQuerySet",
    "LearnerSettings",
    "Notification",
    "ReviewLog",
    "ShownCard",
]
