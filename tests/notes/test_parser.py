"""Unit tests of notes.parser: cleaning, noise, headings, depth and path (no database)."""

from __future__ import annotations

import pytest

from notes.parser import NoteParseError, clean_text, ensure_text, is_noise, parse_notes, repair_mojibake
from tests.corpus import corpus_file, corpus_files


def texts(lines):
    return [line.text for line in lines]


def by_text(lines, text):
    matches = [line for line in lines if line.text == text]
    assert matches, f"{text!r} not among {texts(lines)}"
    return matches[0]


# --- cleaning ---------------------------------------------------------------------------------


def test_latex_arrows_become_unicode_arrows():
    assert clean_text(r"cold start $\rightarrow~$ slow") == "cold start → slow"


def test_bare_latex_arrow_outside_math_is_converted():
    assert clean_text(r"queue \longrightarrow worker") == "queue → worker"


def test_dollar_amounts_are_not_treated_as_math():
    assert clean_text("costs $5 or $10 per month") == "costs $5 or $10 per month"


def test_tilde_meaning_approximately_is_kept():
    assert clean_text("cold start : ~100ms") == "cold start : ~100ms"


def test_html_tags_are_stripped_and_urls_dropped():
    assert clean_text("docs → <u>https://example.com/x</u>") == "docs"


def test_markdown_link_keeps_its_text():
    assert clean_text("see [the quotas](https://example.com/q) page") == "see the quotas page"


def test_markdown_bold_and_code_are_unwrapped():
    assert clean_text("**Timeout**: set `900` seconds") == "Timeout: set 900 seconds"


def test_lesson_timing_note_is_removed():
    assert clean_text("Lambda basics (3m)") == "Lambda basics"


def test_mojibake_quotes_are_repaired():
    broken = "“String”".encode().decode("cp1252", errors="replace")
    assert repair_mojibake(broken).startswith("“String")


def test_mixed_codepage_mojibake_from_greek_windows_is_repaired():
    assert repair_mojibake("in β€œString” form") == "in “String” form"


def test_real_accented_text_is_left_alone():
    assert repair_mojibake("café résumé") == "café résumé"


def test_non_breaking_spaces_are_normal_spaces():
    assert clean_text("max\u00a0size 256\u00a0KB") == "max size 256 KB"


# --- noise ------------------------------------------------------------------------------------


@pytest.mark.parametrize("line", ["asd", "0", "Skip to content", "Tweet", "---", "Upgrade to Pro — x"])
def test_noise_lines_are_recognised(line):
    assert is_noise(line)


@pytest.mark.parametrize("line", ["SQS", "FIFO", "at least once delivery", "1 shard : 1MB"])
def test_short_content_is_not_noise(line):
    assert not is_noise(line)


def test_placeholder_and_lone_number_lines_are_dropped():
    lines = parse_notes("Lambda\n\n  • runs code\n  • asd\n  • 0\n")
    assert texts(lines) == ["Lambda", "runs code"]


def test_bare_url_lines_are_dropped():
    lines = parse_notes("SQS\n\nhttps://aws.amazon.com/sqs/\n- queues decouple services\n")
    assert "queues decouple services" in texts(lines)
    assert not any("http" in t for t in texts(lines))


def test_page_furniture_is_dropped():
    text = "Skip to content\n\nDeck\n\nMore Decks by Jane Roe\n\nJane Roe\n\nTweet\n\nTranscript\n\nSQS\n\n  • queues\n"
    assert texts(parse_notes(text)) == ["Deck", "SQS", "queues"]


def test_table_rows_with_tabs_are_dropped():
    lines = parse_notes("Flow\n\n- start\nUpload\tWait\tNotify\n- end\n")
    assert texts(lines) == ["Flow", "start", "end"]


def test_lines_that_are_mostly_latex_are_dropped():
    text = "Flow\n\n- a\n$\\longrightarrow \\underbrace{()}_{\\substack{\\text{Wait}}}$\n- b\n"
    assert texts(parse_notes(text)) == ["Flow", "a", "b"]


def test_agenda_section_is_dropped_with_its_body():
    text = "Lambda\n\n- runs code\n\nQ&A session\n\n- open questions\n"
    assert texts(parse_notes(text)) == ["Lambda", "runs code"]


def test_agenda_item_with_timing_is_dropped():
    text = "Lecture 1\n\n• Q&A about the previous lesson (3m)\n\nLambda\n\n- runs code\n"
    assert "Q&A about the previous lesson" not in texts(parse_notes(text))


# --- headings -------------------------------------------------------------------------------------


def test_bare_short_line_followed_by_bullets_is_a_heading():
    lines = parse_notes("Lambda Limits\n\n  • timeout 900 seconds\n")
    assert lines[0].is_heading and not lines[1].is_heading


def test_sentence_with_period_is_not_a_heading():
    lines = parse_notes("Lambda runs code on demand.\n\n  • timeout 900 seconds\n")
    assert not lines[0].is_heading


