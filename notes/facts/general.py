"""The general grammar: facts read from the shape of a line, for any subject, where the lexicons of
``limit_rules`` and ``statements`` (written for the services seen so far) say nothing.

It reads only shapes that state one thing plainly, so a lecture on a service no lexicon names still
gives facts, and a line it cannot read for sure gives none (a gap is better than a wrong key):

* a labelled quantity: ``Maximum file size: 47.9 TiB``, ``Visibility timeout: 0 to 12 hours``,
  ``Retention (default): 4 days``; the label becomes the attribute, a bound word in it (maximum,
  minimum, default) or around the value says which bound it is;
* a bounded count: ``Up to 25,000 connections per file system``, ``At least 2 subnets``: the noun
  phrase after the number becomes the attribute;
* a delivery, consistency or ordering mode named by a closed vocabulary (``at least once``,
  ``strongly consistent``, ``no ordering guarantee``), when the clause names exactly one mode, no
  other subject and no negation or contrast.

The subject is the line's scope subject (the section's topic for a service no lexicon knows).
"""

from __future__ import annotations

import re
from dataclasses import replace

from notes.facts.context import _Ctx, _subject_in
from notes.facts.limits import _limit
from notes.facts.quantities import _Qty
from notes.outline import FactDraft

_I = re.IGNORECASE

# --- labelled quantities and bounded counts ------------------------------------------------------

# Bound words opening a label or the text before a value, and the attribute prefix they give.
_BOUND_WORDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            r"^(?:max(?:imum)?\.?|upper\s+limit(?:\s+(?:on|of))?|up\s+to|at\s+most|no\s+more\s+than)\s+", _I
        ),
        "maximum",
    ),
    (re.compile(r"^(?:min(?:imum)?\.?|lower\s+limit(?:\s+(?:on|of))?|at\s+least)\s+", _I), "minimum"),
    (re.compile(r"^default\s+", _I), "default"),
)
_LABEL_RE = re.compile(r"^(?P<label>[A-Za-z][A-Za-z /&'-]*?)\s*(?:\((?P<note>[A-Za-z ]{1,20})\))?\s*[:=]\s*$")
_BOUNDED_COUNT_RE = re.compile(
    r"^(?P<bound>up\s+to|at\s+most|no\s+more\s+than|a\s+maximum\s+of|max(?:imum)?(?:\s+of)?|at\s+least|"
    r"a\s+minimum\s+of|min(?:imum)?(?:\s+of)?)\s*$",
    _I,
)
_MINIMUM_BOUND_RE = re.compile(r"^(?:at\s+least|a\s+minimum\s+of|min)", _I)
_NOUN_PHRASE_RE = re.compile(r"^(?:of\s+)?(?P<phrase>[A-Za-z][A-Za-z -]*?)\s*$", _I)
_DEFAULT_AFTER_RE = re.compile(r"^\s*(?:\(\s*default\s*\)|by\s+default)\s*$", _I)
_PER_RE = re.compile(r"^\s*(?P<per>(?:per|for\s+each|in\s+(?:a|one))\s+[A-Za-z][A-Za-z -]*?)\s*$", _I)
# Words that make a label a sentence, an aside or a heading rather than the name of a quantity.
_NOT_A_LABEL = frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "can",
        "cannot",
        "could",
        "will",
        "would",
        "should",
        "must",
        "may",
        "might",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "not",
        "no",
        "never",
        "example",
        "e.g",
        "eg",
        "i.e",
        "ie",
        "note",
        "notes",
        "tip",
        "tips",
        "exam",
        "question",
        "answer",
        "cost",
        "costs",
        "price",
        "pricing",
        "free",
        "tier",
        "limits",
        "limit",
        "quota",
        "quotas",
        "value",
        "values",
        "total",
        "you",
        "your",
        "we",
        "our",
        "it",
        "its",
        "this",
        "that",
    ]
)
_MAX_LABEL_WORDS = 6


def _quantity_name(text: str) -> list[str] | None:
    """The words of a label or noun phrase that names a quantity (a path or a name with slashes,
    "/tmp", "read/write", is one word); None when it is empty, too long, or reads as a sentence or an
    aside."""
    words = re.findall(r"/?[A-Za-z][A-Za-z'/-]*", text)
    if not words or len(words) > _MAX_LABEL_WORDS or any(w.lower() in _NOT_A_LABEL for w in words):
        return None
    return words


