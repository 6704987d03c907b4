"""Reader and question-bank quality against keys: coverage per category, wrong keys, bad items, time.

    .venv/bin/python bench/quality.py [--notes FOLDER ...] [-v]

Each notes file (``.md``/``.txt``) comes with ``<name>.expected``, one line per fact a careful reader
would teach and, marked ``!``, per wrong answer a learner must never be keyed::

    kind | subject | attribute | value     (subject may be left out: kind | attribute | value)
    ! limit | maximum memory | 128 MB      (never keyed)
    attribute | value                      (the first held-out format: a limit)

A fact states a key line when the matcher of ``bench/matching.py`` says so: subjects resolved through
the service catalogue to a service plus scope words, the qualifier compared as a field of its own,
the content words of subject scope and attribute compared as sets, values as quantities (pint: 100 MB
= 102400 KB) or normalised word sets; each key line is credited to at most one fact of a file and each
fact to at most one line (its docstring states every rule). ``-v`` prints, for each unexpected fact
and missed line, the nearest candidate and its likeness.
The bench reads every file with the real reader (no database), generates its items with the real
generator, and prints per folder:

* facts found per category against the key, and the coverage;
* wrong keys: a fact that states a ``!`` line, or a limit, invocation or consistency fact whose value
  differs from every line its description matches, and the items built on those facts;
* distractors also true: a wrong choice that some fact of the file or the key gives for the same
  subject and attribute (any bound: the default is not a wrong maximum);
* give-aways: a stem that contains its own answer;
* items per fact, facts whose items do not share one sibling group (``sibl.``: must be 0, the
  study queue buries siblings) and duplicates (a second question or cloze of one fact, a third
  flashcard);
* time to read and generate;
* what key matching cannot see (:func:`review_gaps`): ``unrev.``, the items built on facts no key line
  speaks of (a fact under the wrong subject or with a garbled attribute is "unexpected", not
  "wrong": read these by hand), and ``wr.subj.``, the facts whose attribute and value are a key
  line of another subject (filed under the wrong service).

Items come from the real code path: facts merged per key as ingestion merges them, turned into
generator inputs by ``quizzes.bank.generation.inputs.fact_input`` (as ``items_generate`` does) and
checked with the generator's own ``also_true`` and ``give_away`` rules plus the key's.

By default it scores ``bench/held-out``, every folder under ``fixtures/corpus/`` (one row each; a
folder holding a file named ``UNTUNED`` was written by someone who had not read the reader and is
labelled "corpus/<name> (never tuned to)": never change the reader for it, nor it for the reader;
``--dev`` leaves out held-out and UNTUNED folders) and the shared lecture notes
(``$STUDYHUB_SHARED_DIR/lecture-notes`` against the hand keys ``bench/keys/shared-*.expected`` and,
for the kinds they do not cover, the regression key ``bench/shared-notes.expected``).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.matching import assign, best_fact, describe, judge, same_service, value_credit  # noqa: E402
from notes.facts import extract_facts, find_conflicts  # noqa: E402
from notes.outline import FactDraft  # noqa: E402
from notes.parser import parse_notes  # noqa: E402
from notes.topics import segment_topics  # noqa: E402
from notes.units import parse_quantity, to_base  # noqa: E402
from quizzes.bank.generation import FactIn, generate_drafts  # noqa: E402
from quizzes.bank.generation.inputs import OutlineRow, StatementRow, fact_input, line_map  # noqa: E402
from quizzes.bank.generation.quality import also_true, give_away  # noqa: E402
from quizzes.bank.generation.truths import truths_of  # noqa: E402
from quizzes.bank.generation.wording import qualified, split_qualifier  # noqa: E402

CATEGORIES = ("limit", "invocation", "consistency", "concept")
UNTUNED = "UNTUNED"  # a corpus folder holding this file is one nobody tuned the reader to
LABEL = 30
_FILLER = frozenset({"of", "per", "the", "a", "an", "for", "each", "in"})
_BOUNDS = ("maximum ", "minimum ", "default ", "typical ")


@dataclass(frozen=True)
class Wanted:
    kind: str
    subject: str
    attribute: str
    value: str
    never: bool = False


@dataclass
class Score:
    expected: Counter = field(default_factory=Counter)
    found: Counter = field(default_factory=Counter)
    wrong: int = 0
    wrong_items: int = 0
    unexpected: int = 0
    notes: int = 0
    items: int = 0
    also_true: int = 0
    give_aways: int = 0
    max_per_fact: int = 0
    siblings: int = 0  # facts whose items do not all share one sibling group
    duplicates: int = 0
    facts_with_items: int = 0
    unreviewed: int = 0  # items built on facts no key line speaks of (nobody checked them)
    wrong_subject: int = 0  # facts whose attribute and value are a key line of another subject
    seconds: float = 0.0

    def add(self, other: Score) -> None:
        for name in ("expected", "found"):
            getattr(self, name).update(getattr(other, name))
        for name in (
            "wrong",
            "wrong_items",
            "unexpected",
            "notes",
            "items",
            "also_true",
            "give_aways",
            "siblings",
            "duplicates",
            "facts_with_items",
            "unreviewed",
            "wrong_subject",
            "seconds",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.max_per_fact = max(self.max_per_fact, other.max_per_fact)


# One measure in other words, compared as one (both the key's and the fact's wording): a queue's or a
# message's "delivery delay" is its "delay"; "caching" names the cache ("caching size" = "cache size");
# a count of things per second ("messages rate", "request rate") is that kind of throughput. Each pair is
# the same measure, never a narrower or a wider one.
_ATTRIBUTE_SYNONYMS = (
    (re.compile(r"\bdelivery delay\b"), "delay"),
    (re.compile(r"\bcaching\b"), "cache"),
    (re.compile(r"\b(?:messages?|requests?|records?|events?|items?) (?:rate|throughput)\b"), "throughput"),
)


def norm(text: str) -> str:
    text = text.lower().replace("max ", "maximum ").replace("min ", "minimum ")
    words = re.findall(r"[a-z0-9/@]+", text)
    text = " ".join(w for w in words if w not in _FILLER)
    for pattern, canonical in _ATTRIBUTE_SYNONYMS:
        text = pattern.sub(canonical, text)
    return text


def expectations(path: Path) -> list[Wanted]:
    wanted = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        never = line.startswith("!")
        parts = [p.strip() for p in line.lstrip("!").split("|")]
        if len(parts) == 2:
            parts = ["limit", "", *parts]
        elif len(parts) == 3:
            parts = [parts[0], "", parts[1], parts[2]]
        kind, subject, attribute, value = parts[:4]
        wanted.append(Wanted(kind, norm(subject), norm(attribute), value, never))
    return wanted


def _quantity(text: str):
    number, _, unit = text.strip().lstrip("~").partition(" ")
    return parse_quantity(number, unit)


def read(
    paths: list[Path],
) -> tuple[list[tuple[Path, FactDraft]], dict[tuple[str, int], tuple[str, tuple[str, ...]]]]:
    """Every fact draft of every file, and each kept line's own text with the outline above it."""
    facts = []
    lines: dict[tuple[str, int], tuple[str, tuple[str, ...]]] = {}
    for path in paths:
        text = path.read_text(encoding="utf-8")
        sections = segment_topics(parse_notes(text))
        rows = [
            OutlineRow(line.number, line.depth, line.is_heading, line.text)
            for section in sections
            for line in ([section.heading] if section.heading else []) + list(section.lines)
        ]
        lines.update(line_map(path.name, rows))
        for section in sections:
            facts.extend((path, f) for f in extract_facts(section))
    return facts, lines


