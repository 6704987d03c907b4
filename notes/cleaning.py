"""Cleaning and noise detection of one line of notes, before any structure is known.

Owns mojibake repair (UTF-8 read as cp1252/cp1253), the cleaning of a line's content (HTML tags,
LaTeX arrows and bullets, Markdown inline markup, URLs, non-breaking spaces, lesson timings such
as "(3m)") and noise detection (page furniture, placeholders, number-only lines, agenda items,
table rows, broken LaTeX). Used by :mod:`notes.parser`; nothing here knows about outlines.
"""

from __future__ import annotations

import re

__all__ = [
    "clean_text",
    "is_noise",
    "repair_mojibake",
]


# --------------------------------------------------------------------------------------------
# Cleaning of one line's content
# --------------------------------------------------------------------------------------------


def _mojibake_tables() -> tuple[dict[str, int], str, str]:
    """Map characters of the cp1252/cp1253 upper half back to their byte value."""
    to_byte: dict[str, int] = {}
    for codec in ("cp1252", "cp1253"):
        for byte in range(0x80, 0x100):
            try:
                char = bytes([byte]).decode(codec)
            except UnicodeDecodeError:
                continue
            to_byte.setdefault(char, byte)
    lead = "".join(re.escape(c) for c, b in to_byte.items() if 0xC2 <= b <= 0xF4)
    cont = "".join(re.escape(c) for c, b in to_byte.items() if 0x80 <= b <= 0xBF)
    return to_byte, lead, cont


_MOJI_BYTE, _MOJI_LEAD, _MOJI_CONT = _mojibake_tables()
_MOJIBAKE = re.compile(f"[{_MOJI_LEAD}][{_MOJI_CONT}]{{1,3}}")


