"""Call modes of operations and options, replication lag, delivery guarantees against frequencies and
default invocation models, on small notes of our own (no sentence of any corpus)."""

from __future__ import annotations

from notes.facts import extract_facts
from notes.outline import FactDraft
from notes.parser import parse_notes
from notes.topics import segment_topics


def facts_of(text: str) -> list[FactDraft]:
    return [fact for section in segment_topics(parse_notes(text)) for fact in extract_facts(section)]


def triples(text: str, kind: str | None = None) -> set[tuple[str, str, str]]:
    return {(f.subject, f.attribute, f.value) for f in facts_of(text) if kind is None or f.kind == kind}


# --- delivery guarantees are not frequencies ---------------------------------------------------------


def test_at_most_once_an_hour_is_a_frequency_not_a_delivery_guarantee():
    text = "# Amazon SQS\n\n- a purge can be run at most once an hour\n"
    assert not [f for f in facts_of(text) if f.attribute == "delivery guarantee"]


def test_at_least_once_delivery_is_still_a_delivery_guarantee():
    text = "# Amazon SQS\n\n- standard queues give at least once delivery\n"
    assert any(f.value == "at-least-once" for f in facts_of(text) if f.attribute == "delivery guarantee")


# --- who invokes the function, and by default ----------------------------------------------------------


def test_a_mode_said_by_default_is_the_default_invocation_model():
    text = (
        "# Amazon EventBridge\n\nWhen the target is a Lambda function, the bus invokes it synchronously by"
        " default; a flag makes the call asynchronous instead.\n"
    )
    found = triples(text, "invocation")
    assert ("Amazon EventBridge", "default Lambda invocation model", "synchronous") in found
    assert not {t for t in found if t[1] == "Lambda invocation model"}


def test_a_sentence_naming_both_modes_without_a_default_gives_no_model():
    text = (
        "# Amazon EventBridge\n\nThe bus invokes a Lambda function synchronously, and a flag makes the call"
        " asynchronous.\n"
    )
    assert not [f for f in facts_of(text) if f.attribute.endswith("invocation model")]


def test_the_service_a_sentence_hands_the_event_to_is_the_invoker():
    text = (
        "# AWS CodeBuild\n\nA build can send its state change to Amazon EventBridge, where a rule invokes"
        " a Lambda function asynchronously.\n"
    )
    found = triples(text, "invocation")
    assert ("Amazon EventBridge", "Lambda invocation model", "asynchronous") in found
    assert not [t for t in found if t[0] == "AWS CodeBuild"]


# --- how an operation or option is called -------------------------------------------------------------


def test_a_label_then_a_bare_mode_gives_the_labelled_option_its_model():
    text = "# Amazon Transcribe\n\n- Streaming transcription: StartStream, synchronous\n"
    assert ("Transcribe streaming transcription", "invocation model", "synchronous") in triples(text)


def test_one_document_per_synchronous_call_is_synchronous():
    text = "# Amazon Transcribe\n\nWays to call it:\n\n- Quick, one file per synchronous call\n"
    assert ("Transcribe quick", "invocation model", "synchronous") in triples(text)


def test_still_synchronous_after_a_label_is_synchronous():
    text = "# Amazon Transcribe\n\nWays to call it:\n\n- Bulk, still synchronous, up to 9 files per call\n"
    assert ("Transcribe bulk", "invocation model", "synchronous") in triples(text)


def test_only_as_an_asynchronous_job_names_the_longer_name_in_parentheses():
    text = (
        "# Amazon Transcribe\n\nIt finds:\n\n- speakers (speaker labelling) — only as an asynchronous job\n"
    )
    assert ("Transcribe speaker labelling", "invocation model", "asynchronous") in triples(text)


def test_an_operation_name_stated_as_a_mode_is_its_scope():
    text = "# Amazon Transcribe\n\nGetQuickText is synchronous and returns the words straight away.\n"
    assert ("Transcribe GetQuickText", "invocation model", "synchronous") in triples(text)


def test_a_mode_adjective_on_a_call_noun_scopes_the_sentence():
    text = (
        "# Amazon Transcribe\n\nThe asynchronous operations (StartLongJob) need the file in an S3 bucket.\n"
    )
    found = triples(text)
    assert ("Transcribe asynchronous operation", "invocation model", "asynchronous") in found