def fact_key(fact: FactDraft) -> str:
    """The key ingestion gives a fact (``notes.services.ingest.fact_key``, which needs Django)."""
    basis = "|".join(" ".join(p.lower().split()) for p in (fact.topic, fact.subject, fact.attribute))
    return hashlib.sha256(basis.encode()).hexdigest()[:32]


def bank_inputs(facts: list[tuple[Path, FactDraft]], lines) -> list[FactIn]:
    """The generator's inputs as the app builds them after ingestion: one fact per key (the value most
    files state, ties to the first file), every statement, the unresolved conflict's sides, through
    the same :func:`quizzes.bank.generation.inputs.fact_input` as ``items_generate``."""
    groups: dict[str, list[tuple[Path, FactDraft]]] = defaultdict(list)
    for path, fact in facts:
        if not getattr(fact, "note", False):
            groups[fact_key(fact)].append((path, fact))
    conflicts = {
        fact_key(FactDraft(c.kind, c.topic, c.subject, c.attribute, "")): c
        for c in find_conflicts((p.name, f) for members in groups.values() for p, f in members)
    }
    inputs = []
    for key, members in groups.items():
        conflict = conflicts.get(key)
        files = {p.name for p, _ in members}
        chosen = members[0][1]
        sides = []
        if conflict is not None:
            best = max(conflict.sides, key=lambda side: len({s.source for s in side.sources}))
            chosen = next(f for _, f in members if (f.value, f.unit) == (best.value, best.unit))
            if len(files) > 1:
                sides = [
                    {
                        "value": side.value,
                        "unit": side.unit,
                        "sources": [
                            {"file": src.source, "line": line, "text": src.text}
                            for src in side.sources
                            for line in src.lines
                        ],
                    }
                    for side in conflict.sides
                ]
        inputs.append(
            fact_input(
                key=key,
                topic=chosen.topic,
                kind=chosen.kind,
                subject=chosen.subject,
                attribute=chosen.attribute,
                value=chosen.value,
                unit=chosen.unit,
                magnitude=chosen.magnitude,
                dimension=chosen.dimension,
                text=chosen.text,
                qualifier=str(getattr(chosen, "qualifier", "") or ""),
                statements=[
                    StatementRow(p.name, line, f.value, f.text) for p, f in members for line in f.lines
                ],
                lines=lines,
                conflict=sides,
            )
        )
    return inputs


