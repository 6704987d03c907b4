"""The question bank: items and their choices, generation from facts (pure, in ``generation/``),
import and export (GIFT, JSON, Anki), item statistics, the bank's admin and learners' reports."""
