"""LaTeX left in notes is cleaned into what it says (notes.cleaning), no database."""

from __future__ import annotations

from notes.parser import clean_text, parse_notes


def test_a_style_command_keeps_its_argument():
    assert clean_text(r"default \textbf{3}, \emph{hybrid} mode") == "default 3, hybrid mode"


def test_a_tex_dash_between_numbers_is_an_en_dash():
    assert clean_text("retries: 0 -- 9, widths 1--10") == "retries: 0 – 9, widths 1–10"


def test_a_double_dash_option_is_left_alone():
    assert clean_text("run it with --force") == "run it with --force"


def test_a_power_of_ten_in_math_is_the_number():
    assert clean_text(r"up to $10^3$ routes") == "up to 1,000 routes"


def test_a_tilde_command_stays_an_approximation():
    assert clean_text(r"within $\sim$5 min") == "within ~5 min"


def test_a_math_range_loses_its_dollars():
    assert clean_text(r"band: $7.0 - 8.9$") == "band: 7.0 - 8.9"


def test_money_amounts_keep_their_dollars():
    assert clean_text("costs $5 and $10 a month") == "costs $5 and $10 a month"


def test_a_layout_command_alone_on_a_line_is_dropped():
    lines = parse_notes("Widget notes\n\n- keeps 3 copies\n\\newpage\n- keeps 4 logs\n")
    assert "\\newpage" not in [line.text for line in lines]