def test_numbered_document_title_is_a_heading_not_an_item():
    lines = parse_notes("06. Serverless\n\nAWS Lambda\n\n  • runs code\n")
    assert lines[0].is_heading and lines[0].text == "06. Serverless"


def test_markdown_heading_levels_set_heading_depth():
    lines = parse_notes("# AWS Lambda\n\n## Limits\n\n- timeout 900 seconds\n")
    assert [(line.text, line.depth, line.is_heading) for line in lines[:2]] == [
        ("AWS Lambda", 0, True),
        ("Limits", 1, True),
    ]


def test_markdown_paragraph_is_not_mistaken_for_a_heading():
    lines = parse_notes("# SQS\n\nShort paragraph\n\n- item\n")
    assert not by_text(lines, "Short paragraph").is_heading


def test_line_numbers_are_one_based_source_lines():
    lines = parse_notes("\n\nSQS\n\n  • queues\n")
    assert [line.number for line in lines] == [3, 5]


def test_raw_keeps_the_original_line():
    lines = parse_notes("SQS\n\n  • size $\\rightarrow$ 256KB\n")
    assert lines[1].raw == "  • size $\\rightarrow$ 256KB"


# --- depth and path -----------------------------------------------------------------------------


NESTED = """AWS Lambda

  • Asynchronous Invocations
    • retries twice
    • Invoked by
      • Amazon SNS
  • Synchronous Invocations
"""


def test_indentation_sets_depth():
    lines = parse_notes(NESTED)
    assert [line.depth for line in lines[1:]] == [0, 1, 1, 2, 0]


def test_path_lists_ancestors_without_the_heading():
    sns = by_text(parse_notes(NESTED), "Amazon SNS")
    assert sns.path == ("Asynchronous Invocations", "Invoked by")


def test_sibling_after_nested_block_has_empty_path():
    assert by_text(parse_notes(NESTED), "Synchronous Invocations").path == ()


def test_dash_bullets_with_one_space_are_children():
    lines = parse_notes("Lambda\n\n- Serverless computing\n - no servers\n- Runtimes\n")
    assert by_text(lines, "no servers").path == ("Serverless computing",)
    assert by_text(lines, "Runtimes").depth == 0


def test_second_marker_is_stripped_and_nests_one_level():
    lines = parse_notes("Lambda\n\n- Where to start\n- ∘ workshops\n- · How it works\n - o no shell\n")
    assert by_text(lines, "workshops").path == ("Where to start",)
    assert by_text(lines, "How it works").depth == 0
    assert by_text(lines, "no shell").path == ("How it works",)


def test_hollow_bullets_nest_under_solid_bullets_at_same_indent():
    lines = parse_notes("SQS\n\n• Visibility timeout\n◦ default 30 seconds\n• Retention\n")
    assert by_text(lines, "default 30 seconds").path == ("Visibility timeout",)
    assert by_text(lines, "Retention").depth == 0


def test_markdown_numbered_and_indented_lists():
    lines = parse_notes("# Lambda\n\n1. Limits\n    - timeout 900 s\n2. Pricing\n")
    assert by_text(lines, "timeout 900 s").path == ("Limits",)
    assert by_text(lines, "Pricing").depth == 0


def test_paragraph_ending_with_colon_parents_following_bullets():
    lines = parse_notes("SQS\n\nLimits:\n- 256 KB messages\n")
    assert by_text(lines, "256 KB messages").path == ("Limits:",)


def test_wrapped_continuation_line_joins_its_item():
    lines = parse_notes("# SQS\n\n- messages up to\n  256 KB in size\n")
    assert texts(lines) == ["SQS", "messages up to 256 KB in size"]


# --- flattened outlines (children at the parent's indentation) ------------------------------------

FLAT = """SQS

  • managed queue
  • Standard
  • at least once delivery
  • FIFO
  • exactly once delivery
  • Messages up to 256KB in size

  • invocations

  • synchronous
    • caller waits
  • asynchronous
    • can retry 0-2 times

  • billing

  • per request
"""


def test_flat_group_word_adopts_following_lowercase_lines():
    lines = parse_notes(FLAT)
    assert by_text(lines, "at least once delivery").path == ("Standard",)
    assert by_text(lines, "exactly once delivery").path == ("FIFO",)


def test_flat_group_ends_at_a_capitalised_line():
    assert by_text(parse_notes(FLAT), "Messages up to 256KB in size").path == ()


def test_flat_bullet_followed_by_blank_line_is_a_group_title():
    lines = parse_notes(FLAT)
    assert by_text(lines, "can retry 0-2 times").path == ("invocations", "asynchronous")
    assert by_text(lines, "per request").path == ("billing",)


def test_flat_mode_is_off_for_consistently_indented_notes():
    lines = parse_notes("API Gateway\n\n  • Serverless\n  • Supports WebSocket\n")
    assert by_text(lines, "Supports WebSocket").path == ()


