"""The hostile corpus, generated on demand (never committed): note files and question-import files
built to break an ingester — binary, empty, huge, invalid UTF-8, one enormous line, absurd nesting,
raw HTML, unbalanced GIFT braces, JSON of the wrong shape.

``note_files()`` and ``import_files()`` return ``{name: bytes}``; ``write(folder, files)`` puts them
on disk. ``bench/hostile.py`` times the same corpus; ``tests/hostile/test_hostile_input.py`` checks it.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

MB = 1024 * 1024
DEPTH = 10_000


def _binary() -> bytes:
    rng = random.Random(7)
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(rng.getrandbits(8) for _ in range(64 * 1024))


def _huge_notes() -> bytes:
    line = b"- Amazon SQS messages can be up to 256 KB in size and are kept for up to 14 days\n"
    return b"# Amazon SQS\n\n" + line * (50 * MB // len(line) + 1)


def note_files() -> dict[str, bytes]:
    """Note files that must be refused with a clear error, the database untouched."""
    return {
        "binary.md": _binary(),
        "binary-no-nul.txt": bytes(range(1, 9)) * 4096,  # control characters, no NUL
        "empty.md": b"",
        "whitespace.md": b" \n\t\n\r\n   \n",
        "huge-50mb.md": _huge_notes(),
        "invalid-utf8.md": b"# AWS Lambda\n\n- Timeout: 900 s \xff\xfe\n- Memory \xc3\x28 up to 10 GB\n",
        "utf16.md": "# AWS Lambda\n\n- Timeout: 900 seconds\n".encode("utf-16"),
        "not-notes.pdf": b"%PDF-1.7\n% hostile\n",
        "deep-indent.md": b"# Deep\n\n" + b"".join(b" " * i + b"- level %d\n" % i for i in range(DEPTH)),
        "raw-html.md": _raw_html().encode(),
        "one-1mb-line.md": b"# Amazon S3\n\n- " + b"objects up to 5 TB " * (MB // 19) + b"\n",
        "one-1mb-blank-line.md": b"# Amazon S3\n\n" + b"\t " * (MB // 2) + b"(3m) objects\n",
        "deep-quote.md": b"# Deep\n\n" + b">" * DEPTH + b" Amazon SQS keeps messages 14 days\n",
        "deep-list.md": b"# Deep\n\n" + b"- " * DEPTH + b"Amazon SQS keeps messages 14 days\n",
        "deep-indent-tabs.md": b"# Deep\n\n" + b"\t" * DEPTH + b"- Amazon SQS keeps messages 14 days\n",
        "deep-brackets.md": b"# Deep\n\n- " + b"[" * DEPTH + b"x" + b"](" * DEPTH + b"\n",
    }


def _raw_html() -> str:
    return (
        "# Amazon SNS\n\n"
        "- <script>alert('x')</script>Topics fan out messages\n"
        '- <img src=x onerror="alert(1)">Subscriptions: SQS, Lambda, HTTP\n'
        '- <a href="javascript:alert(1)">Message size</a>: up to 256 KB\n'
        "<div><iframe src='https://evil.example'></iframe></div>\n"
        "- <svg onload=alert(1)>Filter policies</svg> select messages\n"
    )


def accepted_note_files() -> dict[str, bytes]:
    """Readable notes with harmless inline HTML: ingested, the markup sanitised away or kept inert."""
    return {
        "inline-html.md": (
            b"# Amazon SQS\n\n- <u>Standard</u> queues: at-least-once delivery<br>\n"
            b"- <b>FIFO</b> queues: exactly-once processing, <i>ordered</i>\n"
            b"- messages are <= 256 KB\n"
        ),
    }


def import_files() -> dict[str, bytes]:
    """Question-import files that must be refused with a clear error, nothing imported."""
    wrong_shapes = {
        "shape-object.json": {"questions": {"stem": "not a list"}},
        "shape-scalars.json": [1, "two", None, True],
        "shape-types.json": [{"stem": 5, "choices": "abc"}, {"stem": ["x"], "choices": [1, 2]}],
        "shape-no-correct.json": [
            {"stem": "Which?", "topic": "sqs", "choices": [{"text": "a"}, {"text": "b"}]}
        ],
        "shape-bad-kind.json": [
            {
                "stem": "Which?",
                "topic": "sqs",
                "kind": {"$gt": ""},
                "choices": [{"text": "a", "correct": True}, {"text": "b"}],
            }
        ],
    }
    files = {name: json.dumps(data).encode() for name, data in wrong_shapes.items()}
    files.update(
        {
            "deep-nesting.json": b"[" * DEPTH + b"]" * DEPTH,
            "not-json.json": b"{'questions': [",
            "empty.json": b"",
            "empty.gift": b"",
            "binary.gift": _binary(),
            "invalid-utf8.gift": b"::Q:: Which? {=right \xff ~wrong}\n",
            "huge-50mb.gift": b"::Q:: Which service queues? {=SQS ~SNS}\n\n" * (50 * MB // 41 + 1),
            "unbalanced-open.gift": b"$CATEGORY: sqs\n\n::Q1:: Which queues? {=SQS ~SNS\n\n::Q2:: Which? {=a ~b}\n",
            "unbalanced-close.gift": b"$CATEGORY: sqs\n\n::Q1:: Which queues? =SQS ~SNS}}\n",
            "deep-braces.gift": b"$CATEGORY: sqs\n\n::Q:: Which? "
            + b"{" * DEPTH
            + b"=a ~b"
            + b"}" * DEPTH
            + b"\n",
            "bad-metadata.gift": b'$CATEGORY: sqs\n// studyhub: 5\n::Q:: Which? {=a ~b}\n// studyhub: ["x"]\n::R:: Which? {=a ~b}\n',
            "one-1mb-line.gift": b"$CATEGORY: sqs\n::Q:: " + b"which " * (MB // 6) + b"{=a ~b\n",
        }
    )
    return files


def write(folder: Path, files: dict[str, bytes]) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, data in files.items():
        paths[name] = folder / name
        paths[name].write_bytes(data)
    return paths
