"""Helpers shared by the review and practice view tests."""

from __future__ import annotations

import re
from datetime import UTC, datetime

NOW = datetime(2025, 5, 6, 12, 0, tzinfo=UTC)
HTMX = {"HTTP_HX_REQUEST": "true"}


def token_in(response) -> str:
    """The one-time token of the card shown in a response."""
    return re.search(rb'name="token" value="([^"]+)"', response.content).group(1).decode()
