"""Hard-wrapped prose is joined into one line however the wrap fell; cheat-sheet lines stay apart."""

from __future__ import annotations

from notes.parser import parse_notes

FILLER = (
    "Our widget notes, as the instructor wrote them on the board this week,\n"
    "cover the one service we use in every lab of this part of the course.\n"
    "The widget service keeps every message in a durable store for a while,\n"
    "and it hands each message to one consumer at a time, in the order the\n"
    "producer sent them, which is what most of the exercises rely on today.\n"
)


def body(text):
    return [line for line in parse_notes(text) if not line.is_heading]


def test_a_short_line_whose_next_word_did_not_fit_runs_on():
    text = (
        FILLER
        + "We have two kinds of call, and the quick ones (QuickCall,\nVeryLongOperationName): they return at once.\n"
    )
    lines = body(text)
    assert lines[-1].text.endswith("(QuickCall, VeryLongOperationName): they return at once.")


def test_a_wrapped_line_that_looks_like_a_label_continues_its_sentence():
    text = FILLER + (
        "For longer text there is the batch call, a separate call which is\n"
        "asynchronous: it takes up to 100 pages, and tells you when it ends.\n"
    )
    assert body(text)[-1].text.endswith(
        "which is asynchronous: it takes up to 100 pages, and tells you when it ends."
    )


def test_long_label_lines_of_a_cheat_sheet_stay_separate_lines():
    text = FILLER + (
        "what: an entry point on the global network for applications and clients\n"
        "static addresses: two addresses per accelerator, kept for its whole life\n"
    )
    assert [line.text[:5] for line in body(text)[-2:]] == ["what:", "stati"]