def test_a_parent_label_is_the_scope_of_a_mode_its_child_states():
    text = "# Amazon Transcribe\n\n- Live mode\n  - invoked synchronously: the caller waits for the words\n"
    assert ("Transcribe live mode", "invocation model", "synchronous") in triples(text)


def test_queued_requests_under_a_label_are_asynchronous():
    text = "# Amazon Transcribe\n\n- Deferred mode\n  - requests are queued and processed later\n"
    assert ("Transcribe deferred mode", "invocation model", "asynchronous") in triples(text)


def test_a_table_row_with_one_mode_cell_gives_its_first_cell_the_model():
    text = (
        "# Amazon Transcribe\n\n| Option | Max file | How you call it |\n|---|---|---|\n"
        "| Bulk export | 2 GB | batch job |\n| Live mode | 1 MB | queued, asynchronous |\n"
    )
    found = triples(text)
    assert ("Transcribe bulk export", "invocation model", "batch job") in found
    assert ("Transcribe live mode", "invocation model", "asynchronous") in found


def test_a_line_naming_both_modes_gives_no_model():
    text = "# Amazon Transcribe\n\n- Live mode: synchronous or asynchronous, you choose\n"
    assert not [f for f in facts_of(text) if f.attribute == "invocation model"]


def test_a_negated_mode_gives_no_model():
    text = "# Amazon Transcribe\n\n- Live mode: not synchronous\n"
    assert not [f for f in facts_of(text) if f.attribute == "invocation model"]


def test_a_mode_word_inside_another_noun_is_no_model():
    text = "# Amazon Transcribe\n\n- Live mode: it had to take the asynchronous path this time\n"
    assert not [f for f in facts_of(text) if f.attribute == "invocation model"]


def test_a_line_about_invoking_a_function_is_left_to_the_invoker_reader():
    text = "# Amazon Transcribe\n\n- Hooks\n  - a hook can call a Lambda function; that call is an asynchronous invocation\n"
    assert not [f for f in facts_of(text) if f.attribute == "invocation model"]


# --- completion notifications -----------------------------------------------------------------------------


def test_an_sns_topic_told_when_the_task_finishes_is_its_completion_notification():
    text = (
        "# Amazon Transcribe\n\nStartLongJob is asynchronous: the text is written to an S3 bucket, and an"
        " SNS topic is told when the job finishes.\n"
    )
    found = triples(text)
    assert ("Transcribe StartLongJob", "invocation model", "asynchronous") in found
    assert ("Transcribe StartLongJob", "completion notification", "SNS") in found


def test_notifications_under_an_asynchronous_label_belong_to_it():
    text = "# Amazon Transcribe\n\n- Asynchronous mode\n  - success notifications can go to SNS topics\n"
    assert ("Transcribe asynchronous mode", "notifications", "SNS") in triples(text)


def test_a_notification_with_no_asynchronous_scope_gives_nothing():
    text = "# Amazon Transcribe\n\n- Live mode\n  - alarms can go to SNS topics\n"
    assert not [f for f in facts_of(text) if "notification" in f.attribute]


# --- replication lag and asynchronous transfers ------------------------------------------------------------


def test_a_named_replication_said_to_be_asynchronous_is_its_subject():
    text = "# Amazon Neptune\n\n- Stream replication (CDC) to the reader is asynchronous\n"
    assert ("Neptune stream replication", "replication", "asynchronous") in triples(text, "consistency")


def test_a_copy_that_trails_the_source_is_asynchronous_replication():
    text = "# Amazon Neptune\n\n- the reader trails the source by a few seconds\n"
    assert any(
        f.attribute == "replication" and f.value == "asynchronous"
        for f in facts_of(text)
        if f.kind == "consistency"
    )


def test_a_replication_with_a_verb_before_it_keeps_its_parent_label():
    text = "# Amazon Neptune\n\n- Global clusters\n  - has active-active replication\n"
    found = triples(text, "consistency")
    assert not [t for t in found if "has" in t[0]]


def test_uploaded_to_a_destination_asynchronously_is_an_asynchronous_upload():
    text = "# AWS Storage Gateway\n\n- writes are kept on the local disk and uploaded to AWS asynchronously\n"
    assert ("Storage Gateway", "upload to AWS", "asynchronous") in triples(text, "consistency")


