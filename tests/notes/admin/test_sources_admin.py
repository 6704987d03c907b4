"""Sources and topics in the admin: upload -> ingestion task -> progress -> per-file result,
re-ingest, review-before-publish, topic merge and the introduction preview."""

from __future__ import annotations

import pytest
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from notes.models import Fact, IngestRun, Source, SourceLine, Topic
from notes.services.ingest import ingest_bytes
from notes.services.uploads import ingest_run_create
from tests.admin_support import LAMBDA_NOTES
from tests.factories import FactFactory, ItemFactory, SourceFactory, SourceLineFactory, TopicFactory

pytestmark = pytest.mark.django_db


def upload(client, *files: tuple[str, bytes], capture):
    with capture(execute=True):
        return client.post(
            reverse("admin:notes_source_upload"),
            {"files": [SimpleUploadedFile(name, data) for name, data in files]},
        )


def test_upload_ingests_every_file_and_redirects_to_the_progress_page(
    instructor_client, django_capture_on_commit_callbacks
):
    response = upload(
        instructor_client, ("lambda.md", LAMBDA_NOTES.encode()), capture=django_capture_on_commit_callbacks
    )
    run = IngestRun.objects.get()
    assert response.url == reverse("admin:notes_ingestrun_progress", args=[run.pk])
    assert (run.status, run.done, Source.objects.get().name) == ("done", 1, "lambda.md")


def test_the_finished_run_shows_each_files_summary_and_stops_polling(
    instructor_client, django_capture_on_commit_callbacks
):
    response = upload(
        instructor_client,
        ("lambda.md", LAMBDA_NOTES.encode()),
        ("photo.png", b"\x89PNG\x00\x00"),
        capture=django_capture_on_commit_callbacks,
    )
    page = instructor_client.get(response.url).content.decode()
    assert "unsupported file type" in page and "lambda.md" in page and "hx-trigger" not in page


def test_a_bad_file_does_not_stop_the_good_one(instructor_client, django_capture_on_commit_callbacks):
    upload(
        instructor_client,
        ("empty.md", b"   "),
        ("lambda.md", LAMBDA_NOTES.encode()),
        capture=django_capture_on_commit_callbacks,
    )
    summaries = {s["name"]: s for s in IngestRun.objects.get().summary}
    assert summaries["lambda.md"]["ok"] and "file is empty" in summaries["empty.md"]["error"]


