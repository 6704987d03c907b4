"""Gathers the quizzes admin for Django's autodiscovery; each capability registers its own models."""

from quizzes.bank import admin as bank_admin  # noqa: F401
from quizzes.exams import admin as exams_admin  # noqa: F401
from quizzes.mail import admin as mail_admin  # noqa: F401
