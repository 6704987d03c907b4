"""Hostile strings through every way text reaches a page: note lines (stored and ingested from a file),
topic titles and introductions, authored questions imported from JSON and GIFT (stems, choices,
explanations on the study, practice and exam pages) and learners' item reports (the form and the
admin queue). None of them may leave anything in the HTML that runs script."""

from __future__ import annotations

import json

import pytest
import time_machine
from django.urls import reverse

from notes.models import Topic
from notes.services.ingest import ingest_bytes
from quizzes.bank.gift import questions_to_gift
from quizzes.bank.services.importing import questions_import
from quizzes.models import ExamAttempt, Item, ItemReport
from tests.factories import InstructorFactory, ItemFactory, SourceLineFactory, TopicFactory, UserFactory
from tests.security.html_safety import script_openings

pytestmark = pytest.mark.django_db

PAYLOADS = [
    pytest.param("<script>alert(1)</script>", id="script-tag"),
    pytest.param("<SCRIPT SRC=//evil.example/x.js></SCRIPT>", id="script-src"),
    pytest.param("<img src=x onerror=alert(1)>", id="img-onerror"),
    pytest.param('"><script>alert(1)</script>', id="double-quote-breakout"),
    pytest.param("'><img src=x onerror=alert(1)>", id="single-quote-breakout"),
    pytest.param('<a href="javascript:alert(1)">x</a>', id="javascript-link"),
    pytest.param('<a href="jav&#x09;ascript:alert(1)">x</a>', id="javascript-link-tab-entity"),
    pytest.param('<a href="&#106;avascript:alert(1)">x</a>', id="javascript-link-decimal-entity"),
    pytest.param("[click](javascript:alert(1))", id="markdown-javascript-link"),
    pytest.param("[click](JaVaScRiPt:alert(1))", id="markdown-mixed-case-link"),
    pytest.param("[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", id="markdown-data-url"),
    pytest.param("[a]: javascript:alert(1)\n\n[b][a]", id="markdown-reference-link"),
    pytest.param("![x](javascript:alert(1))", id="markdown-image"),
    pytest.param("<javascript:alert(1)>", id="markdown-autolink"),
    pytest.param("<svg onload=alert(1)>", id="svg-onload"),
    pytest.param("<svg><script>alert(1)</script></svg>", id="svg-script"),
    pytest.param("<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>", id="math-mutation"),
    pytest.param("<scr<script>ipt>alert(1)</scr</script>ipt>", id="malformed-nested"),
    pytest.param("<img src=x onerror=alert(1)//", id="unclosed-tag"),
    pytest.param('<iframe src="javascript:alert(1)"></iframe>', id="iframe"),
    pytest.param('<object data="javascript:alert(1)"></object>', id="object"),
    pytest.param('<p style="width: expression(alert(1))">x</p>', id="css-expression"),
    pytest.param('<div hx-get="/xss-probe" hx-trigger="load" hx-target="body">x</div>', id="htmx-get"),
    pytest.param('<a href="/" hx-on:click="alert(1)" data-hx-on-click="alert(1)">x</a>', id="htmx-on"),
    pytest.param("<details open ontoggle=alert(1)>", id="details-ontoggle"),
    pytest.param('<form action="javascript:alert(1)"><button>go</button></form>', id="form-action"),
    pytest.param('<meta http-equiv="refresh" content="0;url=javascript:alert(1)">', id="meta-refresh"),
    pytest.param("{{ request.user.password }} {% debug %}", id="template-syntax"),
]
MARKER = "xssmarker"


def assert_safe(response) -> None:
    html = response.content.decode()
    assert MARKER in html, "the hostile text did not reach the page, so the page proves nothing"
    assert script_openings(html, marker="/xss-probe") == []


@pytest.fixture
def learner(client):
    user = UserFactory()
    client.force_login(user)
    return user


# --- notes -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("payload", PAYLOADS)
def test_stored_note_line_renders_without_script(client, payload):
    line = SourceLineFactory(text=f"{MARKER} {payload}")
    assert_safe(client.get(reverse("notes:topic-detail", args=[line.topic.slug])))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_ingested_note_file_is_refused_or_renders_without_script(client, payload):
    """Ingestion refuses notes with active HTML outright; whatever it lets through renders inert."""
    body = "\n".join(f"- {MARKER} {line}" for line in payload.splitlines() if line.strip())
    summary = ingest_bytes(
        name="hostile.md", data=f"# Hostile Topic\n\n{body}\n- Timeout is 900 seconds\n".encode()
    )
    if not summary.ok:
        assert "active HTML" in summary.error and not Topic.objects.filter(lines__isnull=False).exists()
        return
    topic = Topic.objects.filter(lines__source__name="hostile.md").distinct().get()
    assert_safe(client.get(reverse("notes:topic-detail", args=[topic.slug])))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_topic_introduction_renders_without_script(client, payload):
    topic = TopicFactory(introduction=f"{MARKER} {payload}")
    assert_safe(client.get(reverse("notes:topic-detail", args=[topic.slug])))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_topic_title_renders_without_script_in_the_topic_list(client, payload):
    SourceLineFactory(topic=TopicFactory(title=f"{MARKER} {payload}"))
    assert_safe(client.get(reverse("notes:topic-list")))


def test_template_syntax_in_a_note_line_is_shown_not_evaluated(client, learner):
    line = SourceLineFactory(text="{{ request.user.password }}")
    response = client.get(reverse("notes:topic-detail", args=[line.topic.slug]))
    assert "{{ request.user.password }}" in response.text and learner.password not in response.text


