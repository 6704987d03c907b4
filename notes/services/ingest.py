"""Ingestion: read a notes file, parse it, store its lines, topics, facts and conflicts.

Each file is ingested in its own transaction: a bad file leaves the database exactly as it was and
does not stop the good files of the same call. Re-ingesting an unchanged file (same SHA-256) changes
nothing. A changed file replaces its own lines and statements; facts keep their stable ``key`` and are
updated in place (their old value kept in ``previous_value``), and a fact no source states any more is
marked inactive instead of deleted, because items and learners' reviews hang off it.
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from notes.facts import extract_facts
from notes.models import Conflict, Fact, FactStatement, Source, SourceLine, Topic
from notes.outline import FactDraft
from notes.parser import parse_notes
from notes.topics import segment_topics, topic_aliases, topic_order

NOTE_SUFFIXES = (".txt", ".md", ".markdown")


class IngestError(ValueError):
    """A file that cannot be ingested; the message is one line meant for the instructor."""


@dataclass
class FileSummary:
    name: str
    ok: bool = True
    changed: bool = True
    error: str = ""
    topics: int = 0
    lines: int = 0
    facts: int = 0
    conflicts: int = 0
    changed_facts: list[int] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def fact_key(*, topic: str, subject: str, attribute: str) -> str:
    """Stable identity of a fact: the same (topic, subject, attribute) is the same fact in every source."""
    basis = "|".join(" ".join(part.lower().split()) for part in (topic, subject, attribute))
    return hashlib.sha256(basis.encode()).hexdigest()[:32]


def decode_note_bytes(*, name: str, data: bytes, max_bytes: int | None = None) -> str:
    """Validate raw bytes of a notes file and return its text, or raise IngestError."""
    limit = settings.NOTES_MAX_FILE_BYTES if max_bytes is None else max_bytes
    if Path(name).suffix.lower() not in NOTE_SUFFIXES:
        raise IngestError(f"{name}: unsupported file type (expected {', '.join(NOTE_SUFFIXES)})")
    if len(data) > limit:
        raise IngestError(f"{name}: file is {len(data):,} bytes, over the {limit:,}-byte limit")
    if not data.strip():
        raise IngestError(f"{name}: file is empty")
    if b"\x00" in data[:8192]:
        raise IngestError(f"{name}: looks like a binary file, not text notes")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IngestError(f"{name}: not valid UTF-8 (byte {exc.start}); save the notes as UTF-8 text") from exc
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > 8:
        raise IngestError(f"{name}: looks like a binary file, not text notes")
    return text


def collect_note_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[FileSummary]]:
    """Expand folders into note files; report missing paths as failed summaries."""
    files: list[Path] = []
    errors: list[FileSummary] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in NOTE_SUFFIXES)
            if not found:
                errors.append(FileSummary(name=str(path), ok=False, error=f"{path}: folder holds no .txt/.md files"))
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            errors.append(FileSummary(name=str(path), ok=False, error=f"{path}: no such file or folder"))
    return files, errors


def ingest_paths(
    *, paths: Sequence[str | Path], progress: Callable[[int, int, FileSummary], None] | None = None
) -> list[FileSummary]:
    files, summaries = collect_note_files(paths)
    for index, path in enumerate(files, start=1):
        summary = ingest_file(path=path)
        summaries.append(summary)
        if progress:
            progress(index, len(files), summary)
    return summaries


def ingest_file(*, path: Path) -> FileSummary:
    try:
        size = path.stat().st_size
        if size > settings.NOTES_MAX_FILE_BYTES:  # do not read a huge file into memory to refuse it
            raise IngestError(f"{path.name}: file is {size:,} bytes, over the {settings.NOTES_MAX_FILE_BYTES:,}-byte limit")
        data = path.read_bytes()
    except OSError as exc:
        return FileSummary(name=path.name, ok=False, error=f"{path.name}: cannot read ({exc.strerror})")
    except IngestError as exc:
        return FileSummary(name=path.name, ok=False, error=str(exc))
    return ingest_bytes(name=path.name, data=data)


def ingest_bytes(*, name: str, data: bytes) -> FileSummary:
    """Ingest one file's bytes in one transaction; never raises for bad input."""
    try:
        text = decode_note_bytes(name=name, data=data)
        digest = hashlib.sha256(data).hexdigest()
        try:
            return _ingest_text(name=name, text=text, sha256=digest, size=len(data))
        except IntegrityError:
            # Another process ingested the same new file concurrently; now it exists, so this
            # attempt sees it (locked) and either finds it unchanged or updates it.
            return _ingest_text(name=name, text=text, sha256=digest, size=len(data))
    except IngestError as exc:
        return FileSummary(name=name, ok=False, error=str(exc))


