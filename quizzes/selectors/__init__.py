"""Reads of the quizzes app, one module per area (``study`` for reviews and practice)."""