# --- slide transcripts ----------------------------------------------------------------------------

SLIDES = """Transcript

  1. Queues - Overview • SQS • SNS •

    Kinesis
  2. Queues - Features (1) Amazon SQS is a hosted queue, which

    decouples services. 1. Retention up to 14 days. 2. Integration types: a. HTTP b. Lambda
  3. Wrap up 4. Nothing

    more.
"""


def test_slide_title_becomes_a_heading_and_points_become_lines():
    lines = parse_notes(SLIDES)
    assert [line.text for line in lines if line.is_heading] == [
        "Queues - Overview",
        "Queues - Features (1)",
        "Wrap up",
    ]


def test_slide_bullets_split_across_the_line_break():
    lines = parse_notes(SLIDES)
    assert texts(lines)[1:4] == ["SQS", "SNS", "Kinesis"]


def test_slide_intro_sentence_is_joined_across_lines():
    intro = by_text(parse_notes(SLIDES), "Amazon SQS is a hosted queue, which decouples services.")
    assert intro.number == 6


def test_slide_points_take_the_continuation_line_number():
    assert by_text(parse_notes(SLIDES), "Retention up to 14 days.").number == 8


def test_slide_lettered_points_are_children_of_the_numbered_point():
    lambda_point = by_text(parse_notes(SLIDES), "Lambda")
    assert lambda_point.path == ("Integration types:",) and lambda_point.depth == 1


# --- validation ------------------------------------------------------------------------------------


def test_parse_rejects_non_text():
    with pytest.raises(NoteParseError):
        parse_notes(b"SQS")  # type: ignore[arg-type]


def test_ensure_text_rejects_binary():
    with pytest.raises(NoteParseError):
        ensure_text(b"PK\x03\x04\x00\x00")


def test_ensure_text_decodes_utf8_with_bom():
    assert ensure_text("\ufeffSQS".encode()) == "SQS"


def test_empty_text_parses_to_nothing():
    assert parse_notes("") == []


# --- corpus --------------------------------------------------------------------------------------


@pytest.mark.corpus
def test_corpus_every_file_keeps_lines_and_drops_little():
    for path in corpus_files():
        text = path.read_text(encoding="utf-8")
        lines = parse_notes(text)
        nonblank = sum(1 for raw in text.splitlines() if raw.strip())
        kept = {line.number for line in lines}
        assert len(kept) >= nonblank * 0.8, path.name


@pytest.mark.corpus
def test_corpus_no_line_keeps_latex_html_urls_or_placeholders():
    for path in corpus_files():
        for line in parse_notes(path.read_text(encoding="utf-8")):
            assert "\\rightarrow" not in line.text and "$" not in line.text.replace("$Latest", "")
            assert "<u>" not in line.text and "://" not in line.text
            assert line.text.casefold() not in {"asd", "0", "tweet", "transcript", "skip to content"}


@pytest.mark.corpus
def test_corpus_line_numbers_are_increasing_and_in_range():
    for path in corpus_files():
        text = path.read_text(encoding="utf-8")
        numbers = [line.number for line in parse_notes(text)]
        assert numbers == sorted(numbers)
        assert all(1 <= n <= text.count("\n") + 1 for n in numbers)


@pytest.mark.corpus
def test_corpus_001_repairs_the_mojibake_quote():
    lines = parse_notes(corpus_file("001").read_text(encoding="utf-8"))
    assert not any("β€" in line.text for line in lines)
    assert any("“String”" in line.text for line in lines)


@pytest.mark.corpus
def test_corpus_003_flat_children_get_their_group_in_path():
    lines = parse_notes(corpus_file("003").read_text(encoding="utf-8"))
    retry = next(line for line in lines if "retry 0-2 times" in line.text)
    assert retry.path[-1] == "asynchronous"
    once = next(line for line in lines if line.text == "at least once delivery")
    assert once.path == ("Standard",)
    assert next(line for line in lines if line.text == "exactly once delivery").path == ("FIFO",)


@pytest.mark.corpus
def test_corpus_004_slides_become_headings_with_points():
    lines = parse_notes(corpus_file("004").read_text(encoding="utf-8"))
    headings = [line for line in lines if line.is_heading]
    assert sum(1 for h in headings if h.text.startswith("AWS SQS")) == 4
    assert len(lines) > 100  # slides split into many points
    assert not any(line.text.endswith("•") for line in lines)


def test_corpus_helper_skips_when_folder_is_missing(monkeypatch, tmp_path):
    import tests.corpus as corpus

    monkeypatch.setattr(corpus, "CORPUS_DIR", tmp_path / "missing")
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception):
        corpus.corpus_files()


def test_corpus_helper_fails_on_ci_when_folder_is_missing(monkeypatch, tmp_path):
    import tests.corpus as corpus

    monkeypatch.setattr(corpus, "CORPUS_DIR", tmp_path / "missing")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception):
        corpus.corpus_files()
