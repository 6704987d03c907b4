"""Quality rules every generated item keeps; the generator drops drafts that break one and the tests
check the rules again on everything it keeps.

* a fact is usable only if it is not noise (empty, markup, URLs, a value that contradicts its own
  magnitude) and cites at least one source line;
* a question has exactly one key (single) or exactly ``choose`` keys (multiple, at least two),
  at least three choices and at most MAX_CHOICES (the limit the answer forms share), no two choices
  alike, and a stem that reads as an English question;
* a limit question offers no wrong choice equal to a value any source gives for the fact, in any unit;
* every item cites at least one source line and a question's explanation quotes it as file:line;
* an item built from a conflicted fact says so in its explanation (or, for a flashcard, its back).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

from notes.units import parse_quantity, to_base
from quizzes.study.limits import MAX_CHOICES

from .types import FactIn, ItemDraft
from .wording import normalise

NOISE = re.compile(
    r"https?://|<[a-z/]|\\[a-z]|\$|\{\{|\}\}|^(?:asd|todo|tbd|xxx|n/?a|none|null)$", re.IGNORECASE
)
QUESTION_START = re.compile(
    r"^(What|Which|How|Who|When|Where|Why|Can|Does|Do|Is|Are|In which|At what|For which)\b"
)
CLOZE = re.compile(r"\{\{c1::[^{}]+\}\}")
_QUANTITY = re.compile(r"^~?\s*([\d,]+(?:\.\d+)?)\s*(.*)$")
CONFLICT_MARK = "sources disagree"


def fact_problems(fact: FactIn) -> list[str]:
    problems = []
    for name in ("subject", "attribute", "value"):
        text = getattr(fact, name).strip()
        if len(text) < 1 or NOISE.search(text) or not re.search(r"[A-Za-z0-9]", text):
            problems.append(f"{name} looks like noise: {text!r}")
    if not fact.sources or any(not s.file or s.line < 1 for s in fact.sources):
        problems.append("no source line")
    if fact.kind == "limit" and fact.magnitude is not None:
        stated = choice_magnitude(f"{fact.value} {fact.unit}", fact.dimension)
        if stated is not None and not math.isclose(stated, fact.magnitude, rel_tol=1e-6, abs_tol=1e-9):
            problems.append(f"value {fact.value} {fact.unit} does not match magnitude {fact.magnitude}")
    return problems


def is_question_stem(stem: str) -> bool:
    """A stem is one or two sentences, the last one a question starting with a question word."""
    if not stem or stem != " ".join(stem.split()) or not stem.endswith("?") or stem.count("?") != 1:
        return False
    if stem.count("(") != stem.count(")") or "{" in stem or " ?" in stem or " ," in stem:
        return False
    words = stem.lower().split()
    if any(a == b and a.isalpha() for a, b in zip(words, words[1:], strict=False)):
        return False
    sentences = [s for s in re.split(r"(?<=[.!])\s+", stem) if s]
    if not all(s[0].isupper() for s in sentences):
        return False
    return bool(QUESTION_START.match(sentences[-1]))


def choice_magnitude(text: str, dimension: str) -> float | None:
    """The base magnitude a choice like "15 minutes" or "1,000" stands for, or None."""
    match = _QUANTITY.match(text.strip())
    if not match:
        return None
    number, unit = match.group(1), match.group(2).strip()
    if unit == "%":
        unit = "%"
    quantity = parse_quantity(number, unit)
    if quantity is None:
        return None
    try:
        magnitude, found = to_base(quantity)
    except ValueError:
        return None
    return magnitude if found == dimension or not dimension else None


def draft_problems(draft: ItemDraft, facts: Mapping[str, FactIn]) -> list[str]:
    problems: list[str] = []
    anchors = [facts.get(key) for key in draft.fact_keys]
    if not draft.fact_keys or any(f is None for f in anchors):
        return ["built from an unknown fact"]
    for fact in anchors:
        problems += fact_problems(fact)
    if not draft.sources or any(not s.file or s.line < 1 for s in draft.sources):
        problems.append("cites no source line")
    conflicted = any(f.conflict for f in anchors)
    if draft.is_question:
        problems += _question_problems(draft, anchors)
        if conflicted and CONFLICT_MARK not in draft.explanation.lower():
            problems.append("conflicted fact without the conflict in the explanation")
    else:
        if not draft.front.strip():
            problems.append("empty front")
        if draft.type == "cloze" and len(CLOZE.findall(draft.front)) != 1:
            problems.append("cloze card without exactly one deletion")
        if draft.type == "basic" and not draft.back.strip():
            problems.append("empty back")
        if conflicted and CONFLICT_MARK not in draft.back.lower():
            problems.append("conflicted fact without the conflict on the back")
    return problems


def _question_problems(draft: ItemDraft, anchors: list[FactIn]) -> list[str]:
    problems = []
    if not is_question_stem(draft.stem):
        problems.append(f"stem is not a question: {draft.stem!r}")
    keys = [c for c in draft.choices if c.correct]
    if len(draft.choices) < 3:
        problems.append("fewer than three choices")
    if len(draft.choices) > MAX_CHOICES:
        problems.append(f"more than {MAX_CHOICES} choices")
    if draft.type == "single" and (len(keys) != 1 or draft.choose != 1):
        problems.append(f"single answer with {len(keys)} keys")
    if draft.type == "multiple" and (draft.choose < 2 or len(keys) != draft.choose):
        problems.append(f"multiple response with {len(keys)} keys for choose {draft.choose}")
    if draft.type == "multiple" and len(draft.choices) - len(keys) < 2:
        problems.append("multiple response with fewer than two distractors")
    texts = [normalise(c.text) for c in draft.choices]
    if len(set(texts)) != len(texts) or any(not t for t in texts):
        problems.append("empty or duplicate choices")
    if not any(s.cite in draft.explanation for s in draft.sources):
        problems.append("explanation does not quote a source line")
    if draft.kind == "limit" and len(anchors) == 1:
        problems += _limit_choice_problems(draft, anchors[0])
    return problems


def _limit_choice_problems(draft: ItemDraft, fact: FactIn) -> list[str]:
    problems = []
    true_values = [fact.magnitude] if fact.magnitude is not None else []
    for side in fact.conflict:
        m = choice_magnitude(f"{side.value} {side.unit}", fact.dimension)
        if m is not None:
            true_values.append(m)
    seen: list[float] = []
    for choice in draft.choices:
        magnitude = choice_magnitude(choice.text, fact.dimension)
        if magnitude is None:
            problems.append(f"choice {choice.text!r} is not a {fact.dimension or 'plain'} quantity")
            continue
        if any(math.isclose(magnitude, s, rel_tol=1e-6) for s in seen):
            problems.append(f"choice {choice.text!r} equals another choice in another unit")
        seen.append(magnitude)
        is_true = any(math.isclose(magnitude, t, rel_tol=1e-6, abs_tol=1e-9) for t in true_values)
        if is_true != choice.correct:
            problems.append(
                f"choice {choice.text!r} is {'true' if is_true else 'false'} but marked otherwise"
            )
    return problems
