"""Invocation-model items: a scenario question and a flashcard per service, and a "Which TWO services
..." question per model. The scenario opening is one general sentence for every service (no story
per service: that would be a table of the corpus) and the function service is the one the fact's
attribute names (a one-service "Which of these ..." question would repeat that service's
scenario question: one question per fact).

Wrong models are the other models the bank teaches; the extra wrong ways are drawn from the notes'
own invocation vocabulary (:data:`~quizzes.bank.generation.vocabulary.MODEL_TRAPS`, offered only
when some invocation fact of the bank names the idea) and vary by service. A model the bank gives
the same service anywhere is never a wrong answer (a polled source is invoked synchronously by its
mapping, so "synchronously" is no wrong answer for it either).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from .distractors import stable_rank
from .explaining import card_back, explanation, sources_of
from .truths import Truths, subject_key
from .types import Choice, FactIn, ItemDraft
from .vocabulary import (
    DEFAULT_PREFIX,
    MODEL_CHOICES,
    MODEL_TRAPS,
    MODELS,
    function_service,
    invocation_model,
    is_model_attribute,
)
from .wording import normalise

MODEL_ADVERBS = {
    "synchronous": "invoke {f} synchronously",
    "asynchronous": "invoke {f} asynchronously",
    "event source mapping": "does {f} read from through an event source mapping",
}


def scenario_for(subject: str, function: str = "the function") -> str:
    """One opening for every service: it says which service feeds the function and nothing about how
    (a service-specific story would be a rule naming the corpus, and "calls" or "polls" would hint)."""
    target = f"a {function} function" if function != "the function" else "a function"
    return f"{target[0].upper()}{target[1:]} is set up to handle events from {subject}."


def model_lead(subject: str, function: str, model: str) -> str:
    """ "Amazon S3 invokes Lambda asynchronously", "Lambda reads from Amazon SQS through an event source mapping"."""
    if model == "event source mapping":
        return f"{function} reads from {subject} through an event source mapping and invokes the function with batches"
    return f"{subject} invokes {function} {model}ly"


def notes_traps(facts: Sequence[FactIn]) -> list[str]:
    """The wrong ways to reach a function that the notes themselves teach (see MODEL_TRAPS)."""
    words = " ".join(
        f"{f.attribute} {f.value} {f.text}".lower() for f in facts if f.kind == "invocation"
    ).replace("-", " ")
    return [
        text for needles, text in MODEL_TRAPS if any(needle.replace("-", " ") in words for needle in needles)
    ]


def models_by_subject(facts: Sequence[FactIn]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for fact in facts:
        if is_model_attribute(fact.attribute) and (model := invocation_model(fact.value)) is not None:
            found[subject_key(fact.subject)].add(model)
        elif fact.attribute == SOURCE_MODEL_ATTRIBUTE and "poll" in fact.value.lower():
            # It polls its source and hands batches on: "through an event source mapping" is no wrong
            # answer for it.
            found[subject_key(fact.subject)].add(MODELS[2])
    return found


SOURCE_MODEL_ATTRIBUTE = "source invocation model"  # notes/facts/callmodes.py: "polls its source"


def invocation_model_items(
    fact: FactIn, *, traps: Sequence[str] = (), models: dict[str, set[str]] | None = None
) -> list[ItemDraft]:
    """A scenario question and a flashcard for one service's invocation model."""
    model = invocation_model(fact.value)
    if model is None or fact.conflict:
        return []
    common = {
        "topic": fact.topic,
        "kind": "invocation",
        "fact_keys": (fact.key,),
        "sources": sources_of(fact),
    }
    true = set((models or {}).get(subject_key(fact.subject), set())) | {model}
    if "event source mapping" in true:  # the mapping itself invokes synchronously: not a wrong answer
        true.add("synchronous")
    taught = {m for ms in (models or {}).values() for m in ms} | {model}
    wrong = [MODEL_CHOICES[m] for m in MODELS if m not in true and m in taught]
    wrong += sorted(traps, key=lambda t: stable_rank(fact.key, t))
    function = function_service(fact.attribute)
    by_default = " by default" if fact.attribute.startswith(DEFAULT_PREFIX) else ""
    lead = model_lead(fact.subject, function, model) + by_default
    drafts = []
    if len(wrong) >= 2:
        choices = [Choice(MODEL_CHOICES[model], True), *(Choice(w, False) for w in wrong[:3])]
        choices.sort(key=lambda c: stable_rank(fact.key, c.text))
        drafts.append(
            ItemDraft(
                template="invocation-scenario",
                type="single",
                stem=f"{scenario_for(fact.subject, function)} How is the function invoked{by_default}?",
                choices=tuple(choices),
                explanation=explanation(lead, fact),
                teaches=model,
                **common,
            )
        )
    drafts.append(
        ItemDraft(
            template="invocation-basic",
            type="basic",
            front=f"How does {fact.subject} invoke a {function} function{by_default}?"
            if model != MODELS[2]
            else f"How does {function} get events from {fact.subject}{by_default}?",
            back=card_back(lead, fact),
            teaches=model,
            **common,
        )
    )
    return drafts


