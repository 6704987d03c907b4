"""Playwright fixtures: Debian's chromium driven against pytest-django's live server, and a learner
logged in through the real login form. Screenshots go to ``test-artifacts/``."""

from __future__ import annotations

from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PASSWORD = "pw-for-tests-1"  # tests.factories.UserFactory's password


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def screenshot(page, request):
    ARTIFACTS.mkdir(exist_ok=True)

    def take(name: str) -> Path:
        path = ARTIFACTS / f"{request.node.name}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def learner(db):
    from tests.factories import UserFactory

    return UserFactory(username="browser-learner")


@pytest.fixture
def logged_in(page, live_server, learner):
    """The learner, logged in through the login form at /accounts/login/."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(learner.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    return learner
