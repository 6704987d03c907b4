"""Headings that are not on a line of their own: a short title line right above its paragraph, and
a run-in heading ("Acme Relay: the relay keeps each parcel for four days ...") that opens one.

Pure text shapes; :mod:`notes.parser` decides where they apply (a run-in heading only in a file
with no heading of its own line before it). Nothing here knows about services.
"""

from __future__ import annotations

import re

from notes.flat import words as _words

__all__ = ["run_in_heading", "title_above_paragraph"]

# "Acme Relay: the relay keeps ...": two to four capitalised words, a colon, then a sentence.
_RUN_IN = re.compile(
    r"^(?P<name>(?:AWS\s+|Amazon\s+)?[A-Z][\w@.-]*(?:\s+[A-Z0-9][\w@.-]*){0,3}):\s+(?P<rest>\S.*)$"
)
# Words that make a capitalised label a measure or a remark, not a name ("Max Payload Size: ...").
_NOT_A_NAME = re.compile(
    r"\b(?:max|min|maximum|minimum|default|limit|limits|quota|size|timeout|retention|duration|note|"
    r"tip|exam|reminder|summary|recap|example|question|answer|warning|important|update|homework|lab)\b",
    re.IGNORECASE,
)


def title_above_paragraph(text: str, below: str, below_is_bullet: bool) -> bool:
    """A short title-like line right above a paragraph ("Timestream" over the lines about it): a
    heading when the line below is a sentence of several times its length."""
    if _words(text) > 6 or not text[:1].isupper() or ":" in text or below_is_bullet:
        return False
    return len(below) >= max(40, 2 * len(text)) and _words(below) >= 6


def run_in_heading(text: str) -> tuple[str, str] | None:
    """(name, rest) of a paragraph that opens with the name of what it is about and a colon (two to
    four capitalised words) before a sentence of eight words or more; None for a label ("Max Payload
    Size: 6 MB", "Reminder: ...")."""
    match = _RUN_IN.match(text.strip())
    if match is None:
        return None
    name, rest = match.group("name"), match.group("rest")
    if _words(rest) < 8 or _NOT_A_NAME.search(name):
        return None
    if not 2 <= len(name.split()) <= 4:
        return None
    return name, rest
