"""Definitions read from one line: a term of the line's scope and what the notes say it is.

* **term and gloss**: "Term: what it is", "Term = ...", "Term -> ...", "Term → ...", "Term – ..." and
  "Term — ..." (a dash between spaces). With ":" the term must start with a capital (a lower-case
  "label: value" line is usually a setting, not a term); the other separators define whatever stands
  before them. The term is a short noun phrase (at most four words, no verb, no number) and the gloss
  a plain description: no number, no URL, not a list, no bound or default (those are limits), no
  remark ("can ...", "only ...").
* **acronym expansions**: "SSML (Speech Synthesis Markup Language)", "Schema Conversion Tool (SCT)",
  "CDC = change data capture": the initials of the expansion's words spell the acronym.

The fact is ``concept | <scope subject> | <term> | <gloss>`` with the qualifier ``definition`` (what
the item templates read to ask "What does <term> mean in <subject>?"); the gloss is its first clause,
without a parenthesis ("change data capture: changes are read ..." -> "change data capture"). A term
that is itself a catalogue service ("Storage Gateway = hybrid access") defines that service:
``<service> | definition | <gloss>``. A line of an FAQ keeps its answer ("A: ASFF = ..."). A cell of a
table of entities (a row or column scope, :mod:`notes.tables`) defines nothing: its label is a measure
or aspect of the entity ("How you call it: batch job"); a two-column table may be a glossary.
"""

from __future__ import annotations

import re

from notes.facts.concepts import _COUNT_WORDS, _VERB_RE, _concept, plural_label
from notes.facts.context import _Ctx, _subject_in
from notes.facts.servicenames import services_named
from notes.outline import FactDraft
from notes.topics import find_topic_mentions

_I = re.IGNORECASE
DEFINITION = "definition"

_PREFIX_RE = re.compile(r"^(?:A\s*:\s*|\d{1,2}[.)]\s+|[a-z][.)]\s+)")
_DEFINITION_RE = re.compile(
    r"^(?P<term>[A-Za-z][\w@/.+'-]*(?:\s+[\w@/.+'-]+){0,3}?)\s*(?P<paren>\([^()]{2,60}\)\s*)?"
    r"(?P<sep>:|=|→|->|\s[–—]\s)\s*(?P<text>[^\s].*)$"
)
_NOT_TERMS = frozenset(
    [
        "ex",
        "example",
        "examples",
        "e.g",
        "eg",
        "i.e",
        "note",
        "notes",
        "tip",
        "tips",
        "use case",
        "use cases",
        "benefit",
        "benefits",
        "pricing",
        "price",
        "cost",
        "costs",
        "billing",
        "exam",
        "question",
        "answer",
        "q",
        "a",
        "important",
        "remember",
        "warning",
        "see",
        "source",
        "sources",
        "link",
        "links",
        "why",
        "how",
        "what",
        "when",
        "where",
        "who",
        "lab",
        "demo",
        "homework",
        "reading",
        "lecturer",
        "agenda",
        "summary",
        "recap",
        "free trial",
        "yes",
        "no",
    ]
)

# A "meaning" that states a bound or a default is a limit or a mode, not a definition.
_NOT_A_MEANING_RE = re.compile(
    r"\bdefault\b|\bmax(?:imum)?\b|\bmin(?:imum)?\b|\blimit|(?<!\bset\s)\bup\s+to\b|\bat\s+(?:most|least)\b|\bnever\b|"
    r"\bexpire|\bconsisten|\bonce\b|\border(?:ed|ing)?\b|a?synchronous",
    _I,
)
# A "meaning" that opens with a modal or a limiter is a remark about the term, not what it is.
_NOT_A_START_RE = re.compile(
    r"^(?:can|could|only|need|needs|must|should|will|may|is|are|not|no|also|see|e\.g|yes|"
    r"includes?|including|comes?\s+with|has|have|supports?|gets?)\b",
    _I,
)
# Where the gloss's first clause ends: a colon, a semicolon, a parenthesis, a dash between spaces, or a
# comma before an appositive or a second clause ("AWS Security Finding Format, the one JSON format ...").
_GLOSS_END_RE = re.compile(
    r"\s*(?::\s|;|\s[–—-]\s|,\s+(?=(?:the|a|an|with|so|but|e\.g|i\.e|for example)\b))",
    _I,
)
_STOP_WORDS = frozenset({"of", "and", "for", "the", "a", "an", "to", "in", "on", "with", "&"})


