"""Quality rules every generated item keeps; the generator drops drafts that break one and the tests
check the rules again on everything it keeps.

* a fact is usable only if it is not noise (empty, markup, URLs, a value that contradicts its own
  magnitude, a limit with no number such as "thousands per second", an attribute with no head noun
  such as "billed characters per asynchronous" or a leaked clause such as "yellow once usage", a
  "time" of no event or process such as "finding time", a delivery guarantee read from a frequency
  such as "runs at most once an hour") and cites at least one source line;
* a question has exactly one key (single) or exactly ``choose`` keys (multiple, at least two),
  at least three choices and at most MAX_CHOICES (the limit the answer forms share), no two choices
  alike, and a stem that reads as an English question;
* a limit question offers no wrong choice equal to a value any source gives for the fact, in any unit;
* every item cites at least one source line and a question's explanation quotes it as file:line;
* an item built from a conflicted fact says so in its explanation (or, for a flashcard, its back);
* no wrong choice is also true anywhere in the bank (:func:`also_true`: another qualifier's value of
  the same subject and attribute, a covering code's meaning, another model of the same service);
* no question gives its answer away (:func:`give_away`: a name the key spells out is in the stem and
  in no wrong choice), and no stem repeats the subject's noun in its attribute.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

from notes.units import parse_quantity, to_base
from quizzes.study.limits import MAX_CHOICES

from .phrasing import names_a_length
from .truths import Truths, truths_of
from .types import FactIn, ItemDraft
from .vocabulary import choice_model, invocation_model, is_model_attribute
from .wording import normalise, qualified, singular

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
    if not is_subject_name(fact.subject):
        problems.append(f"subject is a heading, not a name: {fact.subject!r}")
    problems += range_problems(fact)
    if headless(fact.attribute):
        problems.append(f"attribute has no head noun: {fact.attribute!r} (kept as a note, never taught)")
    elif fact.kind == "limit" and not names_a_length(fact.attribute):
        problems.append(f"'time' of no event or process: {fact.attribute!r} (kept as a note, never taught)")
    if fact.kind == "consistency" and any(_FREQUENCY.search(s.text) for s in fact.sources):
        problems.append("'once' of a frequency ('at most once an hour'), not a delivery guarantee")
    if fact.kind == "limit" and not re.search(r"\d", fact.value):
        problems.append(f"vague value: {fact.value!r} (a limit is taught only with a number)")
    if fact.kind == "limit" and fact.magnitude is not None:
        stated = choice_magnitude(f"{fact.value} {fact.unit}", fact.dimension)
        if stated is not None and not math.isclose(stated, fact.magnitude, rel_tol=1e-6, abs_tol=1e-9):
            problems.append(f"value {fact.value} {fact.unit} does not match magnitude {fact.magnitude}")
    return problems


# Words that cannot end a noun phrase: a preposition or conjunction left dangling ("size per"), and the
# invocation-mode adjectives of the general vocabulary ("billed characters per asynchronous" lost its
# "request"). An attribute that ends in one has no head noun, so no stem built on it is grammatical.
_NO_HEAD = frozenset(
    {
        "per",
        "of",
        "for",
        "to",
        "in",
        "on",
        "at",
        "by",
        "with",
        "without",
        "after",
        "before",
        "once",
        "than",
        "and",
        "or",
        "asynchronous",
        "synchronous",
        "async",
        "sync",
    }
)


# Words that never stand inside a noun phrase: a clause leaked into the attribute ("yellow once usage").
_CLAUSE_WORDS = frozenset(
    {"once", "when", "if", "because", "while", "until", "unless", "whereas", "although"}
)


# "at most once an hour", "once per day", "once every 5 minutes": how often, never how many deliveries.
_FREQUENCY = re.compile(
    r"\bonce\s+(?:an?|per|every|each)\s+(?:\d+\s+)?(?:second|minute|hour|day|week|month|year)s?\b",
    re.IGNORECASE,
)


def headless(attribute: str) -> bool:
    """ "maximum billed characters per asynchronous": the attribute ends in a word no noun phrase ends
    in (a dangling preposition, an adjective with its noun lost), or holds a word no noun phrase holds
    (a conjunction or "once": "yellow once usage")."""
    words = attribute.lower().split()
    bare = re.findall(r"[a-z]+", words[-1]) if words else []
    return bool(bare) and bare[-1] in _NO_HEAD or any(w in _CLAUSE_WORDS for w in words)


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


def draft_problems(draft: ItemDraft, facts: Mapping[str, FactIn], truths: Truths | None = None) -> list[str]:
    """Every rule ``draft`` breaks; ``facts`` is the whole bank (by key), ``truths`` its index."""
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
        truths = truths if truths is not None else truths_of(facts.values())
        problems += [f"wrong choice {text!r} is also true" for text in also_true(draft, facts, truths)]
        if give_away(draft):
            problems.append(f"the stem gives the answer away: {give_away(draft)!r}")
        if repeats_a_noun(draft.stem):
            problems.append(f"the stem repeats a noun: {draft.stem!r}")
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


# -- also true, give-aways, repeated nouns ---------------------------------------------------------


def also_true(draft: ItemDraft, facts: Mapping[str, FactIn], truths: Truths) -> list[str]:
    """The wrong choices of a question that some fact of the bank makes true."""
    anchors = [facts[k] for k in draft.fact_keys if k in facts]
    if not draft.is_question or not anchors:
        return []
    wrong = [c.text for c in draft.choices if not c.correct]
    key = anchors[0]
    if is_model_attribute(key.attribute):
        return [t for t in wrong if _true_service_or_model(t, draft, key, truths)]
    if len(anchors) > 1:
        return []
    found = []
    for text in wrong:
        if key.kind == "limit" and key.dimension:
            magnitude = choice_magnitude(text, key.dimension)
            if magnitude is not None and truths.true_quantity(key, magnitude):
                found.append(text)
        elif _members(text) & _true_members(truths, key):
            found.append(text)
    return found


def _members(text: str) -> set[str]:
    return {normalise(text)} | {normalise(m) for m in re.split(r"\s*,\s*|\s+and\s+", text) if m.strip()}


def _true_members(truths: Truths, fact: FactIn) -> set[str]:
    return {m for value in truths.values(fact) for m in _members(value)}


def _true_service_or_model(text: str, draft: ItemDraft, key: FactIn, truths: Truths) -> bool:
    model = choice_model(text)
    if model is not None:  # a scenario: the choice is a model; is it one of this service's?
        true = truths.models_of(key.subject) | {invocation_model(key.value)} - {None}
        if "event source mapping" in true:
            true.add("synchronous")  # the mapping invokes the function synchronously
        return model in true
    asked = invocation_model(draft.teaches)  # "which services ...": the choice is a service
    if asked is None:
        return False
    true = truths.models_of(text)
    if asked == "synchronous" and "event source mapping" in true:
        return True
    return asked in true


_NAME = re.compile(r"[A-Za-z0-9]+(?:[-@.][A-Za-z0-9]+)*")
_NOT_NAMES = frozenset({"aws", "amazon", "the", "a", "an", "i"})


def name_tokens(text: str) -> set[str]:
    """Names and acronyms of a choice ("Read from SQS" -> {"sqs"}, "Upload trace data to X-Ray" ->
    {"xray"}): words with a capital letter after the first, all-capital words, or capitalised words
    past the first, compared without case or punctuation."""
    found = set()
    for index, word in enumerate(_NAME.findall(text)):
        inner_capital = any(c.isupper() for c in word[1:])
        acronym = len(word) > 1 and word.upper() == word and any(c.isalpha() for c in word)
        capitalised = index > 0 and word[:1].isupper()
        if inner_capital or acronym or capitalised or any(c.isdigit() for c in word):
            compact = re.sub(r"[^a-z0-9]", "", word.lower())
            if len(compact) >= 2 and compact not in _NOT_NAMES and not compact.isdigit():
                found.add(compact)
    return found


def give_away(draft: ItemDraft) -> str:
    """A name of a key that the stem spells out ("AWSLambdaSQSQueueExecutionRole" -> "Read from SQS")
    while no wrong choice has it, or the whole key in the stem; "" when the stem gives nothing away."""
    if not draft.is_question:
        return ""
    stem = draft.stem.rsplit(". ", 1)[-1] if draft.kind == "invocation" else draft.stem
    compact = re.sub(r"[^a-z0-9]", "", stem.lower())
    words = f" {normalise(stem).rstrip('?')} "
    wrong = [c.text for c in draft.choices if not c.correct]
    for key in (c.text for c in draft.choices if c.correct):
        if len(normalise(key)) > 3 and f" {normalise(key)} " in words:
            return key
        wrong_names = {t for w in wrong for t in name_tokens(w)}
        shared = {t for t in name_tokens(key) if t in compact and t not in wrong_names}
        if shared:
            return sorted(shared)[0]
    return ""


_STOP = frozenset({"the", "a", "an", "of", "for", "per", "what", "is", "are", "how", "does", "do"})


def repeats_a_noun(stem: str) -> bool:
    """ "the maximum item size of a DynamoDB item": the attribute repeats the subject's head noun."""
    question = re.split(r"(?<=[.!])\s+", stem)[-1].rstrip("?")
    if question.count(" of ") != 1:
        return False
    before, after = question.split(" of ")
    tail = after.split()
    if not tail:
        return False
    head = singular(tail[-1])
    return head not in _STOP and head in {singular(w) for w in before.split()[2:]}


