"""Property-based tests: no text crashes the note parser or the GIFT importer.

``parse_notes`` accepts any text and returns lines that point back into it; ``parse_gift`` reports
every unreadable question as a ``GiftError`` and never raises."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from notes.parser import parse_notes
from quizzes.bank.gift import GiftError, GiftQuestion, escape, parse_gift

# Text built from the characters both formats give meaning to, plus any Unicode at all.
NOTE_PIECES = st.sampled_from(
    list(" \t\n\r#->*+•∘o1.)[]()!$\\`_<>/:=~{}%\"'abcAWS") + ["\u00a0", "β€œ", "(3m)"]
)
MARKUP = st.lists(NOTE_PIECES, max_size=200).map("".join)
ANY_TEXT = st.one_of(st.text(max_size=400), MARKUP)
GIFT_ALPHABET = st.sampled_from(list("{}=~#:%\\/$ \n\tabc123.-") + ["::", "//", "$CATEGORY:", "// studyhub:"])
GIFT_TEXT = st.one_of(st.text(max_size=300), st.lists(GIFT_ALPHABET, max_size=120).map("".join))
FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(ANY_TEXT)
def test_the_note_parser_never_raises_on_text(text):
    parse_notes(text.replace("\x00", ""))


@FAST
@given(ANY_TEXT)
def test_every_parsed_line_points_at_a_line_of_the_input(text):
    text = text.replace("\x00", "")
    count = len(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    assert all(1 <= line.number <= count for line in parse_notes(text))


@FAST
@given(ANY_TEXT)
def test_parsed_lines_come_in_source_order(text):
    numbers = [line.number for line in parse_notes(text.replace("\x00", ""))]
    assert numbers == sorted(numbers)


@FAST
@given(ANY_TEXT)
def test_a_parsed_line_is_never_empty_and_its_depth_never_negative(text):
    assert all(line.text.strip() and line.depth >= 0 for line in parse_notes(text.replace("\x00", "")))


@FAST
@given(ANY_TEXT)
def test_a_lines_path_is_no_longer_than_its_depth(text):
    assert all(len(line.path) <= line.depth for line in parse_notes(text.replace("\x00", "")))


@FAST
@given(GIFT_TEXT)
def test_the_gift_parser_never_raises(text):
    questions, errors = parse_gift(text)
    assert all(isinstance(q, GiftQuestion) for q in questions)
    assert all(isinstance(e, GiftError) for e in errors)


@FAST
@given(GIFT_TEXT)
def test_every_gift_error_names_a_line_of_the_input(text):
    _, errors = parse_gift(text)
    assert all(1 <= e.line <= max(len(text.splitlines()), 1) for e in errors)


@FAST
@given(st.text(min_size=1, max_size=80).filter(str.strip), st.text(min_size=1, max_size=40).filter(str.strip))
def test_any_escaped_stem_and_answer_parse_back_to_one_question(stem, answer):
    text = f"$CATEGORY: sqs\n::Q:: {escape(stem)} {{={escape(answer)} ~{escape(answer)} wrong}}\n"
    questions, errors = parse_gift(text)
    assert (len(questions), errors) == (1, [])
