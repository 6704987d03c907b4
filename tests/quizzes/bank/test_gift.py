"""Moodle GIFT writing and parsing (pure)."""

from __future__ import annotations

from quizzes.bank.gift import escape, parse_gift, question_to_gift, questions_to_gift

SINGLE = {
    "id": "q1",
    "topic": "lambda",
    "kind": "limit",
    "type": "single",
    "stem": "What is the timeout?",
    "choices": [
        {"text": "900 s", "correct": True},
        {"text": "300 s", "correct": False},
        {"text": "60 s", "correct": False},
    ],
    "explanation": "See notes.md:3",
    "sources": [{"file": "notes.md", "line": 3}],
}
MULTIPLE = {
    "id": "q2",
    "topic": "lambda",
    "kind": "invocation",
    "type": "multiple",
    "stem": "Which TWO are asynchronous?",
    "choices": [
        {"text": "S3", "correct": True},
        {"text": "SNS", "correct": True},
        {"text": "SQS", "correct": False},
        {"text": "ALB", "correct": False},
    ],
    "explanation": "",
    "sources": [],
}


def test_special_characters_are_escaped():
    assert escape("a~b=c#d{e}f:g") == "a\\~b\\=c\\#d\\{e\\}f\\:g"


def test_single_answer_uses_equals_and_tilde():
    text = question_to_gift(SINGLE)
    assert "\t=900 s" in text and "\t~300 s" in text


def test_multiple_response_uses_weights():
    text = question_to_gift(MULTIPLE)
    assert "\t~%50%S3" in text and "\t~%-100%SQS" in text


def test_round_trip_keeps_stem_choices_and_explanation():
    (parsed,), errors = parse_gift(questions_to_gift([SINGLE]))
    assert errors == [] and (parsed.stem, parsed.choices, parsed.explanation) == (
        SINGLE["stem"],
        SINGLE["choices"],
        SINGLE["explanation"],
    )


def test_round_trip_keeps_metadata():
    (parsed,), _ = parse_gift(questions_to_gift([MULTIPLE]))
    assert (parsed.type, parsed.topic, parsed.kind, parsed.id) == ("multiple", "lambda", "invocation", "q2")


def test_escaped_characters_survive_a_round_trip():
    tricky = {
        **SINGLE,
        "stem": "Is {x} = y: #1 ~ ok?",
        "choices": [{"text": "a:b", "correct": True}, *SINGLE["choices"][1:]],
    }
    (parsed,), _ = parse_gift(questions_to_gift([tricky]))
    assert parsed.stem == tricky["stem"] and parsed.choices[0]["text"] == "a:b"


def test_plain_moodle_question_without_metadata_parses():
    (parsed,), errors = parse_gift(
        "$CATEGORY: sqs\n\nWhich queue keeps order? {\n=FIFO\n~Standard\n~Delay\n}\n"
    )
    assert errors == [] and parsed.topic == "sqs" and parsed.kind == "concept"


def test_question_without_closing_brace_names_its_line():
    _, errors = parse_gift("First? {\n=a\n~b\n}\n\nSecond? {\n=a\n~b\n")
    assert [e.line for e in errors] == [6]


def test_question_without_correct_answer_names_its_line():
    _, errors = parse_gift("\n\nNo key? {\n~a\n~b\n}\n")
    assert errors[0].line == 3 and "no correct answer" in str(errors[0])


def test_two_equals_answers_are_an_error():
    _, errors = parse_gift("Two keys? {\n=a\n=b\n~c\n}\n")
    assert "exactly one" in str(errors[0])
