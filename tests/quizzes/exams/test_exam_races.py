"""Parallel starts of a mock exam (real row locks and unique indexes: PostgreSQL)."""

from __future__ import annotations

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from quizzes.models import ExamAttempt
from tests.factories import ItemFactory, TopicFactory, UserFactory
from tests.races import post_in_parallel

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres]

PARALLEL = 20


@pytest.fixture
def bank():
    topics = [TopicFactory(slug=f"topic-{n}") for n in range(3)]
    return [ItemFactory(topic=topics[n % 3]) for n in range(6)]


def _post_in_parallel(cookies, times: int) -> list:
    return post_in_parallel(cookies, times, reverse("quizzes:exam"), {"length": 3, "time_limit_minutes": 6})


def test_parallel_starts_make_one_running_exam(client, bank):
    learner = UserFactory()
    client.force_login(learner)
    _post_in_parallel(client.cookies, PARALLEL)
    assert ExamAttempt.objects.filter(learner=learner, submitted_at__isnull=True).count() == 1


def test_every_parallel_start_is_sent_to_the_one_running_exam(client, bank):
    learner = UserFactory()
    client.force_login(learner)
    responses = _post_in_parallel(client.cookies, PARALLEL)
    attempt = ExamAttempt.objects.get(learner=learner)
    expected = reverse("quizzes:exam-question", args=[attempt.pk, 1])
    assert [(r.status_code, r["Location"]) for r in responses] == [(302, expected)] * PARALLEL


def test_the_database_refuses_a_second_running_exam(bank):
    learner = UserFactory()
    now = timezone.now()
    ExamAttempt.objects.create(learner=learner, started_at=now, deadline=now)
    with pytest.raises(IntegrityError):
        ExamAttempt.objects.create(learner=learner, started_at=now, deadline=now)


def test_submitted_exams_do_not_count_against_the_one_running(bank):
    learner = UserFactory()
    now = timezone.now()
    ExamAttempt.objects.create(learner=learner, started_at=now, deadline=now, submitted_at=now)
    ExamAttempt.objects.create(learner=learner, started_at=now, deadline=now, submitted_at=now)
    ExamAttempt.objects.create(learner=learner, started_at=now, deadline=now)
    assert ExamAttempt.objects.filter(learner=learner).count() == 3
