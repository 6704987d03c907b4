"""Models of the quizzes app, one module per area (items, study)."""

from .items import Item, ItemChange, ItemQuerySet
from .mail import DailyReminder, DeadLetter, LearnerSnapshot, SendStatus, TopicSnapshot, WeeklyEmail
from .outbox import OutboxMessage  # noqa: F401 - registers the model
from .reports import ItemReport, ItemStatistics
from .study import CardState, ExamAttempt, ExamQuestion, LearnerSettings, Notification, ReviewLog, ShownCard

__all__ = [
    "CardState",
    "DailyReminder",
    "DeadLetter",
    "ExamAttempt",
    "ExamQuestion",
    "Item",
    "ItemChange",
    "ItemQuerySet",
    "ItemReport",
    "ItemStatistics",
    "LearnerSettings",
    "LearnerSnapshot",
    "Notification",
    "ReviewLog",
    "SendStatus",
    "ShownCard",
    "TopicSnapshot",
    "WeeklyEmail",
]
