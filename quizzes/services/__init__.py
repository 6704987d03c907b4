"""Writes of the quizzes app."""
