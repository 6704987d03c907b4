"""Writes of the question bank: generation, import/export, item statistics, reports."""
