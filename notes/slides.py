"""Slide-deck transcripts: one slide's text, joined on one line by the export, split back into its
title and its points (bullets, a numbered run counting up by one, lettered sub-points under each
number). Used by :mod:`notes.parser`."""

from __future__ import annotations

import re

_NUM_MARK = re.compile(r"(?<!\S)(\d{1,2})\.(?=\s)")
_LETTER_MARK = re.compile(r"(?<!\S)([a-h])\.(?=\s)")
_PAREN_TITLE = re.compile(r"^(?P<title>.*?\(\d{1,2}\))\s*(?P<rest>.*)$")
_DASH_TITLE = re.compile(r"^(?P<title>.+? - [^.]*?)\s+(?P<rest>(?:Amazon|AWS)\b.*)$")


def _longest_run(candidates: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Longest chain of (position, number) whose numbers count up by one, in text order."""
    best: list[tuple[int, int]] = []
    for start in range(len(candidates)):
        chain = [candidates[start]]
        for cand in candidates[start + 1 :]:
            if cand[1] == chain[-1][1] + 1:
                chain.append(cand)
        if len(chain) > len(best):
            best = chain
    return best


def split_slide(text: str) -> tuple[str, list[tuple[int, int, str]]]:
    """Split one slide's joined text into its title and (offset, depth, text) points."""
    marks: list[tuple[int, int, int]] = []  # (start of marker, start of point text, depth)
    bullets = [(m.start(), m.end(), 0) for m in re.finditer(r"\s*•\s*", text)]
    numbers = _longest_run([(m.start(), int(m.group(1))) for m in _NUM_MARK.finditer(text)])
    num_marks = [(pos, pos + len(str(n)) + 1, 0) for pos, n in numbers] if len(numbers) >= 1 else []
    marks = sorted(bullets + num_marks)
    # lettered sub-points ("a. ... b. ...") restart after every numbered point
    letters: list[tuple[int, int, int]] = []
    bounds = [pos for pos, _, _ in num_marks] + [len(text)]
    for left, right in zip(bounds, bounds[1:], strict=False):
        expect = "a"
        for m in _LETTER_MARK.finditer(text, left, right):
            if m.group(1) == expect:
                letters.append((m.start(), m.end(), 1))
                expect = chr(ord(expect) + 1)
    marks = sorted(marks + letters)
    head = text[: marks[0][0]] if marks else text
    points: list[tuple[int, int, str]] = []
    for index, (_, start, depth) in enumerate(marks):
        end = marks[index + 1][0] if index + 1 < len(marks) else len(text)
        points.append((start, depth, text[start:end]))
    head = head.strip()
    title, intro = head, ""
    match = _PAREN_TITLE.match(head) or _DASH_TITLE.match(head)
    if match and match.group("rest").strip():
        title, intro = match.group("title").strip(), match.group("rest").strip()
    if intro:
        points.insert(0, (text.find(intro), 0, intro))
    return title, points
