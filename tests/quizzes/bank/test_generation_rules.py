"""Issue 13's item rules, one behaviour per test, on small facts of our own (no database)."""

from __future__ import annotations

from quizzes.bank.generation import generate_drafts
from quizzes.bank.generation.inputs import OutlineRow, StatementRow, line_map, outline_contexts, source_refs
from quizzes.bank.generation.phrasing import limit_question
from quizzes.bank.generation.quality import give_away, repeats_a_noun
from quizzes.bank.generation.types import Choice, FactIn, ItemDraft, SourceRef
from quizzes.bank.generation.wording import qualified
from tests.quizzes.bank.generation_facts import fact, invocation_facts


def questions(drafts, fact_key=None):
    return [d for d in drafts if d.is_question and (fact_key is None or d.fact_keys == (fact_key,))]


def size(key, subject, attribute, value, unit="MB", factor=1024**2, **extra):
    return fact(
        key,
        subject=subject,
        attribute=attribute,
        value=value,
        unit=unit,
        magnitude=float(value) * factor,
        dimension="size",
        **extra,
    )


def days(key, subject, attribute, value, **extra):
    return fact(
        key,
        subject=subject,
        attribute=attribute,
        value=value,
        unit="days",
        magnitude=float(value) * 86400,
        dimension="time",
        **extra,
    )


# -- the qualifier, read once ----------------------------------------------------------------------


def test_the_qualifier_is_parsed_from_the_attribute_today():
    assert qualified(fact("k", attribute="maximum memory")) == ("maximum", "memory")


def test_the_qualifier_field_wins_once_the_reader_fills_it():
    assert qualified(fact("k", attribute="message retention", qualifier="default")) == (
        "default",
        "message retention",
    )


def test_a_qualifier_in_both_places_is_not_said_twice():
    assert qualified(fact("k", attribute="maximum memory", qualifier="maximum")) == ("maximum", "memory")


# -- stems -----------------------------------------------------------------------------------------


def test_a_stem_carries_the_qualifier_and_the_scope():
    memory = size("k", "Lambda function", "maximum memory", "10240")
    assert limit_question(memory) == "What is the maximum memory of a Lambda function?"


def test_a_default_retention_is_asked_as_how_long_a_message_is_kept():
    retention = days("k", "SQS", "default message retention", "4")
    assert limit_question(retention) == "How long does SQS keep a message by default?"


def test_the_qualifier_field_gives_the_same_stem_as_the_attribute_word():
    retention = days("k", "SQS", "message retention", "4", qualifier="default")
    assert limit_question(retention) == "How long does SQS keep a message by default?"


def test_a_stem_never_repeats_the_subjects_noun():
    item = size("k", "Acme item", "maximum item size", "400", unit="KB", factor=1024)
    assert limit_question(item) == "What is the maximum size of an Acme item?"


def test_the_stem_check_catches_a_repeated_noun():
    assert repeats_a_noun("What is the maximum item size of a DynamoDB item?")
    assert not repeats_a_noun("What is the maximum size of a DynamoDB item?")


# -- distractors never also true -------------------------------------------------------------------


def test_a_limit_question_never_offers_the_default_as_a_wrong_maximum():
    maximum = days("max", "Acme Queue", "maximum message retention", "8")
    default = days("def", "Acme Queue", "default message retention", "4")
    alone = {c.text for q in questions(generate_drafts([maximum])) for c in q.choices}
    (question,) = questions(generate_drafts([maximum, default]), "max")
    assert "4 days" in alone  # the control: 4 days is a natural neighbour of 8 days
    assert "4 days" not in {c.text for c in question.choices}


def test_a_limit_question_never_offers_the_minimum_as_a_wrong_maximum():
    maximum = size("max", "Acme function", "maximum memory", "1024")
    minimum = size("min", "Acme function", "minimum memory", "512")
    (question,) = questions(generate_drafts([maximum, minimum]), "max")
    assert "512 MB" not in {c.text for c in question.choices if not c.correct}