def test_a_running_ingest_polls_its_progress_partial(instructor_client):
    run = ingest_run_create(files=[("lambda.md", LAMBDA_NOTES.encode())])  # not committed: the task waits
    response = instructor_client.get(
        reverse("admin:notes_ingestrun_progress", args=[run.pk]), headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert 'hx-trigger="every 1s"' in body and "<progress" in body and "<html" not in body


def test_a_running_ingest_page_refreshes_itself_without_javascript(instructor_client):
    run = ingest_run_create(files=[("lambda.md", LAMBDA_NOTES.encode())])
    body = instructor_client.get(reverse("admin:notes_ingestrun_progress", args=[run.pk])).content.decode()
    assert 'http-equiv="refresh"' in body


def test_the_upload_is_in_the_admin_history(instructor_client, django_capture_on_commit_callbacks):
    upload(
        instructor_client, ("lambda.md", LAMBDA_NOTES.encode()), capture=django_capture_on_commit_callbacks
    )
    assert LogEntry.objects.filter(content_type__model="ingestrun", action_flag=ADDITION).count() == 1


def test_upload_without_a_file_shows_the_form_again(instructor_client):
    response = instructor_client.post(reverse("admin:notes_source_upload"), {})
    assert response.status_code == 200 and not IngestRun.objects.exists()


def test_ingestion_keeps_the_sources_bytes_for_re_ingesting():
    ingest_bytes(name="lambda.md", data=LAMBDA_NOTES.encode())
    assert bytes(Source.objects.get().content) == LAMBDA_NOTES.encode()


def test_re_ingest_action_parses_the_stored_copy_again(instructor_client, django_capture_on_commit_callbacks):
    ingest_bytes(name="lambda.md", data=LAMBDA_NOTES.encode())
    source = Source.objects.get()
    SourceLine.objects.filter(source=source).delete()  # as if an older parser had kept fewer lines
    with django_capture_on_commit_callbacks(execute=True):
        response = instructor_client.post(
            reverse("admin:notes_source_changelist"), {"action": "reingest", "_selected_action": [source.pk]}
        )
    assert (
        response.status_code == 302 and SourceLine.objects.filter(source=source).count() == source.kept_lines
    )


def test_re_ingest_is_logged_on_the_source(instructor_client, django_capture_on_commit_callbacks):
    ingest_bytes(name="lambda.md", data=LAMBDA_NOTES.encode())
    source = Source.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        instructor_client.post(
            reverse("admin:notes_source_changelist"), {"action": "reingest", "_selected_action": [source.pk]}
        )
    assert LogEntry.objects.filter(object_id=str(source.pk), action_flag=CHANGE).exists()


def test_review_before_publish_can_be_switched_on_in_bulk(instructor_client):
    source = SourceFactory()
    instructor_client.post(
        reverse("admin:notes_source_changelist"), {"action": "review_on", "_selected_action": [source.pk]}
    )
    source.refresh_from_db()
    assert source.review_before_publish


def test_the_source_page_lists_its_topics_facts_and_conflicts(instructor_client):
    ingest_bytes(name="lambda.md", data=LAMBDA_NOTES.encode())
    source = Source.objects.get()
    page = instructor_client.get(reverse("admin:notes_source_change", args=[source.pk])).content.decode()
    assert "Amazon SQS" in page and "maximum execution time" in page and "No conflicts." in page


def test_the_fact_list_filters_by_source(instructor_client):
    ingest_bytes(name="lambda.md", data=LAMBDA_NOTES.encode())
    ingest_bytes(name="other.md", data=b"# Amazon SNS\n\n- Messages can be up to 256 KB in size\n")
    source = Source.objects.get(name="lambda.md")
    response = instructor_client.get(reverse("admin:notes_fact_changelist"), {"source": source.pk})
    assert {f.pk for f in response.context["cl"].result_list} == set(
        Fact.objects.filter(statements__source=source).values_list("pk", flat=True)
    )


# --- topics ----------------------------------------------------------------------------------------


def merge(client, keep: Topic, drop: Topic):
    return client.post(
        reverse("admin:notes_topic_changelist"),
        {"action": "merge", "_selected_action": [keep.pk, drop.pk], "target": keep.pk, "confirm": "yes"},
    )


def test_merge_moves_lines_facts_and_items_to_the_kept_topic(instructor_client):
    keep, drop = TopicFactory(slug="step-functions"), TopicFactory(slug="stepfunctions")
    SourceLineFactory(topic=drop)
    FactFactory(topic=drop)
    ItemFactory(topic=drop)
    merge(instructor_client, keep, drop)
    assert (keep.lines.count(), keep.facts.count(), keep.items.count()) == (1, 1, 1)


def test_merge_deletes_the_other_topic_and_keeps_its_slug_as_an_alias(instructor_client):
    keep, drop = TopicFactory(slug="step-functions"), TopicFactory(slug="stepfunctions")
    merge(instructor_client, keep, drop)
    keep.refresh_from_db()
    assert not Topic.objects.filter(pk=drop.pk).exists() and "stepfunctions" in keep.aliases


def test_merge_is_in_the_history_of_both_topics(instructor_client):
    keep, drop = TopicFactory(slug="step-functions"), TopicFactory(slug="stepfunctions")
    merge(instructor_client, keep, drop)
    flags = set(LogEntry.objects.filter(content_type__model="topic").values_list("object_id", "action_flag"))
    assert flags == {(str(keep.pk), CHANGE), (str(drop.pk), DELETION)}


def test_merge_asks_which_topic_to_keep_first(instructor_client):
    keep, drop = TopicFactory(), TopicFactory()
    response = instructor_client.post(
        reverse("admin:notes_topic_changelist"), {"action": "merge", "_selected_action": [keep.pk, drop.pk]}
    )
    assert b"Keep which topic?" in response.content and Topic.objects.count() == 2


def test_a_merged_topic_stays_merged_when_its_notes_are_ingested_again():
    ingest_bytes(name="lambda.md", data=LAMBDA_NOTES.encode())
    from notes.services.topics_admin import topic_merge

    keep, drop = Topic.objects.get(slug="lambda"), Topic.objects.get(slug="sqs")
    topic_merge(source_id=drop.pk, target_id=keep.pk)
    ingest_bytes(
        name="lambda.md", data=(LAMBDA_NOTES + "\n- Dead-letter queues hold failed messages\n").encode()
    )
    assert not Topic.objects.filter(slug="sqs").exists()


def test_introduction_preview_renders_markdown_and_strips_scripts(instructor_client):
    response = instructor_client.post(
        reverse("admin:notes_topic_introduction_preview"),
        {"introduction": "Use **Lambda**<script>alert(1)</script>"},
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert "<strong>Lambda</strong>" in body and "<script" not in body


def test_the_topic_page_lists_every_line_with_its_source(instructor_client):
    ingest_bytes(name="lambda.md", data=LAMBDA_NOTES.encode())
    topic = Topic.objects.get(slug="lambda")
    page = instructor_client.get(reverse("admin:notes_topic_change", args=[topic.pk])).content.decode()
    assert "Maximum execution time: 900 seconds" in page and "lambda.md" in page
