"""The transactional outbox: work a request hands to Celery is kept in the database until the broker
takes it, and sent once."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.urls import reverse
from kombu.exceptions import OperationalError as BrokerError

from notes.models import IngestRun
from quizzes.models import OutboxMessage
from studyhub.outbox import services as outbox
from studyhub.outbox.services import outbox_enqueue, outbox_relay

pytestmark = pytest.mark.django_db


class Broker:
    """Stands in for the publish call: records what was sent, or fails like a stopped Redis."""

    def __init__(self) -> None:
        self.up = True
        self.sent: list[tuple[str, list]] = []

    def publish(self, message: OutboxMessage, broker=None) -> None:
        if not self.up:
            raise BrokerError("Error 111 connecting to 127.0.0.1:6390. Connection refused.")
        self.sent.append((message.task, message.args))


@pytest.fixture
def broker(monkeypatch) -> Broker:
    fake = Broker()
    monkeypatch.setattr(outbox, "_publish", fake.publish)
    return fake


def test_a_rolled_back_transaction_leaves_no_message(broker):
    with pytest.raises(RuntimeError), transaction.atomic():
        outbox_enqueue(task="notes.tasks.ingest_run", args=[1])
        raise RuntimeError("the request failed")
    assert not OutboxMessage.objects.exists()


def test_a_message_is_sent_right_after_the_commit(broker, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = outbox_enqueue(task="notes.tasks.ingest_run", args=[7])
    message.refresh_from_db()
    assert (broker.sent, message.sent_at is not None) == ([("notes.tasks.ingest_run", [7])], True)


def test_a_broker_error_keeps_the_message_for_later(broker, django_capture_on_commit_callbacks):
    broker.up = False
    with django_capture_on_commit_callbacks(execute=True):
        message = outbox_enqueue(task="notes.tasks.ingest_run", args=[7])
    message.refresh_from_db()
    assert (message.sent_at, message.attempts, "Connection refused" in message.last_error) == (None, 1, True)


def test_the_relay_sends_what_waited_once_the_broker_is_back(broker, django_capture_on_commit_callbacks):
    broker.up = False
    with django_capture_on_commit_callbacks(execute=True):
        for run_id in (1, 2, 3):
            outbox_enqueue(task="notes.tasks.ingest_run", args=[run_id])
    broker.up = True
    assert outbox_relay() == 3
    assert broker.sent == [("notes.tasks.ingest_run", [n]) for n in (1, 2, 3)]


def test_a_second_relay_sends_nothing_again(broker):
    outbox_enqueue(task="notes.tasks.ingest_run", args=[1])
    outbox_relay()
    assert (outbox_relay(), len(broker.sent)) == (0, 1)


def test_the_relay_stops_at_the_first_broker_error(broker):
    for run_id in (1, 2):
        outbox_enqueue(task="notes.tasks.ingest_run", args=[run_id])
    broker.up = False
    assert outbox_relay() == 0
    assert list(OutboxMessage.objects.values_list("attempts", flat=True)) == [1, 0]


def test_an_upload_succeeds_while_the_broker_is_down(
    broker, django_capture_on_commit_callbacks, instructor_client
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    broker.up = False
    upload = SimpleUploadedFile("sqs.md", b"# Amazon SQS\n\n- Messages can be up to 256 KB in size\n")
    with django_capture_on_commit_callbacks(execute=True):
        response = instructor_client.post(reverse("admin:notes_source_upload"), {"files": [upload]})
    run = IngestRun.objects.get()
    assert response.status_code == 302
    assert OutboxMessage.objects.filter(task="notes.tasks.ingest_run", args=[run.pk], sent_at=None).exists()


def test_an_eager_message_runs_its_task_in_process(django_capture_on_commit_callbacks):
    # No fake broker: in eager mode (tests, a laptop without a worker) the relay runs the task itself.
    from notes.services.uploads import ingest_run_create

    with django_capture_on_commit_callbacks(execute=True):
        run = ingest_run_create(files=[("sqs.md", b"# Amazon SQS\n\n- Messages can be up to 256 KB\n")])
    run.refresh_from_db()
    assert run.status == IngestRun.Status.DONE
