"""English for generated items: noun phrases for subjects, plural agreement, values with units."""

from __future__ import annotations

import math
import re

from notes.units import format_quantity

# Subjects ending in one of these nouns are things of which there are many ("an SQS FIFO queue"),
# so they take an article; any other subject is a proper name ("Lambda", "Amazon S3").
_COMMON_NOUNS = frozenset(
    {
        "queue",
        "topic",
        "table",
        "stream",
        "function",
        "item",
        "record",
        "shard",
        "message",
        "pool",
        "endpoint",
        "bucket",
        "object",
        "cache",
        "api",
        "layer",
        "role",
        "state machine",
        "execution",
        "workflow",
        "subscription",
        "rule",
        "event bus",
        "stage",
        "key",
        "request",
        "batch",
        "invocation",
        "consumer",
        "producer",
        "alias",
        "version",
        "mapping",
        "policy",
        "replica",
        "primary",
        "unit",
        "instance",
        "cluster",
        "volume",
        "node",
        "task",
        "container",
        "snapshot",
        "database",
    }
)
# Acronym initials spoken with a vowel sound: "an SQS queue", "an MFA device", "a DLQ".
_VOWEL_SOUND_LETTERS = frozenset("AEFHILMNORSX")
_UNIT_WORDS = {
    "ms": ("millisecond", "milliseconds"),
    "s": ("second", "seconds"),
    "sec": ("second", "seconds"),
    "seconds": ("second", "seconds"),
    "min": ("minute", "minutes"),
    "mins": ("minute", "minutes"),
    "minutes": ("minute", "minutes"),
    "h": ("hour", "hours"),
    "hr": ("hour", "hours"),
    "hours": ("hour", "hours"),
    "day": ("day", "days"),
    "days": ("day", "days"),
    "week": ("week", "weeks"),
    "weeks": ("week", "weeks"),
    "year": ("year", "years"),
    "years": ("year", "years"),
}
_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")


def indefinite_article(word: str) -> str:
    first = word.split()[0] if word.split() else word
    letters = re.sub(r"[^A-Za-z]", "", first)
    if not letters:
        return "a"
    if first[:1].isupper() and (
        first.isupper() or any(c.isdigit() for c in first)
    ):  # an acronym: "S3", "SQS"
        return "an" if letters[0] in _VOWEL_SOUND_LETTERS else "a"
    return "an" if letters[0].lower() in "aeio" else "a"


def needs_article(subject: str) -> bool:
    words = subject.split()
    if len(words) > 1 and words[-1][:1].isupper() and not words[-1].isupper():
        return False  # a capitalised last word is a name ("AWS Batch", "Amazon Simple Queue"), not a noun
    lower = subject.lower().strip()
    return any(lower == noun or lower.endswith(" " + noun) for noun in _COMMON_NOUNS)


def subject_phrase(subject: str) -> str:
    """The subject as it reads inside a sentence: "Lambda", "an SQS FIFO queue"."""
    subject = without_repeats(subject)
    if needs_article(subject):
        return f"{indefinite_article(subject)} {subject}"
    return subject


def possessive(phrase: str) -> str:
    return phrase + ("'" if phrase.endswith("s") and not phrase.endswith("ss") else "'s")


def is_plural(noun_phrase: str) -> bool:
    """Plural agreement by the head noun (the last word): "state types" yes, "delivery guarantee" no."""
    words = noun_phrase.lower().split()
    if not words:
        return False
    head = words[-1]
    if head in {"series", "status", "alias", "access", "class", "process", "address", "throughput", "bus"}:
        return False
    if head in {"data", "criteria", "options", "settings", "limits", "people"}:
        return True
    return head.endswith("s") and not head.endswith(("ss", "us", "is"))


def pluralise(noun_phrase: str) -> str:
    if is_plural(noun_phrase):
        return noun_phrase
    words = noun_phrase.split()
    head = words[-1]
    if head.endswith(("s", "x", "ch", "sh")):
        head += "es"
    elif head.endswith("y") and len(head) > 1 and head[-2] not in "aeiou":
        head = head[:-1] + "ies"
    else:
        head += "s"
    return " ".join([*words[:-1], head])


_PREPOSITIONS = frozenset({"per", "of", "in", "for", "to", "on", "at", "by", "from", "with", "and", "or"})


