"""What the reader makes of one notes file: each kept line with its outline (heading, depth, path,
scope) and the topic it falls in, then every fact draft. For reading a miss by hand.

    .venv/bin/python bench/dump.py FILE [--facts-only]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from notes.facts import extract_facts  # noqa: E402
from notes.parser import parse_notes  # noqa: E402
from notes.topics import segment_topics  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--facts-only", action="store_true")
    args = parser.parse_args()
    sections = segment_topics(parse_notes(args.file.read_text(encoding="utf-8")))
    for section in sections:
        print(f"== topic {section.slug} ({section.title})")
        if not args.facts_only:
            for line in ([section.heading] if section.heading else []) + list(section.lines):
                mark = "H" if line.is_heading else " "
                scope = f" [scope {line.scope}]" if line.scope else ""
                path = " > ".join(line.path)
                print(f"  {line.number:>3} {mark}{line.depth} {line.text}{scope}   <{path}>")
        for fact in extract_facts(section):
            mark = "  (note)" if fact.note else ""
            print(
                f"  * {fact.kind} | {fact.subject} | {fact.attribute} | {fact.value} {fact.unit}  {fact.lines}{mark}"
            )


if __name__ == "__main__":
    main()