# "what: ...", "what it is: ...": the line defines the subject itself.
_WHAT_IT_IS = frozenset({"what", "what it is", "definition", "def", "in short", "in one line"})
# "carrier gateway → lets traffic in ...": a term and what it does (a verb in the third person).
_DOES_RE = re.compile(
    r"^(?:lets|routes|holds|keeps|stores|sends|receives|vends|limits|allows|blocks|checks|creates|"
    r"connects|joins|links|maps|runs|moves|copies|writes|reads|turns|gives|returns|tracks|records)\b",
    _I,
)


def _gloss(text: str) -> str:
    """The first clause of a definition's text, without a parenthesis or a trailing full stop."""
    text = re.sub(r"\s*\([^()]*\)", "", text.strip())
    gloss = _GLOSS_END_RE.split(text, maxsplit=1)[0]
    return gloss.strip().rstrip(".").strip()


def _term_text(term: str) -> str:
    """A term as an attribute: a capital only the bullet gave it is dropped ("Homogeneous migration"
    -> "homogeneous migration"); a name or an acronym keeps its case ("CDC", "Multi-AZ")."""
    words = term.split()
    if len(words) >= 2 and re.fullmatch(r"[A-Z][a-z]+", words[0]) and all(w.islower() for w in words[1:]):
        return " ".join([words[0].lower(), *words[1:]])
    return term


def _initials_spell(acronym: str, expansion: str) -> bool:
    """The initials of the expansion's words spell the acronym ("Speech Synthesis Markup Language" ->
    SSML); a plural acronym ("OUs") may end in "s", and a vendor word may open the expansion."""
    letters = acronym.rstrip("s") if acronym.endswith("s") and acronym[:-1].isupper() else acronym
    if not re.fullmatch(r"[A-Z][A-Z0-9]{1,6}", letters) or letters.isdigit():
        return False
    words = [w for w in re.split(r"[\s-]+", expansion) if w and w.lower() not in _STOP_WORDS]
    if len(words) < 2 or any(not w[:1].isalpha() for w in words):
        return False
    initials = "".join(w[0] for w in words).upper()
    return initials == letters.upper() or (
        initials[1:] == letters.upper() and words[0].lower() in {"aws", "amazon"}
    )


_EXPANSION_RE = re.compile(r"(?P<before>(?:[A-Za-z][\w-]*\s+){1,6}?)\((?P<inside>[^()]{2,60})\)")


def acronym_facts(ctx: _Ctx, text: str) -> list[FactDraft]:
    """ "SSML (Speech Synthesis Markup Language)" and "Schema Conversion Tool (SCT)" in any line."""
    facts: list[FactDraft] = []
    if "(" not in text:
        return facts
    for match in re.finditer(r"\b(?P<acr>[A-Z][A-Za-z0-9]{1,7})\s*\((?P<exp>[^()]{4,60})\)", text):
        acronym, expansion = match.group("acr"), match.group("exp").strip()
        if _initials_spell(acronym, expansion) and not _is_service(expansion):
            facts.append(_definition(ctx, acronym, expansion))
    for match in _EXPANSION_RE.finditer(text):
        inside = match.group("inside").strip()
        words = match.group("before").split()
        for size in range(2, min(len(words), 6) + 1):
            expansion = " ".join(words[-size:])
            if words[-size].lower() in _STOP_WORDS:
                continue
            if _initials_spell(inside, expansion):
                if not _is_service(expansion):
                    facts.append(_definition(ctx, inside, expansion))
                break
    return facts


def _is_service(text: str) -> bool:
    """The text is (mostly) a catalogue service name: its expansion is the service's own name."""
    return any(not m.concept and (m.end - m.start) * 2 >= len(text) for m in find_topic_mentions(text))


