"""The shapes of a notes line the parser classifies lines by: bullet markers, heading forms
(Markdown, wiki "== ==", "[Name]", setext), slide numbers, questions and answers, lead-ins. Patterns
only; :mod:`notes.parser` applies them. Nothing here knows about services."""

from __future__ import annotations

import re

# indentation, bullet marker (glyph, dash/star/plus, "1." / "1)", the letter "o" used as a bullet)
_BULLET = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>[-*+•●▪▫■□◦∘○·‣⁃]|\d{1,3}[.)]|o)(?:[ \t]+|$)")
# a second marker after the first one: "- ∘ text", "- · text", " - o text", " - $\circ~$ text"
_SECOND_MARKER = re.compile(r"^(?P<marker>[•●▪▫■□◦∘○·‣⁃]|o|\$\s*\\circ\s*~?\s*\$|\\circ)(?:[ \t]+|$)")
_MD_HEADING = re.compile(r"^ {0,3}(?P<hashes>#{1,6})[ \t]+(?P<text>.*?)(?:[ \t]+#+)?[ \t]*$")
_SLIDE = re.compile(r"^ {1,3}(?P<num>\d{1,3})\.[ \t]+(?P<text>\S.*)$")
# "== Name ==" / "=== Name ===" (wiki-style headings): the count of "=" is the level.
_WIKI_HEADING = re.compile(r"^ {0,3}(?P<eqs>={2,6})[ \t]*(?P<text>[^=\s].*?)[ \t]*(?P=eqs)[ \t]*$")
# "[AWS Transit Gateway]" alone on a line: an INI-style section heading of a cheat sheet (a letter
# inside, so neither a checkbox "[x]" nor a footnote mark "[3]").
_BRACKET_HEADING = re.compile(r"^ {0,3}\[(?P<text>[^\[\]]*[^\W\d_][^\[\]]*)\][ \t]*$")
# A setext underline: the line above is a heading ("=" level 1, "-" level 2).
_SETEXT_UNDERLINE = re.compile(r"^ {0,3}(?:={3,}|-{3,})[ \t]*$")
# The page-furniture prefix of a heading: "Slide 4 - Title", "Slide 3: Title", "Page 2. Title".
# An outline's Roman numbering is a prefix too ("II. Zeta Vault", "IV) Quotas").
_HEADING_PREFIX = re.compile(
    r"^(?:(?:slide|page)\s+\d{1,3}\s*(?:[-–—:.]\s*|$)|(?-i:[IVX]{1,4})[.)]\s+(?=\S)|\d{1,2}\)\s+(?=\S))",
    re.IGNORECASE,
)
# "o text" at column 0: a bullet only where such lines form a run (two or more in a row).
_O_BULLET = re.compile(r"^o[ \t]+\S")
# A question and its answer ("Q: How long ...?" / "A: 90 days."): the answer is the question's child.
_QUESTION = re.compile(r"^(?:Q|Question)\s*[:.)]\s+(?=\S)", re.IGNORECASE)
_ANSWER = re.compile(r"^(?:A|Answer)\s*[:.)]\s+(?=\S)", re.IGNORECASE)
# "Yes:", "No." opening an answer: the rest of the line is what it says.
_ANSWER_PARTICLE = re.compile(r"^(?:yes|no|yep|nope|correct|right)\s*[,.:;!]\s*(?=\S)", re.IGNORECASE)
_GLYPH_RANK = {"◦": 1, "∘": 1, "○": 1, "o": 1, "▪": 2, "▫": 2, "■": 2, "□": 2, "\\circ": 1}
_BOLD_LINE = re.compile(r"^(\*\*|__)[^*_].*\1:?$")
# A bold lead-in: "**Batch transform**" alone, or before ":", "," or a dash ("**Real-time**, one
# document per call"). It names the part of the subject the line and its children are about.
_BOLD_LEAD = re.compile(r"^(\*\*|__)(?P<lead>[^*_\n]{1,60}?)\1\s*(?::|,|\s[-–—]\s|$)")
# "- memory store: recent data, fast queries. retention can be ...": a lowercase name before a colon
# and a description of more than one sentence names the part the item is about; so does one with a
# number in a later clause ("- magnetic store: cheap, for history, retention from 1 day up to 200 years").
_PLAIN_LEAD = re.compile(
    r"^(?P<lead>[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2}):\s+(?=[^.]+\.\s+\S|[^,\d]+,[^\d]*\d)"
)

# A number alone on a line after prose that breaks off mid-phrase ("a score from 0 to" / "100."):
# the wrapped end of that sentence, not a page number.
_NUMBER_TAIL = re.compile(r"^\d[\d,.]*\s*(?:%|[A-Za-z]{1,3})?[.;,)]?$")
_OPEN_END = re.compile(
    r"\b(?:to|from|of|is|are|was|were|and|or|than|at|by|about|under|over|be|up|with|for|in|between)$", re.I
)


def wrap_tail(previous: str, line: str) -> bool:
    """Whether ``line`` is only the number a wrapped sentence of ``previous`` breaks off before."""
    return bool(_NUMBER_TAIL.match(line) and _OPEN_END.search(previous.rstrip()))
