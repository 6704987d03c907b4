"""Enumeration questions: "Which TWO of the following are migration types of DMS?".

The keys are two members of the fact's list (never one the stem spells). The wrong members are
members of *sibling enumerations* of the bank: lists of the same attribute for other subjects of the
same topic ("deployment types" of FSx for Lustre beside FSx for Windows File Server). Another service's
list of that attribute is no sibling: its words may name the same thing ("Private" endpoints of one
service, "VPC" endpoints of another). Lists that only share a head noun are no siblings ("QoS levels" beside
"severity levels", "capacity modes" beside "volume modes"). A wrong member is never also true: not a member any source or
fact of the bank gives this subject for an overlapping attribute, and not a name that contains a
true member or is contained in one ("Full load" beside "Full load + CDC"). With fewer than two such
members there is no question, only the flashcard.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .distractors import stable_rank
from .explaining import explanation, sources_of
from .phrasing import subject_forms
from .quality import name_tokens
from .truths import Truths, attribute_key, subject_key
from .types import Choice, FactIn, ItemDraft, one_case
from .wording import attribute_phrase, normalise, singular

_LIST_SPLIT = re.compile(r"\s*,\s*")


def members_of(value: str) -> list[str]:
    return [m.strip() for m in _LIST_SPLIT.split(value) if m.strip()]


def _singular_key(attribute: str) -> str:
    return " ".join(singular(w) for w in attribute.split())


def _words(text: str) -> str:
    return " " + " ".join(re.findall(r"[a-z0-9]+", text.lower())) + " "


def _overlaps(candidate: str, true_members: set[str]) -> bool:
    """The candidate is a true member, or a name inside one or around one ("Full load" / "Full load + CDC")."""
    mine = _words(candidate)
    return any(mine in _words(t) or _words(t) in mine for t in true_members)


def _style(member: str) -> str:
    """How a member is written: "upper" (NEW), "lower" (cost) or "title" (Green): a wrong member written
    unlike the keys would give itself away."""
    letters = [c for c in member if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) > 1:
        return "upper"
    return "lower" if member[:1].islower() else "title"


def _styled(member: str, style: str) -> str:
    """A wrong member written as the keys are: "public" among "Edge-Optimized, Regional" reads "Public"."""
    if style == "title" and member[:1].islower():
        return member[:1].upper() + member[1:]
    if style == "lower" and _style(member) == "title" and not any(c.isupper() for c in member[1:]):
        return member[:1].lower() + member[1:]
    return member


def _true_members(fact: FactIn, truths: Truths) -> set[str]:
    values = [fact.value, *fact.stated_values, *truths.values(fact)]
    values += [f.value for f in truths.same_attribute(fact)]
    return {m for v in values for m in members_of(v)}


def sibling_members(fact: FactIn, pool: Sequence[FactIn], truths: Truths) -> list[tuple[str, FactIn]]:
    """Wrong members, best first: (member, the fact that lists it)."""
    mine = _singular_key(attribute_key(fact))
    true = _true_members(fact, truths)
    styles = [_style(m) for m in members_of(fact.value)]
    style = max(set(styles), key=styles.count) if styles else ""
    found: list[tuple[str, FactIn]] = []
    for other in pool:
        if (
            other.key == fact.key
            or other.kind != fact.kind
            or other.conflict
            or subject_key(other.subject) == subject_key(fact.subject)
            or other.topic != fact.topic
        ):
            continue
        if _singular_key(attribute_key(other)) == mine and len(members_of(other.value)) >= 2:
            found += [(m, other) for m in members_of(other.value)]
    picked: list[tuple[str, FactIn]] = []
    seen: set[str] = set()
    for member, other in sorted(found, key=lambda pair: stable_rank(fact.key, normalise(pair[0]))):
        key = normalise(member)
        if (
            not key
            or key in seen
            or _overlaps(member, true)
            or (_style(member) == "upper") != (style == "upper")
        ):
            continue
        seen.add(key)
        picked.append((_styled(member, style), other))
    return picked


def enumeration_question(
    fact: FactIn, members: list[str], pool: Sequence[FactIn], truths: Truths
) -> list[ItemDraft]:
    """ "Which TWO of the following are <attribute> of <subject>?" with sibling lists' members wrong."""
    wrong_pairs = sibling_members(fact, pool, truths)[:3]
    if len(wrong_pairs) < 2:
        return []
    wrong = [m for m, _ in wrong_pairs]
    attr = attribute_phrase(fact.attribute)
    subject = subject_forms(fact.subject)["s"]
    stem = f"Which TWO of the following are {attr} of {subject}?"
    # Keys whose names the stem spells ("AWS Lambda" for a Lambda invocation) would give themselves away.
    spelled = re.sub(r"[^a-z0-9]", "", stem.lower())
    unspelled = [m for m in members if not any(t in spelled for t in name_tokens(m))]
    if len(unspelled) < 2:
        return []
    keys = sorted(unspelled, key=lambda m: stable_rank(fact.key, m))[:2]
    choices = one_case([Choice(m, True) for m in keys] + [Choice(w, False) for w in wrong])
    choices.sort(key=lambda c: stable_rank(fact.key + "order", c.text))
    owners = "; ".join(
        f"{other.subject} ({attribute_phrase(other.attribute)}): {m}" for m, other in wrong_pairs
    )
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
                f"The {attr} of {subject} are {fact.value}; "
                f"{', '.join(wrong)} {'is' if len(wrong) == 1 else 'are'} not among them"
                f" (the notes give them elsewhere: {owners})",
                fact,
            ),
            teaches=fact.value,
        )
    ]
