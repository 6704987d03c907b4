"""The merged outline of a topic page (notes.merging): pure, no database."""

from __future__ import annotations

from notes.merging import OutlineLine, merge_outline, section_key, topic_words

LAMBDA = ("AWS Lambda", "lambda")


def line(source, number, text, depth=0, heading=False):
    return OutlineLine(source=source, number=number, depth=depth, text=text, is_heading=heading)


def titles(sections):
    return [s.title for s in sections]


def test_the_same_heading_from_two_files_is_one_section():
    sections = merge_outline(
        [
            line("a.txt", 1, "AWS Lambda", heading=True),
            line("a.txt", 2, "Lambda Limits", heading=True),
            line("a.txt", 3, "Timeout: 900 seconds"),
            line("b.md", 1, "AWS Lambda", heading=True),
            line("b.md", 5, "Limits", depth=1, heading=True),
            line("b.md", 6, "Memory: 128 MB to 10 GB"),
        ],
        topic_names=LAMBDA,
    )
    assert titles(sections) == ["Limits"]
    assert sections[0].sources == ["a.txt", "b.md"]


def test_each_merged_line_keeps_its_file_and_line():
    sections = merge_outline(
        [line("a.txt", 2, "Limits", heading=True), line("a.txt", 7, "Timeout: 900 seconds")],
        topic_names=LAMBDA,
    )
    assert [str(c) for c in sections[0].nodes[0].cites] == ["a.txt:7"]


def test_a_heading_level_never_indents_its_bullets():
    sections = merge_outline(
        [
            line("b.md", 5, "Limits", depth=1, heading=True),
            line("b.md", 6, "Memory"),
            line("b.md", 7, "CPU", 1),
        ],
        topic_names=LAMBDA,
    )
    (memory,) = sections[0].nodes
    assert memory.text == "Memory" and [c.text for c in memory.children] == ["CPU"]


def test_a_top_level_line_with_children_opens_a_section():
    sections = merge_outline(
        [line("a.txt", 1, "Versions"), line("a.txt", 2, "immutable once published", 1)], topic_names=LAMBDA
    )
    assert titles(sections) == ["Versions"] and sections[0].nodes[0].text == "immutable once published"


def test_lines_before_any_section_go_to_the_overview_first():
    sections = merge_outline(
        [line("a.txt", 1, "Versions"), line("a.txt", 2, "immutable", 1), line("a.txt", 3, "runs on demand")],
        topic_names=LAMBDA,
    )
    assert titles(sections) == ["Overview", "Versions"]


def test_a_line_two_files_state_alike_is_one_line_citing_both():
    sections = merge_outline(
        [
            line("a.txt", 1, "Security", heading=True),
            line("a.txt", 2, "IAM role assumed by Lambda"),
            line("b.txt", 9, "Security", heading=True),
            line("b.txt", 10, "iam role assumed by lambda"),
        ],
        topic_names=LAMBDA,
    )
    (node,) = sections[0].nodes
    assert [str(c) for c in node.cites] == ["a.txt:2", "b.txt:10"]


def test_a_narrower_title_is_a_labelled_group_inside_the_wider_section():
    sections = merge_outline(
        [
            line("a.txt", 1, "Invocations", heading=True),
            line("a.txt", 2, "sync or async"),
            line("b.txt", 1, "Synchronous Invocations"),
            line("b.txt", 2, "result returned right away", 1),
        ],
        topic_names=LAMBDA,
    )
    assert titles(sections) == ["Invocations"]
    group = sections[0].nodes[1]
    assert group.is_group and group.text == "Synchronous Invocations"


def test_workshops_and_where_to_start_are_folded_last():
    sections = merge_outline(
        [
            line("a.txt", 1, "Where to start"),
            line("a.txt", 2, "workshops", 1),
            line("a.txt", 3, "Runtimes"),
            line("a.txt", 4, "python", 1),
        ],
        topic_names=LAMBDA,
    )
    assert titles(sections) == ["Runtimes", "Where to start"] and sections[-1].folded


def test_section_keys_ignore_topic_words_plurals_and_slide_counters():
    topic = topic_words(*LAMBDA)
    assert section_key("AWS Lambda - Features (2)", topic) == section_key("Main feature", topic)[5:]
    assert section_key("Lambda Limits", topic) == section_key("Limits:", topic) == "limit"


def test_anchors_are_unique():
    sections = merge_outline(
        [
            line("a.txt", 1, "X-Ray", heading=True),
            line("a.txt", 2, "x", 0),
            line("a.txt", 3, "X Ray!", heading=True),
        ],
        topic_names=LAMBDA,
    )
    anchors = [s.anchor for s in sections]
    assert len(anchors) == len(set(anchors))