def _label_attribute(label: str, note: str | None, after: str) -> str | None:
    """The attribute a label names ("Max file size" -> "maximum file size"), None when the label is
    not the name of a quantity."""
    label = " ".join(label.split())
    prefix = ""
    for pattern, bound in _BOUND_WORDS:
        if pattern.search(label + " "):
            prefix, label = bound, pattern.sub("", label + " ").strip()
            break
    note = (note or "").strip().lower()
    if note in {"default", "max", "maximum", "min", "minimum"}:
        if prefix:
            return None  # two bounds ("Max timeout (default): 3 s"): which one is meant is unclear
        prefix = {"max": "maximum", "min": "minimum"}.get(note, note)
    elif note:
        return None  # "(per account)", "(soft)": a qualifier this grammar does not read
    if _DEFAULT_AFTER_RE.match(after):
        if prefix and prefix != "default":
            return None
        prefix = "default"
    words = _quantity_name(label)
    if words is None:
        return None
    name = " ".join(w if w.isupper() else w.lower() for w in words)
    return f"{prefix} {name}" if prefix else name


def _names_a_subject(ctx: _Ctx, text: str) -> bool:
    """The text names a subject (its own or another): then it is not the name of a quantity."""
    return _subject_in(text) is not None or ctx.subject.lower() in text.lower()


def general_limit_facts(ctx: _Ctx, qty: _Qty, sub: str) -> list[FactDraft]:
    """The limit a subclause states in one of the general shapes, or nothing."""
    before, after = sub[: qty.start], sub[qty.end :]
    labelled = _LABEL_RE.match(before)
    if labelled:
        per = _PER_RE.match(after)
        tail = "" if per or _DEFAULT_AFTER_RE.match(after) else after
        if tail.strip() or _names_a_subject(ctx, labelled.group("label")):
            return []
        attribute = _label_attribute(labelled.group("label"), labelled.group("note"), after)
        if attribute is None:
            return []
        if per:
            attribute += " " + " ".join(per.group("per").lower().split())
        return _bounded(ctx, qty, attribute, sub)
    bounded = _BOUNDED_COUNT_RE.match(before)
    if bounded and qty.dimension == "count" and not qty.is_range:
        noun = _NOUN_PHRASE_RE.match(after.strip())
        if noun is None or _names_a_subject(ctx, noun.group("phrase")):
            return []
        words = _quantity_name(noun.group("phrase"))
        if words is None:
            return []
        bound = "minimum" if _MINIMUM_BOUND_RE.match(bounded.group("bound")) else "maximum"
        return [
            _limit(ctx, ctx.subject, f"{bound} {' '.join(w.lower() for w in words)}", qty.high, qty.dimension)
        ]
    return []


def _as_written(fact: FactDraft, qty: _Qty, sub: str) -> FactDraft:
    """A value whole in no display unit ("47.9 TiB" came out as 52,666,606,970,470 B) is shown as the
    note writes it; its magnitude, which comparisons and conflicts use, is the same."""
    if len(fact.value.replace(".", "")) <= 6 or qty.is_range:
        return fact
    number = sub[qty.start : qty.end].removesuffix(qty.unit_text).strip().lstrip("~")
    return replace(fact, value=number, unit=qty.unit_text)


def _bounded(ctx: _Ctx, qty: _Qty, attribute: str, sub: str) -> list[FactDraft]:
    """A range is a minimum and a maximum (a trivial low end, 0 or one of a count, is left out); a
    single value is the attribute itself."""
    if not qty.is_range:
        return [_as_written(_limit(ctx, ctx.subject, attribute, qty.high, qty.dimension), qty, sub)]
    if attribute.startswith(("maximum ", "minimum ", "default ")):
        return []  # "Max timeout: 1 to 5 s": a bound that is a range is not a statement this reads
    assert qty.low is not None
    facts = [_limit(ctx, ctx.subject, f"maximum {attribute}", qty.high, qty.dimension)]
    if not (qty.low == 0 or (qty.dimension == "count" and qty.low == 1)):
        facts.insert(0, _limit(ctx, ctx.subject, f"minimum {attribute}", qty.low, qty.dimension))
    return facts