def _repair_match(match: re.Match[str]) -> str:
    chunk = match.group(0)
    lead = _MOJI_BYTE[chunk[0]]
    size = 2 if lead < 0xE0 else 3 if lead < 0xF0 else 4
    if len(chunk) < size:
        return chunk
    try:
        fixed = bytes(_MOJI_BYTE[c] for c in chunk[:size]).decode("utf-8")
    except UnicodeDecodeError:
        return chunk
    return fixed + chunk[size:]


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 text that was decoded as cp1252/cp1253 ("β€œ" -> "“"); other text is unchanged."""
    if text.isascii():
        return text
    return _MOJIBAKE.sub(_repair_match, text)


_SPACES = str.maketrans(
    {"\u00a0": " ", "\u202f": " ", "\u2007": " ", "\u3000": " ", "\ufeff": None, "\u200b": None}
)
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
# Link text holds no "[" and targets no "(": a line of 10,000 "[" or "](" stays linear, not quadratic.
_MD_IMAGE = re.compile(r"!\[([^\[\]\n]*)\]\([^()\s]*(?:\s+\"[^\"]*\")?\)")
_MD_LINK = re.compile(r"\[([^\[\]\n]+)\]\([^()\s]*(?:\s+\"[^\"]*\")?\)")
_URL = re.compile(r"(?:\s*(?:→|->|=>|:|-)\s*)?<?(?:https?://|www\.)[^\s<>]+>?", re.IGNORECASE)
_MATH_SPAN = re.compile(r"\$([^$\n]{0,300})\$")
_LATEX_CMD = re.compile(r"\\([A-Za-z]+|[%&_#{}$])")
_LATEX_HEAVY = re.compile(r"\\(?:underbrace|overbrace|substack|text|frac|begin|end|mathrm|mathbf|sum|int)\b")
_LATEX_SYMBOLS = {
    "rightarrow": "→",
    "longrightarrow": "→",
    "Rightarrow": "⇒",
    "Longrightarrow": "⇒",
    "implies": "⇒",
    "to": "→",
    "mapsto": "→",
    "leftarrow": "←",
    "longleftarrow": "←",
    "gets": "←",
    "leftrightarrow": "↔",
    "circ": "",
    "bullet": "",
    "cdot": "·",
    "times": "×",
    "le": "≤",
    "leq": "≤",
    "ge": "≥",
    "geq": "≥",
    "neq": "≠",
    "ne": "≠",
    "approx": "≈",
    "sim": "~",
    "infty": "∞",
    "pm": "±",
    "quad": " ",
    "qquad": " ",
    "%": "%",
    "&": "&",
    "_": "_",
    "#": "#",
    "$": "$",
    "{": "",
    "}": "",
}
# Text-style commands keep their argument: "\textbf{3}" -> "3", "\emph{hybrid}" -> "hybrid".
_LATEX_STYLE = re.compile(
    r"\\(?:textbf|textit|texttt|textsf|textrm|emph|underline|mathrm|mathbf|mathit)\{([^{}\n]*)\}"
)
# A layout command alone on a line ("\newpage", "\hline"): no content.
_LATEX_LAYOUT = re.compile(
    r"^\s*(?:\\(?:newpage|clearpage|pagebreak|newline|hline|medskip|bigskip|smallskip|noindent|maketitle|tableofcontents)\s*)+$"
)
# TeX's en dash between numbers or words: "1--10", "0 -- 185" (not a "--flag" option).
_TEX_DASH = re.compile(r"(?<=[\w\s])--(?=[\s\d])")
# A power of ten in a math span: "10^3", "10^{6}".
_POWER = re.compile(r"^\s*(\d{1,3})\s*\^\s*\{?(\d{1,2})\}?\s*$")
_MAX_POWER = 12
_BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_CODE = re.compile(r"`([^`\n]*)`")
_MD_ESCAPE = re.compile(r"\\([*_`#\[\]()>+\-.!|])")
_TIMING = re.compile(r"(?<!\s)\s*\(\d{1,3}\s?[mh]\)")  # (?<!\s): linear on long blank runs
_WS = re.compile(r"\s+")


def _latex_cmd(match: re.Match[str]) -> str:
    name = match.group(1)
    return _LATEX_SYMBOLS.get(name, match.group(0) if len(name) > 1 else name)


def _math_span(match: re.Match[str]) -> str:
    body = match.group(1)
    power = _POWER.match(body)
    if power and int(power.group(2)) <= _MAX_POWER:
        return f" {int(power.group(1)) ** int(power.group(2)):,} "
    tight = body.strip() == body and bool(body) and not match.string[match.end() : match.end() + 1].isalnum()
    if "\\" not in body and "~" not in body and body.strip() and not (tight and body[-1:].isdigit()):
        return match.group(0)  # "$5 and $10" is money, not math ("$9.0 - 10.0$" is math)
    # "~" is TeX's unbreakable space; "\sim" is a tilde ("~5 min": about five minutes)
    body = _LATEX_CMD.sub(_latex_cmd, body.replace("~", " ")).replace("{", "").replace("}", "").strip()
    return f" {body}" if body in {"~", "≈"} else f" {body} "  # "$\sim$5 min" -> "~5 min"


def clean_text(text: str, *, strip_bullets: bool = True) -> str:
    """Clean one line's content (bullet marker already removed); returns "" for nothing left."""
    text = repair_mojibake(text.translate(_SPACES))
    text = _HTML_TAG.sub("", text)
    if "](" in text:
        text = _MD_LINK.sub(r"\1", _MD_IMAGE.sub(r"\1", text))
    if "\\" in text:
        text = _LATEX_STYLE.sub(r"\1", text)
    if "$" in text:
        text = _MATH_SPAN.sub(_math_span, text)
    if "\\" in text:
        text = _LATEX_CMD.sub(_latex_cmd, text)
        text = _MD_ESCAPE.sub(r"\1", text)
    if "http" in text or "www." in text:
        text = _URL.sub("", text)
        text = text.rstrip(" →-–—:>|")
    if "*" in text or "_" in text:
        text = _BOLD.sub(r"\2", text)
    if "`" in text:
        text = _CODE.sub(r"\1", text)
    text = _TIMING.sub("", text)
    if "--" in text:
        text = _TEX_DASH.sub("–", text)
    text = _WS.sub(" ", text).strip()
    # leftovers of a removed marker or an emptied bracket: "• ", "()", "<>"
    text = text.replace("()", "").replace("<>", "")
    if strip_bullets:
        text = text.strip(" •·∘◦")
    return _WS.sub(" ", text).strip()


# --------------------------------------------------------------------------------------------
# Noise
# --------------------------------------------------------------------------------------------

