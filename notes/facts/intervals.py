"""How often something recurs: "the volumes are snapshotted every 12 hours", "it takes an automated
snapshot every hour", "rotates the key every 90 days unless you change it".

A periodic action (a small general vocabulary of verbs and their nouns: snapshot, back up, rotate,
refresh, poll, scan, check, sync, replicate, evaluate, export, publish, report, update, collect,
aggregate, flush, deliver) a few words before "every <duration>" names the attribute "<action>
interval" of the line's subject ("snapshot interval", "automated snapshot interval"). The quantity
grammar leaves "every N" to a note (it cannot tell a period from a rate); this reader only takes
the plain case: one "every" in the clause, no count right before it ("one update every thirty
seconds" is a rate), not denied, a duration after it.
"""

from __future__ import annotations

import re

from notes.facts.context import _Ctx
from notes.facts.limit_rules import QUALIFIERS_AFTER
from notes.facts.limits import _draft
from notes.facts.quantities import _scan_quantities
from notes.outline import FactDraft

_I = re.IGNORECASE
# (pattern of the action as a verb or a noun, the noun it is named by)
_ACTIONS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rf"\b(?:{pattern})\b", _I), noun)
    for pattern, noun in (
        (r"snapshot(?:s|ted|ting)?", "snapshot"),
        (r"back(?:s|ed|ing)?\s+up|backups?", "backup"),
        (r"rotat(?:e|es|ed|ing|ion|ions)", "rotation"),
        (r"refresh(?:es|ed|ing)?", "refresh"),
        (r"poll(?:s|ed|ing)?", "polling"),
        (r"scan(?:s|ned|ning)?", "scan"),
        (r"health\s+checks?|health[\s-]+checked", "health check"),
        (r"checks?|checked|checking", "check"),
        (r"sync(?:s|ed|ing|hroni[sz]e[sd]?)?", "sync"),
        (r"replicat(?:e|es|ed|ing|ion)", "replication"),
        (r"evaluat(?:e|es|ed|ing|ion|ions)", "evaluation"),
        (r"export(?:s|ed|ing)?", "export"),
        (r"publish(?:es|ed|ing)?", "publishing"),
        (r"report(?:s|ed|ing)?", "reporting"),
        (r"collect(?:s|ed|ing|ion)?", "collection"),
        (r"aggregat(?:e|es|ed|ing|ion)", "aggregation"),
        (r"flush(?:es|ed|ing)?", "flush"),
    )
)
_UNITS = r"seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?"
_NUMBER = (
    r"\d[\d,]*(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
    r"twenty|thirty|forty|fifty|sixty|ninety"
)
_EVERY_RE = re.compile(rf"\bevery\s+(?P<amount>(?:(?:{_NUMBER})\s*-?\s*)?(?:{_UNITS}))\b", _I)
_COUNT_BEFORE_RE = re.compile(rf"\b(?:{_NUMBER}|an?|once|twice)\s+(?:[a-z]+\s+)?$", _I)
_ADVICE_RE = re.compile(
    r"\b(?:suggest(?:s|ed)?|recommend(?:s|ed)?|advise[sd]?|should|best\s+practice|try\s+to|we|you\s+can)\b",
    _I,
)
_DENIED_RE = re.compile(r"\b(?:not|never|no\s+longer)\b", _I)
_MODIFIER_RE = re.compile(r"\b(?P<mod>automated|automatic|manual|full|incremental|daily)\s+$", _I)
_ROUGHLY_RE = re.compile(
    r"\b(?:about|around|roughly|approximately|approx\.?|typically|usually|normally|~)\s*$", _I
)
_LOOKBACK_WORDS = 6


def interval_facts(ctx: _Ctx, clause: str) -> list[FactDraft]:
    """The one recurrence interval a clause states, as a limit of the line's subject."""
    found = list(_EVERY_RE.finditer(clause))
    if len(found) != 1:
        return []  # "every 15 minutes, every hour or every 6 hours": choices, not one interval
    every = found[0]
    before = clause[: every.start()]
    if _COUNT_BEFORE_RE.search(before) or _DENIED_RE.search(before) or _ADVICE_RE.search(before):
        return []  # "AWS suggests checking every 5 seconds": advice, not how the service works
    window = " ".join(before.split()[-_LOOKBACK_WORDS:])
    action = _last_action(window)
    if action is None:
        return []
    noun, at = action
    modifier = _MODIFIER_RE.search(window[:at])
    name = f"{modifier.group('mod').lower()} {noun}" if modifier else noun
    amount = every.group("amount")
    if not re.match(r"\d|[a-z]+\s", amount, _I) or amount.split()[0].lower() in _UNIT_WORDS:
        amount = f"1 {amount}"  # "every hour"
    quantities = _scan_quantities(amount)
    if len(quantities) != 1 or quantities[0].dimension != "time" or quantities[0].is_range:
        return []
    after = clause[every.end() :]
    qualifier = next((q for pattern, q in QUALIFIERS_AFTER if pattern.match(after)), "")
    if _ROUGHLY_RE.search(before):
        qualifier = "typical" if not qualifier else "?"  # "run about every 30 seconds"
    if qualifier not in ("", "default", "typical"):
        return []
    return [_draft(ctx, f"{name} interval", qualifier, quantities[0].high, "time")]


_UNIT_WORDS = frozenset(
    re.findall(r"\w+", "second seconds sec secs minute minutes min mins hour hours hr hrs day days")
)
_UNIT_WORDS |= frozenset(re.findall(r"\w+", "week weeks month months year years"))


def _last_action(window: str) -> tuple[str, int] | None:
    """The noun of the last periodic action in the words before "every", and where it starts."""
    best: tuple[str, int, int] | None = None  # (noun, start, end)
    for pattern, noun in _ACTIONS:
        for match in pattern.finditer(window):
            if best is None or (match.end(), -match.start()) > (best[2], -best[1]):
                best = (noun, match.start(), match.end())
    return (best[0], best[1]) if best else None