# --- authored questions (import) ---------------------------------------------------------------------


def hostile_question(payload: str) -> dict:
    return {
        "stem": f"{MARKER} stem {payload}",
        "choices": [
            {"text": f"{MARKER} right {payload}", "correct": True},
            {"text": f"wrong {payload}", "correct": False},
            {"text": "300 seconds", "correct": False},
        ],
        "explanation": f"{MARKER} explanation {payload}",
        "topic": "hostile-topic",
        "kind": "concept",
    }


@pytest.fixture
def import_hostile(tmp_path):
    def run(payload: str, *, fmt: str = "json") -> Item:
        question = hostile_question(payload)
        path = tmp_path / f"questions.{fmt}"
        text = json.dumps([question]) if fmt == "json" else questions_to_gift([question])
        path.write_text(text, encoding="utf-8")
        questions_import(path=path)
        return Item.objects.get(origin=Item.Origin.AUTHORED)

    return run


def token_of(response) -> str:
    return response.context["screen"].shown.token


@pytest.mark.parametrize("payload", PAYLOADS)
def test_imported_question_renders_without_script_on_the_practice_page(
    client, learner, import_hostile, payload
):
    import_hostile(payload)
    assert_safe(client.get(reverse("quizzes:practice"), {"start": "1"}))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_imported_explanation_renders_without_script_after_a_practice_answer(
    client, learner, import_hostile, payload
):
    import_hostile(payload)
    token = token_of(client.get(reverse("quizzes:practice"), {"start": "1"}))
    response = client.post(reverse("quizzes:practice-answer"), {"token": token, "chosen": [1]})
    assert_safe(response)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_imported_question_renders_without_script_on_the_study_page(client, learner, import_hostile, payload):
    import_hostile(payload)
    assert_safe(client.get(reverse("quizzes:study")))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_imported_explanation_renders_without_script_after_a_study_check(
    client, learner, import_hostile, payload
):
    import_hostile(payload)
    token = token_of(client.get(reverse("quizzes:study")))
    response = client.post(reverse("quizzes:study-check"), {"token": token, "chosen": [0]})
    assert_safe(response)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_imported_question_renders_without_script_on_the_exam_page(client, learner, import_hostile, payload):
    import_hostile(payload)
    client.post(reverse("quizzes:exam"), {"length": 1, "time_limit_minutes": 5})
    attempt = ExamAttempt.objects.get(learner=learner)
    assert_safe(client.get(reverse("quizzes:exam-question", args=[attempt.pk, 1])))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_imported_question_renders_without_script_on_the_exam_report(
    client, learner, import_hostile, payload
):
    import_hostile(payload)
    client.post(reverse("quizzes:exam"), {"length": 1, "time_limit_minutes": 5})
    attempt = ExamAttempt.objects.get(learner=learner)
    client.post(reverse("quizzes:exam-submit", args=[attempt.pk]))
    assert_safe(client.get(reverse("quizzes:exam-report", args=[attempt.pk])))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_gift_imported_question_renders_without_script(client, learner, import_hostile, payload):
    import_hostile(payload, fmt="gift")
    token = token_of(client.get(reverse("quizzes:practice"), {"start": "1"}))
    assert_safe(client.post(reverse("quizzes:practice-answer"), {"token": token, "chosen": [1]}))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_imported_question_renders_without_script_in_the_admin_preview(client, import_hostile, payload):
    item = import_hostile(payload)
    client.force_login(InstructorFactory())
    assert_safe(client.get(reverse("admin:quizzes_item_change", args=[item.pk])))


# --- learners' item reports ------------------------------------------------------------------------


def file_report(client, item: Item, payload: str):
    return client.post(
        reverse("quizzes:item-report", args=[item.pk]), {"reason": "other", "text": f"{MARKER} {payload}"}
    )


@pytest.mark.parametrize("payload", PAYLOADS)
def test_rejected_report_reason_is_echoed_without_script(client, learner, payload):
    # The form's error message repeats the invalid choice ("Select a valid choice. … is not one of …").
    item = ItemFactory()
    response = client.post(reverse("quizzes:item-report", args=[item.pk]), {"reason": f"{MARKER} {payload}"})
    assert response.status_code == 400
    assert_safe(response)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_report_text_renders_without_script_in_the_admin_queue(client, learner, payload):
    file_report(client, ItemFactory(), payload)
    client.force_login(InstructorFactory())
    assert_safe(client.get(reverse("admin:quizzes_itemreport_changelist")))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_report_text_renders_without_script_on_the_admin_report_page(client, learner, payload):
    file_report(client, ItemFactory(), payload)
    client.force_login(InstructorFactory())
    report = ItemReport.objects.get()
    assert_safe(client.get(reverse("admin:quizzes_itemreport_change", args=[report.pk])))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_report_text_renders_without_script_on_the_admin_item_page(client, learner, payload):
    item = ItemFactory()
    file_report(client, item, payload)
    client.force_login(InstructorFactory())
    assert_safe(client.get(reverse("admin:quizzes_item_change", args=[item.pk])))


def test_a_report_is_stored_verbatim_for_the_instructors(client, learner):
    file_report(client, ItemFactory(), "<script>alert(1)</script>")
    assert ItemReport.objects.get().text == f"{MARKER} <script>alert(1)</script>"


@pytest.fixture(autouse=True)
def _fixed_clock():
    with time_machine.travel("2026-03-02 09:00:00+00:00", tick=False):
        yield