def _scope(ctx: _Ctx, term: str) -> str:
    """The line's scope subject without the term the context already appended ("DMS CDC" -> "DMS"); a
    term that opens with the subject took it from the line itself ("FSx File Gateway -> ..." under
    "Storage Gateway"): the parents or the heading scope it then."""
    subject = ctx.subject
    if subject.lower().endswith(" " + term.lower()):
        subject = subject[: -len(term) - 1].strip()
    if term.lower().startswith(subject.lower() + " "):
        for text in (*reversed(ctx.line.path), *ctx.named_by):
            found = _subject_in(text, extend=True)
            if found and not term.lower().startswith(found.lower()):
                return found
    return subject


def _definition(ctx: _Ctx, term: str, gloss: str) -> FactDraft:
    fact = _concept(ctx, _scope(ctx, term), _term_text(term), gloss)
    return fact.__class__(**{**_fields(fact), "qualifier": DEFINITION})


def _fields(fact: FactDraft) -> dict:
    return {name: getattr(fact, name) for name in fact.__dataclass_fields__}


def definition_facts(ctx: _Ctx) -> list[FactDraft]:
    """ "Term: what it is" as a definition of the term in the line's scope, and acronym expansions."""
    text = _PREFIX_RE.sub("", ctx.line.text.strip())
    facts = acronym_facts(ctx, text)
    match = _DEFINITION_RE.match(text)
    if not match or (ctx.line.cell and ctx.line.scope):
        return facts  # a cell of a table of entities: its label is a measure or aspect of the entity
    term, sep = match.group("term").strip(), match.group("sep").strip()
    raw = match.group("text").strip()
    paren = (match.group("paren") or "").strip()[1:-1].strip()
    words = term.split()
    if term.lower() in _WHAT_IT_IS and sep in (":", "="):
        meaning = _gloss(match.group("text"))
        if len(meaning.split()) >= 2 and not re.search(r"\d|https?://", meaning):
            return [*facts, _concept(ctx, ctx.subject, DEFINITION, meaning)]  # "what: a regional hub router"
        return facts
    does = sep in ("→", "->") and _DOES_RE.match(match.group("text").strip())
    if sep in (":", "→", "->") and not term[:1].isupper() and not does:
        return facts  # "label: value" and "this -> that" in lower case are settings and consequences
    if len(words) > 4 or term.lower() in _NOT_TERMS or _VERB_RE.search(term) or re.search(r"\d", term):
        return facts
    if term.lower() in _COUNT_WORDS or term.lower() in {"one", "zero", "none", "both", "all"}:
        return facts
    if re.search(r"\b(?:and|or|vs|versus)\b", term, _I):
        return facts  # two terms, or a comparison
    if paren and _initials_spell(term, paren):
        return facts  # "SCP (service control policy): ..." is read as the expansion
    meaning = _gloss(raw)
    if (
        len(meaning.split()) < (1 if sep == "=" else 2)
        or re.search(r"(?<![A-Za-z])\d[\d.,]*(?![A-Za-z\d])|https?://|<u>|www\.|->|→|\$", meaning, _I)
        or meaning.count(",") >= 2
        or "·" in meaning
    ):
        return facts
    if _NOT_A_START_RE.match(meaning) or raw.endswith("?") or _NOT_A_MEANING_RE.search(meaning):
        return facts
    if plural_label(term) and ("," in raw or " or " in raw or " and " in raw and sep == ":"):
        return facts  # "Budget types: a, b and c" is an enumeration
    named = services_named(term, require_all=True) or ()
    if len(named) > 1:
        return facts
    if named:
        return [*facts, _concept(ctx, named[0], DEFINITION, meaning)]
    if any(f.attribute == term for f in facts):
        return facts
    if len(meaning.split()) == 1 and meaning.islower():
        # "routing = transitive": a property of the subject, not what the term means
        return [*facts, _concept(ctx, _scope(ctx, term), _term_text(term), meaning)]
    return [*facts, _definition(ctx, term, meaning)]
