"""Pure detection of the pairs a learner mixes up."""

from __future__ import annotations

from quizzes.study.confusions import Answer, find_confusions, normalize_value, pair_id, slips

SQS_KEY = ["Amazon SQS", "Amazon SNS", "Amazon Kinesis", "Amazon MQ"]
SNS_KEY = ["Amazon SNS", "Amazon SQS", "EventBridge", "Step Functions"]


def test_normalize_value_equates_unit_spellings():
    assert normalize_value("29 seconds") == normalize_value("29s") == normalize_value("29 s")


def test_normalize_value_drops_thousands_separators_and_vendor_prefix():
    assert (normalize_value("1,800 Seconds"), normalize_value("AWS Lambda")) == ("1800 s", "lambda")


def test_pair_id_ignores_order_and_spelling():
    assert pair_id("Amazon SQS", "SNS") == pair_id("Amazon SNS", "sqs")


def test_pair_id_differs_between_pairs():
    assert pair_id("SQS", "SNS") != pair_id("SQS", "Kinesis")


def test_a_right_answer_has_no_slips():
    assert slips(Answer(item_id=1, choices=SQS_KEY, correct=[0], chosen=[0])) == []


def test_choose_two_slip_pairs_the_wrong_pick_with_the_missed_key():
    answer = Answer(item_id=1, choices=["Lambda", "EC2", "SQS", "EBS"], correct=[0, 2], chosen=[0, 1])
    assert [(s.key, s.picked) for s in slips(answer)] == [("SQS", "EC2")]


def test_one_wrong_pick_is_not_a_confusion():
    assert find_confusions([Answer(item_id=1, choices=SQS_KEY, correct=[0], chosen=[1])]) == []


def test_same_wrong_pick_twice_on_one_item_is_a_confusion():
    answers = [Answer(item_id=1, choices=SQS_KEY, correct=[0], chosen=[1])] * 2
    [confusion] = find_confusions(answers)
    assert (confusion.reason, confusion.count, {confusion.a, confusion.b}) == (
        "repeated",
        2,
        {"Amazon SQS", "Amazon SNS"},
    )


def test_two_different_wrong_picks_on_one_item_are_not_a_confusion():
    answers = [
        Answer(item_id=1, choices=SQS_KEY, correct=[0], chosen=[1]),
        Answer(item_id=1, choices=SQS_KEY, correct=[0], chosen=[2]),
    ]
    assert find_confusions(answers) == []


def test_same_pair_across_two_items_in_either_direction_is_a_confusion():
    answers = [
        Answer(item_id=1, choices=SQS_KEY, correct=[0], chosen=[1]),  # SNS for SQS
        Answer(item_id=2, choices=SNS_KEY, correct=[0], chosen=[1]),  # SQS for SNS
    ]
    [confusion] = find_confusions(answers)
    assert (confusion.reason, confusion.item_ids) == ("across-items", [1, 2])


def test_values_written_differently_still_pair_up_across_items():
    answers = [
        Answer(item_id=1, choices=["29 seconds", "900 seconds"], correct=[0], chosen=[1]),
        Answer(item_id=2, choices=["900 s", "29 s", "15 min"], correct=[0], chosen=[1]),
    ]
    [confusion] = find_confusions(answers)
    assert confusion.pair_id == pair_id("29 s", "900 s")


def test_confusions_are_sorted_most_frequent_first():
    answers = [Answer(item_id=1, choices=SQS_KEY, correct=[0], chosen=[2])] * 2 + [
        Answer(item_id=2, choices=SNS_KEY, correct=[0], chosen=[1])
    ] * 3
    assert [c.count for c in find_confusions(answers)] == [3, 2]
