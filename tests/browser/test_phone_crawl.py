"""Every learner page and the main admin pages on a phone (360 and 390 px wide), as the demo learner
and the demo instructor: no page wider than the screen, and on /study/, /practice/ and the exam the
question's box starts above the fold. Screenshots: test-artifacts/phone-<page>-<width>.png."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.browser.conftest import ARTIFACTS
from tests.browser.seen import FOLD_MARGIN, log_in, too_wide

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONES = ({"width": 360, "height": 740}, {"width": 390, "height": 844})
LEARNER = ("learner", "learn-serverless-1")  # notes/services/demo.py, as the README prints them
INSTRUCTOR = ("instructor", "teach-serverless-1")


@pytest.fixture
def demo(db):
    """The demo course and accounts (``manage.py load_demo``), with a submitted mock exam and a
    running one for the learner."""
    from django.contrib.auth import get_user_model

    from notes.models import Topic
    from quizzes.exams.services import exam_start, exam_submit
    from quizzes.models import Item

    call_command("load_demo", stdout=io.StringIO())
    learner = get_user_model().objects.get(username=LEARNER[0])
    now = timezone.now()
    # The whole bank in the submitted exam: its report shows every question's source lines, so the
    # crawl does not depend on which questions a random draw picked.
    done = exam_start(learner=learner, length=Item.objects.count(), now=now)
    exam_submit(learner=learner, attempt_id=done.pk, now=now)
    running = exam_start(learner=learner, length=5, now=now)
    return {
        "topic": Topic.objects.filter(lines__isnull=False).order_by("order", "title").first().slug,
        "item": Item.objects.order_by("pk").first().pk,
        "report": done.pk,
        "running": running.pk,
    }


def crawl(page, live_server, path: str, name: str, *, question: str | None = None, start=None) -> None:
    problems = []
    for phone in PHONES:
        page.set_viewport_size(phone)
        page.goto(f"{live_server.url}{path}")
        if start is not None:
            start(page)
        page.wait_for_load_state("networkidle")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"phone-{name}-{phone['width']}.png"), full_page=True)
        wide = too_wide(page)
        if wide:
            problems.append(f"at {phone['width']} px: {wide}")
        if question is not None:
            top = page.locator(question).first.evaluate("e => e.getBoundingClientRect().top")
            if top > phone["height"] - FOLD_MARGIN:
                problems.append(
                    f"{path} at {phone['width']}x{phone['height']}: the question starts {top:.0f} px down"
                )
    assert not problems, "\n".join(problems)


def start_practice(page) -> None:
    page.get_by_role("button", name="Start practice").click()
    page.locator(".study-card").first.wait_for()


# --- the learner -----------------------------------------------------------------------------------

LEARNER_PAGES = [
    pytest.param("/", "home", None, id="home"),
    pytest.param("/topics/", "topics", None, id="topics"),
    pytest.param("/topics/{topic}/", "topic", None, id="topic"),
    pytest.param("/study/", "study", ".study-card", id="study"),
    pytest.param("/exam/", "exam", None, id="exam"),
    pytest.param("/exam/{running}/q/1/", "exam-question", ".exam-question", id="exam-question"),
    pytest.param("/exam/{report}/report/", "exam-report", None, id="exam-report"),
    pytest.param("/progress/", "progress", None, id="progress"),
    pytest.param("/settings/", "settings", None, id="settings"),
    pytest.param("/cards/", "cards", None, id="cards"),
]


@pytest.mark.parametrize(("path", "name", "question"), LEARNER_PAGES)
def test_learner_page_fits_a_phone(page, live_server, demo, path, name, question):
    log_in(page, live_server, *LEARNER)
    crawl(page, live_server, path.format(**demo), name, question=question)


def test_practice_question_is_above_the_fold_on_a_phone(page, live_server, demo):
    log_in(page, live_server, *LEARNER)
    crawl(page, live_server, "/practice/", "practice", question=".study-card", start=start_practice)


def test_topics_table_headers_are_whole_words_on_a_phone(page, live_server, demo):
    log_in(page, live_server, *LEARNER)
    page.set_viewport_size(PHONES[0])
    page.goto(f"{live_server.url}/topics/")
    lines = page.eval_on_selector_all(
        ".counts th",
        """ths => ths.map(th => { const r = document.createRange(); r.selectNodeContents(th);
               return [th.textContent.trim(), r.getClientRects().length]; })""",
    )
    assert [text for text, rows in lines if rows != 1] == []
    assert [text for text, _ in lines] == ["Topic", "Lines", "Facts", "Conflicts", "Sources"]


# --- the instructor --------------------------------------------------------------------------------

ADMIN_PAGES = [
    pytest.param("/admin/", "admin-home", id="admin-home"),
    pytest.param("/admin/quizzes/item/", "admin-items", id="admin-items"),
    pytest.param("/admin/quizzes/item/{item}/change/", "admin-item", id="admin-item"),
    pytest.param("/admin/notes/topic/", "admin-topics", id="admin-topics"),
    pytest.param("/admin/notes/source/", "admin-sources", id="admin-sources"),
    pytest.param("/admin/notes/conflict/", "admin-conflicts", id="admin-conflicts"),
    pytest.param("/admin/quizzes/itemreport/", "admin-reports", id="admin-reports"),
]


@pytest.mark.parametrize(("path", "name"), ADMIN_PAGES)
def test_admin_page_fits_a_phone(page, live_server, demo, path, name):
    log_in(page, live_server, *INSTRUCTOR)
    crawl(page, live_server, path.format(**demo), name)


def test_the_bank_changelist_shows_every_column_at_1280(page, live_server, demo):
    log_in(page, live_server, *INSTRUCTOR)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/admin/quizzes/item/")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "admin-items-1280.png"))
    wide, box = page.evaluate(
        "(() => { const r = document.querySelector('#changelist .results'); return [r.scrollWidth, r.clientWidth]; })()"
    )
    assert wide <= box
    assert page.evaluate("document.querySelector('#result_list tbody tr').offsetHeight") < 60