_PLACEHOLDERS = frozenset(
    {
        "asd",
        "asdf",
        "asdasd",
        "asdfgh",
        "sdf",
        "qwe",
        "qwer",
        "qwerty",
        "xxx",
        "xx",
        "tbd",
        "todo",
        "lorem ipsum",
    }
)
_FURNITURE = frozenset(
    {
        "skip to content",
        "skip to main content",
        "tweet",
        "transcript",
        "share",
        "embed",
        "table of contents",
        "back to top",
        "sign in",
        "log in",
        "sign up",
    }
)
_MONTHS = "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec"
_NOISE_PATTERNS = re.compile(
    "|".join(
        [
            r"upgrade to pro\b",
            r"more decks by\b",
            r"other decks in\b",
            r"(?:github|gitlab)\s+repo(?:sitory)?\s*:",
            r"(?:source|slides|video)\s*:\s*$",
            rf"(?:published|posted|updated)?\s*(?:{_MONTHS})[a-z]*\.?\s+\d{{1,2}},?\s+\d{{4}}$",
            r"\d{4}-\d{2}-\d{2}$",
            # a page number, alone or behind a rule ("---------- page 2 of 2")
            r"(?:[-=_~*·.]{3,}\s*)?page\s+\d+\s*(?:of|/)\s*\d+\s*(?:[-=_~*·.]{3,})?$",
            r"(?:[-=_~*·.]{3,}\s*)?(?:slide|page)\s+\d{1,3}\s*(?:[-=_~*·.]{3,})?$",
            r"(?:\(c\)|©|copyright\b).*\ball rights reserved\b",
            r"click\s+to\s+add\b",  # a slide tool's placeholder ("Click to add speaker notes")
            # an email's header lines, greeting and sign-off (an instructor's recap sent by mail)
            r"(?:from|to|cc|bcc|reply-to)\s*:\s.*@\S+$",
            r"(?:subject|sent|date)\s*:\s",
            r"(?:hi|hello|hey|dear)\b[^.:;]{0,30},$",
            r"(?:cheers|thanks|many\s+thanks|best|regards|best\s+regards|kind\s+regards|see\s+you[\w ]{0,20})\s*[,!.]?$",
            r"(?:dr|prof|professor|mr|ms|mrs)\.?\s+[a-z][\w-]+$",  # a signature under the sign-off
            r"(?:slide|page)\s+\d{1,3}\s*[-–—:.]\s*\([^()]*\)$",  # a slide titled only by an aside
            r"was this (?:slide|page|article|answer) helpful\b",
            r"q\s*&\s*a\b.*\(\d+\s?[mh]\)$",  # lesson agenda item "Q&A about the previous lesson (3m)"
            r"q\s*&\s*a\s+about\b",
        ]
    ),
    re.IGNORECASE,
)
# Page furniture anywhere in a line: "3 days ago · 2 comments · 1,204 views", "Last edited by ...".
_FURNITURE_ANYWHERE = re.compile(
    r"\b\d+\s+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)\s+ago\b.*\b\d[\d,]*\s+(?:comments?|views?|likes?)\b"
    r"|^last\s+(?:edited|updated|modified)\s+by\b",
    re.IGNORECASE,
)
_AGENDA_HEADING = re.compile(r"^(?:q\s*&\s*a|questions?(?:\s+and\s+answers?)?|agenda|break|homework)\b", re.I)
_ONLY_NUMBER = re.compile(r"^[\d\s.,:/()-]*$")
_ALNUM = re.compile(r"[^\W_]")


def is_noise(text: str, extra: frozenset[str] = frozenset()) -> bool:
    """True for a cleaned line that carries no study content (furniture, placeholders, numbers)."""
    folded = text.casefold().strip()
    if not folded or not _ALNUM.search(folded):
        return True
    if folded in _PLACEHOLDERS or folded in _FURNITURE or folded in extra:
        return True
    if _ONLY_NUMBER.match(folded) or _FURNITURE_ANYWHERE.search(folded):
        return True
    return bool(_NOISE_PATTERNS.match(folded))


def _is_latex_junk(text: str) -> bool:
    return (
        bool(_LATEX_HEAVY.search(text))
        or len(_LATEX_CMD.findall(text)) >= 4
        or bool(_LATEX_LAYOUT.match(text))
    )


def _is_table_row(text: str) -> bool:
    return "\t" in text.strip() and sum(1 for cell in text.split("\t") if cell.strip()) >= 2