_ASIDE = re.compile(r"^(.*\S)\s*\(([a-z]+)\)$")  # a one-word adjective in parentheses after the noun


def attribute_phrase(attribute: str) -> str:
    """Lower-case the attribute unless a word is an acronym or a name ("TTL", "DynamoDB"); a plural
    noun that modifies the next one reads singular ("files size" -> "file size", "messages rate"); a
    word said twice in a row is said once; a one-word aside moves before its noun ("deployment size
    (compressed)" -> "compressed deployment size")."""
    words = []
    aside = _ASIDE.match(" ".join(attribute.split()))
    if aside:  # "deployment size (compressed)" -> "compressed deployment size"
        attribute = f"{aside.group(2)} {aside.group(1)}"
    parts = without_repeats(" ".join(attribute.split())).split(" ")
    for index, word in enumerate(parts):
        keep = sum(ch.isupper() for ch in word) > 1 or (word[:1].isupper() and any(c.isdigit() for c in word))
        word = word if keep else word.lower()
        following = parts[index + 1] if index + 1 < len(parts) else ""
        if (
            not keep
            and re.fullmatch(r"[a-z]{4,}", word)
            and re.fullmatch(r"[a-z]+", following)
            and following not in _PREPOSITIONS
            and is_plural(word)
            and word not in {"data", "series"}
        ):
            word = singular(word)
        words.append(word)
    return " ".join(words)


def be(noun_phrase: str) -> str:
    return "are" if is_plural(noun_phrase) else "is"


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def sentence(text: str) -> str:
    text = " ".join(text.split())
    first = text.split(" ")[0] if text else ""
    if re.fullmatch(r"[A-Za-z]+(?:-[A-Za-z]+)*", first):  # "best-effort"; leave "us-east-1" and "/tmp"
        text = capitalise(text)
    return text if text.endswith((".", "?", "!")) else text + "."


def format_number(text: str) -> str:
    """Thousands separators for plain integers of four digits or more ("10240" -> "10,240", "5000" ->
    "5,000": one choice never reads "5000" beside "10,000")."""
    if _NUMBER.match(text) and "." not in text and len(text) >= 4:
        return f"{int(text):,}"
    return text


def value_text(value: str, unit: str = "") -> str:
    """A value with its unit as a learner reads it: "900 seconds", "10 GB", "1 day", "99.9%"."""
    value = " ".join(value.split())
    unit = " ".join(unit.split())
    if not unit:
        return format_number(value)
    if unit == "%":
        return f"{value}%"
    words = _UNIT_WORDS.get(unit.lower())
    if words is not None:
        singular = _NUMBER.match(value) is not None and float(value) == 1
        return f"{format_number(value)} {words[0] if singular else words[1]}"
    return f"{format_number(value)} {unit}"


def magnitude_text(magnitude: float, dimension: str, unit_hint: str = "") -> str:
    """A base magnitude in the hinted unit when that gives a whole number, else in its natural unit."""
    if unit_hint:
        converted = convert_from_base(magnitude, dimension, unit_hint)
        if converted is not None and _is_whole(converted) and 1 <= converted < 100_000:
            return value_text(str(round(converted)), unit_hint)
    number, unit = format_quantity(magnitude, dimension)
    return value_text(number, unit)


def convert_from_base(magnitude: float, dimension: str, unit: str) -> float | None:
    factor = unit_factor(unit, dimension)
    return None if factor is None else magnitude / factor


_TIME_FACTORS = {"ms": 0.001, "s": 1, "min": 60, "h": 3600, "day": 86400, "week": 604800, "year": 31557600}
_SIZE_FACTORS = {"b": 1, "kb": 1024, "mb": 1024**2, "gb": 1024**3, "tb": 1024**4, "pb": 1024**5}


