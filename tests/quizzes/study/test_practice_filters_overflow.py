"""The practice filters refuse a topic id no database column can hold with a 400, not a 500."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import ItemFactory

pytestmark = pytest.mark.django_db


def test_a_topic_id_too_large_for_any_column_is_an_invalid_choice(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("learner-overflow", password="pw-overflow-1"))
    ItemFactory()
    response = client.get(reverse("quizzes:practice"), {"start": "1", "topics": "9" * 25})
    assert response.status_code == 400 and "not one of the available choices" in response.text