def http(key, code, meaning, line):
    return fact(
        key,
        kind="concept",
        subject="Acme Gateway",
        attribute=f"HTTP {code} meaning",
        value=meaning,
        line=line,
    )


HTTP_FACTS = [
    http("c4xx", "4XX", "client error", 1),
    http("c403", "403", "access denied", 2),
    http("c429", "429", "too many requests", 3),
    http("c5xx", "5XX", "server error", 4),
    http("c502", "502", "bad gateway", 5),
    http("c503", "503", "service unavailable", 6),
    http("c504", "504", "integration timeout", 7),
]


def wrong_choices(drafts, key):
    return {c.text for q in questions(drafts, key) for c in q.choices if not c.correct}


def test_a_code_question_never_offers_its_class_meaning_as_wrong():
    drafts = generate_drafts(HTTP_FACTS)
    assert "server error" not in wrong_choices(drafts, "c503")
    assert "client error" not in wrong_choices(drafts, "c403")


def test_a_class_question_never_offers_a_member_code_meaning_as_wrong():
    drafts = generate_drafts(HTTP_FACTS)
    assert questions(drafts, "c5xx")
    assert not wrong_choices(drafts, "c5xx") & {"bad gateway", "service unavailable", "integration timeout"}


def test_a_value_another_fact_gives_the_same_subject_and_attribute_is_never_wrong():
    first = fact(
        "a", kind="concept", subject="Acme Gateway", attribute="HTTP 418 meaning", value="teapot", line=8
    )
    same = fact(
        "b", kind="concept", subject="Amazon Acme Gateway", attribute="HTTP 418 meaning", value="joke", line=9
    )
    drafts = generate_drafts([*HTTP_FACTS, first, same])
    assert "joke" not in wrong_choices(drafts, "a") and "teapot" not in wrong_choices(drafts, "b")


# -- give-aways ------------------------------------------------------------------------------------


def policy(key, name, grant, line):
    return fact(key, kind="concept", subject=name, attribute="grants", value=grant, line=line)


def test_a_policy_whose_name_spells_the_answer_gets_no_question():
    drafts = generate_drafts(
        [
            policy("p1", "AcmeRelayReadAccess", "Read from Acme Relay", 1),
            policy("p2", "BorealisWriteAccess", "Write to Borealis", 2),
            policy("p3", "ZetaAdminAccess", "Administer Zeta", 3),
            policy("p4", "OmegaLogsAccess", "Upload logs to Omega", 4),
        ]
    )
    assert questions(drafts) == [] and len([d for d in drafts if d.type == "basic"]) >= 4


def test_give_away_finds_a_name_the_stem_spells_and_no_wrong_choice_has():
    draft = ItemDraft(
        template="t",
        topic="t",
        kind="concept",
        type="single",
        fact_keys=("k",),
        sources=(SourceRef("n.md", 1),),
        stem="What does the AcmeQueueReadRole grant?",
        choices=(
            Choice("Read from Acme Queue", True),
            Choice("Write logs", False),
            Choice("Send mail", False),
        ),
    )
    assert give_away(draft) in {"acme", "queue"}


def test_a_stem_naming_a_name_every_choice_has_gives_nothing_away():
    draft = ItemDraft(
        template="t",
        topic="t",
        kind="concept",
        type="single",
        fact_keys=("k",),
        sources=(SourceRef("n.md", 1),),
        stem="What does the AcmeQueueReadRole grant?",
        choices=(
            Choice("Read from Acme", True),
            Choice("Write to Acme", False),
            Choice("Delete Acme", False),
        ),
    )
    assert give_away(draft) == ""


# -- siblings and contradictions -------------------------------------------------------------------


