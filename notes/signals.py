"""What ``notes`` announces to the rest of the project without knowing who listens.

``notes`` never imports ``quizzes``: when facts change, or a topic is merged into another, it sends
one of these signals, and whatever is built on facts and topics (the ``quizzes`` app registers its
receivers in its ``AppConfig.ready``) brings itself up to date. Receivers run synchronously, in the
sender's transaction, and an exception a receiver raises reaches the sender as it would from a
direct call. Each receiver answers with a :class:`Dependents` so the sender can say what happened.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.dispatch import Signal

# Sent after facts changed (ingestion, a resolved conflict). Receivers rebuild what they derive from
# facts and return a ``Dependents`` (``count``: rows they created or updated).
facts_changed = Signal()

# Sent inside a topic merge's transaction, before the source topic is deleted, with ``source_id`` and
# ``target_id``. Receivers move their rows from the source to the target and return a ``Dependents``
# (``count``: rows moved).
topic_merging = Signal()


@dataclass(frozen=True)
class Dependents:
    """A receiver's answer: what it keeps (plural noun, "items"), how many rows it changed, and a
    one-line summary for the command line."""

    what: str
    count: int
    summary: str = ""


def facts_changed_send() -> list[Dependents]:
    """Tell the receivers that facts changed; their answers, in the order they were connected."""
    return [answer for _, answer in facts_changed.send(sender="notes")]


def topic_merging_send(*, source_id: int, target_id: int) -> list[Dependents]:
    """Tell the receivers that ``source_id`` is being merged into ``target_id``; their answers."""
    return [
        answer for _, answer in topic_merging.send(sender="notes", source_id=source_id, target_id=target_id)
    ]
