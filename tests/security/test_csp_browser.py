"""The Content-Security-Policy breaks nothing: Debian's chromium loads the learner's pages and the
admin index with the policy in force and reports no violation (htmx, our scripts and styles load)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from quizzes.exams.services import exam_start
from tests.factories import InstructorFactory, ItemFactory, SourceLineFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pw-for-tests-1"


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(10_000)
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.violations = violations
    yield page
    context.close()


def log_in(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def test_learner_pages_load_without_csp_violations(page, live_server):
    learner = UserFactory(username="csp-learner")
    line = SourceLineFactory(text="Maximum execution time: **900 seconds**")
    for _ in range(2):
        ItemFactory(topic=line.topic)
    attempt = exam_start(learner=learner, now=timezone.now(), length=1, time_limit_minutes=5)
    log_in(page, live_server, learner.username)
    for path in (
        "/",
        "/topics/",
        f"/topics/{line.topic.slug}/",
        "/study/",
        "/practice/?start=1",
        f"/exam/{attempt.pk}/q/1/",
        "/progress/",
        "/settings/",
    ):
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")
    assert page.evaluate("typeof htmx") == "object" and page.violations == []


def test_htmx_search_swaps_under_the_policy(page, live_server):
    from playwright.sync_api import expect

    SourceLineFactory(topic__title="AWS Lambda", topic__slug="lambda")
    SourceLineFactory(topic__title="Amazon SQS", topic__slug="sqs")
    page.goto(f"{live_server.url}/topics/")
    page.get_by_role("searchbox").fill("lamb")
    expect(page.locator("#topic-results")).not_to_contain_text("Amazon SQS")
    assert page.violations == []


def test_admin_index_loads_without_csp_violations(page, live_server):
    InstructorFactory(username="csp-instructor")
    log_in(page, live_server, "csp-instructor")
    page.goto(f"{live_server.url}/admin/")
    page.wait_for_load_state("networkidle")
    assert page.violations == []
