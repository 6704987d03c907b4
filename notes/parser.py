"""Note parsing: one file's raw text -> the kept, cleaned, outlined lines (``NoteLine``).

This module owns everything that happens to a single line before topic segmentation:

* cleaning and noise removal, done by :mod:`notes.cleaning` (:func:`clean_text`, :func:`is_noise`
  and :func:`repair_mojibake` are re-exported here): mojibake repair, HTML tags, LaTeX
  arrows/bullets, Markdown inline markup, URLs, non-breaking spaces, lesson timing notes such as
  "(3m)"; page furniture ("Skip to content", "Tweet", "More Decks by ..."), placeholders ("asd", a
  lone "0"), punctuation-only lines, bare URLs, table/diagram residue, broken LaTeX, lesson agenda
  items ("Q&A about the previous lesson"); this module drops agenda sections ("Q&A session");
* input checks: :func:`ensure_text` refuses bytes that are not UTF-8, binary content and files
  over :data:`MAX_NOTE_CHARS`;
* structure: heading detection (Markdown ``#`` headings and bare short lines), bullet depth from
  indentation and bullet glyphs, the outline ``path`` of every line, and two recoveries for exports
  that lost their structure: flattened outlines (children at the same indentation as their parent,
  labels from :mod:`notes.flat`) and slide-deck transcripts (``  3. Title 1. point 2. point`` broken
  over two lines);
* what a line is about: Markdown pipe tables become one line per cell (:mod:`notes.tables`), a
  bold lead-in ("**Batch transform**", "**Real-time**: ...") is the ``scope`` of its line and
  children, and the answer of a "Q:"/"A:" pair is the child of its question.

Nothing here knows about AWS topics (see ``notes.topics``) or touches the database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from notes.cleaning import (
    _AGENDA_HEADING,
    _NOISE_PATTERNS,
    _SPACES,
    _is_latex_junk,
    _is_table_row,
    clean_text,
    is_noise,
)
from notes.cleaning import repair_mojibake as repair_mojibake
from notes.flat import label_text as _label_text
from notes.flat import short_title as _short_title
from notes.flat import words as _words
from notes.intake import MAX_NOTE_CHARS, NoteParseError, ensure_text
from notes.outline import NoteLine
from notes.prose import continues_paragraph, wrap_width
from notes.runin import run_in_heading, title_above_paragraph
from notes.shapes import (
    _ANSWER,
    _ANSWER_PARTICLE,
    _BOLD_LEAD,
    _BOLD_LINE,
    _BRACKET_HEADING,
    _BULLET,
    _GLYPH_RANK,
    _HEADING_PREFIX,
    _MD_HEADING,
    _O_BULLET,
    _PLAIN_LEAD,
    _QUESTION,
    _SECOND_MARKER,
    _SETEXT_UNDERLINE,
    _SLIDE,
    _WIKI_HEADING,
)
from notes.shapes import (
    wrap_tail as _wrap_tail,
)
from notes.slides import split_slide
from notes.tables import is_table_start, read_aligned_table, read_table

__all__ = [
    "MAX_NOTE_CHARS",
    "NoteParseError",
    "clean_text",
    "ensure_text",
    "is_noise",
    "parse_notes",
]

# --------------------------------------------------------------------------------------------
# Line classification
# --------------------------------------------------------------------------------------------


def _not_row(line: str) -> bool:
    """A line that is no row of a plain-text table: a bullet, a heading, LaTeX residue."""
    return bool(_BULLET.match(line) or _MD_HEADING.match(line) or _is_latex_junk(line))


def _marker_rank(marker: str) -> int:
    if "circ" in marker:
        return 1
    return _GLYPH_RANK.get(marker, 0)


def _indent_width(prefix: str) -> int:
    return len(prefix.expandtabs(4))


@dataclass(slots=True)
class _Token:
    """One kept line before depth/path are known."""

    kind: str  # "heading" | "item" | "para" | "cell" (a table cell)
    number: int
    raw: str
    text: str
    eff: int = 0  # effective indentation: 2 per column + bullet glyph rank; -1 for label paragraphs
    glyph: bool = False  # bulleted with a glyph (•, ∘, ...) rather than a dash/star/number
    level: int = 0  # heading level (Markdown "#" count), 0 for bare-line headings
    blank_before: bool = False
    blank_after: bool = False
    drop_section: bool = False  # agenda heading: drop it and its body
    children: list[_Token] = field(default_factory=list)  # slide points (depth offset 0/1)
    last: int = 0  # hard-wrapped prose: the number of the paragraph's last source line (0: one line)
    tail: str = ""  # hard-wrapped prose: the paragraph's last source line
    child_depth: int = 0
    scope: str = ""  # a table cell's row label or column header; a line's own bold lead-in
    question: bool = False  # a "Q:" line: the "A:" line below it is its child
    answer: bool = False  # an "A:" line: the plain lines right below it (no blank between) go on with it
    sure: bool = True


def _looks_like_heading(text: str) -> bool:
    if not text or text[-1] in ".,;:!" or text.startswith(("(", "[", '"', "'")):
        return False
    return 0 < _words(text) <= 10 and len(text) <= 90


def _split_lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


# --------------------------------------------------------------------------------------------
# The parser
# --------------------------------------------------------------------------------------------


class _Parser:
    def __init__(self, text: str) -> None:
        self.lines = _split_lines(text.lstrip("\ufeff"))
        self.extra_noise: frozenset[str] = frozenset()
        self.markdown = False
        self.slides = False
        self.flat = False
        self.o_bullets: frozenset[int] = frozenset()
        self.wrap_width = 0  # the width prose lines were hard-wrapped at (0: not known)
        self.headed = False  # a heading of its own line was seen: run-in headings are not read then

    # -- pre-pass ----------------------------------------------------------------------------
    def survey(self) -> None:
        authors: set[str] = set()
        slide_lines = 0
        flat_hits = 0
        last_glyph_indent: int | None = None
        blank_since = False
        n = len(self.lines)
        for index, raw in enumerate(self.lines):
            line = raw.translate(_SPACES)
            stripped = line.strip()
            if not stripped:
                blank_since = last_glyph_indent is not None
                continue
            if _MD_HEADING.match(line):
                self.markdown = True
            m = re.match(r"more decks by\s+(.+)$", stripped, re.IGNORECASE)
            if m:
                authors.add(m.group(1).strip().casefold())
            if _SLIDE.match(line) and self._continuation_after(index, n):
                slide_lines += 1
            bullet = _BULLET.match(line)
            if bullet and bullet.group("marker") in "•●▪◦∘○":
                indent = _indent_width(bullet.group("indent"))
                if blank_since and indent == last_glyph_indent:
                    flat_hits += 1
                last_glyph_indent = indent
            else:
                last_glyph_indent = None
            blank_since = False
        self.extra_noise = frozenset(authors)
        self.wrap_width = wrap_width(line for line in self.lines if not _BULLET.match(line))
        self.slides = slide_lines >= 2
        self.o_bullets = self._o_runs()
        self.flat = flat_hits >= 3 and not self.markdown

    def _o_runs(self) -> frozenset[int]:
        """Line indices of "o text" lines at column 0 that stand next to another one: an "o" bullet
        list (a lone "o" line is more likely a word)."""
        flags = [bool(_O_BULLET.match(line.translate(_SPACES))) for line in self.lines]
        n = len(flags)
        return frozenset(
            i
            for i, flag in enumerate(flags)
            if flag and ((i > 0 and flags[i - 1]) or (i + 1 < n and flags[i + 1]))
        )

    def _continuation_after(self, index: int, n: int) -> bool:
        for j in range(index + 1, min(n, index + 3)):
            nxt = self.lines[j].translate(_SPACES)
            if nxt.strip():
                return _indent_width(nxt[: len(nxt) - len(nxt.lstrip())]) >= 4 and not _BULLET.match(nxt)
        return False

    # -- pass 1: classify lines into tokens ---------------------------------------------------
    def tokens(self) -> list[_Token]:
        out: list[_Token] = []
        lines = self.lines
        n = len(lines)
        blank = True  # start of file counts as after a blank line
        prev_kind = ""  # kind of the previous non-blank source line: "", "bullet", "para", "noise"
        title_done = False
        index = 0
        while index < n:
            raw = lines[index]
            number = index + 1
            line = raw.translate(_SPACES).rstrip()
            index += 1
            if not line.strip():
                blank = True
                if out:
                    out[-1].blank_after = True
                continue
            was_blank, blank = blank, False
            gap = line.strip()
            if is_table_start(lines, index - 1):
                table = read_table(lines, index - 1, clean_text)
            elif "\t" in gap or "  " in gap:
                table = read_aligned_table(lines, index - 1, clean_text, skip=_not_row)
            else:
                table = None
            if table is not None:
                cells, index = table
                out.extend(
                    _Token(
                        "cell", c.number, c.raw, c.text, blank_before=was_blank, scope=c.scope, sure=c.sure
                    )
                    for c in cells
                )
                prev_kind = "noise"
                continue
            if _is_table_row(line) or _is_latex_junk(line) or _NOISE_PATTERNS.match(line.strip()):
                prev_kind = "noise"
                continue
            line = line.expandtabs(4)
            tail = line.strip()
            if prev_kind == "para" and not was_blank and out and _wrap_tail(out[-1].text, tail):
                out[-1].text, out[-1].last, out[-1].tail = f"{out[-1].text} {tail}", number, line.rstrip()
                continue  # "a score from 0 to" / "100.": the wrapped end of the sentence

            if self.slides:
                slide = _SLIDE.match(line)
                if slide and self._continuation_after(index - 1, n):
                    index = self._slide(out, slide, raw, number, index, was_blank)
                    prev_kind = "bullet"
                    continue

            wiki = _WIKI_HEADING.match(line) or _BRACKET_HEADING.match(line)
            if wiki and len(wiki.group("text")) > 1 and _looks_like_heading(clean_text(wiki.group("text"))):
                text = clean_text(wiki.group("text"))
                if not is_noise(text, self.extra_noise):
                    level = len(wiki.groupdict().get("eqs") or "==")
                    out.append(self._heading(text, number, raw, level, was_blank))
                prev_kind = "para"
                title_done = True
                continue
            underline = index < n and _SETEXT_UNDERLINE.match(lines[index].translate(_SPACES))
            if underline and not _BULLET.match(line) and _looks_like_heading(clean_text(line)):
                text = clean_text(line)
                index += 1  # the underline is part of the heading
                if not is_noise(text, self.extra_noise):
                    level = 1 if underline.group(0).strip()[0] == "=" else 2
                    out.append(self._heading(text, number, raw, level, was_blank))
                prev_kind = "para"
                title_done = True
                continue

            md = _MD_HEADING.match(line) if self.markdown else None
            if md:
                text = clean_text(md.group("text"))
                if not is_noise(text, self.extra_noise):
                    out.append(self._heading(text, number, raw, len(md.group("hashes")), was_blank))
                prev_kind = "para"
                continue

            bullet = _BULLET.match(line)
            lone_o = bullet and bullet.group("marker") == "o" and not bullet.group("indent")
            if lone_o and index - 1 not in self.o_bullets:
                bullet = None  # "o" at column 0 is a word more often than a bullet, unless in a run
            if bullet and bullet.group("marker")[0].isdigit() and not self.markdown:
                # "06. Serverless" as the first line is a document title, not a list item; later,
                # "3) Transcribe" alone between blank lines over a paragraph is a section heading
                rest = line[bullet.end() :]
                if (
                    not bullet.group("indent")
                    and _looks_like_heading(clean_text(rest))
                    and self._blank_next(index)
                    and (not title_done or (was_blank and self._paragraph_after_blank(index)))
                ):
                    bullet = None
            if bullet:
                indent = _indent_width(bullet.group("indent"))
                marker = bullet.group("marker")
                rest = line[bullet.end() :]
                rank = _marker_rank(marker)
                second = _SECOND_MARKER.match(rest)
                if second:
                    rest = rest[second.end() :]
                    rank += _marker_rank(second.group("marker"))
                text = clean_text(rest)
                lead = _BOLD_LEAD.match(rest.strip()) or _PLAIN_LEAD.match(text)
                prev_kind = "bullet"
                if is_noise(text, self.extra_noise) or _AGENDA_HEADING.match(text) and "(" in text:
                    prev_kind = "noise"
                    continue
                out.append(
                    _Token(
                        "item",
                        number,
                        raw,
                        text,
                        eff=indent * 2 + rank,
                        glyph=marker not in "-*+" and not marker[0].isdigit(),
                        blank_before=was_blank,
                        scope=clean_text(lead.group("lead")).rstrip(":") if lead else "",
                    )
                )
                title_done = True
                continue

            indent = _indent_width(line[: len(line) - len(line.lstrip())])
            text = clean_text(line)
            if is_noise(text, self.extra_noise) or (
                text.endswith(":") and _words(text) <= 3 and "http" in line
            ):
                prev_kind = "noise"
                continue
            if indent and prev_kind == "bullet" and not was_blank and out and out[-1].kind == "item":
                out[-1].text = f"{out[-1].text} {text}"  # wrapped continuation of the previous item
                continue
            if not indent and not was_blank and out and out[-1].answer and not _QUESTION.match(text):
                out[-1].text = f"{out[-1].text} {text}"  # the answer's own paragraph, wrapped
                out[-1].last = number
                out[-1].tail = line.rstrip()
                continue
            if not indent and prev_kind == "para" and not was_blank and out and self._wrapped(out[-1], line):
                out[-1].text = f"{out[-1].text} {text}"  # hard-wrapped prose: one logical line
                out[-1].last = number
                out[-1].tail = line.rstrip()
                continue
            if (
                not indent
                and not self.markdown
                and (was_blank or prev_kind != "para")
                and _looks_like_heading(text)
                and (self._heading_follows(index) or was_blank and self._prose_follows(index, text))
            ):
                out.append(self._heading(text, number, raw, 0, was_blank))
                prev_kind = "para"
                title_done = True
                continue
            run_in = None if indent or self.markdown or self.headed else run_in_heading(text)
            if run_in is not None:  # "Acme Relay: the relay keeps ...": the paragraph's own heading
                out.append(self._heading(run_in[0], number, raw, 0, was_blank))
                text, self.headed = run_in[1], False
            label = text.endswith(":") or bool(_BOLD_LINE.match(line.strip()))
            eff = indent * 2 if indent else (-1 if label else 0)
            answer = False
            if not indent and _QUESTION.match(text):
                text, eff = _QUESTION.sub("", text), -1  # the question scopes its answer
            elif not indent and _ANSWER.match(text) and out and out[-1].question:
                text, eff, indent = _ANSWER.sub("", text), 1, 1  # the answer: the question's child
                text = _ANSWER_PARTICLE.sub("", text) or text  # "No, asynchronous.": the answer itself
                answer = True
            lead = _BOLD_LEAD.match(line.strip())
            out.append(
                _Token(
                    "item" if indent else "para",
                    number,
                    raw,
                    text,
                    eff=eff,
                    blank_before=was_blank,
                    scope=clean_text(lead.group("lead")).rstrip(":") if lead else "",
                    question=eff == -1 and raw != text and bool(_QUESTION.match(clean_text(line))),
                    answer=answer,
                )
            )
            prev_kind = "para"
            title_done = True
        return out

    def _wrapped(self, previous: _Token, line: str) -> bool:
        """Does ``line`` (a plain line right below ``previous``) continue a hard-wrapped paragraph?"""
        if previous.kind != "para" or previous.eff != 0:
            return False
        return continues_paragraph(
            first=previous.raw,
            text=previous.text,
            above=previous.tail if previous.last else previous.raw.rstrip(),
            line=line,
            width=self.wrap_width,
        )

    def _paragraph_after_blank(self, index: int) -> bool:
        """The first non-blank line from ``index`` on is prose at column 0 (no bullet, no number)."""
        for line in self.lines[index:]:
            line = line.translate(_SPACES)
            if line.strip():
                return not line[:1].isspace() and not _BULLET.match(line) and len(line.split()) > 6
        return False

    def _blank_next(self, index: int) -> bool:
        return index >= len(self.lines) or not self.lines[index].translate(_SPACES).strip()

    def _heading_follows(self, index: int) -> bool:
        """A bare heading is followed by a blank line, a bullet, or the end of the file."""
        if index >= len(self.lines):
            return True
        nxt = self.lines[index].translate(_SPACES)
        return not nxt.strip() or bool(_BULLET.match(nxt)) or nxt[:1] in " \t"

    def _prose_follows(self, index: int, text: str) -> bool:
        if index >= len(self.lines):
            return False
        below = self.lines[index].translate(_SPACES)
        return title_above_paragraph(text, clean_text(below.strip()), bool(_BULLET.match(below)))

    def _heading(self, text: str, number: int, raw: str, level: int, was_blank: bool) -> _Token:
        text = _HEADING_PREFIX.sub("", text).strip() or text
        token = _Token("heading", number, raw, text, level=level, blank_before=was_blank)
        self.headed = True
        token.drop_section = bool(_AGENDA_HEADING.match(text))
        return token

    def _slide(
        self, out: list[_Token], slide: re.Match[str], raw: str, number: int, index: int, was_blank: bool
    ) -> int:
        """Turn one numbered slide (first line + indented continuation) into a heading and points."""
        first = clean_text(slide.group("text"), strip_bullets=False)
        parts: list[tuple[int, str, str]] = [(number, raw, first)]
        n = len(self.lines)
        while index < n:
            nxt = self.lines[index].translate(_SPACES)
            if not nxt.strip():
                index += 1
                continue
            if _indent_width(nxt[: len(nxt) - len(nxt.lstrip())]) < 4:
                break
            parts.append((index + 1, self.lines[index], clean_text(nxt, strip_bullets=False)))
            index += 1
        joined = ""
        starts: list[tuple[int, int, str]] = []  # (offset in joined, line number, raw)
        for line_no, line_raw, text in parts:
            if joined:
                joined += " "
            starts.append((len(joined), line_no, line_raw))
            joined += text
        title, points = split_slide(joined)
        title = clean_text(title).rstrip(" -–:")
        if not title or is_noise(title, self.extra_noise):
            return index
        heading = self._heading(title, number, raw, 0, was_blank)
        out.append(heading)
        for offset, depth, text in points:
            text = clean_text(text)
            if is_noise(text, self.extra_noise):
                continue
            line_no, line_raw = number, raw
            for start, no, r in starts:
                if start <= offset:
                    line_no, line_raw = no, r
            out.append(_Token("item", line_no, line_raw, text, eff=depth * 2))
        return index

    # -- pass 2: depth and path -----------------------------------------------------------------
    def outline(self, tokens: list[_Token]) -> list[NoteLine]:
        result: list[NoteLine] = []
        levels = [t.level for t in tokens if t.kind == "heading" and t.level]
        base = min(levels) if levels else 1
        label_flags = self._labels(tokens) if self.flat else [False] * len(tokens)
        stack: list[_Frame] = []
        skipping = False
        for index, token in enumerate(tokens):
            if token.kind == "heading":
                stack.clear()
                skipping = token.drop_section
                if skipping:
                    continue
                depth = max(token.level - base, 0) if token.level else 0
                result.append(NoteLine(token.number, depth, token.text, token.raw, is_heading=True))
                continue
            if skipping:
                continue
            if token.kind == "cell":
                stack.clear()
                path = (token.scope,) if token.scope else ()
                result.append(
                    NoteLine(
                        token.number,
                        len(path),
                        token.text,
                        token.raw,
                        path=path,
                        scope=token.scope,
                        sure=token.sure,
                        cell=True,
                    )
                )
                continue
            if token.kind == "para" and token.eff <= 0:
                stack.clear()
            eff = token.eff
            while stack and stack[-1].eff > eff:
                stack.pop()
            if self.flat:
                while stack and stack[-1].eff == eff:
                    top = stack[-1]
                    if not top.label or self._closes(top, token, label_flags[index]):
                        stack.pop()
                        continue
                    break
            else:
                while stack and stack[-1].eff >= eff:
                    stack.pop()
            depth = stack[-1].depth + 1 if stack else 0
            path = tuple(frame.text for frame in stack)
            scope = token.scope or (stack[-1].scope if stack else "")
            if stack and stack[-1].label:
                stack[-1].children += 1
                if stack[-1].first_lower is None:
                    stack[-1].first_lower = token.text[:1].islower()
            stack.append(_Frame(eff, depth, token.text, label_flags[index], scope=scope))
            result.append(
                NoteLine(token.number, depth, token.text, token.raw, path=path, last=token.last, scope=scope)
            )
        return result

    @staticmethod
    def _closes(label: _Frame, token: _Token, token_is_label: bool) -> bool:
        """Does ``token`` (same indentation as the open ``label``) end the label's group?"""
        if token_is_label:
            return True
        if label.children and token.blank_before:
            return True
        return bool(label.first_lower and token.text[:1].isupper())

    def _labels(self, tokens: list[_Token]) -> list[bool]:
        """Flat mode: which items are group labels whose children sit at the same indentation."""
        n = len(tokens)

        def same_next(i: int) -> bool:
            return (
                i + 1 < n
                and tokens[i].kind == "item"
                and tokens[i + 1].kind == "item"
                and tokens[i + 1].eff == tokens[i].eff
            )

        def candidate(i: int) -> bool:
            if not same_next(i):
                return False
            text = tokens[i].text
            if _label_text(text):
                return True
            # "• networking" + blank line + "• public networking": a short group title
            return tokens[i].blank_after and tokens[i].glyph and _short_title(text)

        cands = [candidate(i) for i in range(n)]
        return [cands[i] and not (i + 1 < n and cands[i + 1]) for i in range(n)]


@dataclass(slots=True)
class _Frame:
    eff: int
    depth: int
    text: str
    label: bool = False
    children: int = 0
    first_lower: bool | None = None
    scope: str = ""  # the innermost bold lead-in at or above this frame


def parse_notes(text: str) -> list[NoteLine]:
    """Parse a whole notes file into its kept lines, in source order.

    Headings have ``is_heading=True`` (Markdown headings get ``depth`` = level below the file's top
    heading level; bare-line headings depth 0). Every other line has the depth of its outline
    level under the current heading and ``path`` = the cleaned texts of its outline ancestors.
    Raises :class:`NoteParseError` for input that is not text.
    """
    if not isinstance(text, str):
        raise NoteParseError(f"parse_notes() takes text, not {type(text).__name__}; see ensure_text()")
    parser = _Parser(ensure_text(text))
    parser.survey()
    return parser.outline(parser.tokens())
