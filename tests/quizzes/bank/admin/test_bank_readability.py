"""The question bank's change list at 1280 px: a one-line prompt with the whole text on hover, every
column present, the site's icon on admin pages and at /favicon.ico, counts that agree in number.
(The width itself is checked in a browser: tests/browser/test_phone_crawl.py.)"""

from __future__ import annotations

import pytest
from django.urls import reverse

from notes.models import Topic
from tests.factories import ConflictFactory, FactFactory, ItemFactory, SourceLineFactory, TopicFactory

pytestmark = pytest.mark.django_db

LONG = (
    "A function subscribed to a queue receives a batch of messages and fails on the third one; "
    "what happens to the other messages of the batch, and how can the function report which ones failed?"
)


@pytest.fixture
def changelist(instructor_client):
    ItemFactory(stem=LONG, type="single")
    response = instructor_client.get(reverse("admin:quizzes_item_changelist"))
    assert response.status_code == 200
    return response.content.decode()


def test_the_bank_changelist_renders_every_column(changelist):
    for column in (
        "prompt_short",
        "topic",
        "kind",
        "type",
        "status",
        "origin",
        "facility",
        "open_reports",
        "updated",
    ):
        assert f'class="sortable column-{column}' in changelist or f'class="column-{column}' in changelist


def test_a_long_prompt_keeps_its_whole_text_on_hover(changelist):
    assert f'<span class="bank-prompt" title="{LONG}">' in changelist.replace("&#x27;", "'")


def test_the_bank_changelist_loads_its_one_line_prompt_styles(changelist):
    assert "css/admin_bank.css" in changelist


def test_the_updated_column_is_a_short_date_with_the_time_on_hover(changelist):
    assert '<time datetime="' in changelist


def test_the_bank_changelist_has_no_model_sidebar_taking_its_width(changelist):
    assert 'id="nav-sidebar"' not in changelist


def test_admin_pages_name_the_site_icon(instructor_client):
    page = instructor_client.get(reverse("admin:index")).content.decode()
    assert '<link rel="icon" href="/static/favicon.svg"' in page


def test_favicon_ico_is_served(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert b"<svg" in b"".join(response.streaming_content)


def test_one_open_conflict_is_not_called_conflicts(client):
    ConflictFactory()
    page = client.get(reverse("home")).content.decode()
    assert "1 conflict between sources" in page


def test_topic_counts_in_the_admin_count_each_relation_once(instructor_client):
    topic = TopicFactory(title="Queues")
    for n in range(3):
        SourceLineFactory(topic=topic, number=n + 1)
    for _ in range(2):
        FactFactory(topic=topic)
    ConflictFactory(fact=FactFactory(topic=topic), resolved=True)
    counted = Topic.objects.with_counts().get(pk=topic.pk)
    assert (counted.n_lines, counted.n_facts, counted.n_conflicts, counted.n_sources) == (3, 3, 0, 3)
    assert instructor_client.get(reverse("admin:notes_topic_changelist")).status_code == 200
