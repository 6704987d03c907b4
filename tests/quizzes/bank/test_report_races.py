"""Parallel reports of one item by one learner (real unique indexes: PostgreSQL)."""

from __future__ import annotations

import pytest
from django.db import IntegrityError
from django.urls import reverse

from quizzes.models import ItemReport
from tests.factories import ItemFactory, UserFactory
from tests.races import post_in_parallel

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres]

PARALLEL = 20


def _report_in_parallel(client, item, **data) -> list:
    path = reverse("quizzes:item-report", args=[item.pk])
    return post_in_parallel(client.cookies, PARALLEL, path, {"reason": "typo", **data})


@pytest.fixture
def learner_client(client):
    learner = UserFactory()
    client.force_login(learner)
    client.learner = learner
    return client


def test_parallel_reports_make_one_open_report(learner_client):
    item = ItemFactory()
    _report_in_parallel(learner_client, item)
    assert ItemReport.objects.filter(learner=learner_client.learner, item=item).count() == 1


def test_every_parallel_report_is_answered_with_the_thank_you(learner_client):
    item = ItemFactory()
    responses = _report_in_parallel(learner_client, item)
    expected = reverse("quizzes:study")
    assert [(r.status_code, r["Location"]) for r in responses] == [(302, expected)] * PARALLEL


def test_a_later_report_of_the_raced_item_updates_the_open_one(learner_client):
    item = ItemFactory()
    _report_in_parallel(learner_client, item)
    response = learner_client.post(
        reverse("quizzes:item-report", args=[item.pk]), {"reason": "typo", "text": "“teh” in the stem"}
    )
    assert response.status_code == 302
    assert list(ItemReport.objects.filter(item=item).values_list("text", flat=True)) == ["“teh” in the stem"]


def test_the_database_refuses_a_second_open_report_of_the_same_reason():
    learner, item = UserFactory(), ItemFactory()
    ItemReport.objects.create(learner=learner, item=item, reason="typo")
    with pytest.raises(IntegrityError):
        ItemReport.objects.create(learner=learner, item=item, reason="typo")


def test_a_resolved_report_does_not_stop_a_new_one(learner_client):
    item = ItemFactory()
    ItemReport.objects.create(learner=learner_client.learner, item=item, reason="typo", resolved=True)
    learner_client.post(reverse("quizzes:item-report", args=[item.pk]), {"reason": "typo"})
    assert ItemReport.objects.filter(item=item, resolved=False).count() == 1


def test_another_reason_is_another_report(learner_client):
    item = ItemFactory()
    for reason in ("typo", "unclear"):
        learner_client.post(reverse("quizzes:item-report", args=[item.pk]), {"reason": reason})
    assert ItemReport.objects.filter(item=item).count() == 2