# --- delivery, consistency and ordering modes ----------------------------------------------------

# attribute -> (pattern, value); the values are the generator's families (quizzes CONSISTENCY_FAMILIES).
_MODE_PHRASES: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("delivery guarantee", re.compile(r"\bat[\s-]+least[\s-]+once\b", _I), "at-least-once"),
    ("delivery guarantee", re.compile(r"\bexactly[\s-]+once\b", _I), "exactly-once"),
    ("delivery guarantee", re.compile(r"\bat[\s-]+most[\s-]+once\b", _I), "at-most-once"),
    ("read consistency", re.compile(r"\bstrong(?:ly)?[\s-]+consisten(?:t|cy)\b", _I), "strongly consistent"),
    (
        "read consistency",
        re.compile(r"\beventual(?:ly)?[\s-]+consisten(?:t|cy)\b", _I),
        "eventually consistent",
    ),
    (
        "ordering",
        re.compile(
            r"\bno\s+ordering\s+guarantee|\bbest[\s-]+effort\s+order|\b(?:out\s+of|any)\s+order\b|"
            r"\border(?:ing)?\s+is\s+not\s+guaranteed",
            _I,
        ),
        "best-effort",
    ),
    (
        "ordering",
        re.compile(
            r"\b(?:strict(?:ly)?\s+)?(?:FIFO\s+)?order(?:ing)?\s+(?:is\s+)?(?:preserved|guaranteed)\b|"
            r"\bin\s+(?:the\s+)?(?:same\s+)?order\s+(?:they\s+were\s+)?(?:sent|written|received)\b|"
            r"\bFIFO\s+order(?:ing)?\b",
            _I,
        ),
        "ordered",
    ),
)
# The mode must be what the clause predicates of its subject, nothing more: a label ("Delivery:"),
# a short subject and a verb that states it ("Messages are delivered", "EFS provides"), or nothing,
# before it; a head noun ("delivery", "reads") and "by default", or nothing, after it. "Strongly
# consistent reads cost twice as much", "supports strongly consistent reads" (an option, not the
# mode) and "ordering within a message group" (a qualified mode) are left to the topic page.
_MODE_BEFORE_RE = re.compile(
    r"^\s*(?:[A-Za-z][A-Za-z -]{0,30}:\s*"
    r"|(?:[A-Za-z][\w-]*\s+){1,4}(?:is|are)\s+(?:always\s+)?(?:delivered\s+|processed\s+)?"
    r"|(?:[A-Za-z][\w-]*\s+){1,4}(?:provides|gives|guarantees|uses|delivers)\s+)?$",
    _I,
)
_MODE_AFTER_RE = re.compile(
    r"^\s*(?:delivery|reads?|consistency|ordering|order|processing|semantics|guarantee)?\s*"
    r"(?:\(\s*default\s*\)|by\s+default)?\s*$",
    _I,
)
_NEGATION_RE = re.compile(
    r"\b(?:not|no|never|cannot|without|unlike|versus|vs|instead|rather|except)\b|n't\b", _I
)


def general_mode_facts(ctx: _Ctx, clause: str) -> list[FactDraft]:
    """The one mode a clause states plainly of the line's subject, or nothing."""
    found = [(attribute, pattern.search(clause), value) for attribute, pattern, value in _MODE_PHRASES]
    found = [(attribute, match, value) for attribute, match, value in found if match]
    if len(found) != 1:
        return []  # none, or two modes in one clause ("at-least-once, not exactly-once"): unclear
    attribute, match, value = found[0]
    before, after = clause[: match.start()], clause[match.end() :]
    if not (_MODE_BEFORE_RE.match(before) and _MODE_AFTER_RE.match(after)):
        return []
    if _NEGATION_RE.search(before + " " + after):
        return []
    other = _subject_in(clause)
    if other is not None and other != ctx.subject:
        return []  # the clause is about something else ("fan-out to SQS gives at-least-once")
    return [
        FactDraft(
            kind="consistency",
            topic=ctx.topic,
            subject=ctx.subject,
            attribute=attribute,
            value=value,
            text=ctx.line.text,
            lines=(ctx.line.number,),
        )
    ]