def test_asynchronously_backed_up_under_a_label_is_the_labelled_variant_backup():
    text = "# AWS Storage Gateway\n\n- Mirror disks\n  - asynchronously backed up to S3 as snapshots\n"
    found = {(s, a, v) for s, a, v in triples(text, "consistency") if a == "backup to S3"}
    assert found and all(v == "asynchronous" and "mirror disk" in s for s, _a, v in found)


def test_a_negated_transfer_gives_no_fact():
    text = "# AWS Storage Gateway\n\n- writes are not uploaded to AWS asynchronously\n"
    assert not [f for f in facts_of(text) if f.attribute.startswith("upload")]


def test_only_once_and_never_duplicated_is_exactly_once_without_duplicates():
    text = "# Amazon SWF\n\nSWF hands each task out only once and never duplicates it.\n"
    found = triples(text, "consistency")
    assert {(a, v) for _s, a, v in found} >= {
        ("delivery guarantee", "exactly-once"),
        ("duplicates", "prevented"),
    }


def test_a_sentence_cut_after_its_verb_by_a_line_wrap_is_read_whole():
    text = (
        "# Amazon Transcribe\n\n"
        "Short clips go through GetQuickText. For long files there is StartLongJob, which is\n"
        "asynchronous: up to 4 hours of audio (billed per second), the text is written to S3,\n"
        "an SNS topic can be told when the job finishes, and GetLongJob gives the status.\n"
    )
    found = triples(text)
    assert ("Transcribe StartLongJob", "invocation model", "asynchronous") in found


def test_an_option_that_runs_as_a_batch_job_is_a_batch_job():
    text = "# Amazon Transcribe\n\n- Bulk export runs as a batch job\n"
    assert ("Transcribe bulk export", "invocation model", "batch job") in triples(text)


def test_an_option_that_is_request_response_is_synchronous():
    text = "# Amazon Transcribe\n\n- Live mode is request-response\n"
    assert ("Transcribe live mode", "invocation model", "synchronous") in triples(text)


def test_replicas_updated_asynchronously_are_no_call_mode():
    text = "# Amazon Neptune\n\n- Replicas are updated asynchronously\n"
    assert not [f for f in facts_of(text) if f.attribute == "invocation model"]


def test_ordering_that_is_best_effort_is_best_effort_ordering():
    text = "# Amazon Transcribe\n\n- ordering is best-effort\n"
    assert ("Transcribe", "ordering", "best-effort") in triples(text, "consistency")


def test_a_job_retried_twice_has_two_retries():
    text = "# Amazon Transcribe\n\n- failed jobs are retried twice, then sent to a DLQ\n"
    assert ("Transcribe", "maximum retries", "2") in triples(text, "limit")


def test_a_service_that_polls_its_source_reads_it_by_polling():
    text = "# Amazon EventBridge Pipes\n\nThe pipe polls its source for you and hands on what it finds.\n"
    assert ("EventBridge Pipes", "source invocation model", "polling") in triples(text, "invocation")


def test_a_copy_of_data_said_to_be_asynchronous_is_no_call_mode():
    text = (
        "# Amazon Aurora\n\n- Replication: asynchronous\n- Standby - synchronous\n"
        "- Cross-Region copies are asynchronous\n- Backups are asynchronous\n"
    )
    assert not [f for f in facts_of(text) if f.attribute == "invocation model"]


def test_a_mode_with_nothing_about_calls_around_it_is_no_call_mode():
    text = "# Amazon Aurora\n\n- Global tier: asynchronous, under a second behind\n"
    assert not [f for f in facts_of(text) if f.attribute == "invocation model"]


# --- when something is delivered ------------------------------------------------------------------------


def test_items_published_immediately_after_a_question_naming_the_destination_reach_it_immediately():
    text = "# Amazon Inspector\n\nQ: When do alerts reach EventBridge?\nA: New alerts are published immediately.\n"
    assert ("Inspector new alert", "EventBridge delivery", "immediately") in triples(text, "consistency")


def test_items_published_immediately_with_no_destination_give_nothing():
    text = "# Amazon Inspector\n\n- New alerts are published immediately.\n"
    assert not [f for f in facts_of(text) if f.attribute.endswith("delivery")]