def test_every_item_of_one_fact_shares_its_sibling_group():
    drafts = generate_drafts(
        [
            fact("k1"),
            fact(
                "k2",
                attribute="maximum memory",
                value="10",
                unit="GB",
                magnitude=10 * 1024.0**3,
                dimension="size",
            ),
        ]
    )
    groups = {}
    for d in drafts:
        groups.setdefault(d.fact_keys[0], set()).add(d.sibling_group)
    assert groups == {"k1": {"k1"}, "k2": {"k2"}} and len([d for d in drafts if d.fact_keys == ("k1",)]) == 3


def test_a_statement_contradicting_a_limit_of_the_same_scope_is_not_taught():
    one = fact(
        "one",
        kind="invocation",
        subject="Acme stream mapping",
        attribute="invocations per shard",
        value="One invocation per shard at a time",
    )
    batches = fact(
        "ten",
        subject="Acme stream mapping",
        attribute="maximum concurrent batches per shard",
        value="10",
        unit="",
        magnitude=10.0,
        dimension="count",
    )
    drafts = generate_drafts([one, batches])
    assert not [d for d in drafts if "one" in d.fact_keys] and [d for d in drafts if d.fact_keys == ("ten",)]


# -- invocation options from the notes -------------------------------------------------------------


def test_invocation_traps_come_only_from_the_notes_vocabulary():
    dlq = fact(
        "dlq",
        kind="invocation",
        subject="Lambda asynchronous invocation",
        attribute="DLQ targets",
        value="Amazon SQS",
        line=90,
    )
    drafts = generate_drafts([*invocation_facts(), dlq])
    offered = {c.text for d in drafts if d.template == "invocation-scenario" for c in d.choices}
    assert any("dead-letter queue" in t for t in offered)
    assert not any("function URL" in t or "destination" in t for t in offered)


def test_invocation_scenarios_vary_their_wrong_options():
    vocabulary = [
        fact(
            "v1",
            kind="invocation",
            subject="Lambda asynchronous invocation",
            attribute="destinations",
            value="Amazon SQS",
            line=90,
        ),
        fact(
            "v2",
            kind="invocation",
            subject="Lambda asynchronous invocation",
            attribute="DLQ targets",
            value="Amazon SNS",
            line=91,
        ),
        fact(
            "v3",
            kind="invocation",
            subject="Lambda function URL",
            attribute="purpose",
            value="an HTTPS endpoint",
            line=92,
        ),
    ]
    drafts = generate_drafts([*invocation_facts(), *vocabulary])
    sets = {
        frozenset(c.text for c in d.choices if not c.correct)
        for d in drafts
        if d.template == "invocation-scenario"
    }
    assert len(sets) >= 3


# -- explanations ----------------------------------------------------------------------------------


def with_context(key, line, text, context):
    base = fact(key, line=line)
    return FactIn(
        **{
            **{f: getattr(base, f) for f in base.__slots__},
            "sources": (SourceRef("notes.md", line, text, context),),
        }
    )


def test_an_explanation_quotes_the_line_under_its_heading_and_parents():
    timed = with_context("k", 23, "Maximum execution time: 900 seconds", ("Acme Limits", "Execution"))
    (question,) = questions(generate_drafts([timed]))
    assert (
        "\u201cAcme Limits > Execution > Maximum execution time: 900 seconds\u201d (notes.md:23)"
        in question.explanation
    )


def test_an_explanation_cites_every_source_line():
    base = fact("k")
    lines = tuple(SourceRef("notes.md", n, f"Timeout {n}: 900 seconds") for n in range(1, 10))
    many = FactIn(**{**{f: getattr(base, f) for f in base.__slots__}, "sources": lines})
    (question,) = questions(generate_drafts([many]))
    assert all(f"notes.md:{n}" in question.explanation for n in range(1, 10))


def test_a_long_line_is_quoted_by_its_sentences_that_state_the_value():
    text = (
        "Acme runs functions. " * 8 + "The timeout is 900 seconds at most. " + "More words follow here. " * 8
    )
    timed = with_context("k", 5, text, ())
    (question,) = questions(generate_drafts([timed]))
    assert "The timeout is 900 seconds at most." in question.explanation
    assert "More words follow" not in question.explanation


