"""Admin of the question bank: items with their choices, import, preview and approval
(``items``) and the read-only item statistics (``statistics``)."""

from quizzes.bank.admin import items, statistics  # noqa: F401
