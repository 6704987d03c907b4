"""Pure shaping of a stored exam report for its page: the question filters (wrong, flagged,
unanswered), the per-topic scores against the pass mark and the time spent, as words.

No database here: the report is the JSON ``exam_submit`` stored, so old reports (without times or
per-option explanations) still read, with those parts left out."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from quizzes.exams.scoring import PASS_MARK, exam_passed, scaled_score

SHOWS = {
    "all": "All",
    "wrong": "Wrong answers",
    "flagged": "Flagged",
    "unanswered": "Not answered",
}


def question_shown(row: Mapping[str, Any], show: str) -> bool:
    """Whether a report row belongs to the filter ``show`` (one of ``SHOWS``)."""
    if show == "wrong":
        return bool(row.get("answered")) and not row.get("correct")
    if show == "flagged":
        return bool(row.get("flagged"))
    if show == "unanswered":
        return not row.get("answered")
    return True


@dataclass(frozen=True)
class ReportFilter:
    key: str
    label: str
    count: int
    current: bool


@dataclass(frozen=True)
class TopicScore:
    label: str
    correct: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.correct / self.total) if self.total else 0

    @property
    def scaled(self) -> int:
        return scaled_score(correct=self.correct, total=self.total)

    @property
    def meets_pass_mark(self) -> bool:
        return exam_passed(score=self.scaled)

    @property
    def gap(self) -> int:
        """Points above (positive) or below (negative) the pass mark."""
        return self.scaled - PASS_MARK


@dataclass(frozen=True)
class ReportView:
    filters: list[ReportFilter]
    show: str
    questions: list[Mapping[str, Any]]
    topics: list[TopicScore]
    total_time_ms: int | None  # None for a report stored before times were recorded

    @property
    def total_time_label(self) -> str:
        return format_duration(self.total_time_ms or 0)


def report_view(*, report: Mapping[str, Any], show: str) -> ReportView:
    rows: Sequence[Mapping[str, Any]] = report.get("questions", [])
    show = show if show in SHOWS else "all"
    timed = [row["time_spent_ms"] for row in rows if "time_spent_ms" in row]
    return ReportView(
        filters=[
            ReportFilter(
                key=key, label=label, count=sum(question_shown(r, key) for r in rows), current=key == show
            )
            for key, label in SHOWS.items()
        ],
        show=show,
        questions=[_question_row(row) for row in rows if question_shown(row, show)],
        topics=[
            TopicScore(label=t["label"], correct=t["correct"], total=t["total"])
            for t in report.get("by_topic", [])
        ],
        total_time_ms=sum(timed) if timed and len(timed) == len(rows) else None,
    )


def _question_row(row: Mapping[str, Any]) -> dict[str, Any]:
    choices = row.get("choices", [])
    return {
        **row,
        "time_label": format_duration(row["time_spent_ms"]) if "time_spent_ms" in row else "",
        # Why each option is right or wrong, when the item says so; else the item's explanation.
        "option_explanations": any(c.get("explanation") for c in choices),
    }


def format_duration(ms: int) -> str:
    """ "45 s", "2 min 05 s", "1 h 02 min": a time spent, rounded to the second."""
    seconds = max(0, round(ms / 1000))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes:02d} min"
    if minutes:
        return f"{minutes} min {secs:02d} s"
    return f"{secs} s"