def _base(attribute: str) -> str:
    attribute = norm(attribute)
    for bound in _BOUNDS:
        attribute = attribute.removeprefix(bound)
    return attribute


def _choice_true(choice: str, truths: list[tuple[str, str]]) -> bool:
    """A choice states one of the true (value, unit) pairs."""
    q = _quantity(choice)
    for value, unit in truths:
        t = parse_quantity(value.lstrip("~"), unit)
        if q is not None and t is not None:
            try:
                a, b = to_base(q), to_base(t)
            except ValueError:
                continue
            if a[1] == b[1] and abs(a[0] - b[0]) <= 1e-9 * max(1.0, abs(b[0])):
                return True
        elif norm(choice) == norm(f"{value} {unit}"):
            return True
    return False


def score_items(facts, lines, wanted: list[Wanted], wrong_keys: set[str], verbose: bool) -> Score:
    """Item metrics of the real generator on the real inputs: wrong keys, distractors also true (by
    the generator's own bank-wide rule and, independently, by the key), give-aways (the generator's
    rule and a plain "the answer is in the stem"), sibling groups and duplicates per fact."""
    score = Score()
    fact_ins = bank_inputs(facts, lines)
    drafts = generate_drafts(fact_ins)
    score.items = len(drafts)
    by_key = {f.key: f for f in fact_ins}
    bank_truths = truths_of(fact_ins)
    truths: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for f in fact_ins:
        truths[(norm(f.subject), _base(f.attribute))].append((f.value, f.unit))
        for side in f.conflict:
            truths[(norm(f.subject), _base(f.attribute))].append((side.value, side.unit))
    # A never-keyed answer is about one qualifier: "! maximum memory | 128 MB" does not make an item
    # keying the *minimum* memory 128 MB wrong, nor "! buffer interval | 15 min" (a bare value) an item
    # keying the maximum buffer interval 15 min.
    never: dict[tuple[str, str, str], list[tuple[str, str]]] = defaultdict(list)
    for w in wanted:
        value, _, unit = w.value.partition(" ")
        if w.never:
            never[(w.subject, _base(w.attribute), split_qualifier(w.attribute)[0])].append((value, unit))
        else:
            truths[(w.subject, _base(w.attribute))].append((value, unit))
    per_fact: Counter = Counter()
    groups: dict[str, set[str]] = defaultdict(set)
    types: Counter = Counter()
    for draft in drafts:
        key = draft.fact_keys[0] if draft.fact_keys else ""
        per_fact[key] += 1
        if len(draft.fact_keys) == 1:
            groups[key].add(draft.sibling_group)
            types[(key, draft.type)] += 1
        if any(k in wrong_keys for k in draft.fact_keys):
            score.wrong_items += 1
        if not draft.is_question or key not in by_key:
            continue
        fact = by_key[key]
        answers = [c.text for c in draft.choices if c.correct]
        plain = any(len(a) > 3 and norm(a) and f" {norm(a)} " in f" {norm(draft.stem)} " for a in answers)
        if give_away(draft) or plain:
            score.give_aways += 1
            if verbose:
                print(f"    GIVE-AWAY   {draft.stem} -> {answers}")
        if len(draft.fact_keys) == 1:
            never_key = (norm(fact.subject), _base(fact.attribute), qualified(fact)[0])
            if any(_choice_true(a, never.get(never_key, [])) for a in answers):
                score.wrong_items += 1
                if verbose:
                    print(f"    NEVER KEYED {draft.stem} -> {answers}")
        pool = truths[(norm(fact.subject), _base(fact.attribute))] + [
            t
            for (subject, attr), ts in truths.items()
            if attr == _base(fact.attribute) and not subject
            for t in ts
        ]
        flagged = set(also_true(draft, by_key, bank_truths))
        for choice in draft.choices:
            if choice.correct:
                continue
            if choice.text in flagged or (len(draft.fact_keys) == 1 and _choice_true(choice.text, pool)):
                score.also_true += 1
                if verbose:
                    print(f"    ALSO TRUE   {draft.stem} -> distractor {choice.text!r}")
    score.facts_with_items = len(per_fact)
    score.max_per_fact = max(per_fact.values(), default=0)
    score.siblings = sum(1 for g in groups.values() if len(g) != 1)
    score.duplicates = sum(n - 1 for (_, kind), n in types.items() if n > 1 and kind != "basic") + sum(
        n - 2 for (_, kind), n in types.items() if kind == "basic" and n > 2
    )
    return score


