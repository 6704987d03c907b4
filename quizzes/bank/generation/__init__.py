"""Pure item generation: facts in, item drafts out. No database, no Django.

``types`` holds the plain data passed in and out, ``wording`` turns subjects, attributes and values
into English, ``distractors`` picks wrong-but-plausible choices, ``templates`` builds the drafts and
``quality`` checks every draft against the rules a certification learner relies on (one key, distinct
and wrong distractors, grammatical stems, cited sources). :func:`generate_drafts` is the entry point.
"""

from __future__ import annotations

from .quality import draft_problems
from .templates import generate_drafts
from .types import Choice, ConflictSide, FactIn, ItemDraft, SourceRef

__all__ = ["Choice", "ConflictSide", "FactIn", "ItemDraft", "SourceRef", "draft_problems", "generate_drafts"]
