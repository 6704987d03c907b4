"""Learners report a problem with an item; reports show on the item and in the admin queue."""

from __future__ import annotations

import pytest
from django.contrib.admin.models import LogEntry
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from quizzes.models import ItemReport
from tests.factories import ItemFactory, UserFactory

pytestmark = pytest.mark.django_db


def report(client, item, **data):
    return client.post(reverse("quizzes:item-report", args=[item.pk]), {"reason": "typo", **data})


def test_a_learner_reports_a_typo(learner_client, learner):
    item = ItemFactory()
    report(learner_client, item, text="“secnods” in choice B")
    saved = ItemReport.objects.get()
    assert (saved.learner, saved.item, saved.reason, saved.text, saved.resolved) == (
        learner,
        item,
        "typo",
        "“secnods” in choice B",
        False,
    )


def test_with_htmx_the_form_is_swapped_for_a_thank_you(learner_client):
    item = ItemFactory()
    response = learner_client.post(
        reverse("quizzes:item-report", args=[item.pk]), {"reason": "wrong"}, headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert "Thank you" in body and f'id="report-item-{item.pk}"' in body and "<html" not in body


def test_without_javascript_the_learner_returns_to_the_page(learner_client):
    item = ItemFactory()
    response = learner_client.post(
        reverse("quizzes:item-report", args=[item.pk]), {"reason": "unclear", "next": "/practice/?start=1"}
    )
    assert response.status_code == 302 and response.url == "/practice/?start=1"


def test_next_may_not_point_off_site(learner_client):
    item = ItemFactory()
    response = learner_client.post(
        reverse("quizzes:item-report", args=[item.pk]), {"reason": "unclear", "next": "https://evil.example/"}
    )
    assert response.url == reverse("quizzes:study")


def test_a_next_that_is_no_path_goes_back_to_the_queue(learner_client):
    item = ItemFactory()
    response = learner_client.post(
        reverse("quizzes:item-report", args=[item.pk]), {"reason": "unclear", "next": "²"}
    )
    assert response.status_code == 302 and response.url == reverse("quizzes:study")


def test_a_double_click_files_one_report(learner_client):
    item = ItemFactory()
    for _ in range(2):
        report(learner_client, item)
    assert ItemReport.objects.count() == 1


def test_other_needs_a_text(learner_client):
    response = report(learner_client, ItemFactory(), reason="other")
    assert response.status_code == 400 and not ItemReport.objects.exists()


def test_reporting_needs_a_login(client):
    item = ItemFactory()
    client.post(reverse("quizzes:item-report", args=[item.pk]), {"reason": "typo"})
    assert not ItemReport.objects.exists()


def test_the_report_button_renders_for_a_card(learner):
    request = RequestFactory().get("/study/")
    request.user = learner
    html = render_to_string("quizzes/_report_item.html", {"item": ItemFactory()}, request=request)
    assert "Report a problem with this question" in html and 'name="reason"' in html


def test_reports_show_on_the_item_page(instructor_client):
    item = ItemFactory()
    ItemReport.objects.create(learner=UserFactory(), item=item, reason="wrong", text="The key is 15 minutes")
    page = instructor_client.get(reverse("admin:quizzes_item_change", args=[item.pk])).content.decode()
    assert "The key is 15 minutes" in page


def test_the_queue_lists_open_reports_by_default(instructor_client):
    open_report = ItemReport.objects.create(learner=UserFactory(), item=ItemFactory(), reason="typo")
    ItemReport.objects.create(learner=UserFactory(), item=ItemFactory(), reason="typo", resolved=True)
    response = instructor_client.get(reverse("admin:quizzes_itemreport_changelist"))
    assert list(response.context["cl"].result_list) == [open_report]


def test_resolving_reports_in_bulk_is_logged(instructor_client):
    saved = ItemReport.objects.create(learner=UserFactory(), item=ItemFactory(), reason="typo")
    instructor_client.post(
        reverse("admin:quizzes_itemreport_changelist"), {"action": "resolve", "_selected_action": [saved.pk]}
    )
    saved.refresh_from_db()
    assert saved.resolved and saved.resolved_at is not None
    assert LogEntry.objects.filter(content_type__model="itemreport", object_id=str(saved.pk)).exists()


def test_resolving_a_report_on_the_item_page(instructor_client):
    item = ItemFactory()
    saved = ItemReport.objects.create(learner=UserFactory(), item=item, reason="typo", text="teh")
    data = {
        "topic": item.topic_id,
        "kind": item.kind,
        "type": item.type,
        "status": item.status,
        "stem": item.stem,
        "choose": 1,
        "explanation": item.explanation,
        "reports-TOTAL_FORMS": 1,
        "reports-INITIAL_FORMS": 1,
        "reports-0-id": saved.pk,
        "reports-0-item": item.pk,
        "reports-0-resolved": "on",
    }
    for i, choice in enumerate(item.choices):
        data[f"choices_text_{i}"] = choice["text"]
        if choice["correct"]:
            data[f"choices_correct_{i}"] = "on"
    instructor_client.post(reverse("admin:quizzes_item_change", args=[item.pk]), data)
    saved.refresh_from_db()
    assert saved.resolved and saved.text == "teh"


def test_the_study_screen_offers_the_report_form(learner_client, learner):
    from tests.factories import CardStateFactory

    state = CardStateFactory(learner=learner)
    page = learner_client.get(reverse("quizzes:study")).content.decode()
    assert reverse("quizzes:item-report", args=[state.item_id]) in page


def test_the_referer_brings_a_learner_back_when_there_is_no_next(learner_client):
    item = ItemFactory()
    response = learner_client.post(
        reverse("quizzes:item-report", args=[item.pk]),
        {"reason": "typo"},
        headers={"Referer": "/practice/?start=1"},
    )
    assert response.url == "/practice/?start=1"
