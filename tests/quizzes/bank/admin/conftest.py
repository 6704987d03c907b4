"""Fixtures of the question bank admin tests (shared with the other app's admin tests)."""

from tests.admin_support import instructor, instructor_client, learner, learner_client  # noqa: F401
