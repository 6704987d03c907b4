"""The general statement reader: invocation models and behaviours, consistency and delivery modes,
enumerations and definitions (notes.facts.modes, consistency, concepts), on small notes of our own.

Every note here is made up for the test; services the catalogue knows are named only where the
rule is about a service name ("Lambda" as the invoked function service), others are invented
("Acme Relay") so no table could know them.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from notes.facts import extract_facts
from notes.outline import FactDraft
from notes.parser import parse_notes
from notes.topics import segment_topics, topic_for_name

NOTE_TEXT = st.characters(blacklist_categories=("Cs", "Cc"))


def facts_of(text: str) -> list[FactDraft]:
    return [fact for section in segment_topics(parse_notes(text)) for fact in extract_facts(section)]


def triples(text: str, kind: str | None = None) -> set[tuple[str, str, str]]:
    return {(f.subject, f.attribute, f.value) for f in facts_of(text) if kind is None or f.kind == kind}


# --- who invokes the function how ------------------------------------------------------------------


def test_services_listed_under_a_mode_label_are_invoked_that_way():
    text = "# AWS Lambda\n\n- Asynchronous invocation\n  - Amazon SNS\n  - AWS CodeBuild\n"
    assert triples(text, "invocation") >= {
        ("Amazon SNS", "Lambda invocation model", "asynchronous"),
        ("AWS CodeBuild", "Lambda invocation model", "asynchronous"),
    }


def test_a_line_that_is_not_all_service_names_names_no_invoker():
    text = "# AWS Lambda\n\n- Synchronous invocation\n  - Amazon SNS sends a copy to each subscriber\n"
    assert not [f for f in facts_of(text) if f.attribute == "Lambda invocation model"]


def test_an_inline_list_after_a_mode_names_invokers():
    text = "# AWS Lambda\n\nThese services support sync invocation: Amazon Lex, Amazon Connect.\n"
    found = triples(text, "invocation")
    assert ("Amazon Lex", "Lambda invocation model", "synchronous") in found
    assert ("Amazon Connect", "Lambda invocation model", "synchronous") in found


def test_the_invokers_own_section_says_how_it_invokes_the_function():
    text = "# Amazon Pinpoint\n\nA campaign hook calls a Lambda function, and that call is a synchronous invocation.\n"
    assert ("Amazon Pinpoint", "Lambda invocation model", "synchronous") in triples(text, "invocation")


def test_a_destinations_list_is_not_a_list_of_invokers():
    text = "# AWS Lambda\n\n- Asynchronous invocation\n  - Destinations\n    - Amazon SQS\n    - Amazon SNS\n"
    found = triples(text, "invocation")
    assert ("Lambda asynchronous invocation", "destinations", "Amazon SNS, Amazon SQS") in found
    assert not [t for t in found if t[1] == "Lambda invocation model"]


# --- behaviour of a mode ------------------------------------------------------------------------------


def test_a_behaviour_is_about_the_mode_its_parent_names():
    text = "# AWS Lambda\n\n- Asynchronous invocation\n  - the caller does not wait for the result\n"
    assert (
        "Lambda asynchronous invocation",
        "caller behaviour",
        "the event is queued and the caller does not wait for the result",
    ) in triples(text, "invocation")


def test_a_behaviour_contrary_to_its_mode_is_not_taught():
    text = "# AWS Lambda\n\n- Asynchronous invocation\n  - the caller waits for the response\n"
    assert not [f for f in facts_of(text) if f.attribute == "caller behaviour"]


def test_a_behaviour_with_no_mode_is_not_taught():
    assert not [
        f for f in facts_of("# AWS Lambda\n\n- processing must be idempotent\n") if f.kind == "invocation"
    ]


def test_retries_in_number_words_are_a_count():
    text = "# AWS Lambda\n\n- After a failed asynchronous call it tries again three more times\n"
    [fact] = [f for f in facts_of(text) if f.attribute == "maximum async retries"]
    assert (fact.value, fact.magnitude) == ("3", 3.0)


def test_a_retry_count_of_a_service_that_is_not_a_function_is_its_own():
    text = "# Acme Relay\n\n- Retries: a task can be retried up to 4 times\n"
    assert ("Acme Relay", "maximum retries", "4") in triples(text, "limit")


def test_event_source_mapping_behaviour():
    text = "# AWS Lambda\n\n- Event source mapping\n  - if one record fails, everything fails or succeeds together\n"
    found = triples(text, "invocation")
    assert (
        "Lambda event source mapping",
        "batch error handling",
        "the batch fails or succeeds as a whole (the entire batch is retried)",
    ) in found


# --- consistency and delivery ------------------------------------------------------------------------


def test_delivery_guarantee_of_a_variant_named_by_the_parent():
    text = "# Acme Relay\n\n- Premium queues\n  - exactly once delivery\n- Basic queues\n  - at least once delivery\n"
    found = triples(text, "consistency")
    assert ("Acme Relay premium queue", "delivery guarantee", "exactly-once") in found
    assert ("Acme Relay basic queue", "delivery guarantee", "at-least-once") in found


def test_two_subjects_in_one_sentence_each_get_their_mode():
    text = "# Acme Relay\n\nReads from a follower are eventually consistent, while reads from the leader are strongly consistent.\n"
    found = triples(text, "consistency")
    assert ("Acme Relay follower", "read consistency", "eventually consistent") in found
    assert ("Acme Relay leader", "read consistency", "strongly consistent") in found


def test_replication_modes():
    text = "# Acme Relay\n\n- Mirrors\n  - kept current by asynchronous replication\n- Standby\n  - synchronous replication\n"
    found = triples(text, "consistency")
    assert ("Acme Relay mirror", "replication", "asynchronous") in found
    assert ("Acme Relay standby", "replication", "synchronous") in found


def test_ordering_with_a_scope_is_the_scope():
    text = "# Acme Relay\n\n- Events keep their order within a partition\n"
    assert triples(text, "consistency") == {("Acme Relay", "ordering scope", "per partition")}


def test_duplicates():
    found = triples("# Acme Relay\n\n- Consumers may receive duplicate messages\n", "consistency")
    assert found == {("Acme Relay", "duplicates", "possible")}


def test_a_negated_or_two_valued_mode_is_not_taught():
    assert triples("# Acme Relay\n\n- Delivery is not exactly once\n", "consistency") == set()
    assert (
        triples("# Acme Relay\n\n- at least once or exactly once, per queue type\n", "consistency") == set()
    )


def test_a_mode_of_another_service_is_not_taught_of_this_one():
    assert (
        triples("# Acme Relay\n\n- Forwarding to SQS gives at-least-once delivery\n", "consistency") == set()
    )


def test_bare_options_under_a_consistency_label():
    text = "# Acme Relay\n\n- read consistency options\n- strong\n- eventual (default)\n"
    found = triples(text, "consistency")
    assert ("Acme Relay", "default read consistency", "eventually consistent") in found
    assert ("Acme Relay", "strongly consistent reads", "available (optional)") in found


# --- enumerations and definitions --------------------------------------------------------------------


def test_a_counted_inline_enumeration():
    found = triples("# Acme Relay\n\n- Three tiers -> Bronze, Silver and Gold\n", "concept")
    assert ("Acme Relay", "tiers", "Bronze, Silver, Gold") in found


def test_a_count_that_does_not_match_the_members_is_a_note_not_a_fact():
    found = [
        f
        for f in facts_of("# Acme Relay\n\n- Two tiers -> Bronze, Silver and Gold\n")
        if f.attribute == "tiers"
    ]
    assert found and all(f.note for f in found)


def test_a_heading_over_short_names_is_an_enumeration_with_its_default():
    text = "# Amazon MQ Delivery Modes\n\n- Push (default)\n  - sent as it arrives\n- Pull\n  - fetched on request\n"
    found = triples(text, "concept")
    assert ("MQ", "delivery modes", "Push, Pull") in found
    assert ("MQ", "default delivery mode", "Push") in found


def test_a_heading_no_service_is_named_in_is_no_enumeration_label():
    text = "# Relay Delivery Modes\n\n- Push\n- Pull\n"
    assert not [f for f in facts_of(text) if f.attribute.endswith("modes")]


def test_a_heading_over_sentences_is_not_an_enumeration():
    text = "# Acme Relay Tips\n\n- Keep payloads small\n- Batch requests when you can\n"
    assert triples(text, "concept") == set()


def test_a_definition():
    found = triples(
        "# Acme Relay\n\n- Dispatcher: the component that routes each event to its handler\n", "concept"
    )
    assert ("Acme Relay", "Dispatcher", "the component that routes each event to its handler") in found


def test_a_labelled_value_with_a_number_or_a_default_is_not_a_definition():
    for text in (
        "# Acme Relay\n\n- Retention: kept forever by default\n",
        "# Acme Relay\n\n- Payload: 6 MB at most\n",
    ):
        assert not [f for f in facts_of(text) if f.qualifier == "definition"]


def test_http_codes_and_managed_policies():
    text = "# Acme Relay\n\n- 418 : teapot refusal\n- AcmeRelayReadOnlyAccess - read the relay's queues\n"
    found = triples(text, "concept")
    assert ("Acme Relay", "HTTP 418 meaning", "teapot refusal") in found
    assert ("AcmeRelayReadOnlyAccess", "grants", "read the relay's queues") in found


# --- topics --------------------------------------------------------------------------------------


def test_the_catalogue_knows_services_beyond_the_sample_notes():
    for name, slug in [
        ("Amazon ElastiCache", "elasticache"),
        ("Amazon Aurora", "aurora"),
        ("Amazon SES", "ses"),
        ("AWS Fargate", "fargate"),
        ("Amazon ECS", "ecs"),
        ("AWS Config", "config"),
    ]:
        assert topic_for_name(name)[0] == slug


def test_a_plain_word_that_is_a_service_name_needs_its_vendor():
    assert topic_for_name("batch size") is None
    assert topic_for_name("AWS Batch") == ("batch", "AWS Batch")


def test_a_numbered_slide_title_that_is_a_service_opens_its_topic():
    text = "Course slides\n\n1. Amazon ECS\n• Two launch types → EC2 and Fargate\n2. Amazon Aurora\n• storage grows by itself\n"
    slugs = [section.slug for section in segment_topics(parse_notes(text))]
    assert "ecs" in slugs and "aurora" in slugs


def test_a_heading_no_catalogue_names_is_its_own_topic_with_facts():
    facts = facts_of("# Acme Relay\n\n- at least once delivery\n")
    assert [(f.topic, f.subject) for f in facts] == [("acme-relay", "Acme Relay")]


@settings(max_examples=200, deadline=None)
@given(heading=st.text(NOTE_TEXT, max_size=40), body=st.lists(st.text(NOTE_TEXT, max_size=80), max_size=6))
def test_arbitrary_notes_never_raise(heading, body):
    text = f"# {heading}\n\n" + "\n".join(f"- {line}" for line in body) + "\n"
    for fact in facts_of(text):
        assert fact.kind in {"limit", "invocation", "consistency", "concept"}
        assert fact.subject and fact.attribute


def test_a_behaviour_for_one_kind_of_source_is_about_that_source():
    text = "# AWS Lambda\n\n- Event source mapping\n  - For a partitioned stream the poller scales to the number of active message groups\n"
    [fact] = [f for f in facts_of(text) if f.attribute == "scaling"]
    assert fact.subject == "Lambda event source mapping for partitioned stream"


def test_two_wordings_of_a_meaning_are_no_conflict():
    from notes.facts import find_conflicts

    a = facts_of("# Acme Relay\n\n- 429 : throttling\n")
    b = facts_of("# Acme Relay\n\n- 429 : too many requests\n")
    assert find_conflicts([("a.md", f) for f in a] + [("b.md", f) for f in b]) == []