def _other_subject(fact: FactDraft, want: Wanted) -> bool:
    """The key line states this fact's qualifier, attribute and value for another service."""
    if not want.subject or want.never or want.kind != fact.kind:
        return False
    mine = describe(fact.subject, fact.attribute, fact.qualifier)
    theirs = describe(want.subject, want.attribute, key=True)
    if same_service(mine, theirs):
        return False
    same = (mine.qualifier, mine.attribute) == (theirs.qualifier, theirs.attribute)
    return same and value_credit(fact.value, fact.unit, want.value)[1]


def review_gaps(
    facts: list[tuple[Path, FactDraft]], lines, wanted: list[Wanted], verbose: bool
) -> tuple[int, int]:
    """What the key-matching figures cannot see: (items built on facts no key line speaks of - the
    "unreviewed items", read them by hand - and facts filed under the wrong subject: a taught fact
    whose attribute and value are a key line of another subject, e.g. a Global Accelerator limit
    filed under the service a section with no heading mentioned most)."""
    unexpected: set[str] = set()
    wrong_subject = 0
    for path, fact in facts:
        if getattr(fact, "note", False):
            continue
        verdict = judge(fact, wanted)
        if verdict.status == "unexpected":
            unexpected.add(fact_key(fact))
        others = [w for w in wanted if _other_subject(fact, w)]
        if others and verdict.status != "right":
            wrong_subject += 1
            if verbose:
                print(
                    f"    WRONG SUBJ. {path.name}: {fact.subject} | {fact.attribute} | {fact.value} {fact.unit}"
                    f"  (line {fact.lines}; the key gives it to {others[0].subject!r})"
                )
    drafts = generate_drafts(bank_inputs(facts, lines))
    unreviewed = sum(1 for d in drafts if d.fact_keys and all(k in unexpected for k in d.fact_keys))
    return unreviewed, wrong_subject


