"""A topic's aliases box in the admin: empty means no aliases, anything but a JSON list of names is a
form error (found by tests/hostile/test_endpoints.py: an empty box answered 500)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from notes.models import Topic
from tests.factories import TopicFactory

pytestmark = pytest.mark.django_db


def save(client, topic, aliases: str):
    data = {
        "title": "Amazon SQS",
        "slug": topic.slug,
        "order": 5,
        "aliases": aliases,
        "introduction": "",
        "lines-TOTAL_FORMS": 0,
        "lines-INITIAL_FORMS": 0,
    }
    return client.post(reverse("admin:notes_topic_change", args=[topic.pk]), data)


def test_an_empty_aliases_box_saves_no_aliases(instructor_client):
    topic = TopicFactory(title="SQS", aliases=["queue"])
    response = save(instructor_client, topic, "")
    topic.refresh_from_db()
    assert (response.status_code, topic.aliases, topic.search_text) == (302, [], "amazon sqs")


@pytest.mark.parametrize("aliases", ['{"a": 1}', '"SQS"', "[1, 2]"])
def test_aliases_that_are_not_a_list_of_names_are_a_form_error(instructor_client, aliases):
    topic = TopicFactory(title="SQS", aliases=["queue"])
    response = save(instructor_client, topic, aliases)
    assert response.status_code == 200 and b"A JSON list of other names" in response.content
    assert Topic.objects.get(pk=topic.pk).aliases == ["queue"]
