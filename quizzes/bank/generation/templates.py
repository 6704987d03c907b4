"""Item templates: which items each fact (or group of facts) yields.

* limit: a flashcard, a cloze card and a single-answer question with numeric distractors;
* invocation: a scenario question per service ("A Lambda function is set up to handle events from
  Amazon S3. How is the function invoked?"), "Which TWO services ..." questions per invocation
  model, flashcards for the invocation behaviours;
* consistency: a flashcard and, where the value is a mode of a known vocabulary
  (``notes/data/modes.toml``: delivery guarantees, read consistency), a single-answer question;
* concept: a flashcard, "Which TWO of the following ..." questions for enumerations whose wrong
  members are the bank's own members of the same attribute for other subjects, and single-answer
  questions where sibling facts give enough wrong answers (the codes of one service, the definitions
  of one list's members); no item for an enumeration whose subject the notes never name;
* every kind: contrast flashcards for two subjects with different values of one attribute (SQS
  standard vs FIFO delivery); definitions only as members of one list.

Every draft passes :func:`quizzes.bank.generation.quality.draft_problems` or is dropped, and the first of
two questions with the same stem wins.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from .concepts import (
    definition_pair_front,
    definition_question,
    is_acronym_of,
    is_definition,
    same_parent,
    subject_named,
)
from .distractors import NumericChoice, categorical_distractors, limit_distractors, stable_rank
from .enumerations import enumeration_question
from .explaining import card_back, explanation, sources_of
from .invocations import (
    CALL_MODE_ATTRIBUTE,
    call_mode_items,
    invocation_group_items,
    invocation_model_items,
    models_by_subject,
    notes_traps,
    spells_own_value,
)
from .phrasing import answer_for, limit_question, limit_statement, question_for, subject_forms
from .quality import contradicted, draft_problems, fact_problems, shadowed
from .truths import Truths, attribute_key, subject_key, truths_of
from .types import Choice, FactIn, ItemDraft, one_case
from .vocabulary import is_model_attribute
from .wording import (
    attribute_phrase,
    is_plural,
    magnitude_text,
    normalise,
    sentence,
    singular,
    value_text,
    without_repeats,
)

_MODES_FILE = Path(__file__).resolve().parents[3] / "notes" / "data" / "modes.toml"


@functools.cache
def _modes() -> list[dict]:
    return tomllib.loads(_MODES_FILE.read_text(encoding="utf-8")).get("family", [])


def consistency_families() -> dict[str, tuple[tuple[str, str], ...]]:
    """Consistency vocabularies (``notes/data/modes.toml``): per attribute, (needle, wording) pairs."""
    return {
        family["attribute"]: tuple((needle, text) for needle, text in family["values"]) for family in _modes()
    }


def compatible_modes(family: str, key: str) -> set[str]:
    """The wordings of a family that can be true together with ``key`` (never wrong answers to it)."""
    for entry in _modes():
        if entry["attribute"] != family:
            continue
        texts = dict(entry["values"])
        found: set[str] = set()
        for group in entry.get("compatible", []):
            wordings = {texts[needle] for needle in group if needle in texts}
            if key in wordings:
                found |= wordings
        return found
    return set()


_LIST_SPLIT = re.compile(r"\s*,\s*|\s+and\s+")


def generate_drafts(facts: Sequence[FactIn]) -> list[ItemDraft]:
    """All item drafts for ``facts`` that pass every quality rule, in a stable order.

    Every item of one fact shares the fact's sibling group (``ItemDraft.sibling_group``: its first
    fact key), so a study queue can bury the rest once one is answered. A described fact that
    contradicts a limit of the bank (:func:`~quizzes.bank.generation.quality.contradicted`) yields
    nothing: the limit, with its qualifier, is the one the bank teaches; so does a limit with no
    qualifier beside a qualified one of the same subject and attribute
    (:func:`~quizzes.bank.generation.quality.shadowed`).
    """
    usable = [f for f in facts if not fact_problems(f)]
    stated = truths_of(usable)
    usable = [f for f in usable if not contradicted(f, stated) and not shadowed(f, stated)]
    usable.sort(key=lambda f: (f.topic, f.kind, f.subject.lower(), f.attribute.lower(), f.key))
    by_key = {f.key: f for f in usable}
    truths = truths_of(usable)
    traps = notes_traps(usable)
    models = models_by_subject(usable)
    subjects = frozenset(f.subject for f in usable)
    drafts: list[ItemDraft] = []
    for fact in usable:
        if fact.kind == "limit":
            drafts += limit_items(fact, usable, truths)
        elif fact.kind == "invocation" and is_model_attribute(fact.attribute):
            drafts += invocation_model_items(fact, traps=traps, models=models)
        elif fact.kind == "invocation" and fact.attribute == CALL_MODE_ATTRIBUTE:
            drafts += call_mode_items(
                fact, usable, truths, modes=consistency_families().get(CALL_MODE_ATTRIBUTE, ())
            )
        else:
            drafts += described_items(fact, usable, truths, subjects)
    drafts += invocation_group_items(usable)
    drafts += contrast_cards(usable, subjects)
    return keep_good(drafts, by_key, truths)


def keep_good(
    drafts: Sequence[ItemDraft], facts: dict[str, FactIn], truths: Truths | None = None
) -> list[ItemDraft]:
    truths = truths if truths is not None else truths_of(facts.values())
    kept: list[ItemDraft] = []
    prompts: set[tuple[bool, str]] = set()
    keys: set[str] = set()
    for draft in drafts:
        prompt = (draft.is_question, normalise(draft.stem if draft.is_question else draft.front))
        if draft.key in keys or prompt in prompts or draft_problems(draft, facts, truths):
            continue
        keys.add(draft.key)
        prompts.add(prompt)
        kept.append(draft)
    return kept


def conflicted_card(fact: FactIn, front: str, template: str, kind: str) -> ItemDraft:
    """The one item of an unresolved conflict: a flashcard that shows every side, keys none."""
    values = [value_text(side.value, side.unit) if kind == "limit" else side.value for side in fact.conflict]
    return ItemDraft(
        template=template,
        topic=fact.topic,
        kind=kind,
        type="basic",
        fact_keys=(fact.key,),
        sources=sources_of(fact),
        front=front,
        back=card_back(f"The notes give {' or '.join(values)}", fact),
        teaches=fact.value,
    )


# -- limits ----------------------------------------------------------------------------------------


def limit_value_text(fact: FactIn) -> str:
    return value_text(fact.value, fact.unit)


def limit_answer(fact: FactIn) -> str:
    """The value with its seconds equivalent for minutes and hours: "15 minutes (900 seconds)"."""
    text = limit_value_text(fact)
    if (
        fact.dimension == "time"
        and fact.magnitude
        and fact.unit.lower() in {"min", "mins", "minutes", "h", "hours"}
    ):
        text += f" ({magnitude_text(fact.magnitude, 'time', 's')})"
    return text


def limit_items(fact: FactIn, pool: Sequence[FactIn], truths: Truths | None = None) -> list[ItemDraft]:
    common = {"topic": fact.topic, "kind": "limit", "fact_keys": (fact.key,), "sources": sources_of(fact)}
    value = limit_value_text(fact)
    question = limit_question(fact)
    if fact.conflict:
        return [conflicted_card(fact, question, "limit-basic", "limit")]
    drafts = [
        ItemDraft(
            template="limit-basic",
            type="basic",
            front=question,
            back=card_back(limit_answer(fact), fact),
            teaches=value,
            **common,
        ),
        ItemDraft(
            template="limit-cloze",
            type="cloze",
            front=limit_statement(fact, "{{c1::" + value + "}}"),
            back=card_back(limit_answer(fact), fact),
            teaches=value,
            **common,
        ),
    ]
    wrong = limit_distractors(key=fact, pool=pool, truths=truths)
    if len(wrong) == 3:
        choices = sorted(
            [
                (fact.magnitude or 0.0, Choice(value, True, _why_right(fact))),
                *((w.magnitude, Choice(w.text, False, _why_wrong(w, fact))) for w in wrong),
            ],
            key=lambda pair: pair[0],
        )
        drafts.append(
            ItemDraft(
                template="limit-single",
                type="single",
                stem=question,
                choices=tuple(c for _, c in choices),
                explanation=explanation(limit_statement(fact, limit_answer(fact)), fact),
                teaches=value,
                **common,
            )
        )
    return drafts


def _why_right(fact: FactIn) -> str:
    said = sentence(limit_statement(fact, limit_answer(fact)))
    cites = ", ".join(ref.cite for ref in fact.sources)
    return f"{said.removesuffix('.')} ({cites})." if cites else said


def _why_wrong(choice: NumericChoice, key: FactIn) -> str:
    """A wrong value taken from another fact says what it is true of; a made-up one says the notes
    give another value."""
    if choice.source is not None:
        return f"{choice.text} belongs to another limit. {_why_right(choice.source)}"
    return f"The notes do not give {choice.text} here; they give {limit_answer(key)}."


# -- described facts (invocation behaviour, consistency, concepts) --------------------------------


def list_members(value: str) -> list[str]:
    return [m.strip() for m in _LIST_SPLIT.split(value) if m.strip()]


def is_enumeration(fact: FactIn) -> bool:
    """A list of members under a plural attribute ("endpoint types": "Edge-optimized, Regional")."""
    return (
        not is_definition(fact)
        and is_plural(attribute_phrase(fact.attribute))
        and len(list_members(fact.value)) >= 2
    )


def described_items(
    fact: FactIn,
    pool: Sequence[FactIn],
    truths: Truths | None = None,
    subjects: frozenset[str] | None = None,
) -> list[ItemDraft]:
    common = {"topic": fact.topic, "kind": fact.kind, "fact_keys": (fact.key,), "sources": sources_of(fact)}
    subjects = subjects if subjects is not None else frozenset(f.subject for f in pool)
    if fact.kind == "concept" and is_enumeration(fact) and not subject_named(fact):
        return []  # a catalogue title for a heading that names nothing a learner is asked about
    if is_definition(fact):
        question = definition_question(fact, subjects)
    else:
        question = question_for(fact.subject, fact.attribute)
    if fact.conflict:
        return [conflicted_card(fact, question, f"{fact.kind}-basic", fact.kind)]
    truths = truths if truths is not None else truths_of(pool)
    drafts = [
        ItemDraft(
            template=f"{fact.kind}-basic",
            type="basic",
            front=question,
            back=card_back(answer_for(fact.attribute, fact.value), fact),
            teaches=fact.value,
            **common,
        )
    ]
    families = consistency_families()
    family = attribute_key(fact)
    if is_enumeration(fact):
        drafts += enumeration_question(fact, list_members(fact.value), pool, truths)
    elif is_definition(fact) and is_acronym_of(fact.attribute, fact.value):
        pass  # other expansions are no plausible wrong answers: their initials give them away
    elif fact.kind == "consistency" and family in families:
        drafts += _consistency_question(fact, question, truths, family, pool)
    else:
        drafts += _sibling_question(fact, pool, question, truths, subjects)
    return drafts


def _member_key(member: str) -> str:
    return normalise(member)


def _singular_key(attribute: str) -> str:
    return " ".join(singular(w) for w in attribute.split())


def _canonical(family: str, value: str) -> str | None:
    lower = value.lower()
    for needle, text in consistency_families()[family]:
        if needle in lower:
            return text
    return None


def _consistency_question(
    fact: FactIn, question: str, truths: Truths, family: str, pool: Sequence[FactIn]
) -> list[ItemDraft]:
    """The family's other values as wrong answers (``notes/data/modes.toml``), none the bank gives
    this subject for the attribute under any qualifier."""
    key = _canonical(family, fact.value)
    if key is None:
        return []
    stated = {
        c for v in (fact.value, *fact.stated_values, *truths.values(fact)) if (c := _canonical(family, v))
    }
    # The notes' own values for other subjects first, then the rest of the vocabulary.
    in_bank = [
        c
        for f in pool
        if f.kind == "consistency" and attribute_key(f) == family and (c := _canonical(family, f.value))
    ]
    ordered = list(dict.fromkeys([*in_bank, *(text for _, text in consistency_families()[family])]))
    compatible = compatible_modes(family, key)
    wrong = [text for text in ordered if text not in stated and text != key and text not in compatible][:3]
    if len(wrong) < 2:
        return []
    choices = [Choice(key, True), *(Choice(w, False) for w in wrong)]
    choices.sort(key=lambda c: stable_rank(fact.key, c.text))
    return [
        ItemDraft(
            template="consistency-single",
            topic=fact.topic,
            kind=fact.kind,
            type="single",
            fact_keys=(fact.key,),
            sources=sources_of(fact),
            stem=question,
            choices=tuple(choices),
            explanation=explanation(
                f"For {subject_forms(fact.subject)['s']}, the notes give {key[0].lower() + key[1:]}", fact
            ),
            teaches=fact.value,
        )
    ]


_CODE = re.compile(r"\b(?=[0-9xX]{3}\b)[0-9][0-9xX]{2}\b")


def _family(fact: FactIn) -> tuple[str, str, str]:
    """(topic, attribute with any status-like code blanked, subject when a code was blanked): the
    meanings of one service's codes are one family, "HTTP 403 meaning" and "HTTP 429 meaning"."""
    attribute = _CODE.sub("#", fact.attribute)
    subject = fact.subject if attribute != fact.attribute else ""
    return (fact.topic, attribute, subject)


