"""Plain data of the generator: facts as it reads them and item drafts as it writes them."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace

from .wording import capitalise


@dataclass(frozen=True, slots=True)
class SourceRef:
    """One note line: file name, 1-based line number, its cleaned text and the outline above it
    (the heading and parent bullets that give the line its meaning, outermost first)."""

    file: str
    line: int
    text: str = ""
    context: tuple[str, ...] = ()

    @property
    def cite(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True, slots=True)
class ConflictSide:
    """One value the sources give for a conflicted fact, with the lines that give it."""

    value: str
    unit: str = ""
    sources: tuple[SourceRef, ...] = ()


@dataclass(frozen=True, slots=True)
class FactIn:
    """A fact as the generator sees it (a read-only copy of ``notes.Fact`` and its statements)."""

    key: str
    topic: str
    kind: str
    subject: str
    attribute: str
    value: str
    unit: str = ""
    magnitude: float | None = None
    dimension: str = ""
    text: str = ""
    sources: tuple[SourceRef, ...] = ()
    # Unresolved conflict: every value the sources give. Empty when the sources agree (or it is resolved).
    conflict: tuple[ConflictSide, ...] = ()
    previous_value: str = ""
    previous_unit: str = ""
    # Every value some source states for this fact (equal to ``value`` unless sources differ or list
    # different members of an enumeration): none of them may be offered as a wrong answer.
    stated_values: tuple[str, ...] = ()
    # What the number is: "maximum", "minimum", "default" or "typical"; "" when the reader does not
    # say (today the qualifier is still inside ``attribute``: read it through
    # :func:`quizzes.bank.generation.wording.qualified`, never from either field directly).
    qualifier: str = ""


@dataclass(frozen=True, slots=True)
class Choice:
    text: str
    correct: bool
    explanation: str = ""  # why this option is right or wrong (the exam report shows it per option)


@dataclass(frozen=True, slots=True)
class ItemDraft:
    """One item the generator wants to exist; ``key`` is its stable identity."""

    template: str
    topic: str
    kind: str
    type: str  # basic / cloze / single / multiple
    fact_keys: tuple[str, ...]  # the facts whose truth the item teaches (its identity)
    sources: tuple[SourceRef, ...]
    front: str = ""
    back: str = ""
    stem: str = ""
    choices: tuple[Choice, ...] = ()
    choose: int = 1
    explanation: str = ""
    teaches: str = ""  # the value a learner memorises, e.g. "900 seconds" (for change notices)
    key: str = field(default="")

    def __post_init__(self) -> None:
        if not self.key:
            object.__setattr__(self, "key", item_key(template=self.template, fact_keys=self.fact_keys))

    @property
    def is_question(self) -> bool:
        return self.type in ("single", "multiple")

    @property
    def sibling_group(self) -> str:
        return self.fact_keys[0][:64] if self.fact_keys else ""


def item_key(*, template: str, fact_keys: tuple[str, ...] | list[str]) -> str:
    """Stable identity of a generated item: hash of the template name and its facts' keys."""
    basis = template + "|" + "|".join(sorted(fact_keys))
    return hashlib.sha256(basis.encode()).hexdigest()[:40]


def one_case(choices: list[Choice]) -> list[Choice]:
    """Options that start alike: when some start with a capital and some do not ("Translate asks
    ...", "your own list ..."), every one starts with a capital, so the case gives nothing away."""
    starts = {c.text[:1].isupper() for c in choices if c.text[:1].isalpha()}
    if len(starts) < 2:
        return choices
    return [replace(c, text=capitalise(c.text)) for c in choices]
