"""Hard-wrapped prose: when a plain line runs on into the next one (one logical line, many source lines).

Owns the file's wrap width (the median length of its long plain lines) and the rule that decides
whether a line continues the paragraph above it: only prose, never a run of "label: value" lines of
a cheat sheet, never past a line that ends its sentence or its paragraph with a colon - except that a
line cut where the wrap fell runs on into a line that goes on with its sentence ("... which is" /
"asynchronous: up to ..."). :mod:`notes.parser` joins the lines. Nothing here knows about services.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from notes.cleaning import _SPACES

__all__ = ["continues_paragraph", "wrap_width"]

# A "label: value" line of a cheat sheet ("free trial: 30 days", "routing = transitive", "MTU → 1500
# bytes"): never part of a prose paragraph.
_LABEL_LINE = re.compile(r"^[^\s:,.;=]+(?:[ \t]+[^\s:,.;=]+){0,4}?[ \t]*(?::|=|→|->|⇒)(?:\s|$)")
_PROSE_WIDTH = 60  # a line at least this long that runs on into the next line was hard-wrapped
_FULL_MIN = 40  # a line shorter than this ended its paragraph, whatever the wrap width
_WRAP_SAMPLE = 5  # lines of at least _FULL_MIN characters needed to estimate a file's wrap width


def wrap_width(lines: Iterable[str]) -> int:
    """The median length of the long plain lines (no indentation, table row or heading) of a file:
    where its hard-wrapped paragraphs were cut; 0 when too few lines tell."""
    lengths = sorted(
        len(stripped)
        for line in lines
        if len(stripped := line.translate(_SPACES).strip()) >= _FULL_MIN and line[:1] not in " \t|#"
    )
    return lengths[len(lengths) // 2] if len(lengths) >= _WRAP_SAMPLE else 0


def _full(above: str, line: str, width: int) -> bool:
    """The line above ends where the wrap did: with the next line's first word it would run past
    the wrap width."""
    word = line.split(maxsplit=1)[0] if line.strip() else ""
    return bool(width) and len(above) >= _FULL_MIN and len(above) + 1 + len(word) > width


def continues_paragraph(*, first: str, text: str, above: str, line: str, width: int) -> bool:
    """Does ``line`` continue the plain paragraph whose first source line is ``first``, whose text so
    far is ``text`` and whose last source line is ``above``?"""
    if "|" in first or "|" in line:
        return False  # table rows are never prose
    labels = _LABEL_LINE.match(first.strip()) and _LABEL_LINE.match(line.strip())
    if (
        not labels
        and not above.endswith((".", "!", "?"))
        and _full(above, line, width)
        and (line.lstrip()[:1].islower() or above.endswith((",", "(", "-")))
    ):
        return True
    if len(above) < _PROSE_WIDTH:
        return False
    if text.endswith(":") or _LABEL_LINE.match(line.strip()):
        return False
    return not (above == first.rstrip() and _LABEL_LINE.match(first.strip()))