def _sibling_question(
    fact: FactIn,
    pool: Sequence[FactIn],
    question: str,
    truths: Truths,
    subjects: frozenset[str] = frozenset(),
) -> list[ItemDraft]:
    """A single-answer question whose wrong answers are the values of sibling facts (same topic and
    attribute family, other subjects or codes): "What does HTTP status 429 from API Gateway mean?".
    A definition's siblings are the definitions of the other members of its own list (one owner,
    one parent line): the meanings of two unrelated terms are no plausible wrong answers."""
    family = _family(fact)
    siblings = [
        f
        for f in pool
        if f.key != fact.key
        and f.kind == fact.kind
        and (_family(f) == family or (is_definition(fact) and is_definition(f)))
        and not f.conflict
        and (not is_definition(fact) or (is_definition(f) and same_parent(fact, f, subjects)))
    ]
    stated = {normalise(v) for v in (fact.value, *fact.stated_values)} | truths.values(fact)
    wrong = categorical_distractors(
        key_value=fact.value, candidates=[f.value for f in siblings], forbidden=stated, count=3, seed=fact.key
    )
    if len(wrong) < 2:
        return []
    choices = one_case([Choice(fact.value, True), *(Choice(w, False) for w in wrong)])
    choices.sort(key=lambda c: stable_rank(fact.key, c.text))
    used = [f for f in siblings if f.value in wrong]
    # Name each wrong answer by what it belongs to: the other subject, or the other attribute of this one.
    others = "; ".join(
        f"{without_repeats(f.subject) if normalise(f.subject) != normalise(fact.subject) else attribute_phrase(f.attribute)}: {f.value}"
        for f in used
    )
    return [
        ItemDraft(
            template=f"{fact.kind}-single",
            topic=fact.topic,
            kind=fact.kind,
            type="single",
            fact_keys=(fact.key,),
            sources=sources_of(fact),
            stem=question,
            choices=tuple(choices),
            explanation=explanation(
                f"Correct answer: {fact.value}. The other choices belong elsewhere ({others})",
                fact,
            ),
            teaches=fact.value,
        )
    ]


