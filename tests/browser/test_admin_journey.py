"""An instructor in a real browser: uploads notes and watches the progress bar fill through htmx
polling until the per-file summary shows, then edits a question's choices inline (a refused edit
first, then a valid one)."""

from __future__ import annotations

import pytest

from notes.models import IngestRun, Source
from notes.services.uploads import ingest_run_process
from quizzes.models import Item
from tests.browser.conftest import PASSWORD
from tests.factories import InstructorFactory, ItemFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOTES = b"""# AWS Lambda

- Limits
  - Maximum execution time: 900 seconds
"""


@pytest.fixture
def instructor(db):
    return InstructorFactory(username="browser-instructor")


@pytest.fixture
def admin_page(page, live_server, instructor):
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Username").fill(instructor.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/admin/login/" not in url)
    return page


def _wait_until(page, check, message: str) -> None:
    for _ in range(100):
        if check():
            return
        page.wait_for_timeout(100)
    raise AssertionError(message)


def test_upload_shows_a_live_progress_bar_then_each_files_result(
    admin_page, live_server, monkeypatch, screenshot
):
    page = admin_page
    # Keep the task in the outbox so the page is seen while the run waits; the test plays the worker.
    monkeypatch.setattr("studyhub.outbox.services._relay_after_commit", lambda message_id: None)
    page.goto(f"{live_server.url}/admin/notes/source/")
    page.get_by_role("link", name="Upload notes").click()
    page.get_by_label("Notes files").set_input_files(
        [
            {"name": "lambda.md", "mimeType": "text/markdown", "buffer": NOTES},
            {"name": "slides.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 \x00\x01"},
        ]
    )
    page.get_by_role("button", name="Upload and ingest").click()

    bar = page.locator("progress#ingest-bar")
    bar.wait_for()
    assert (bar.get_attribute("value"), bar.get_attribute("max")) == ("0", "2")
    assert page.locator("#ingest-progress[hx-trigger]").count() == 1
    screenshot("waiting")

    run = IngestRun.objects.get()
    ingest_run_process(run_id=run.pk)  # the "worker" finishes while the page polls

    page.get_by_role("heading", name="Ingestion finished").wait_for()
    assert bar.get_attribute("value") == "2"
    assert page.get_by_role("alert").inner_text().startswith("slides.pdf: unsupported file type")
    assert page.locator("tr.ingest-file", has_text="lambda.md").locator("td").first.inner_text() == "ingested"
    assert page.locator("#ingest-progress[hx-trigger]").count() == 0  # polling stopped
    assert Source.objects.get().name == "lambda.md"
    screenshot("done")


def test_editing_a_question_with_inline_choices(admin_page, live_server, screenshot):
    page = admin_page
    item = ItemFactory(stem="What is the maximum execution time of a Lambda function?")
    page.goto(f"{live_server.url}/admin/quizzes/item/{item.pk}/change/")

    page.get_by_label("Choice 2 is correct").check()  # two keys on a single-answer question
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_text("needs exactly one correct choice (it has 2)").wait_for()
    screenshot("refused")

    page.get_by_label("Choice 1 is correct").uncheck()
    page.get_by_label("Choice 2 text").fill("15 minutes")
    page.get_by_label("Choice 5 text").fill("5 minutes")
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_text("was changed successfully").wait_for()

    item.refresh_from_db()
    assert item.choices[1] == {"text": "15 minutes", "correct": True}
    assert [c["correct"] for c in item.choices] == [False, True, False, False, False]
    assert item.choices[4]["text"] == "5 minutes"
    assert Item.objects.get(pk=item.pk).explanation  # untouched fields kept
