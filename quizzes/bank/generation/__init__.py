"""Pure item generation: facts in, item drafts out. No database, no Django.

``types`` holds the plain data passed in and out, ``inputs`` builds it from plain rows (the app and
the bench share it), ``wording`` and ``phrasing`` turn subjects, qualifiers, attributes and values
into English (the qualifier is read only through ``wording.qualified``), ``truths`` indexes what the
whole bank holds true, ``distractors`` picks wrong-but-plausible choices, ``templates`` and
``invocations`` build the drafts, ``explaining`` writes explanations and card backs, and ``quality``
checks every draft against the rules a certification learner relies on (one key, no wrong choice
also true, no give-away, grammatical stems, every source line cited). :func:`generate_drafts` is the
entry point.
"""

from __future__ import annotations

from .quality import draft_problems
from .templates import generate_drafts
from .types import Choice, ConflictSide, FactIn, ItemDraft, SourceRef

__all__ = ["Choice", "ConflictSide", "FactIn", "ItemDraft", "SourceRef", "draft_problems", "generate_drafts"]
