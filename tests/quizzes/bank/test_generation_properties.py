"""Property-based checks of the quality invariants: random facts in, every kept draft obeys the rules."""

from __future__ import annotations

import dataclasses
import math
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from notes.units import parse_quantity, to_base
from quizzes.bank.generation import draft_problems, generate_drafts
from quizzes.bank.generation.quality import choice_magnitude, is_question_stem
from quizzes.bank.generation.types import Choice, FactIn, SourceRef
from quizzes.bank.generation.wording import normalise
from quizzes.study.limits import MAX_CHOICES

UNITS = {"time": ["ms", "s", "min", "h", "days"], "size": ["KB", "MB", "GB"], "count": [""], "percent": ["%"]}
SUBJECTS = ["Lambda", "SQS", "SNS FIFO topic", "API Gateway cache", "Kinesis shard", "DynamoDB", "S3 object"]
ATTRIBUTES = [
    "maximum execution time",
    "maximum message size",
    "default timeout",
    "maximum retention",
    "burst limit",
]
SERVICES = [
    "Amazon S3",
    "Amazon SNS",
    "Amazon SQS",
    "Amazon Lex",
    "AWS Config",
    "Amazon Cognito",
    "AWS IoT",
    "Amazon Alexa",
]
MODELS = ["synchronous", "asynchronous", "event source mapping"]


@st.composite
def limit_facts(draw, index: int = 0):
    dimension = draw(st.sampled_from(sorted(UNITS)))
    unit = draw(st.sampled_from(UNITS[dimension]))
    number = draw(st.integers(min_value=1, max_value=5000))
    base, found = to_base(parse_quantity(str(number), unit))
    assert found == dimension
    return FactIn(
        key=f"limit-{index}-{draw(st.integers(0, 10**6))}",
        topic="lambda",
        kind="limit",
        subject=draw(st.sampled_from(SUBJECTS)),
        attribute=draw(st.sampled_from(ATTRIBUTES)),
        value=str(number),
        unit=unit,
        magnitude=base,
        dimension=dimension,
        sources=(SourceRef("notes.md", draw(st.integers(1, 500)), "a line"),),
    )


@st.composite
def fact_sets(draw):
    limits = [draw(limit_facts(i)) for i in range(draw(st.integers(1, 6)))]
    services = draw(st.lists(st.sampled_from(SERVICES), unique=True, max_size=len(SERVICES)))
    invocations = [
        FactIn(
            key=f"inv-{name}",
            topic="lambda",
            kind="invocation",
            subject=name,
            attribute="Lambda invocation model",
            value=draw(st.sampled_from(MODELS)),
            sources=(SourceRef("notes.md", 40 + i, "a line"),),
        )
        for i, name in enumerate(services)
    ]
    # Same (subject, attribute) twice would be one fact in the database: keep the first.
    unique = {}
    for f in limits + invocations:
        unique.setdefault((f.subject, f.attribute), f)
    return list(unique.values())


fast = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@fast
@given(fact_sets())
def test_every_kept_draft_passes_every_quality_rule(facts):
    by_key = {f.key: f for f in facts}
    assert all(draft_problems(d, by_key) == [] for d in generate_drafts(facts))


@fast
@given(fact_sets())
def test_generated_questions_keep_within_the_shared_choice_limit(facts):
    assert all(len(d.choices) <= MAX_CHOICES for d in generate_drafts(facts) if d.is_question)


@fast
@given(fact_sets())
def test_a_draft_with_more_choices_than_the_forms_answer_is_dropped(facts):
    by_key = {f.key: f for f in facts}
    extra = tuple(Choice(f"wrong {n}", False) for n in range(MAX_CHOICES))
    for question in [d for d in generate_drafts(facts) if d.is_question]:
        too_many = dataclasses.replace(question, choices=question.choices + extra)
        assert f"more than {MAX_CHOICES} choices" in draft_problems(too_many, by_key)


@fast
@given(fact_sets())
def test_questions_have_exactly_the_keys_they_ask_for(facts):
    for d in generate_drafts(facts):
        if d.is_question:
            assert sum(c.correct for c in d.choices) == d.choose


@fast
@given(fact_sets())
def test_no_two_questions_share_a_stem(facts):
    stems = Counter(normalise(d.stem) for d in generate_drafts(facts) if d.is_question)
    assert all(n == 1 for n in stems.values())


@fast
@given(fact_sets())
def test_stems_are_questions(facts):
    assert all(is_question_stem(d.stem) for d in generate_drafts(facts) if d.is_question)


@fast
@given(fact_sets())
def test_limit_distractors_are_wrong_in_every_unit(facts):
    by_key = {f.key: f for f in facts}
    for d in generate_drafts(facts):
        if d.kind == "limit" and d.is_question:
            key = by_key[d.fact_keys[0]]
            for choice in d.choices:
                if not choice.correct:
                    assert not math.isclose(
                        choice_magnitude(choice.text, key.dimension), key.magnitude, rel_tol=1e-6
                    )


@fast
@given(fact_sets())
def test_every_draft_cites_a_source_line(facts):
    assert all(d.sources and all(s.line >= 1 for s in d.sources) for d in generate_drafts(facts))


@fast
@given(fact_sets())
def test_generation_is_deterministic(facts):
    assert generate_drafts(facts) == generate_drafts(list(reversed(facts)))
