"""Fixtures shared by the study-page tests."""

from __future__ import annotations

import pytest

from tests.factories import UserFactory


@pytest.fixture
def learner(client):
    """A learner, logged in on the test client."""
    user = UserFactory()
    client.force_login(user)
    return user
