"""Reads of studying: the review queue, the progress dashboard, the learner's export."""
