"""Ingestion: read a notes file, parse it, store its lines, topics, facts and conflicts.

Each file is ingested in its own transaction: a bad file leaves the database exactly as it was and
does not stop the good files of the same call. Re-ingesting an unchanged file (same SHA-256) changes
nothing. A changed file replaces its own lines and statements; facts keep their stable ``key`` and are
updated in place (their old value kept in ``previous_value``), and a fact no source states any more is
marked inactive instead of deleted, because items and learners' reviews hang off it.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from notes.facts import extract_facts, is_comparable
from notes.models import Conflict, Fact, FactStatement, FactValue, Source, SourceLine, Topic
from notes.outline import FactDraft
from notes.parser import parse_notes
from notes.topics import segment_topics, topic_aliases, topic_order, topic_title
from notes.units import parse_quantity, to_base

NOTE_SUFFIXES = (".txt", ".md", ".markdown")
CONFLICT_LINES_PER_SIDE = 25  # a conflict lists at most this many lines per side (and counts the files)


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
        raise IngestError(
            f"{name}: not valid UTF-8 (byte {exc.start}); save the notes as UTF-8 text"
        ) from exc
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > 8:
        raise IngestError(f"{name}: looks like a binary file, not text notes")
    validate_note_text(name=name, text=text)
    return text


# Lecture notes are plain text or Markdown: harmless inline HTML (<u>, <b>, <br>) is kept and
# sanitised, but anything that could run script is refused outright, as are lines no outline has.
ACTIVE_HTML = re.compile(
    r"<\s*/?\s*(?P<tag>script|iframe|object|embed|form|meta|style|base|link|svg|math)\b"
    r"|<[^>]*\s(?P<attr>on[a-z]+|hx-[a-z:-]+|data-hx-[a-z:-]+|style)\s*="
    r"|(?P<url>javascript|vbscript|data\s*:\s*text/html)",
    re.IGNORECASE,
)
OUTLINE_PREFIX = re.compile(r"^[ \t>*+\-]*")
MAX_NESTING = 32


def validate_note_text(*, name: str, text: str) -> None:
    """Refuse notes with a line longer than NOTES_MAX_LINE_CHARS, nesting deeper than MAX_NESTING
    levels, or active HTML (script, frames, event handlers, htmx attributes, javascript: links)."""
    max_chars = settings.NOTES_MAX_LINE_CHARS
    for number, line in enumerate(text.splitlines(), start=1):
        if len(line) > max_chars:
            raise IngestError(f"{name}: line {number} is {len(line):,} characters long (limit {max_chars:,})")
        prefix = OUTLINE_PREFIX.match(line).group(0)
        spaces = len(prefix) - len(prefix.lstrip(" \t"))
        depth = prefix.count(">") + len(re.findall(r"[-*+](?=\s)", prefix)) + prefix.count("\t") + spaces // 2
        if depth > MAX_NESTING:
            raise IngestError(f"{name}: line {number} is nested {depth} levels deep (limit {MAX_NESTING})")
        what = active_html(line)
        if what:
            raise IngestError(
                f"{name}: line {number} holds active HTML or a script link ({what}); "
                "notes must be plain text or Markdown"
            )


def active_html(line: str) -> str | None:
    """What in this line could run script (a tag, an attribute or a URL scheme), or None."""
    if "<" not in line and ":" not in line:
        return None
    probes = [line]
    if "&" in line:  # entity-encoded schemes: jav&#x09;ascript:
        probes.append(re.sub(r"[\x00-\x20]+", "", html.unescape(line)))
    for probe in probes:
        for found in ACTIVE_HTML.finditer(probe):
            if found.group("tag") or found.group("attr"):
                return (found.group("tag") or found.group("attr")).lower()
            scheme = found.group("url").lower()
            if scheme.startswith("data") or probe[found.end() :].lstrip().startswith(":"):
                return scheme
    return None


def collect_note_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[FileSummary]]:
    """Expand folders into note files; report missing paths as failed summaries."""
    files: list[Path] = []
    errors: list[FileSummary] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in NOTE_SUFFIXES)
            if not found:
                errors.append(
                    FileSummary(name=str(path), ok=False, error=f"{path}: folder holds no .txt/.md files")
                )
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
            raise IngestError(
                f"{path.name}: file is {size:,} bytes, over the {settings.NOTES_MAX_FILE_BYTES:,}-byte limit"
            )
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
    source.content = text.encode()  # kept so an instructor can re-ingest from the admin
    source.line_count = text.count("\n") + 1
    source.kept_lines = sum(len(s.lines) + (1 if s.heading else 0) for s in sections)
    source.save()

    drafts = [draft for section in sections for draft in extract_facts(section)]
    # A fact's topic comes from its subject and may differ from its section's: both go through the
    # same upsert (catalogue title, aliases, order, topics merged away by an instructor).
    wanted = {section.slug: section.title for section in sections}
    section_topics = len(wanted)
    for draft in drafts:
        wanted.setdefault(draft.topic, topic_title(draft.topic))
    topics = _upsert_topics(wanted)
    _replace_lines(source, sections, topics)
    touched, created = _replace_statements(source, drafts, topics)
    changed = refresh_facts(fact_ids=touched, new_fact_ids=created)
    conflicts = Conflict.objects.filter(fact__statements__source=source).distinct().count()
    return FileSummary(
        name=name,
        topics=section_topics,
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


def _upsert_topics(wanted: dict[str, str]) -> dict[str, Topic]:
    """slug -> Topic for every wanted slug (-> title), creating the missing ones."""
    topics = {t.slug: t for t in Topic.objects.filter(slug__in=wanted)}
    if wanted.keys() - topics.keys():  # a topic an instructor merged away lives on as an alias
        topics.update(topic_merged_into(slugs=wanted.keys() - topics.keys()))
    for slug, title in wanted.items():
        if slug not in topics:
            topics[slug] = Topic.objects.create(
                slug=slug, title=title, aliases=topic_aliases(slug), order=topic_order(slug)
            )
    return topics


def topic_merged_into(*, slugs: Iterable[str]) -> dict[str, Topic]:
    """slug -> the topic that slug was merged into (its ``aliases`` hold the old slug)."""
    wanted = set(slugs)
    found: dict[str, Topic] = {}
    for topic in Topic.objects.exclude(aliases=[]).order_by("pk"):
        for alias in wanted.intersection(topic.aliases):
            found.setdefault(alias, topic)
    return found


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
    old_groups = {
        (row["fact_id"], value_key(value=row["value"], magnitude=row["magnitude"]))
        for row in FactStatement.objects.filter(source=source).values("fact_id", "value", "magnitude")
    }
    touched = {fact_id for fact_id, _ in old_groups}
    FactStatement.objects.filter(source=source).delete()

    keyed = [(fact_key(topic=d.topic, subject=d.subject, attribute=d.attribute), d) for d in drafts]
    by_key: dict[str, FactDraft] = {}
    for key, draft in keyed:
        by_key.setdefault(key, draft)
    existing = {f.key: f for f in Fact.objects.filter(key__in=by_key)}
    new_facts = [
        Fact(
            key=key,
            topic=topics[d.topic],
            kind=d.kind,
            subject=d.subject,
            attribute=d.attribute,
            value=d.value,
            unit=d.unit,
            magnitude=d.magnitude,
            dimension=d.dimension,
            text=d.text,
            qualifier="unsure" if d.note else d.qualifier,
            evidence="\n".join(d.evidence),
            taught=not d.note,
        )
        for key, d in by_key.items()
        if key not in existing
    ]
    Fact.objects.bulk_create(new_facts, batch_size=500)
    facts = {f.key: f for f in Fact.objects.filter(key__in=by_key)}

    statements: dict[tuple[int, int], FactStatement] = {}
    for key, draft in keyed:
        fact = facts[key]
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
    _update_value_counts(source, old_groups, statements.values())
    created = {facts[f.key].pk for f in new_facts}
    return touched | {f.pk for f in facts.values()}, created


def value_key(*, value: str, magnitude: float | None) -> str:
    """Values that mean the same (900 s and 15 min) share a key."""
    if magnitude is not None:
        return f"{magnitude:.9g}"
    return " ".join(value.lower().split())[:200]


def _update_value_counts(source: Source, old_groups: set[tuple[int, str]], statements) -> None:
    """Apply this file's change to the per-value file counts (FactValue): -1 for each (fact, value)
    it no longer states, +1 for each it newly states. Work is proportional to this file only."""
    new_rows: dict[tuple[int, str], FactStatement] = {}
    for st in sorted(statements, key=lambda st: st.line):
        new_rows.setdefault((st.fact_id, value_key(value=st.value, magnitude=st.magnitude)), st)
    gone = old_groups - new_rows.keys()
    added = new_rows.keys() - old_groups
    if gone:
        values = _fact_values(gone)
        FactValue.objects.filter(pk__in=[fv.pk for fv in values], files__gt=0).update(files=F("files") - 1)
        for fv in values:
            if fv.first_file == source.name:  # rare: re-pick the first line among the remaining files
                _repick_first_line(fv, exclude=source)
    if added:
        existing = {(fv.fact_id, fv.value_key): fv for fv in _fact_values(added)}
        FactValue.objects.filter(pk__in=[fv.pk for fv in existing.values()]).update(files=F("files") + 1)
        create = []
        for group in added:
            st = new_rows[group]
            fv = existing.get(group)
            if fv is None:
                create.append(
                    FactValue(
                        fact_id=group[0],
                        value_key=group[1],
                        value=st.value,
                        unit=st.unit,
                        magnitude=st.magnitude,
                        files=1,
                        first_file=source.name,
                        first_line=st.line,
                        first_text=st.text,
                    )
                )
            elif fv.files == 0 or (source.name, st.line) < (fv.first_file, fv.first_line):
                FactValue.objects.filter(pk=fv.pk).update(
                    first_file=source.name,
                    first_line=st.line,
                    first_text=st.text,
                    value=st.value,
                    unit=st.unit,
                )
        FactValue.objects.bulk_create(create, batch_size=500)


def _repick_first_line(fv: FactValue, *, exclude: Source) -> None:
    candidates = (
        FactStatement.objects.filter(fact_id=fv.fact_id)
        .exclude(source=exclude)
        .select_related("source")
        .order_by("source__name", "line")
    )
    first = next(
        (c for c in candidates if value_key(value=c.value, magnitude=c.magnitude) == fv.value_key), None
    )
    if first is not None:
        FactValue.objects.filter(pk=fv.pk).update(
            first_file=first.source.name,
            first_line=first.line,
            first_text=first.text,
            value=first.value,
            unit=first.unit,
        )


def _fact_values(groups: set[tuple[int, str]]) -> list[FactValue]:
    fact_ids = {fact_id for fact_id, _ in groups}
    return [
        fv for fv in FactValue.objects.filter(fact_id__in=fact_ids) if (fv.fact_id, fv.value_key) in groups
    ]


def refresh_facts(*, fact_ids: Iterable[int], new_fact_ids: Iterable[int] = ()) -> list[int]:
    """Recompute value, activity and conflict of the given facts from their statements.

    Work per call is proportional to the number of facts and of distinct values stated for them,
    not to the number of sources stating them: per-value file counts are kept in FactValue, and the
    lines of each side are only read for facts whose sources disagree.
    Returns the ids of facts whose value changed (the generator tells learners about those).
    """
    ids = sorted(set(fact_ids))
    if not ids:
        return []
    sides_by_fact: dict[int, list[FactValue]] = defaultdict(list)
    for fv in FactValue.objects.filter(fact_id__in=ids, files__gt=0).order_by(
        "fact_id", "first_file", "first_line"
    ):
        sides_by_fact[fv.fact_id].append(fv)
    disputed = [fact_id for fact_id, sides in sides_by_fact.items() if len(sides) > 1]
    lines: dict[tuple[int, str], list[dict]] = defaultdict(list)
    # Only the first lines of each side are listed: the database numbers each side's statements and
    # hands back those, so the rows read do not grow with the number of sources that agree.
    numbered = FactStatement.objects.filter(fact_id__in=disputed).annotate(
        rank=Window(
            RowNumber(),
            partition_by=[F("fact_id"), F("magnitude"), F("value")],
            order_by=[F("source__name").asc(), F("line").asc()],
        )
    )
    for row in (
        numbered.filter(rank__lte=CONFLICT_LINES_PER_SIDE)
        .order_by("fact_id", "source__name", "line")
        .values("fact_id", "value", "magnitude", "line", "text", "source__name")
    ):
        side = lines[(row["fact_id"], value_key(value=row["value"], magnitude=row["magnitude"]))]
        if len(side) < CONFLICT_LINES_PER_SIDE:
            side.append({"file": row["source__name"], "line": row["line"], "text": row["text"]})

    now = timezone.now()
    new_ids = set(new_fact_ids)
    changed: list[int] = []
    dirty: list[Fact] = []
    conflicts = {c.fact_id: c for c in Conflict.objects.filter(fact_id__in=ids)}
    for fact in Fact.objects.filter(pk__in=ids):
        before = (fact.is_active, fact.value, fact.unit, fact.magnitude, fact.text)
        sides = sides_by_fact.get(fact.pk, [])
        fact.is_active = bool(sides)
        if sides:
            conflict = conflicts.get(fact.pk)
            # The value most files state wins; ties go to the side whose first file sorts first.
            best = min(sides, key=lambda fv: (-fv.files, fv.first_file, fv.first_line))
            value, unit, magnitude, text = best.value, best.unit, best.magnitude, best.first_text
            if conflict is not None and conflict.resolved_value:
                # The instructor's decision stands, even while a new disagreement reopens the conflict.
                value, unit = conflict.resolved_value, conflict.resolved_unit
                magnitude, text = resolved_quantity(
                    sides, value=value, unit=unit, dimension=fact.dimension, fallback_text=text
                )
            old_key = value_key(value=f"{fact.value} {fact.unit}", magnitude=fact.magnitude)
            new_key = value_key(value=f"{value} {unit}", magnitude=magnitude)
            if old_key != new_key and fact.pk not in new_ids:
                fact.previous_value, fact.previous_unit = fact.value, fact.unit
                fact.value_changed_at = now
                changed.append(fact.pk)
            fact.value, fact.unit, fact.magnitude, fact.text = value, unit, magnitude, text
        if before != (fact.is_active, fact.value, fact.unit, fact.magnitude, fact.text) or fact.pk in changed:
            fact.updated_at = now
            dirty.append(fact)
        payload = [
            {"value": fv.value, "unit": fv.unit, "files": fv.files, "sources": lines[(fact.pk, fv.value_key)]}
            for fv in sides
        ]
        disputed_here = len(payload) > 1 and is_comparable(kind=fact.kind, attribute=fact.attribute)
        _sync_conflict(fact, payload if disputed_here else [], conflicts.get(fact.pk))
    Fact.objects.bulk_update(
        dirty,
        [
            "is_active",
            "value",
            "unit",
            "magnitude",
            "text",
            "previous_value",
            "previous_unit",
            "value_changed_at",
            "updated_at",
        ],
        batch_size=200,
    )
    return changed


def resolved_quantity(
    sides: list[FactValue], *, value: str, unit: str, dimension: str, fallback_text: str
) -> tuple[float | None, str]:
    """(magnitude, text) of an instructor's resolution: the chosen side's, or parsed from the value
    they wrote (so the fact's magnitude and the items built from it follow the resolution)."""
    for side in sides:
        if (side.value, side.unit) == (value, unit):
            return side.magnitude, side.first_text
    if not dimension:
        return None, fallback_text
    quantity = parse_quantity(value, unit)
    if quantity is None:
        return None, fallback_text
    try:
        magnitude, found = to_base(quantity)
    except ValueError:
        return None, fallback_text
    return (magnitude if found == dimension else None), fallback_text


def _sync_conflict(fact: Fact, sides: list[dict], conflict: Conflict | None) -> None:
    distinct_files = {src["file"] for side in sides for src in side.get("sources", [])}
    if len(sides) > 1 and len(distinct_files) > 1:
        payload = sides
        if conflict is None:
            Conflict.objects.create(fact=fact, topic_id=fact.topic_id, sides=payload)
        elif conflict.sides != payload:
            # Only a value nobody had stated before reopens a resolved conflict; more files agreeing
            # with a known side just update the record.
            if {(s["value"], s["unit"]) for s in payload} - {(s["value"], s["unit"]) for s in conflict.sides}:
                conflict.resolved = False
            conflict.sides = payload
            conflict.save(update_fields=["sides", "resolved", "updated_at"])
    elif conflict is not None:
        conflict.delete()
