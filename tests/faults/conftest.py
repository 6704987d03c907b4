"""Fixtures of the fault tests."""

from __future__ import annotations

import pytest

from tests.factories import InstructorFactory


@pytest.fixture
def instructor_client(client, db):
    client.force_login(InstructorFactory())
    return client