def _line(want: Wanted) -> str:
    return f"{'! ' if want.never else ''}{want.kind} | {want.subject} | {want.attribute} | {want.value}"


def _nearest(verdict, wanted: list[Wanted]) -> str:
    if verdict.status == "unexpected":
        return "no key line alike"
    want = wanted[verdict.keys[0]]
    what = "a duplicate of" if verdict.status == "right" else "value differs from"
    return f"{what} {_line(want)}, alike {verdict.score:.2f}, value credit {verdict.credit:.2f}"


def score_files(label: str, notes: list[Path], keys: list[Path], verbose: bool) -> Score:
    start = time.perf_counter()
    facts, lines = read(notes)
    wanted = [w for key in keys if key.exists() for w in expectations(key)]
    score = Score()
    taught = [(path, fact) for path, fact in facts if not getattr(fact, "note", False)]
    score.notes = len(facts) - len(taught)
    verdicts = [judge(fact, wanted) for _, fact in taught]
    # One-to-one per notes file: a file that states a key line twice has a duplicate; five files that
    # each state it (the shared notes repeat one another) have one fact each.
    credited: dict[int, int] = {}
    for path in dict.fromkeys(p for p, _ in taught):
        mine = [i for i, (p, _) in enumerate(taught) if p == path]
        local = assign([verdicts[i] for i in mine], wanted, [taught[i][1] for i in mine])
        credited.update({mine[f]: k for f, k in local.items()})
    wrong_keys: set[str] = set()
    merged = {(taught[i][0], fact_key(taught[i][1])) for i in credited}  # the bank merges these
    for index, ((path, fact), verdict) in enumerate(zip(taught, verdicts, strict=True)):
        said = f"{path.name}: {fact.kind} {fact.subject} | {fact.attribute} | {fact.value} {fact.unit}"
        if verdict.status == "wrong":
            score.wrong += 1
            wrong_keys.add(fact_key(fact))
            want = wanted[verdict.keys[0]]
            print(
                f"    WRONG KEY   {said}  (line {fact.lines}; key {_line(want)}, alike {verdict.score:.2f})"
            )
        elif index not in credited and (path, fact_key(fact)) not in merged:
            score.unexpected += 1
            if verbose:
                print(f"    unexpected  {said}  (line {fact.lines}; {_nearest(verdict, wanted)})")
    found = set(credited.values())
    for index, w in enumerate(wanted):
        if not w.never:
            score.expected[w.kind] += 1
            if index in found:
                score.found[w.kind] += 1
            elif verbose:
                alike, fact = best_fact(w, [f for _, f in taught])
                nearest = (
                    f"nearest {fact.subject} | {fact.attribute} | {fact.value} {fact.unit}, alike {alike:.2f}"
                    if fact is not None and alike > 0
                    else "no fact alike"
                )
                print(f"    missed      {_line(w)}  ({nearest})")
    items = score_items(facts, lines, wanted, wrong_keys, verbose)
    items.expected, items.found = score.expected, score.found
    items.wrong, items.unexpected, items.notes = score.wrong, score.unexpected, score.notes
    items.unreviewed, items.wrong_subject = review_gaps(facts, lines, wanted, verbose)
    items.seconds = time.perf_counter() - start
    print_row(label, items)
    return items


