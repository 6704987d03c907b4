"""Writes of studying: answering reviews and practice, FSRS scheduling, learner settings."""
