"""Every item the real reader and generator make of a folder of notes, printed for reading by hand:
the question or flashcard, its choices (right ones marked *), and the explanation's first line.

    .venv/bin/python bench/items.py FOLDER [--sample N] [--seed S]
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.quality import bank_inputs, read  # noqa: E402
from quizzes.bank.generation import generate_drafts  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--sample", type=int, default=0, help="print N items drawn at random")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    notes = sorted(p for p in args.folder.iterdir() if p.suffix in {".md", ".txt"})
    facts, lines = read(notes)
    drafts = generate_drafts(bank_inputs(facts, lines))
    if args.sample:
        drafts = random.Random(args.seed).sample(drafts, min(args.sample, len(drafts)))
    for number, item in enumerate(drafts, 1):
        print(f"[{number}] {item.type} {item.template} ({item.topic})")
        if item.is_question:
            print(f"    Q: {item.stem}" + (f"  (choose {item.choose})" if item.choose > 1 else ""))
            for choice in item.choices:
                print(f"     {'*' if choice.correct else ' '} {choice.text}")
        else:
            print(f"    F: {item.front}")
            print(f"    B: {item.back}")
        print(f"    E: {item.explanation.splitlines()[0] if item.explanation else ''}"[:220])


if __name__ == "__main__":
    main()
