"""Tests for notes.units: spelling normalisation, base magnitudes, display and comparison."""

from __future__ import annotations

import pytest

from notes.units import (
    format_quantity,
    parse_quantity,
    parse_range,
    same_magnitude,
    same_quantity,
    to_base,
)


def base(number: str, unit: str = "") -> tuple[float, str]:
    q = parse_quantity(number, unit)
    assert q is not None, (number, unit)
    return to_base(q)


@pytest.mark.parametrize(
    ("number", "unit", "seconds"),
    [
        ("900", "seconds", 900),
        ("900", "s", 900),
        ("15", "mins", 900),
        ("15", "min", 900),
        ("15", "minutes", 900),
        ("5", "minutes", 300),
        ("24", "hours", 86400),
        ("24", "-hour", 86400),
        ("7", "days", 604800),
        ("14", "days", 1209600),
        ("30", "sec", 30),
        ("29", "s", 29),
        ("~100", "ms", 0.1),
    ],
)
def test_time_spellings_reduce_to_seconds(number: str, unit: str, seconds: float) -> None:
    magnitude, dimension = base(number, unit)
    assert dimension == "time"
    assert same_magnitude(magnitude, seconds)


def test_one_year_is_longer_than_365_days() -> None:
    magnitude, dimension = base("1", "year")
    assert dimension == "time"
    assert 365 * 86400 <= magnitude < 366 * 86400


@pytest.mark.parametrize(
    ("number", "unit", "size_bytes"),
    [
        ("256", "KB", 256 * 1024),
        ("400", "kb", 400 * 1024),
        ("4", "KB", 4096),
        ("1", "MB", 1024**2),
        ("128", "MB", 128 * 1024**2),
        ("10", "GB", 10 * 1024**3),
        ("237", "GB", 237 * 1024**3),
        ("5", "TB", 5 * 1024**4),
        ("0", "B", 0),
    ],
)
def test_sizes_are_binary(number: str, unit: str, size_bytes: int) -> None:
    magnitude, dimension = base(number, unit)
    assert dimension == "size"
    assert same_magnitude(magnitude, size_bytes)


def test_lambda_memory_ten_gb_equals_10240_mb() -> None:
    assert same_quantity(parse_quantity("10", "GB"), parse_quantity("10240", "MB"))


def test_fifteen_minutes_equals_900_seconds() -> None:
    assert same_quantity(parse_quantity("15", "mins"), parse_quantity("900", "seconds"))


def test_different_values_are_not_same() -> None:
    assert not same_quantity(parse_quantity("24", "hours"), parse_quantity("7", "days"))


def test_different_dimensions_are_not_same() -> None:
    assert not same_quantity((100.0, "count"), (100.0, "percent"))


@pytest.mark.parametrize(
    ("number", "unit", "count"),
    [("1", "shard", 1), ("1000", "", 1000), ("10", "batches", 10), ("1,000", "", 1000), ("3", "times", 3)],
)
def test_counts(number: str, unit: str, count: int) -> None:
    assert base(number, unit) == (count, "count")


@pytest.mark.parametrize(
    ("number", "unit", "per_second"),
    [
        ("3000", "messages per second", 3000),
        ("1K", "request per second", 1000),
        ("60", "instances per minute", 1),
    ],
)
def test_rates_are_per_second(number: str, unit: str, per_second: float) -> None:
    magnitude, dimension = base(number, unit)
    assert dimension == "rate"
    assert same_magnitude(magnitude, per_second)


def test_percent_keeps_percent_points() -> None:
    assert base("99.9", "%") == (pytest.approx(99.9), "percent")


@pytest.mark.parametrize(
    ("number", "unit"),
    [("25k", "KB"), ("25", "kKB"), ("900", "furlongs"), ("abc", "s"), ("1-2", "ms")],
)
def test_doubtful_spellings_are_rejected(number: str, unit: str) -> None:
    assert parse_quantity(number, unit) is None


def test_range_gives_low_and_high() -> None:
    result = parse_range("1-2", "ms")
    assert result is not None
    low, high = result
    assert same_quantity(low, (0.001, "time"))
    assert same_quantity(high, (0.002, "time"))


def test_range_accepts_to_and_typo_t0() -> None:
    result = parse_range("0 t0 3600", "s")
    assert result is not None
    assert to_base(result[1]) == (3600, "time")


def test_range_of_messages_is_a_count() -> None:
    result = parse_range("1-10", "messages")
    assert result is not None
    assert [to_base(q) for q in result] == [(1, "count"), (10, "count")]


def test_reversed_range_is_rejected() -> None:
    assert parse_range("10-1", "s") is None


def test_single_number_is_not_a_range() -> None:
    assert parse_range("10", "s") is None


@pytest.mark.parametrize(
    ("magnitude", "dimension", "expected"),
    [
        (900, "time", ("15", "min")),
        (29, "time", ("29", "s")),
        (0.1, "time", ("100", "ms")),
        (86400, "time", ("24", "h")),
        (60, "time", ("60", "s")),
        (0, "time", ("0", "s")),
        (99.999999999, "percent", ("99.999999999", "%")),
        (7 * 86400, "time", ("7", "days")),
        (10240 * 1024**2, "size", ("10", "GB")),
        (512 * 1024**2, "size", ("512", "MB")),
        (256 * 1024, "size", ("256", "KB")),
        (1000, "count", ("1000", "")),
        (1000, "rate", ("1000", "per second")),
        (99.9, "percent", ("99.9", "%")),
    ],
)
def test_format_quantity(magnitude: float, dimension: str, expected: tuple[str, str]) -> None:
    assert format_quantity(magnitude, dimension) == expected


def test_format_round_trips_one_year() -> None:
    assert format_quantity(*base("1", "year")) == ("1", "year")


def test_format_rejects_unknown_dimension() -> None:
    with pytest.raises(ValueError):
        format_quantity(1, "mass")


def test_same_magnitude_tolerates_float_error() -> None:
    assert same_magnitude(0.1 + 0.2, 0.3)
    assert not same_magnitude(0.3, 0.31)


def test_bandwidth_is_decimal_bits_per_second() -> None:
    assert same_quantity(parse_quantity("10", "Gbps"), parse_quantity("10000", "Mbps"))


def test_bandwidth_is_no_size() -> None:
    assert to_base(parse_quantity("1", "Gbps"))[1] == "bandwidth"


def test_packets_per_second_is_a_rate() -> None:
    assert to_base(parse_quantity("100", "pps")) == (100.0, "rate")
