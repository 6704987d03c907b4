"""Studying: the FSRS review queue, practice, progress and mastery, confusions, learner settings and
the learner's export."""
