"""Admin of the quizzes app; each area registers its models in its own module."""

from quizzes import admin_items, admin_mail, admin_stats  # noqa: F401
