"""Topic list (with htmx search) and topic pages."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.factories import ConflictFactory, FactStatementFactory, SourceLineFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def lambda_topic():
    topic = TopicFactory(slug="lambda", title="AWS Lambda", aliases=["Lambda"])
    SourceLineFactory(topic=topic, text="Maximum execution time: 900 seconds", number=23)
    return topic


def test_topic_list_shows_each_topic_with_counts(client, lambda_topic):
    response = client.get(reverse("notes:topic-list"))
    assert response.status_code == 200
    assert "AWS Lambda" in response.text and response.context["topics"][0].n_lines == 1


def test_topic_search_filters_by_alias(client, lambda_topic):
    other = TopicFactory(slug="sqs", title="Amazon SQS")
    SourceLineFactory(topic=other)
    response = client.get(reverse("notes:topic-list"), {"q": "lamb"})
    assert [t.slug for t in response.context["topics"]] == ["lambda"]


def test_htmx_search_returns_only_the_results_partial(client, lambda_topic):
    response = client.get(reverse("notes:topic-list"), {"q": "lambda"}, headers={"HX-Request": "true"})
    assert "AWS Lambda" in response.text and "<html" not in response.text


def test_topic_page_cites_file_and_line_of_each_note_line(client, lambda_topic):
    response = client.get(reverse("notes:topic-detail", args=["lambda"]))
    line = lambda_topic.lines.get()
    assert f"{line.source.name}:23" in response.text


def test_topic_page_lists_limits_with_value_and_unit(client, lambda_topic):
    FactStatementFactory(fact__topic=lambda_topic, fact__attribute="maximum execution time")
    response = client.get(reverse("notes:topic-detail", args=["lambda"]))
    assert "maximum execution time" in response.text and "900 s" in response.text


def test_topic_page_shows_a_callout_for_each_conflict(client, lambda_topic):
    ConflictFactory(fact__topic=lambda_topic, topic=lambda_topic)
    response = client.get(reverse("notes:topic-detail", args=["lambda"]))
    assert "Sources disagree" in response.text and "callout" in response.text


def test_note_markup_is_sanitised(client, lambda_topic):
    SourceLineFactory(
        topic=lambda_topic, text="<script>alert(1)</script><img src=x onerror=alert(2)> **bold**"
    )
    response = client.get(reverse("notes:topic-detail", args=["lambda"]))
    assert "<script>alert" not in response.text and "onerror" not in response.text
    assert "<strong>bold</strong>" in response.text


def test_unknown_topic_is_404(client):
    assert client.get(reverse("notes:topic-detail", args=["nope"])).status_code == 404


def test_topic_page_has_a_table_of_contents_linking_each_folded_section(client, lambda_topic):
    source = lambda_topic.lines.get().source
    SourceLineFactory(topic=lambda_topic, source=source, text="Versions", number=30, position=30)
    SourceLineFactory(
        topic=lambda_topic, source=source, text="immutable once published", number=31, position=31, depth=1
    )
    response = client.get(reverse("notes:topic-detail", args=["lambda"]))
    anchor = next(s.anchor for s in response.context["page"].sections if s.title == "Versions")
    assert f'href="#{anchor}"' in response.text and f'<details class="fold" id="{anchor}"' in response.text


def test_table_of_contents_never_lists_two_entries_of_one_name(client, lambda_topic):
    """A notes section headed "Limits" and the table of limit facts are two entries a learner must
    tell apart in the table of contents."""
    source = lambda_topic.lines.get().source
    SourceLineFactory(topic=lambda_topic, source=source, text="Limits", is_heading=True, number=30)
    SourceLineFactory(topic=lambda_topic, source=source, text="Timeout: 900 seconds", depth=1, number=31)
    FactStatementFactory(fact__topic=lambda_topic, fact__attribute="maximum execution time")
    response = client.get(reverse("notes:topic-detail", args=["lambda"]))
    toc = response.text.split('<nav class="toc"', 1)[1].split("</nav>", 1)[0]
    entries = re.findall(r'<a href="#[^"]+">([^<]+)</a>', toc)
    assert "Limits" in entries and len(entries) == len(set(entries))
