"""The general statement reader: invocation, consistency and concept facts of a section.

No rule here names a service, a subject or a phrase of any notes: each fact comes from a small
general vocabulary (:mod:`notes.facts.modes` for invocation models and behaviours,
:mod:`notes.facts.consistency` for consistency, replication, delivery and ordering,
:mod:`notes.facts.concepts` for enumerations, definitions and named lists) applied to the outline
(heading path, parent bullets, the line), and service names come from the catalogue data file.
:func:`notes.facts.reading.extract_facts` calls the three entry points below.
"""

from __future__ import annotations

from collections.abc import Sequence

from notes.facts.callmodes import call_mode_facts
from notes.facts.concepts import named_list_facts, target_list_facts
from notes.facts.consistency import consistency_facts
from notes.facts.context import _Ctx
from notes.facts.definitions import definition_facts
from notes.facts.enumerations import enumeration_facts, inline_enumeration
from notes.facts.frames import frame_facts
from notes.facts.intervals import interval_facts
from notes.facts.kinds import sibling_kind_facts
from notes.facts.modes import behaviour_facts, invoker_facts, retry_count_facts
from notes.facts.transfers import delivery_timing_facts, transfer_facts
from notes.outline import FactDraft, NoteLine

# Concept attributes whose values come from a closed vocabulary: two different values conflict.
_COMPARABLE_STATEMENT_ATTRIBUTES: frozenset[str] = frozenset()


def clause_facts(ctx: _Ctx, clause: str) -> list[FactDraft]:
    """Invocation behaviours, retry counts and consistency modes one clause states."""
    return [
        *behaviour_facts(ctx, clause),
        *retry_count_facts(ctx, clause),
        *consistency_facts(ctx, clause),
        *transfer_facts(ctx, clause),
        *delivery_timing_facts(ctx, clause),
        *frame_facts(ctx, clause),
        *interval_facts(ctx, clause),
    ]


def line_facts(ctx: _Ctx) -> list[FactDraft]:
    """Facts read from a whole line: who invokes the function how, named lists, enumerations and
    definitions (a line that is an enumeration is not also a definition)."""
    facts = [*invoker_facts(ctx), *call_mode_facts(ctx), *named_list_facts(ctx)]
    listed = inline_enumeration(ctx, ctx.line.text)
    facts += listed
    if not listed and not any(f.kind == "concept" for f in facts):
        facts += definition_facts(ctx)
    return facts


def section_facts(
    lines: Sequence[NoteLine], contexts: Sequence[_Ctx], heading: NoteLine | None
) -> list[FactDraft]:
    """Facts that need several lines: enumerations under a label, destinations and DLQ targets."""
    facts = enumeration_facts(lines, contexts, heading) + sibling_kind_facts(lines, contexts)
    for index in range(len(contexts)):
        facts += target_list_facts(lines, contexts, index)
    return facts