def test_outline_contexts_give_each_line_its_heading_and_parent_bullets():
    rows = [
        OutlineRow(1, 0, True, "Acme Invocation"),
        OutlineRow(2, 0, False, "Synchronous calls"),
        OutlineRow(3, 1, False, "Acme Portal"),
        OutlineRow(4, 0, False, "Queued calls"),
        OutlineRow(5, 0, True, "Other"),
        OutlineRow(6, 0, False, "A line"),
    ]
    contexts = outline_contexts(rows)
    assert contexts[3] == ("Acme Invocation", "Synchronous calls")
    assert contexts[4] == ("Acme Invocation",) and contexts[6] == ("Other",)


def test_a_limit_with_a_vague_value_is_not_taught():
    vague = fact(
        "k",
        attribute="maximum request rate",
        value="thousands per second",
        unit="",
        magnitude=None,
        dimension="rate",
    )
    assert generate_drafts([vague]) == []


# -- facts the generator does not trust ------------------------------------------------------------


def ranged(key, attribute, value, text):
    base = size(key, "Acme function", attribute, value)
    return FactIn(
        **{**{f: getattr(base, f) for f in base.__slots__}, "sources": (SourceRef("notes.md", 4, text),)}
    )


def test_a_maximum_read_as_the_bottom_of_a_range_is_not_taught():
    assert (
        generate_drafts([ranged("k", "maximum memory", "128", "Memory goes from 128 MB up to 10,240 MB")])
        == []
    )


def test_a_range_end_without_a_qualifier_is_not_taught():
    assert generate_drafts([ranged("k", "memory", "10240", "Memory: 128 MB to 10,240 MB")]) == []


def test_the_top_of_a_range_is_taught_as_the_maximum():
    assert generate_drafts([ranged("k", "maximum memory", "10240", "Memory: 128 MB to 10,240 MB")])


def test_a_heading_is_not_a_subject():
    for heading in ("Cheat sheet: logs, email", "Containers and relational databases"):
        assert generate_drafts([fact("k", subject=heading)]) == []


def test_a_name_with_and_in_it_is_a_subject():
    assert generate_drafts([fact("k", subject="AWS Identity and Access Management")])


def test_a_line_split_into_list_items_is_quoted_by_the_sentence_that_states_the_value():
    rows = [OutlineRow(7, 0, False, "Acme store: 1. Fast."), OutlineRow(7, 0, False, "2. Durable (99.99%).")]
    assert line_map("n.md", rows)[("n.md", 7)][0] == "Acme store: 1. Fast. 2. Durable (99.99%)."


def test_a_retention_of_a_place_is_asked_as_data_kept_there():
    retention = days("k", "Acme Series", "maximum memory store retention", "365")
    assert limit_question(retention) == "How long does Acme Series keep data in the memory store at most?"


def test_a_subject_ending_in_parentheses_takes_no_possessive():
    sized = size("k", "Acme File System (AFS)", "maximum file size", "10")
    assert limit_question(sized) == "What is the maximum file size of Acme File System (AFS)?"


def test_a_table_rows_cells_are_quoted_one_by_one_and_are_no_parents_of_the_next_row():
    rows = [
        OutlineRow(1, 0, True, "Comparison"),
        OutlineRow(3, 1, False, "Max payload: 6 MB"),
        OutlineRow(3, 1, False, "Max time: 60 seconds"),
        OutlineRow(4, 1, False, "Max payload: 1 GB"),
        OutlineRow(4, 1, False, "Max time: 1 hour"),
    ]
    lines = line_map("n.md", rows)
    (ref,) = source_refs([StatementRow("n.md", 4, "1 h", "Max time: 1 hour")], lines)
    assert (ref.text, ref.context) == ("Max time: 1 hour", ("Comparison",))
