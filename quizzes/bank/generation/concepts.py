"""Concept facts as a learner is asked about them: definitions and enumerations, worded from the
fact's own subject and the outline above its line, never from a table of the corpus.

* A definition is ``<owner> | <term> | <gloss>`` with the qualifier ``definition`` (the reader's
  shape), or, as older facts were stored, ``<owner> <term> | definition | <gloss>``: the owner is then
  the longest subject of another fact of the bank that starts it, the term the rest. An acronym whose
  gloss spells it is asked "What does CDC stand for in DMS?"; a short plural label right above the
  line ("Endpoint types") names what the term is: "What is the Edge-optimized endpoint type in API
  Gateway?"; otherwise: "What does Canary mean in API Gateway?". An acronym gets a flashcard only:
  other expansions are no plausible wrong answers (their initials give them away).
* An enumeration is only asked about when the notes name its subject: a catalogue title standing in
  for a heading that names no service ("Serverless Overview" for "Serverless patterns") is no
  subject a learner would be asked about.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .types import FactIn
from .wording import attribute_phrase, be, is_plural, singular, without_repeats

DEFINITION = "definition"
_LABEL_WORDS = 3
_TOKEN = re.compile(r"[a-z0-9]+")
_VENDOR_WORDS = frozenset({"aws", "amazon"})


def owner_and_term(subject: str, subjects: Iterable[str]) -> tuple[str, str]:
    """("API Gateway", "Edge-optimized") for "API Gateway Edge-optimized" when the bank has facts
    about "API Gateway"; ("", subject) when no other subject starts this one."""
    words = subject.split()
    best = ""
    for other in subjects:
        other_words = other.split()
        if (
            0 < len(other_words) < len(words)
            and [w.lower() for w in words[: len(other_words)]] == [w.lower() for w in other_words]
            and len(other_words) > len(best.split())
        ):
            best = " ".join(words[: len(other_words)])
    if not best:
        return "", subject
    return best, without_repeats(" ".join(words[len(best.split()) :]))  # a term a heading said twice


def parent_label(fact: FactIn) -> str:
    """The singular noun a short plural label right above the line gives ("Endpoint types" ->
    "endpoint type"), or "" when the parent is a sentence, a heading in capitals or not plural."""
    if not fact.sources or not fact.sources[0].context:
        return ""
    label = fact.sources[0].context[-1].strip().rstrip(":").strip()
    words = label.split()
    if not words or len(words) > _LABEL_WORDS or label.isupper() or re.search(r"[\d:;,()]", label):
        return ""
    if not is_plural(label) or not all(re.fullmatch(r"[A-Za-z][a-z/-]*", w) for w in words):
        return ""  # "Amazon SNS" is a name, not a label of a kind
    if any(w[:1].isupper() for w in words[1:]) and not all(w[:1].isupper() for w in words):
        return ""
    return " ".join([*(attribute_phrase(w) for w in words[:-1]), singular(words[-1])])


def is_definition(fact: FactIn) -> bool:
    return fact.attribute == DEFINITION or (fact.qualifier or "").lower() == DEFINITION


def defined_term(fact: FactIn, subjects: Iterable[str]) -> tuple[str, str]:
    """(owner, term) of a definition in either shape; ("", subject) for a thing defined on its own."""
    if fact.attribute == DEFINITION:
        return owner_and_term(fact.subject, subjects)
    return fact.subject, fact.attribute


def is_acronym_of(term: str, gloss: str) -> bool:
    """The gloss's initials spell the term ("CDC", "change data capture")."""
    letters = term[:-1] if term.endswith("s") and term[:-1].isupper() else term
    if not re.fullmatch(r"[A-Z][A-Z0-9]{1,6}", letters):
        return False
    words = [
        w for w in re.split(r"[\s-]+", gloss) if w and w.lower() not in {"of", "and", "for", "the", "a", "to"}
    ]
    initials = "".join(w[0] for w in words).upper()
    return initials == letters or (initials[1:] == letters and words[0].lower() in _VENDOR_WORDS)


def definition_question(fact: FactIn, subjects: Iterable[str]) -> str:
    owner, term = defined_term(fact, subjects)
    if not owner:
        return f"What {be(fact.subject)} {fact.subject}?"
    if is_acronym_of(term, fact.value):
        if term.endswith("s") and term[:-1].isupper():
            return f"What are {term} in {owner}?"  # "OUs": what they stand for, in the plural
        return f"What does {term} stand for in {owner}?"
    label = parent_label(fact)
    if fact.attribute != DEFINITION and label and set(label.split()) & {w.lower() for w in term.split()}:
        label = ""  # "the custom classification custom model": a repeated word
    if is_plural(term) and (fact.attribute == DEFINITION or (term.endswith("s") and term.islower())):
        return f"What are {term} in {owner}?"
    if label and singular(term.split()[-1]) != label.split()[-1]:
        return f"What is the {term} {label} in {owner}?"
    return f"What does {term} mean in {owner}?"


def definition_pair_front(a: FactIn, b: FactIn, subjects: Iterable[str]) -> str:
    """ "How does the Private endpoint type differ from the Regional endpoint type in API Gateway?"."""
    owner, term_a = defined_term(a, subjects)
    _, term_b = defined_term(b, subjects)
    label = parent_label(a)
    if label and not is_plural(term_a) and not is_plural(term_b):
        return f"How does the {term_a} {label} differ from the {term_b} {label} in {owner}?"
    return f"How do {term_a} and {term_b} differ in {owner}?"


def same_parent(a: FactIn, b: FactIn, subjects: Iterable[str]) -> bool:
    """Two definitions of one owner under one parent: siblings of one list (worth contrasting)."""
    if not a.sources or not b.sources:
        return False
    if a.attribute != DEFINITION and len(a.sources[0].context) < 2:
        return False  # lines right under a heading are no list: their terms are unrelated
    owner_a, _ = defined_term(a, subjects)
    owner_b, _ = defined_term(b, subjects)
    return (
        bool(owner_a) and owner_a.lower() == owner_b.lower() and a.sources[0].context == b.sources[0].context
    )


def _tokens(text: str) -> set[str]:
    return set(_TOKEN.findall(text.lower().replace("@", " ")))


def subject_named(fact: FactIn) -> bool:
    """The notes name the fact's subject: every word of it (but the vendor's) is in a source line or
    the outline above one."""
    wanted = _tokens(fact.subject) - _VENDOR_WORDS
    if not wanted:
        return False
    said: set[str] = set()
    for ref in fact.sources:
        said |= _tokens(ref.text)
        for part in ref.context:
            said |= _tokens(part)
    return wanted <= said or wanted <= {singular(w) for w in said} | said
