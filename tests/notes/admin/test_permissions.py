"""Who reaches the admin: learners nowhere, instructors with exactly the authoring permissions."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.urls import NoReverseMatch, reverse

from notes.apps import INSTRUCTOR_EXCLUDED_MODELS
from notes.models import Topic
from quizzes.models import (
    CardState,
    ExamAttempt,
    ExamQuestion,
    ItemReport,
    LearnerSettings,
    Notification,
    ReviewLog,
    ShownCard,
)
from tests.factories import ItemFactory, TopicFactory, UserFactory

pytestmark = pytest.mark.django_db


def admin_urls() -> list[str]:
    urls = []
    for model in admin.site._registry:
        opts = model._meta
        for view in ("changelist", "add"):
            try:
                urls.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}"))
            except NoReverseMatch:
                continue
    return urls


def test_every_admin_page_turns_a_learner_away(learner_client):
    refused = {
        url: learner_client.get(url).status_code
        for url in ["/admin/", "/admin/notes/source/upload/", *admin_urls()]
    }
    assert {url: code for url, code in refused.items() if code not in (302, 403)} == {}


def test_every_admin_page_sends_a_learner_to_the_login(learner_client):
    response = learner_client.get(reverse("admin:quizzes_item_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response.url


def test_the_admin_registers_the_authoring_models():
    registered = {m._meta.label_lower for m in admin.site._registry}
    assert {
        "notes.source",
        "notes.topic",
        "notes.conflict",
        "notes.ingestrun",
        "quizzes.item",
        "quizzes.itemreport",
        "quizzes.itemstatistics",
    } <= registered


@pytest.mark.parametrize(
    "name",
    [
        "admin:notes_source_changelist",
        "admin:notes_topic_changelist",
        "admin:notes_conflict_changelist",
        "admin:quizzes_item_changelist",
        "admin:quizzes_item_add",
        "admin:quizzes_itemreport_changelist",
        "admin:quizzes_itemstatistics_changelist",
        "admin:notes_source_upload",
        "admin:quizzes_item_import",
    ],
)
def test_an_instructor_opens_the_authoring_pages(instructor_client, name):
    assert instructor_client.get(reverse(name)).status_code == 200


def test_an_instructor_edits_a_topic_and_the_edit_is_in_the_history(instructor_client):
    topic = TopicFactory(title="Lambda")
    url = reverse("admin:notes_topic_change", args=[topic.pk])
    data = {
        "title": "AWS Lambda",
        "slug": topic.slug,
        "order": 5,
        "aliases": "[]",
        "introduction": "Functions **on demand**.",
        "lines-TOTAL_FORMS": 0,
        "lines-INITIAL_FORMS": 0,
    }
    instructor_client.post(url, data)
    assert LogEntry.objects.filter(object_id=str(topic.pk), content_type__model="topic").exists()
    assert Topic.objects.get(pk=topic.pk).title == "AWS Lambda"


@pytest.mark.parametrize("model", INSTRUCTOR_EXCLUDED_MODELS)
def test_instructors_cannot_change_a_learners_records(instructor, model):
    assert not instructor.has_perm(f"quizzes.change_{model}")


def test_instructors_cannot_add_or_delete_learners_reports(instructor):
    assert not instructor.has_perm("quizzes.add_itemreport") and not instructor.has_perm(
        "quizzes.delete_itemreport"
    )


def test_instructors_may_resolve_reports(instructor):
    assert instructor.has_perm("quizzes.change_itemreport") and instructor.has_perm("quizzes.view_itemreport")


def test_instructors_only_view_item_statistics(instructor):
    assert instructor.has_perm("quizzes.view_itemstatistics")
    assert not instructor.has_perm("quizzes.change_itemstatistics")


def test_an_instructor_cannot_rewrite_a_learners_report(instructor_client):
    report = ItemReport.objects.create(learner=UserFactory(), item=ItemFactory(), reason="typo", text="teh")
    url = reverse("admin:quizzes_itemreport_change", args=[report.pk])
    instructor_client.post(url, {"text": "edited", "reason": "wrong", "resolved": "on"})
    report.refresh_from_db()
    assert (report.text, report.reason, report.resolved) == ("teh", "typo", True)


@pytest.mark.parametrize(
    "model", [CardState, ReviewLog, ShownCard, LearnerSettings, ExamAttempt, ExamQuestion, Notification]
)
def test_no_admin_page_lets_an_instructor_change_a_learners_record(rf, instructor, model):
    request = rf.get("/admin/")
    request.user = instructor
    model_admin = admin.site._registry.get(model)
    writable = model_admin is not None and (
        model_admin.has_add_permission(request)
        or model_admin.has_change_permission(request)
        or model_admin.has_delete_permission(request)
    )
    assert not writable