# -- contradictions --------------------------------------------------------------------------------

_NUMBER_WORDS = {
    "one": 1.0,
    "single": 1.0,
    "two": 2.0,
    "three": 3.0,
    "four": 4.0,
    "five": 5.0,
    "six": 6.0,
    "seven": 7.0,
    "eight": 8.0,
    "nine": 9.0,
    "ten": 10.0,
}
_PER = re.compile(r"\bper\s+([a-z]+)", re.IGNORECASE)


def _stated_numbers(text: str) -> set[float]:
    numbers = {float(n.replace(",", "")) for n in re.findall(r"\b\d[\d,]*(?:\.\d+)?\b", text)}
    return numbers | {v for w, v in _NUMBER_WORDS.items() if re.search(rf"\b{w}\b", text, re.IGNORECASE)}


def _scope(text: str) -> str:
    match = _PER.search(text)
    return singular(match.group(1)) if match else ""


def contradicted(fact: FactIn, truths: Truths) -> bool:
    """A described fact ("one invocation per shard") that puts a number on a scope ("per shard") for
    which a limit of the same subject gives another number ("up to 10 batches per shard"): teaching
    both would contradict the bank, so only the limit (with its qualifier) is taught."""
    if fact.kind == "limit":
        return False
    numbers = _stated_numbers(fact.value)
    scope = _scope(fact.attribute) or _scope(fact.value)
    if not numbers or not scope:
        return False
    return any(
        other.magnitude is not None
        and _scope(other.attribute) == scope
        and not any(math.isclose(other.magnitude, n) for n in numbers)
        for other in truths.limits(fact.subject)
    )