def unit_factor(unit: str, dimension: str) -> float | None:
    """How many base units (s, bytes, items) one ``unit`` holds; None for an unknown unit."""
    lower = unit.lower().strip()
    if dimension == "time":
        for short, (singular, plural) in _UNIT_WORDS.items():
            if lower in (short, singular, plural):
                canonical = {"sec": "s", "seconds": "s", "mins": "min", "minutes": "min", "hr": "h"}.get(
                    short, short
                )
                canonical = {"hours": "h", "days": "day", "weeks": "week", "years": "year"}.get(
                    canonical, canonical
                )
                return _TIME_FACTORS.get(canonical)
        return None
    if dimension == "size":
        return _SIZE_FACTORS.get(lower.replace("ib", "b"))
    if dimension in ("count", "percent", "rate"):
        return 1.0
    if dimension == "bandwidth":
        return _BANDWIDTH_FACTORS.get(lower.replace("bit/s", "bps"))
    return None


_BANDWIDTH_FACTORS = {"bps": 1.0, "kbps": 1e3, "mbps": 1e6, "gbps": 1e9, "tbps": 1e12}


def _is_whole(value: float) -> bool:
    return math.isclose(value, round(value), rel_tol=1e-9, abs_tol=1e-9)


def normalise(text: str) -> str:
    """Comparison form of a choice or value: lower case, single spaces, no trailing full stop."""
    return " ".join(text.lower().replace("-", " ").split()).rstrip(".")


# -- qualifiers ------------------------------------------------------------------------------------

QUALIFIERS = ("maximum", "minimum", "default", "typical")
_QUALIFIER_WORDS = {
    "maximum": "maximum",
    "max": "maximum",
    "max.": "maximum",
    "minimum": "minimum",
    "min": "minimum",
    "min.": "minimum",
    "default": "default",
    "typical": "typical",
    "approximate": "typical",
}


def split_qualifier(attribute: str) -> tuple[str, str]:
    """("maximum", "memory") from "maximum memory"; the qualifier word may stand anywhere in the
    attribute ("cache TTL default", "express workflow maximum duration"). ("", attribute) without one."""
    words = " ".join(attribute.split()).split(" ")
    for index, word in enumerate(words):
        qualifier = _QUALIFIER_WORDS.get(word.lower())
        if qualifier and len(words) > 1:
            return qualifier, " ".join(words[:index] + words[index + 1 :])
    return "", " ".join(words)


def qualified(fact) -> tuple[str, str]:
    """The one reading of a fact's qualifier: (qualifier, attribute without it).

    The reader will record the qualifier in its own field (``FactIn.qualifier``); until it does, the
    qualifier is a word of the attribute ("maximum memory"). Either way the answer is the same, so
    the generator reads it only through this function.
    """
    parsed, base = split_qualifier(fact.attribute)
    field = (getattr(fact, "qualifier", "") or "").strip().lower()
    qualifier = _QUALIFIER_WORDS.get(field, field) if field else parsed
    return qualifier, without_repeats(base, qualifier)


def without_repeats(text: str, qualifier: str = "") -> str:
    """A name or an attribute with words said twice in a row said once ("workflow execution execution
    time", "Translate Custom terminology Custom terminology"), and the qualifier word not said again
    ("maximum maximum LOB size" -> "LOB size" with the qualifier "maximum")."""
    words: list[str] = []
    for word in text.split():
        if qualifier and _QUALIFIER_WORDS.get(word.lower()) == qualifier:
            continue
        words.append(word)
        for size in (3, 2, 1):
            tail = [w.lower() for w in words[-2 * size :]]
            if len(tail) == 2 * size and tail[:size] == tail[size:]:
                del words[-size:]
                break
    return " ".join(words) or text


def singular(word: str) -> str:
    lower = word.lower()
    if lower.endswith("ies") and len(lower) > 4:
        return lower[:-3] + "y"
    if lower.endswith(("ses", "xes")) and len(lower) > 4:
        return lower[:-2]
    if lower.endswith("s") and not lower.endswith(("ss", "us", "is")) and len(lower) > 3:
        return lower[:-1]
    return lower


def without_subject_noun(attribute: str, subject: str) -> str:
    """Drop an attribute word that repeats the subject's head noun: "item size" of a "DynamoDB item"
    is its "size" (never "the maximum item size of a DynamoDB item")."""
    words = attribute.split()
    head = singular(subject.split()[-1]) if subject.split() else ""
    if len(words) < 2 or not head or not needs_article(subject):
        return attribute
    kept = [w for w in words if singular(w) != head]
    return " ".join(kept) if kept and len(kept) < len(words) else attribute