def invocation_group_items(facts: Sequence[FactIn]) -> list[ItemDraft]:
    groups: dict[str, list[FactIn]] = defaultdict(list)
    for fact in facts:
        default = fact.attribute.startswith(DEFAULT_PREFIX)  # one of two models: no "Which TWO ..." key
        if (
            fact.kind == "invocation"
            and is_model_attribute(fact.attribute)
            and not fact.conflict
            and not default
        ):
            model = invocation_model(fact.value)
            if model is not None:
                groups[model].append(fact)
    models = models_by_subject(facts)
    drafts: list[ItemDraft] = []
    for model in MODELS:
        members = sorted(groups.get(model, []), key=lambda f: stable_rank(model, f.key))

        # Wrong services: none the bank gives this model anywhere; a service polled by a mapping is
        # invoked synchronously (by the mapping), so it is never a wrong "synchronous" service.
        def wrong_for(fact: FactIn, model: str = model) -> bool:
            true = models.get(subject_key(fact.subject), set())
            return model not in true and not (model == "synchronous" and "event source mapping" in true)

        # A service that appears under two models (e.g. "S3" and "S3 Batch Operations") is no trap.
        member_names = {normalise(f.subject) for f in members}
        others = [
            f
            for m in MODELS
            if m != model
            for f in groups.get(m, [])
            if wrong_for(f) and normalise(f.subject) not in member_names
        ]
        others.sort(key=lambda f: stable_rank(model, f.key))
        if len(members) >= 2 and len(others) >= 3:
            keys, wrong = members[:2], others[:3]
            drafts.append(_pick_services(model, "multiple", keys, wrong))
    return drafts


def _pick_services(model: str, type_: str, keys: list[FactIn], wrong: list[FactIn]) -> ItemDraft:
    function = function_service(keys[0].attribute)
    verb = MODEL_ADVERBS[model].format(f=function)
    if type_ == "multiple":
        stem = f"Which TWO services {verb}?"
    else:
        stem = f"Which of these services {'invokes' + verb[6:] if verb.startswith('invoke ') else verb}?"
    choices = [Choice(f.subject, True) for f in keys] + [Choice(f.subject, False) for f in wrong]
    choices.sort(key=lambda c: stable_rank(model + type_, c.text))
    names = " and ".join(f.subject for f in keys)
    lead = (
        f"{names} {'invoke' if len(keys) > 1 else 'invokes'} {function} {model}ly"
        if model != MODELS[2]
        else f"{function} reads from {names} through an event source mapping"
    )
    wrong_note = "; ".join(
        f"{f.subject} {'is polled through an event source mapping' if invocation_model(f.value) == MODELS[2] else 'invokes ' + function + ' ' + str(invocation_model(f.value)) + 'ly'}"
        for f in wrong
    )
    return ItemDraft(
        template=f"invocation-{type_}-{model.replace(' ', '-')}",
        topic=keys[0].topic,
        kind="invocation",
        type=type_,
        fact_keys=tuple(f.key for f in keys),
        sources=sources_of(*keys, *wrong),
        stem=stem,
        choices=tuple(choices),
        choose=len(keys),
        explanation=explanation(f"{lead}. The others: {wrong_note}", *keys, *wrong),
        teaches=model,
    )


# --- how an operation or option is called (notes.facts.callmodes) -----------------------------------

CALL_MODE_ATTRIBUTE = "invocation model"  # with no function service: an operation's own call mode


def _call_mode(value: str, modes: Sequence[tuple[str, str]]) -> tuple[str, str] | None:
    lower = value.lower()
    return next(((needle, text) for needle, text in modes if needle in lower), None)


def spells_own_value(fact: FactIn) -> bool:
    """The subject names the fact's own value ("Textract asynchronous operations" | asynchronous): any
    question about it gives the answer away."""
    words = fact.value.split()
    first = words[0] if len(words) in (1, 2) else ""  # a mode or a short value, not a described behaviour
    return len(first) >= 4 and bool(re.search(rf"(?<![a-z]){re.escape(first)}", fact.subject, re.IGNORECASE))


def call_mode_items(
    fact: FactIn, pool: Sequence[FactIn], truths: Truths, *, modes: Sequence[tuple[str, str]]
) -> list[ItemDraft]:
    """ "Which invocation model does Translate batch translation use?": the wrong models are the other
    call modes of the family, those the notes give other subjects first, never one the bank gives
    this subject. A subject that spells its own mode ("Textract asynchronous operations") is no
    question: it would give the answer away. ``modes``: the family's (needle, wording) pairs
    (``notes/data/modes.toml``)."""
    found = _call_mode(fact.value, modes)
    if found is None or fact.conflict:
        return []
    needle, key = found
    if spells_own_value(fact) or re.search(rf"(?<![a-z]){re.escape(needle)}", fact.subject, re.IGNORECASE):
        return []
    stated = {
        m[1] for v in (fact.value, *fact.stated_values, *truths.values(fact)) if (m := _call_mode(v, modes))
    }
    in_bank = [
        m[1]
        for f in pool
        if f.kind == "invocation" and f.attribute == CALL_MODE_ATTRIBUTE and (m := _call_mode(f.value, modes))
    ]
    ordered = list(dict.fromkeys([*in_bank, *(text for _, text in modes)]))
    wrong = [text for text in ordered if text not in stated and text != key][:3]
    common = {
        "topic": fact.topic,
        "kind": "invocation",
        "fact_keys": (fact.key,),
        "sources": sources_of(fact),
    }
    stem = f"Which invocation model does {fact.subject} use?"
    lead = f"{fact.subject} is called {key[0].lower()}{key[1:]}"
    drafts = [
        ItemDraft(
            template="call-mode-basic",
            type="basic",
            front=stem,
            back=card_back(key, fact),
            teaches=fact.value,
            **common,
        )
    ]
    if len(wrong) >= 2:
        choices = [Choice(key, True), *(Choice(w, False) for w in wrong)]
        choices.sort(key=lambda c: stable_rank(fact.key, c.text))
        drafts.append(
            ItemDraft(
                template="call-mode-single",
                type="single",
                stem=stem,
                choices=tuple(choices),
                explanation=explanation(lead, fact),
                teaches=fact.value,
                **common,
            )
        )
    return drafts
