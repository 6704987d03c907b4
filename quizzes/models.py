"""Gathers the models of the quizzes app for Django; each capability defines its own.

One app label (``quizzes``) and one migration history, whatever package a model lives in.
"""

from quizzes.bank.models import Item, ItemChange, ItemQuerySet, ItemReport, ItemStatistics
from quizzes.exams.models import ExamAttempt, ExamBlueprint, ExamBlueprintWeight, ExamQuestion
from quizzes.mail.models import (
    DailyReminder,
    DeadLetter,
    LearnerSnapshot,
    SendStatus,
    TopicSnapshot,
    WeeklyEmail,
)
from quizzes.study.models import CardState, LearnerSettings, Notification, ReviewLog, ShownCard
from studyhub.outbox.models import OutboxMessage

__all__ = [
    "CardState",
    "DailyReminder",
    "DeadLetter",
    "ExamAttempt",
    "ExamBlueprint",
    "ExamBlueprintWeight",
    "ExamQuestion",
    "Item",
    "ItemChange",
    "ItemQuerySet",
    "ItemReport",
    "ItemStatistics",
    "LearnerSettings",
    "LearnerSnapshot",
    "Notification",
    "OutboxMessage",
    "ReviewLog",
    "SendStatus",
    "ShownCard",
    "TopicSnapshot",
    "WeeklyEmail",
]
