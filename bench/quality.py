"""Reader quality on notes it was not tuned to: coverage, wrong keys and unexpected facts.

    .venv/bin/python bench/quality.py [--notes bench/held-out] [-v]

Each notes file in the folder (``.md``/``.txt``, written by us about services and in phrasings the
shared corpus does not have) comes with ``<name>.expected``: one line per fact a careful reader
would teach, ``attribute | value unit``. The bench reads every file with the real reader (no
database) and prints per file and in all:

* coverage: expected facts found with the same attribute and the same quantity (or value);
* wrong keys: facts whose attribute is expected but whose value is not, the ones a learner would be
  taught wrongly;
* unexpected: facts nobody annotated, listed with their line so a reader can judge them.

A held-out file is only honest once: after its figures have been used to change the reader, write a
new one.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from notes.facts import extract_facts  # noqa: E402
from notes.outline import FactDraft  # noqa: E402
from notes.parser import parse_notes  # noqa: E402
from notes.topics import segment_topics  # noqa: E402
from notes.units import parse_quantity, same_quantity  # noqa: E402


@dataclass
class Score:
    expected: int = 0
    found: int = 0
    wrong: int = 0
    unexpected: int = 0


def expectations(path: Path) -> dict[str, str]:
    wanted = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            attribute, _, value = (part.strip() for part in line.partition("|"))
            wanted[attribute] = value
    return wanted


def same_value(fact: FactDraft, wanted: str) -> bool:
    """The fact states the wanted value: the same quantity (any unit), else the same text."""
    number, _, unit = wanted.partition(" ")
    expected = parse_quantity(number, unit)
    stated = parse_quantity(fact.value.lstrip("~"), fact.unit)
    if expected is not None and stated is not None:
        try:
            return same_quantity(expected, stated)
        except ValueError:
            return False
    return f"{fact.value} {fact.unit}".strip().lower() == wanted.lower()


def score_file(notes: Path, verbose: bool) -> Score:
    wanted = expectations(notes.with_suffix(".expected"))
    text = notes.read_text(encoding="utf-8")
    facts = [f for section in segment_topics(parse_notes(text)) for f in extract_facts(section)]
    score = Score(expected=len(wanted))
    right = set()
    for fact in facts:
        if fact.attribute not in wanted:
            score.unexpected += 1
            if verbose:
                print(
                    f"    unexpected  {fact.subject} | {fact.attribute} | {fact.value} {fact.unit}  (line {fact.lines})"
                )
        elif same_value(fact, wanted[fact.attribute]):
            right.add(fact.attribute)
        else:
            score.wrong += 1
            print(
                f"    WRONG KEY   {fact.subject} | {fact.attribute} | {fact.value} {fact.unit}  "
                f"(expected {wanted[fact.attribute]}, line {fact.lines})"
            )
    score.found = len(right)
    if verbose:
        for attribute in sorted(set(wanted) - right):
            print(f"    missed      {attribute} | {wanted[attribute]}")
    return score


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=Path, default=ROOT / "bench" / "held-out")
    parser.add_argument("-v", "--verbose", action="store_true", help="list missed and unexpected facts")
    args = parser.parse_args()
    total = Score()
    print(f"{'file':<40} {'coverage':>10} {'wrong keys':>11} {'unexpected':>11}")
    for notes in sorted(p for p in args.notes.iterdir() if p.suffix in {".md", ".txt"}):
        score = score_file(notes, args.verbose)
        for name in ("expected", "found", "wrong", "unexpected"):
            setattr(total, name, getattr(total, name) + getattr(score, name))
        print(
            f"{notes.name:<40} {score.found:>4}/{score.expected:<5} {score.wrong:>11} {score.unexpected:>11}"
        )
    share = total.found / total.expected if total.expected else 0.0
    print(
        f"{'all':<40} {total.found:>4}/{total.expected:<5} {total.wrong:>11} {total.unexpected:>11}"
        f"   coverage {share:.0%}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