def shadowed(fact: FactIn, truths: Truths) -> bool:
    """A limit with no qualifier ("execution time: 15 min") where the bank has a qualified limit of
    the same subject and attribute ("maximum execution time"): the same number is a duplicate, another
    one contradicts it or is scoped by words the reader did not keep ("express > 5 minutes" beside a
    1-year maximum). Only the qualified fact is taught."""
    if fact.kind != "limit" or qualified(fact)[0]:
        return False
    return any(
        other.key != fact.key and other.kind == "limit" and qualified(other)[0]
        for other in truths.same_attribute(fact)
    )


# -- subjects and ranges ---------------------------------------------------------------------------


def is_subject_name(subject: str) -> bool:
    """A subject names one thing: not a heading such as "Cheat sheet: logs, email" (a colon, a
    semicolon or a comma list) or "Containers and relational databases" (two things, the second in
    lower case; "Identity and Access Management" is one name)."""
    if re.search(r"[:;]|,\s", subject):
        return False
    return not re.search(r"\sand\s+[a-z]", subject)


_RANGE = re.compile(
    r"(?:between\s+)?(\d[\d,]*(?:\.\d+)?)\s*([A-Za-z%]*)\s*(?:-|\u2013|\bto\b|\bt0\b|\band\b|up to)\s*(\d[\d,]*(?:\.\d+)?)\s*([A-Za-z%]*)",
    re.IGNORECASE,
)


def _ends(text: str, dimension: str) -> list[tuple[float, float]]:
    """The (low, high) base magnitudes of every range of ``dimension`` a line states."""
    ends = []
    for match in _RANGE.finditer(text):
        low_unit = match.group(2) or match.group(4)
        high_unit = match.group(4) or match.group(2)
        low = choice_magnitude(f"{match.group(1)} {low_unit}", dimension)
        high = choice_magnitude(f"{match.group(3)} {high_unit}", dimension)
        if low is not None and high is not None and low < high:
            ends.append((low, high))
    return ends


def range_problems(fact: FactIn) -> list[str]:
    """A limit read from a line that states it as a range must be that range's end: the maximum its
    top, the minimum its bottom; a range end with no qualifier is ambiguous and not taught."""
    if fact.kind != "limit" or fact.magnitude is None or not fact.dimension or fact.dimension == "count":
        return []
    if re.search(r"\d\s*[-\u2013]\s*\d", fact.value):  # the value is the range itself ("1-2 ms")
        return []
    qualifier, _ = qualified(fact)
    for ref in fact.sources:
        for low, high in _ends(ref.text, fact.dimension):
            at_low = math.isclose(fact.magnitude, low, rel_tol=1e-6)
            at_high = math.isclose(fact.magnitude, high, rel_tol=1e-6)
            if not (at_low or at_high):
                continue
            if (qualifier == "maximum" and not at_high) or (qualifier == "minimum" and not at_low):
                return [f"{qualifier} {fact.value} {fact.unit} is the other end of a range in {ref.cite}"]
            if qualifier not in ("maximum", "minimum"):
                return [f"{fact.value} {fact.unit} is one end of a range in {ref.cite}, with no qualifier"]
    return []
