"""Admin of the quizzes app; each area registers its models in its own module."""

from quizzes import admin_mail  # noqa: F401
