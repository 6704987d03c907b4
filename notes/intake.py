"""What the parser accepts as notes: text, not binary, not far too large (:func:`ensure_text`)."""

from __future__ import annotations

MAX_NOTE_CHARS = 20_000_000  # about 300x the sample corpus; larger input is refused, not parsed


class NoteParseError(ValueError):
    """The input cannot be parsed as notes (not text, binary content, far too large)."""


def ensure_text(data: str | bytes) -> str:
    """Return ``data`` as text fit for :func:`parse_notes`, or raise :class:`NoteParseError`.

    Bytes are decoded as UTF-8 (a BOM is dropped); NUL characters mean a binary file.
    """
    if isinstance(data, bytes | bytearray):
        try:
            data = bytes(data).decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise NoteParseError(f"notes are not valid UTF-8 (byte {exc.start})") from exc
    if not isinstance(data, str):
        raise NoteParseError(f"notes must be text, not {type(data).__name__}")
    if "\x00" in data:
        raise NoteParseError("notes contain NUL characters; this looks like a binary file")
    if len(data) > MAX_NOTE_CHARS:
        raise NoteParseError(f"notes are {len(data):,} characters, over the {MAX_NOTE_CHARS:,} limit")
    return data
