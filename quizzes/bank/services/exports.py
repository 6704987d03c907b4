"""Course export in the documented, versioned JSON schema (docs/export-schema.md)."""

from __future__ import annotations

from django.db.models import Prefetch

from notes.models import Fact, FactStatement, Source, Topic
from quizzes.bank.services.item_export import items_export_json

EXPORT_VERSION = 1


def _fact_json(fact: Fact) -> dict[str, object]:
    conflict = getattr(fact, "conflict", None)
    return {
        "id": fact.key,
        "kind": fact.kind,
        "subject": fact.subject,
        "attribute": fact.attribute,
        "value": fact.value,
        "unit": fact.unit,
        "text": fact.text,
        "sources": [{"file": st.source.name, "line": st.line} for st in fact.statements.all()],
        "conflict": (
            {
                "resolved": conflict.resolved,
                "sides": [
                    {
                        "value": s["value"],
                        "unit": s["unit"],
                        "sources": [{"file": x["file"], "line": x["line"]} for x in s["sources"]],
                    }
                    for s in conflict.sides
                ],
            }
            if conflict is not None
            else None
        ),
    }


def course_export(*, include_items: bool = True) -> dict[str, object]:
    facts = (
        Fact.objects.active()
        .select_related("conflict")
        .prefetch_related(Prefetch("statements", queryset=FactStatement.objects.select_related("source")))
        .order_by("subject", "attribute", "key")
    )
    topics = (
        Topic.objects.filter(lines__isnull=False)
        .distinct()
        .prefetch_related(Prefetch("facts", queryset=facts))
    )
    data: dict[str, object] = {
        "version": EXPORT_VERSION,
        "sources": [{"name": s.name, "sha256": s.sha256} for s in Source.objects.order_by("name")],
        "topics": [
            {"slug": t.slug, "title": t.title, "facts": [_fact_json(f) for f in t.facts.all()]}
            for t in topics.order_by("order", "title")
        ],
        "flashcards": [],
        "questions": [],
    }
    if include_items:
        data["flashcards"], data["questions"] = items_export_json()
    return data
