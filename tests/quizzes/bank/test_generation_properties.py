"""Property-based checks of the quality invariants: random facts in, every kept draft obeys the rules."""

from __future__ import annotations

import dataclasses
import math
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from notes.units import parse_quantity, to_base
from quizzes.bank.generation import draft_problems, generate_drafts
from quizzes.bank.generation.quality import choice_magnitude, give_away, is_question_stem
from quizzes.bank.generation.types import Choice, FactIn, SourceRef
from quizzes.bank.generation.wording import normalise
from quizzes.study.limits import MAX_CHOICES

UNITS = {"time": ["ms", "s", "min", "h", "days"], "size": ["KB", "MB", "GB"], "count": [""], "percent": ["%"]}
SUBJECTS = [
    "Lambda",
    "AWS Lambda",
    "SQS",
    "SNS FIFO topic",
    "API Gateway cache",
    "Kinesis shard",
    "DynamoDB",
    "S3 object",
    "Acme message",
]
ATTRIBUTES = [
    "maximum execution time",
    "minimum execution time",
    "maximum message size",
    "default message size",
    "default timeout",
    "maximum retention",
    "default retention",
    "typical retention",
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


_QUALIFIER_WORDS = {"maximum", "minimum", "default", "typical"}


def _same_thing(a: FactIn, b: FactIn) -> bool:
    """Same subject (vendor prefix aside) and same attribute once its qualifier word is dropped."""

    def subject(f):
        return f.subject.lower().removeprefix("aws ").removeprefix("amazon ")

    def attribute(f):
        return " ".join(w for w in f.attribute.lower().split() if w not in _QUALIFIER_WORDS)

    return subject(a) == subject(b) and attribute(a) == attribute(b)


@fast
@given(fact_sets())
def test_no_limit_distractor_is_a_value_the_bank_gives_the_same_subject_and_attribute(facts):
    by_key = {f.key: f for f in facts}
    for d in generate_drafts(facts):
        if d.kind != "limit" or not d.is_question:
            continue
        key = by_key[d.fact_keys[0]]
        true = [
            f.magnitude
            for f in facts
            if f.kind == "limit" and f.dimension == key.dimension and _same_thing(f, key)
        ]
        for choice in (c for c in d.choices if not c.correct):
            magnitude = choice_magnitude(choice.text, key.dimension)
            assert not any(math.isclose(magnitude, t, rel_tol=1e-6) for t in true), (d.stem, choice.text)


@fast
@given(fact_sets())
def test_no_question_gives_its_answer_away(facts):
    for d in generate_drafts(facts):
        if d.is_question:
            assert give_away(d) == ""
            stem = f" {normalise(d.stem)} "
            assert not any(
                f" {normalise(c.text)} " in stem for c in d.choices if c.correct and len(c.text) > 3
            )


CODES = ["4XX", "400", "403", "404", "429", "5XX", "500", "502", "503", "504"]
MEANINGS = [
    "client error",
    "server error",
    "access denied",
    "throttled",
    "bad gateway",
    "timeout",
    "not found",
    "unavailable",
]


@st.composite
def code_facts(draw):
    codes = draw(st.lists(st.sampled_from(CODES), unique=True, min_size=3, max_size=len(CODES)))
    return [
        FactIn(
            key=f"code-{code}",
            topic="gateway",
            kind="concept",
            subject="Acme Gateway",
            attribute=f"HTTP {code} meaning",
            value=draw(st.sampled_from(MEANINGS)),
            sources=(SourceRef("notes.md", 10 + i, "a line"),),
        )
        for i, code in enumerate(codes)
    ]


def _covers(a: str, b: str) -> bool:
    return a == b or (a.endswith("XX") and b[0] == a[0]) or (b.endswith("XX") and a[0] == b[0])


@fast
@given(code_facts())
def test_no_code_question_offers_a_meaning_true_of_an_overlapping_code(facts):
    for d in generate_drafts(facts):
        if not d.is_question:
            continue
        code = d.fact_keys[0].removeprefix("code-")
        true = {f.value for f in facts if _covers(f.key.removeprefix("code-"), code)}
        assert not {c.text for c in d.choices if not c.correct} & true
