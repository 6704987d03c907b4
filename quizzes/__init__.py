"""Facts -> items -> attempts -> schedule: generation, the question bank, reviews, practice, exams, emails."""
