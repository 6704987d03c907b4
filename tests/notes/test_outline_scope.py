"""The scope the outline gives a line: bold lead-ins, questions over answers (no database)."""

from __future__ import annotations

from notes.facts.context import _contexts
from notes.parser import parse_notes
from notes.topics import segment_topics

LEADS = """## Amazon SQS

- **Quick mode**
  - messages wait 2 minutes
- **Slow mode**: messages wait 9 minutes
- plain line about queues
"""


def line(lines, text):
    return next(item for item in lines if item.text == text)


def subjects(text):
    return {
        ctx.line.text: ctx.subject
        for section in segment_topics(parse_notes(text))
        for ctx in _contexts(section)
    }


def test_a_bold_lead_in_bullet_is_the_scope_of_its_children():
    assert line(parse_notes(LEADS), "messages wait 2 minutes").scope == "Quick mode"


def test_a_bold_lead_before_a_colon_scopes_its_own_line():
    assert line(parse_notes(LEADS), "Slow mode: messages wait 9 minutes").scope == "Slow mode"


def test_a_line_after_a_lead_in_group_has_no_scope():
    assert line(parse_notes(LEADS), "plain line about queues").scope == ""


def test_bold_words_inside_a_line_are_no_lead_in():
    lines = parse_notes("## Amazon SQS\n\n- it keeps **four** copies\n")
    assert line(lines, "it keeps four copies").scope == ""


def test_the_lead_in_narrows_the_subject():
    assert subjects(LEADS)["messages wait 2 minutes"] == "SQS Quick mode"


def test_a_line_that_names_another_service_keeps_its_own_subject():
    text = "## Amazon SQS\n\n- **Quick mode**\n  - Amazon SNS topics get a copy\n"
    assert subjects(text)["Amazon SNS topics get a copy"] == "SNS"


def test_a_lead_in_naming_a_service_is_not_added_to_the_subject():
    text = "## Amazon SQS\n\n- **Amazon SNS**\n  - fan-out to many queues\n"
    assert subjects(text)["fan-out to many queues"] == "SNS"


QA = """== Amazon SQS ==

Q: How long are messages kept?
A: 4 days.

Q: Is it cheap?
A: Yes.
"""


def test_an_answer_is_the_child_of_its_question():
    answer = line(parse_notes(QA), "4 days.")
    assert (answer.depth, answer.path) == (1, ("How long are messages kept?",))


def test_question_and_answer_markers_are_removed():
    texts = [item.text for item in parse_notes(QA) if not item.is_heading]
    assert texts == ["How long are messages kept?", "4 days.", "Is it cheap?", "Yes."]


def test_an_answer_line_without_a_question_stays_a_plain_line():
    lines = parse_notes("== Amazon SQS ==\n\nA: 4 days.\n")
    assert line(lines, "A: 4 days.").path == ()


SUBHEADINGS = """## Amazon SQS

- queues hold messages

### Quick mode

- messages wait 2 minutes

### Limits

- messages wait 9 minutes

### What is the longest wait?

- messages wait 14 days
"""


def test_a_sub_heading_naming_a_part_narrows_the_subject():
    assert subjects(SUBHEADINGS)["messages wait 2 minutes"] == "SQS Quick mode"


def test_an_aspect_sub_heading_keeps_the_service_subject():
    assert subjects(SUBHEADINGS)["messages wait 9 minutes"] == "SQS"


def test_a_question_sub_heading_keeps_the_service_subject():
    assert subjects(SUBHEADINGS)["messages wait 14 days"] == "SQS"


def test_a_lead_in_under_a_sub_heading_narrows_it_further():
    text = "## Amazon SQS\n\n### Quick mode\n\n- **Small batches**\n  - 2 minutes each\n"
    assert subjects(text)["2 minutes each"] == "SQS Quick mode Small batches"


def test_the_scope_is_data_on_the_context():
    (section,) = segment_topics(parse_notes(LEADS))
    scopes = {ctx.line.text: ctx.scope for ctx in _contexts(section)}
    assert scopes["messages wait 2 minutes"] == "Quick mode"


def test_a_remark_lead_in_is_no_part_of_the_subject():
    text = "## Amazon SQS\n\n- **Exam tip**: messages wait 2 minutes\n- **Important**\n  - 3 copies\n"
    found = subjects(text)
    assert (found["Exam tip: messages wait 2 minutes"], found["3 copies"]) == ("SQS", "SQS")
