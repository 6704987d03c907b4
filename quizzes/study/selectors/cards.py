"""Reads of the learner's card browser (/cards/): their own cards, searched by prompt text and filtered
by topic, item type, state and lapses, a page at a time; and one card's row after an action.

A learner only ever reads their own cards: every query is filtered on ``learner_id``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet

from notes.models import Topic
from quizzes.models import CardState
from quizzes.study.limits import LEECH_LAPSES

PER_PAGE = 25

# The state filter's values, in the order the form offers them.
STATES = (
    # A card the learner never reviewed exists only when an exam miss made it due: due, not new, as
    # /study/ shows it (the filter's value stays "new" for bookmarked URLs).
    ("new", "Not reviewed yet (made due by an exam)"),
    ("learning", "Learning"),
    ("review", "Review"),
    ("relearning", "Relearning"),
    ("suspended", "Suspended"),
    ("buried", "Buried"),
    ("flagged", "Flagged"),
    ("leech", "Leech"),
)
_FSRS_STATES = {"learning": 1, "review": 2, "relearning": 3}
_STATE_LABELS = {1: "Learning", 2: "Review", 3: "Relearning"}


@dataclass(frozen=True)
class CardFilters:
    query: str = ""
    topic_id: int | None = None
    item_type: str = ""
    state: str = ""
    min_lapses: int | None = None


@dataclass(frozen=True)
class CardRow:
    card: CardState
    state_label: str
    buried: bool
    leech: bool

    @property
    def pk(self) -> int:
        return self.card.pk


def _row(card: CardState, *, now: datetime) -> CardRow:
    label = "Due, not reviewed yet" if card.reps == 0 else _STATE_LABELS.get(card.state, "Learning")
    return CardRow(
        card=card,
        state_label=label,
        buried=card.buried_until is not None and card.buried_until > now,
        leech=card.lapses >= LEECH_LAPSES,
    )


def _cards(*, learner_id: int) -> QuerySet[CardState]:
    return CardState.objects.filter(learner_id=learner_id).select_related("item", "item__topic")


def _filtered(*, learner_id: int, filters: CardFilters, now: datetime) -> QuerySet[CardState]:
    cards = _cards(learner_id=learner_id)
    if filters.query:
        cards = cards.filter(Q(item__stem__icontains=filters.query) | Q(item__front__icontains=filters.query))
    if filters.topic_id is not None:
        cards = cards.filter(item__topic_id=filters.topic_id)
    if filters.item_type:
        cards = cards.filter(item__type=filters.item_type)
    if filters.min_lapses is not None:
        cards = cards.filter(lapses__gte=filters.min_lapses)
    state = filters.state
    if state == "new":
        cards = cards.filter(reps=0)
    elif state in _FSRS_STATES:
        cards = cards.filter(state=_FSRS_STATES[state], reps__gt=0)
    elif state == "suspended":
        cards = cards.filter(suspended=True)
    elif state == "buried":
        cards = cards.filter(buried_until__gt=now)
    elif state == "flagged":
        cards = cards.filter(flagged=True)
    elif state == "leech":
        cards = cards.filter(lapses__gte=LEECH_LAPSES)
    return cards.order_by("item__topic__order", "item__topic__title", "item_id")


def card_browser_page(
    *, learner_id: int, filters: CardFilters, page_number: int, now: datetime
) -> tuple[Page, list[CardRow]]:
    """One page of the learner's cards matching ``filters`` (a page past the end is the last one)."""
    paginator = Paginator(_filtered(learner_id=learner_id, filters=filters, now=now), PER_PAGE)
    page = paginator.get_page(page_number)
    return page, [_row(card, now=now) for card in page.object_list]


def card_browser_row(*, learner_id: int, card_id: int, now: datetime) -> CardRow:
    """One of the learner's cards (CardState.DoesNotExist when it is not theirs)."""
    return _row(_cards(learner_id=learner_id).get(pk=card_id), now=now)


def card_browser_topics(*, learner_id: int) -> list[tuple[int, str]]:
    """The topics the learner has cards in (the topic filter's choices)."""
    topics = Topic.objects.filter(items__card_states__learner_id=learner_id).distinct()
    return list(topics.order_by("order", "title").values_list("pk", "title"))