@transaction.atomic
def _ingest_text(*, name: str, text: str, sha256: str, size: int) -> FileSummary:
    existing = Source.objects.select_for_update().filter(name=name).first()
    if existing is not None and existing.sha256 == sha256:
        return _unchanged_summary(existing)

    note_lines = parse_notes(text)
    sections = [s for s in segment_topics(note_lines) if s.lines]
    if not sections:
        raise IngestError(f"{name}: no usable notes found (only noise or headings)")

    source = existing or Source(name=name)
    source.sha256 = sha256
    source.size = size
    source.line_count = text.count("\n") + 1
    source.kept_lines = sum(len(s.lines) + (1 if s.heading else 0) for s in sections)
    source.save()

    topics = _upsert_topics(sections)
    _replace_lines(source, sections, topics)
    drafts = [draft for section in sections for draft in extract_facts(section)]
    touched, created = _replace_statements(source, drafts, topics)
    changed = refresh_facts(fact_ids=touched, new_fact_ids=created)
    conflicts = Conflict.objects.filter(fact__statements__source=source).distinct().count()
    return FileSummary(
        name=name,
        topics=len(topics),
        lines=source.kept_lines,
        facts=Fact.objects.filter(statements__source=source).distinct().count(),
        conflicts=conflicts,
        changed_facts=changed,
    )


def _unchanged_summary(source: Source) -> FileSummary:
    return FileSummary(
        name=source.name,
        changed=False,
        topics=Topic.objects.filter(lines__source=source).distinct().count(),
        lines=source.kept_lines,
        facts=Fact.objects.filter(statements__source=source).distinct().count(),
        conflicts=Conflict.objects.filter(fact__statements__source=source).distinct().count(),
    )


def _upsert_topics(sections) -> dict[str, Topic]:
    wanted: dict[str, str] = {}
    for section in sections:
        wanted.setdefault(section.slug, section.title)
    topics = {t.slug: t for t in Topic.objects.filter(slug__in=wanted)}
    for slug, title in wanted.items():
        if slug not in topics:
            topics[slug] = Topic.objects.create(
                slug=slug, title=title, aliases=topic_aliases(slug), order=topic_order(slug)
            )
    return topics


def _replace_lines(source: Source, sections, topics: dict[str, Topic]) -> None:
    SourceLine.objects.filter(source=source).delete()
    rows = []
    for section in sections:
        topic = topics[section.slug]
        body = ([section.heading] if section.heading else []) + list(section.lines)
        for note_line in body:
            rows.append(
                SourceLine(
                    source=source,
                    topic=topic,
                    number=note_line.number,
                    position=len(rows),
                    depth=note_line.depth,
                    is_heading=note_line.is_heading,
                    text=note_line.text,
                    raw=note_line.raw,
                )
            )
    SourceLine.objects.bulk_create(rows, batch_size=1000)


def _replace_statements(
    source: Source, drafts: list[FactDraft], topics: dict[str, Topic]
) -> tuple[set[int], set[int]]:
    """Swap this source's statements for the new ones; return the ids of the facts touched and created."""
    touched = set(FactStatement.objects.filter(source=source).values_list("fact_id", flat=True))
    FactStatement.objects.filter(source=source).delete()

    by_key: dict[str, FactDraft] = {}
    for draft in drafts:
        by_key.setdefault(fact_key(topic=draft.topic, subject=draft.subject, attribute=draft.attribute), draft)
    existing = {f.key: f for f in Fact.objects.filter(key__in=by_key)}
    new_facts = [
        Fact(
            key=key,
            topic=topics.get(d.topic) or _topic_for(d.topic),
            kind=d.kind,
            subject=d.subject,
            attribute=d.attribute,
            value=d.value,
            unit=d.unit,
            magnitude=d.magnitude,
            dimension=d.dimension,
            text=d.text,
        )
        for key, d in by_key.items()
        if key not in existing
    ]
    Fact.objects.bulk_create(new_facts, batch_size=500)
    facts = {f.key: f for f in Fact.objects.filter(key__in=by_key)}

    statements: dict[tuple[int, int], FactStatement] = {}
    for draft in drafts:
        fact = facts[fact_key(topic=draft.topic, subject=draft.subject, attribute=draft.attribute)]
        for line in draft.lines or (0,):
            statements.setdefault(
                (fact.pk, line),
                FactStatement(
                    fact=fact,
                    source=source,
                    line=line,
                    text=draft.text,
                    value=draft.value,
                    unit=draft.unit,
                    magnitude=draft.magnitude,
                ),
            )
    FactStatement.objects.bulk_create(statements.values(), batch_size=1000)
    created = {facts[f.key].pk for f in new_facts}
    return touched | {f.pk for f in facts.values()}, created


