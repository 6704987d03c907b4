"""Item templates: which items each fact (or group of facts) yields.

* limit: a flashcard, a cloze card and a single-answer question with numeric distractors;
* invocation: a scenario question per service ("An S3 event notification triggers a Lambda
  function. How is the function invoked?"), "Which TWO services ..." and "Which service ..."
  questions per invocation model, flashcards for the invocation behaviours;
* consistency: a flashcard and, where the notes use a known vocabulary (delivery guarantees, read
  consistency, ordering), a single-answer question;
* concept: a flashcard, "Which TWO of the following ..." questions for enumerations, and
  single-answer questions where sibling facts give enough wrong answers (API Gateway status codes,
  managed policies);
* every kind: contrast flashcards for two subjects with different values of one attribute (SQS
  standard vs FIFO delivery).

Every draft passes :func:`quizzes.bank.generation.quality.draft_problems` or is dropped, and the first of
two questions with the same stem wins.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from .distractors import categorical_distractors, limit_distractors, stable_rank
from .explaining import card_back, explanation, sources_of
from .invocations import invocation_group_items, invocation_model_items, models_by_subject, notes_traps
from .phrasing import answer_for, limit_question, limit_statement, question_for, subject_forms
from .quality import contradicted, draft_problems, fact_problems, name_tokens
from .truths import Truths, truths_of
from .types import Choice, FactIn, ItemDraft
from .vocabulary import INVOCATION_MODEL
from .wording import attribute_phrase, magnitude_text, normalise, value_text

# Near misses for enumerations: wrong members a learner might pick (checked against every stated value).
ENUM_DISTRACTORS: dict[str, tuple[str, ...]] = {
    "state types": ("Loop", "Retry", "Catch", "Branch", "Sleep"),
    "endpoint types": ("Global", "Zonal", "Multi-Region", "Local"),
    "API types": ("SOAP", "GraphQL", "gRPC"),
    "runtimes": ("Java", "Go", "Ruby", "C#"),
    "trigger events": ("cache request", "cache response", "edge request"),
    "destinations": (
        "Amazon API Gateway",
        "Amazon DynamoDB",
        "AWS Step Functions",
        "Amazon Kinesis Data Firehose",
    ),
}
# Consistency vocabularies: canonical wording per family, recognised by keywords in the value.
CONSISTENCY_FAMILIES: dict[str, tuple[tuple[str, str], ...]] = {
    "delivery guarantee": (
        ("at-least", "At-least-once delivery"),
        ("exactly", "Exactly-once processing"),
        ("at-most", "At-most-once delivery"),
        ("best-effort", "Best-effort delivery with no guarantee"),
    ),
    "default read consistency": (
        ("eventual", "Eventually consistent reads"),
        ("strong", "Strongly consistent reads"),
        ("transaction", "Transactional reads"),
        ("read-after-write", "Read-after-write consistency"),
    ),
    "ordering": (
        ("ordered", "Strict order: items are delivered in the order they were written"),
        ("best-effort", "Best-effort ordering: items may arrive out of order"),
        ("priority", "Priority order: the most important items first"),
        ("random", "No ordering at all"),
    ),
}
_LIST_SPLIT = re.compile(r"\s*,\s*|\s+and\s+")


def generate_drafts(facts: Sequence[FactIn]) -> list[ItemDraft]:
    """All item drafts for ``facts`` that pass every quality rule, in a stable order.

    Every item of one fact shares the fact's sibling group (``ItemDraft.sibling_group``: its first
    fact key), so a study queue can bury the rest once one is answered. A described fact that
    contradicts a limit of the bank (:func:`~quizzes.bank.generation.quality.contradicted`) yields
    nothing: the limit, with its qualifier, is the one the bank teaches.
    """
    usable = [f for f in facts if not fact_problems(f)]
    stated = truths_of(usable)
    usable = [f for f in usable if not contradicted(f, stated)]
    usable.sort(key=lambda f: (f.topic, f.kind, f.subject.lower(), f.attribute.lower(), f.key))
    by_key = {f.key: f for f in usable}
    truths = truths_of(usable)
    traps = notes_traps(usable)
    models = models_by_subject(usable)
    drafts: list[ItemDraft] = []
    for fact in usable:
        if fact.kind == "limit":
            drafts += limit_items(fact, usable, truths)
        elif fact.kind == "invocation" and fact.attribute == INVOCATION_MODEL:
            drafts += invocation_model_items(fact, traps=traps, models=models)
        else:
            drafts += described_items(fact, usable, truths)
    drafts += invocation_group_items(usable)
    drafts += contrast_cards(usable)
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
                (fact.magnitude or 0.0, Choice(value, True)),
                *((w.magnitude, Choice(w.text, False)) for w in wrong),
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


# -- described facts (invocation behaviour, consistency, concepts) --------------------------------


def list_members(value: str) -> list[str]:
    return [m.strip() for m in _LIST_SPLIT.split(value) if m.strip()]


def described_items(fact: FactIn, pool: Sequence[FactIn], truths: Truths | None = None) -> list[ItemDraft]:
    common = {"topic": fact.topic, "kind": fact.kind, "fact_keys": (fact.key,), "sources": sources_of(fact)}
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
    members = list_members(fact.value)
    if fact.attribute in ENUM_DISTRACTORS and len(members) >= 2:
        drafts += _which_two(fact, members, truths)
    elif fact.kind == "consistency" and fact.attribute in CONSISTENCY_FAMILIES:
        drafts += _consistency_question(fact, question, truths)
    else:
        drafts += _sibling_question(fact, pool, question, truths)
    return drafts


def _which_two(fact: FactIn, members: list[str], truths: Truths) -> list[ItemDraft]:
    stated = {
        normalise(m) for v in (fact.value, *fact.stated_values, *truths.values(fact)) for m in list_members(v)
    }
    wrong = categorical_distractors(
        key_value=fact.value,
        candidates=ENUM_DISTRACTORS[fact.attribute],
        forbidden=stated,
        count=3,
        seed=fact.key,
    )
    if len(wrong) < 3:
        return []
    attr = attribute_phrase(fact.attribute)
    stem = f"Which TWO of the following are {attr} of {subject_forms(fact.subject)['s']}?"
    # Keys whose names the stem spells ("AWS Lambda" for a Lambda invocation) would give themselves away.
    spelled = re.sub(r"[^a-z0-9]", "", stem.lower())
    unspelled = [m for m in members if not any(t in spelled for t in name_tokens(m))]
    keys = sorted(unspelled if len(unspelled) >= 2 else members, key=lambda m: stable_rank(fact.key, m))[:2]
    choices = [Choice(m, True) for m in keys] + [Choice(w, False) for w in wrong]
    choices.sort(key=lambda c: stable_rank(fact.key + "order", c.text))
    return [
        ItemDraft(
            template=f"{fact.kind}-which-two",
            topic=fact.topic,
            kind=fact.kind,
            type="multiple",
            fact_keys=(fact.key,),
            sources=sources_of(fact),
            stem=stem,
            choices=tuple(choices),
            choose=2,
            explanation=explanation(
                f"The {attr} of {subject_forms(fact.subject)['s']} are {fact.value}; "
                f"{', '.join(wrong)} {'is' if len(wrong) == 1 else 'are'} not among them",
                fact,
            ),
            teaches=fact.value,
        )
    ]


def _canonical(family: str, value: str) -> str | None:
    lower = value.lower()
    for needle, text in CONSISTENCY_FAMILIES[family]:
        if needle in lower:
            return text
    return None


def _consistency_question(fact: FactIn, question: str, truths: Truths) -> list[ItemDraft]:
    family = fact.attribute
    key = _canonical(family, fact.value)
    if key is None:
        return []
    stated = {
        c for v in (fact.value, *fact.stated_values, *truths.values(fact)) if (c := _canonical(family, v))
    }
    wrong = [text for _, text in CONSISTENCY_FAMILIES[family] if text not in stated and text != key][:3]
    if len(wrong) < 3:
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


def _family(fact: FactIn) -> tuple[str, str, str]:
    attribute = re.sub(r"^HTTP \w+ meaning$", "HTTP meaning", fact.attribute)
    subject = fact.subject if attribute == "HTTP meaning" else ""
    return (fact.topic, attribute, subject)


def _sibling_question(fact: FactIn, pool: Sequence[FactIn], question: str, truths: Truths) -> list[ItemDraft]:
    """A single-answer question whose wrong answers are the values of sibling facts (same topic and
    attribute family, other subjects or codes): "What does HTTP status 429 from API Gateway mean?"."""
    family = _family(fact)
    siblings = [
        f
        for f in pool
        if f.key != fact.key and f.kind == fact.kind and _family(f) == family and not f.conflict
    ]
    stated = {normalise(v) for v in (fact.value, *fact.stated_values)} | truths.values(fact)
    wrong = categorical_distractors(
        key_value=fact.value, candidates=[f.value for f in siblings], forbidden=stated, count=3, seed=fact.key
    )
    if len(wrong) < 3:
        return []
    choices = [Choice(fact.value, True), *(Choice(w, False) for w in wrong)]
    choices.sort(key=lambda c: stable_rank(fact.key, c.text))
    used = [f for f in siblings if f.value in wrong]
    # Name each wrong answer by what it belongs to: the other subject, or the other attribute of this one.
    others = "; ".join(
        f"{f.subject if normalise(f.subject) != normalise(fact.subject) else attribute_phrase(f.attribute)}: {f.value}"
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


def contrast_cards(facts: Sequence[FactIn]) -> list[ItemDraft]:
    """ "SQS standard queue vs SQS FIFO queue: delivery guarantee?" for subjects that differ."""
    groups: dict[tuple[str, str, str], list[FactIn]] = defaultdict(list)
    for fact in facts:
        if fact.kind == "limit" or fact.attribute == INVOCATION_MODEL or fact.conflict:
            continue
        groups[(fact.kind, fact.topic, fact.attribute)].append(fact)
    drafts = []
    for (kind, topic, attribute), members in sorted(groups.items()):
        members = sorted(members, key=lambda f: f.subject.lower())
        pairs = [
            (a, b)
            for i, a in enumerate(members)
            for b in members[i + 1 :]
            if normalise(a.value) != normalise(b.value) and normalise(a.subject) != normalise(b.subject)
        ]
        used: set[str] = set()
        spread = []
        for a, b in pairs:  # each fact in at most one contrast card: one card per fact and day
            if a.key not in used and b.key not in used and len(spread) < 3:
                spread.append((a, b))
                used |= {a.key, b.key}
        for a, b in spread:
            drafts.append(
                ItemDraft(
                    template=f"{kind}-contrast",
                    topic=topic,
                    kind=kind,
                    type="basic",
                    fact_keys=(a.key, b.key),
                    sources=sources_of(a, b),
                    front=f"{a.subject} vs {b.subject}: how do they differ in {attribute_phrase(attribute)}?",
                    back=card_back(f"{a.subject}: {a.value}. {b.subject}: {b.value}", a, b),
                    teaches=f"{a.value} / {b.value}",
                )
            )
    return drafts