# -- contrast flashcards ---------------------------------------------------------------------------


def contrast_cards(facts: Sequence[FactIn], subjects: frozenset[str] | None = None) -> list[ItemDraft]:
    """ "SQS standard queue vs SQS FIFO queue: delivery guarantee?" for subjects that differ in one
    attribute of the same kind. Definitions are contrasted only as siblings of one list (two endpoint
    types of one service, under one parent): two unrelated terms are no contrast."""
    subjects = subjects if subjects is not None else frozenset(f.subject for f in facts)
    groups: dict[tuple[str, str, str], list[FactIn]] = defaultdict(list)
    for fact in facts:
        if fact.kind == "limit" or is_model_attribute(fact.attribute) or fact.conflict:
            continue
        if fact.kind != "concept" and spells_own_value(fact):
            continue  # "X asynchronous inference vs ...": the subject gives its own value away
        if fact.kind == "concept" and is_enumeration(fact) and not subject_named(fact):
            continue
        groups[(fact.kind, fact.topic, attribute_key(fact))].append(fact)
    drafts = []
    for (kind, topic, _), members in sorted(groups.items()):
        members = sorted(members, key=lambda f: f.subject.lower())
        pairs = [
            (a, b)
            for i, a in enumerate(members)
            for b in members[i + 1 :]
            if normalise(a.value) != normalise(b.value)
            and subject_key(a.subject) != subject_key(b.subject)
            and a.attribute == b.attribute
            and (not is_definition(a) or same_parent(a, b, subjects))
        ]
        used: set[str] = set()
        spread = []
        for a, b in pairs:  # each fact in at most one contrast card: one card per fact and day
            if a.key not in used and b.key not in used and len(spread) < 3:
                spread.append((a, b))
                used |= {a.key, b.key}
        for a, b in spread:
            if is_definition(a):
                front = definition_pair_front(a, b, subjects)
            else:
                front = f"{a.subject} vs {b.subject}: how do they differ in {attribute_phrase(a.attribute)}?"
            drafts.append(
                ItemDraft(
                    template=f"{kind}-contrast",
                    topic=topic,
                    kind=kind,
                    type="basic",
                    fact_keys=(a.key, b.key),
                    sources=sources_of(a, b),
                    front=front,
                    back=card_back(f"{a.subject}: {a.value}. {b.subject}: {b.value}", a, b),
                    teaches=f"{a.value} / {b.value}",
                )
            )
    return drafts