HEADER = (
    f"{'notes':<{LABEL}} {'limits':>7} {'invoc.':>7} {'consist.':>8} {'concepts':>8} {'all':>9} {'wrong':>5} "
    f"{'wrong it.':>9} {'notes':>5} {'unexp.':>6} {'items':>5} {'also true':>9} {'give-aw.':>8} "
    f"{'max/fact':>8} {'sibl.':>5} {'dup.':>4} {'s':>5} {'unrev.':>6} {'wr.subj.':>8}"
)


def print_row(label: str, s: Score) -> None:
    cells = [f"{s.found[c]}/{s.expected[c]}" for c in CATEGORIES]
    total_e, total_f = sum(s.expected.values()), sum(s.found.values())
    share = f"{total_f / total_e:.0%}" if total_e else "-"
    print(
        f"{label:<{LABEL}} {cells[0]:>7} {cells[1]:>7} {cells[2]:>8} {cells[3]:>8} {share:>9} {s.wrong:>5} "
        f"{s.wrong_items:>9} {s.notes:>5} {s.unexpected:>6} {s.items:>5} {s.also_true:>9} {s.give_aways:>8} "
        f"{s.max_per_fact:>8} {s.siblings:>5} {s.duplicates:>4} {s.seconds:>5.2f} {s.unreviewed:>6} "
        f"{s.wrong_subject:>8}"
    )


def _notes_in(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in {".md", ".txt"})


def shared_keys() -> list[Path]:
    """Hand keys ``bench/keys/shared-*.expected`` and, for the kinds none of them covers yet, the old
    regression key ``bench/shared-notes.expected`` (written to a temporary file)."""
    hand = sorted((ROOT / "bench" / "keys").glob("shared-*.expected"))
    covered = {w.kind for key in hand for w in expectations(key)}
    regression = ROOT / "bench" / "shared-notes.expected"
    if not covered:
        return [regression]
    import tempfile

    kept = [
        line
        for line in regression.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#") and line.lstrip("!").split("|")[0].strip() not in covered
    ]
    rest = Path(tempfile.mkdtemp()) / "shared-rest.expected"
    rest.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return [*hand, rest]


def corpus_folders() -> list[Path]:
    """Every folder under ``fixtures/corpus/``, in name order: each is a row of the table."""
    return sorted(p for p in (ROOT / "fixtures" / "corpus").iterdir() if p.is_dir())


def set_label(folder: Path) -> str:
    """A row's label: the folder under ``fixtures/`` ("corpus/fresh"), "(never tuned to)" when it
    holds an ``UNTUNED`` marker file."""
    label = (
        str(folder.relative_to(ROOT)).removeprefix("fixtures/")
        if folder.is_relative_to(ROOT)
        else folder.name
    )
    return f"{label} (never tuned to)" if (folder / UNTUNED).exists() else label


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=Path, action="append", help="a folder of notes with .expected keys")
    parser.add_argument("-v", "--verbose", action="store_true", help="list missed, unexpected and bad items")
    parser.add_argument(
        "--dev",
        action="store_true",
        help="the folders tuned to only (no held-out, no UNTUNED): dev sets and shared notes",
    )
    args = parser.parse_args()
    print(HEADER)
    folders = args.notes or [ROOT / "bench" / "held-out", *corpus_folders()]
    if args.dev:
        folders = [f for f in folders if f.name != "held-out" and not (f / UNTUNED).exists()]
    for folder in folders:
        files = _notes_in(folder)
        if args.verbose:
            print(f"  {folder.relative_to(ROOT) if folder.is_relative_to(ROOT) else folder}")
        score_files(set_label(folder), files, [p.with_suffix(".expected") for p in files], args.verbose)
    shared = Path(os.environ.get("STUDYHUB_SHARED_DIR", ROOT.parent / "shared")) / "lecture-notes"
    if not args.notes and shared.is_dir():
        if args.verbose:
            print("  shared lecture notes")
        score_files("shared lecture notes", _notes_in(shared), shared_keys(), args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