def _topic_for(slug: str) -> Topic:
    topic, _ = Topic.objects.get_or_create(slug=slug, defaults={"title": slug.replace("-", " ").title()})
    return topic


def same_value(a: dict, b: dict) -> bool:
    if a.get("magnitude") is not None and b.get("magnitude") is not None:
        return math.isclose(a["magnitude"], b["magnitude"], rel_tol=1e-6)
    return " ".join(str(a["value"]).lower().split()) == " ".join(str(b["value"]).lower().split())


def refresh_facts(*, fact_ids: Iterable[int], new_fact_ids: Iterable[int] = ()) -> list[int]:
    """Recompute value, activity and conflict of the given facts from their statements.

    Returns the ids of facts whose value changed (the generator tells learners about those).
    """
    ids = sorted(set(fact_ids))
    if not ids:
        return []
    groups: dict[int, list[dict]] = defaultdict(list)
    rows = (
        FactStatement.objects.filter(fact_id__in=ids)
        .order_by("fact_id", "source__name", "line")
        .values("fact_id", "value", "unit", "magnitude", "line", "text", "source__name")
    )
    for row in rows:
        sides = groups[row["fact_id"]]
        side = next((s for s in sides if same_value(s, row)), None)
        if side is None:
            side = {"value": row["value"], "unit": row["unit"], "magnitude": row["magnitude"], "sources": []}
            sides.append(side)
        side["sources"].append({"file": row["source__name"], "line": row["line"], "text": row["text"]})

    now = timezone.now()
    new_ids = set(new_fact_ids)
    changed: list[int] = []
    facts = list(Fact.objects.filter(pk__in=ids).select_related("conflict"))
    conflicts = {c.fact_id: c for c in Conflict.objects.filter(fact_id__in=ids)}
    for fact in facts:
        sides = groups.get(fact.pk, [])
        fact.is_active = bool(sides)
        if sides:
            resolved = conflicts.get(fact.pk)
            if resolved is not None and resolved.resolved and resolved.resolved_value:
                best = {"value": resolved.resolved_value, "unit": resolved.resolved_unit, "magnitude": fact.magnitude}
            else:
                # The value most files state wins; ties go to the first file by name.
                best = max(sides, key=lambda s: len({src["file"] for src in s["sources"]}))
                fact.magnitude = best["magnitude"]
            if (best["value"], best["unit"]) != (fact.value, fact.unit) and fact.pk not in new_ids:
                fact.previous_value, fact.previous_unit = fact.value, fact.unit
                fact.value_changed_at = now
                changed.append(fact.pk)
            fact.value, fact.unit = best["value"], best["unit"]
            fact.text = best["sources"][0]["text"] if "sources" in best else fact.text
        _sync_conflict(fact, sides, conflicts.get(fact.pk))
    Fact.objects.bulk_update(
        facts,
        ["is_active", "value", "unit", "magnitude", "text", "previous_value", "previous_unit", "value_changed_at"],
        batch_size=500,
    )
    return changed


def _sync_conflict(fact: Fact, sides: list[dict], conflict: Conflict | None) -> None:
    distinct_files = {src["file"] for side in sides for src in side["sources"]}
    if len(sides) > 1 and len(distinct_files) > 1:
        payload = [
            {"value": s["value"], "unit": s["unit"], "sources": s["sources"]} for s in sides
        ]
        if conflict is None:
            Conflict.objects.create(fact=fact, topic_id=fact.topic_id, sides=payload)
        elif conflict.sides != payload:
            conflict.sides = payload
            conflict.resolved = False
            conflict.save(update_fields=["sides", "resolved", "updated_at"])
    elif conflict is not None:
        conflict.delete()
