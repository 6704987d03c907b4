"""``bench/matching.py``: which key line a fact states, on small synthetic facts and key lines."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from notes.outline import FactDraft

ROOT = Path(__file__).resolve().parents[3]


def _load(name: str, path: Path):
    sys.path.insert(0, str(ROOT))
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(name, module)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def matching():
    return _load("bench_matching_under_test", ROOT / "bench" / "matching.py")


@pytest.fixture(scope="module")
def quality():
    return _load("bench_quality_matching", ROOT / "bench" / "quality.py")


def fact(subject, attribute, value, unit="", *, kind="limit", qualifier=""):
    return FactDraft(kind, "t", subject, attribute, value, unit, qualifier=qualifier, lines=(1,))


def key(quality, line):
    kind, subject, attribute, value = [p.strip() for p in line.lstrip("!").split("|")]
    return quality.Wanted(kind, quality.norm(subject), quality.norm(attribute), value, line.startswith("!"))


def test_a_quantity_in_other_units_and_a_subject_scope_in_the_key_is_found(matching, quality):
    wanted = [key(quality, "limit | dms limited lob mode | maximum lob size | 102400 KB")]
    verdict = matching.judge(fact("Database Migration Service", "maximum LOB size", "100", "MB"), wanted)
    assert verdict.status == "right"


def test_attribute_words_the_key_puts_in_its_subject_still_match(matching, quality):
    wanted = [key(quality, "limit | comprehend detectsentiment | maximum document size | 5 KB")]
    verdict = matching.judge(fact("Comprehend", "maximum DetectSentiment size", "5", "KB"), wanted)
    assert verdict.status == "right"
    assert verdict.score == pytest.approx(2 / 3)


def test_a_catalogue_part_is_not_its_service(matching, quality):
    wanted = [key(quality, "! invocation | eventbridge | lambda invocation model | synchronous")]
    pipes = fact("EventBridge Pipes", "Lambda invocation model", "synchronous", kind="invocation")
    assert matching.judge(pipes, wanted).status == "unexpected"


def test_a_fact_stating_a_never_keyed_line_is_wrong(matching, quality):
    wanted = [key(quality, "! invocation | eventbridge | lambda invocation model | synchronous")]
    bus = fact("EventBridge", "Lambda invocation model", "synchronous", kind="invocation")
    assert matching.judge(bus, wanted).status == "wrong"


def test_a_never_keyed_line_of_another_kind_does_not_judge_a_fact(matching, quality):
    wanted = [key(quality, "! limit | | grades | 800")]
    grades = fact("Acme Relay", "grades", "Gold, Silver 800", kind="concept")
    assert matching.judge(grades, wanted).status != "wrong"


def test_a_limit_with_another_value_than_its_line_is_wrong(matching, quality):
    wanted = [key(quality, "limit | lambda | maximum memory | 10240 MB")]
    assert matching.judge(fact("Lambda", "maximum memory", "128", "MB"), wanted).status == "wrong"


def test_an_invocation_mode_that_shares_no_word_with_the_key_is_wrong(matching, quality):
    wanted = [key(quality, "invocation | sns | lambda invocation model | asynchronous")]
    said = fact("SNS", "Lambda invocation model", "synchronous", kind="invocation")
    assert matching.judge(said, wanted).status == "wrong"


def test_a_concept_worded_otherwise_is_only_near_never_wrong(matching, quality):
    wanted = [key(quality, "concept | sqs | dead letter queue | where messages go after failing too often")]
    said = fact("SQS", "dead letter queue", "a parking spot", kind="concept")
    assert matching.judge(said, wanted).status == "near"


def test_the_qualifier_must_be_equal(matching, quality):
    wanted = [key(quality, "limit | sqs | default retention | 4 days")]
    assert matching.judge(fact("SQS", "maximum retention", "14", "days"), wanted).status == "unexpected"


def test_two_variants_of_one_service_are_different_lines(matching, quality):
    wanted = [key(quality, "! consistency | sqs standard | delivery guarantee | exactly-once")]
    said = fact("SQS FIFO", "delivery guarantee", "exactly-once", kind="consistency")
    assert matching.judge(said, wanted).status == "unexpected"


def test_the_best_matching_line_decides_not_a_looser_one_with_the_value(matching, quality):
    wanted = [
        key(quality, "limit | sqs fifo queue | maximum batch size | 10"),
        key(quality, "limit | sqs queue | maximum batch size | 20"),
    ]
    verdict = matching.judge(fact("SQS FIFO queue", "maximum batch size", "20"), wanted)
    assert verdict.status == "wrong"


def test_a_less_specific_fact_is_right_when_one_variant_has_its_value(matching, quality):
    wanted = [
        key(quality, "limit | sagemaker real time inference | maximum payload size | 6 MB"),
        key(quality, "limit | sagemaker serverless inference | maximum payload size | 4 MB"),
    ]
    assert matching.judge(fact("SageMaker", "maximum payload size", "6", "MB"), wanted).status == "right"
    assert matching.judge(fact("SageMaker", "maximum payload size", "9", "MB"), wanted).status == "wrong"


def test_a_key_line_is_credited_to_one_fact_only(matching, quality):
    wanted = [key(quality, "limit | lambda | maximum memory | 10240 MB")]
    facts = [
        fact("Lambda", "maximum memory", "10", "GB"),
        fact("Lambda functions", "max memory", "10240", "MB"),
    ]
    verdicts = [matching.judge(f, wanted) for f in facts]
    assert [v.status for v in verdicts] == ["right", "right"]
    assert matching.assign(verdicts, wanted, facts) == {0: 0}


def test_a_key_subject_written_short_matches_the_catalogue_name(matching, quality):
    wanted = [key(quality, "limit | auto scaling | default cooldown | 300 s")]
    assert matching.judge(fact("EC2 Auto Scaling", "default cooldown", "5", "min"), wanted).status == "right"


@pytest.mark.parametrize(
    ("value", "found"),
    [
        ("Gamma, Alpha, Beta", True),  # every member, any order
        ("Alpha, Beta, Gamma, Delta", True),  # every member and one more: still all of the key's
        ("Alpha, Beta", True),  # at least half and nothing the key does not list
        ("Alpha, Delta", False),  # half, with a member the key does not list
        ("Alpha", False),  # less than half
    ],
)
def test_an_enumeration_gets_partial_credit_by_the_stated_rule(matching, value, found):
    assert matching.value_credit(value, "", "Alpha, Beta, Gamma")[1] is found


def test_a_negation_on_one_side_only_is_another_value(matching):
    assert matching.value_credit("not eventually consistent", "", "eventually consistent") == (0.0, False)


def test_every_corpus_folder_is_a_row_and_an_untuned_marker_labels_it(quality, tmp_path, monkeypatch):
    corpus = tmp_path / "fixtures" / "corpus"
    (corpus / "beta").mkdir(parents=True)
    (corpus / "alpha").mkdir()
    (corpus / "alpha" / "UNTUNED").write_text("", encoding="utf-8")
    monkeypatch.setattr(quality, "ROOT", tmp_path)
    assert [quality.set_label(f) for f in quality.corpus_folders()] == [
        "corpus/alpha (never tuned to)",
        "corpus/beta",
    ]


def test_a_count_pint_has_no_unit_for_compares_by_its_number(matching):
    assert matching.value_credit("400", "messages per 24 hours", "200 messages per 24 hours") == (0.0, False)
    assert matching.value_credit("200", "messages per 24 hours", "200 messages per 24 hours")[1]


def test_words_with_digits_tell_two_lines_apart(matching, quality):
    wanted = [key(quality, "concept | api gateway | http 4xx meaning | client error")]
    said = fact("API Gateway", "HTTP 502 meaning", "bad gateway", kind="concept")
    assert matching.judge(said, wanted).status == "unexpected"


def test_a_duration_is_a_time(matching, quality):
    wanted = [key(quality, "limit | lambda | maximum execution duration | 15 min")]
    assert matching.judge(fact("Lambda", "maximum execution time", "900", "s"), wanted).status == "right"


def test_a_long_number_written_in_words_matches_its_digits(matching):
    assert matching.value_credit("10 million", "pps", "10000000 packets per second") == (1.0, True)


def test_a_long_number_in_words_still_differs_from_another_number(matching):
    assert matching.value_credit("5 million", "pps", "10000000 packets per second")[1] is False
