"""Enumerations: a line that announces a list, and the members the notes give it.

A **label** announces a list: a plural noun phrase ("Building blocks", "Endpoint Types"), a count
and a noun phrase ("Three migration types", "... in six categories", "Three ways to call it:"),
a singular noun of a closed set ("Check status" -> "check statuses"), "<X> ... one of:" ("<x>
values"), or an FAQ question ("Q: What kinds of findings are there?" -> "finding types"). Its
**members** are its child bullets (the name before a colon, a dash or a parenthesis; every name of
a child that is itself a short list), the "NAME : description" lines that follow it at its own depth
(flat outlines), or the list after its colon, arrow or "are" on the same line ("Budget periods:
daily · monthly · quarterly", "of two feature sets: A, or B", "Its actors are A, B and C").

One label and its members are one concept fact: ``<scope subject> | <label> | <members>``; a member
marked "(default)" also gives ``default <label in the singular>``. A label under a defined term
names the term ("file formats:" under "Custom terminology = ..." -> "custom terminology file
formats"). A stated count must agree with the members found: when it does not, the list is a note
line, never an item. A list of lower-case words is only an enumeration under a count, a closed-set
noun ("types", "tiers", "statuses") or "one of" ("Use: ingestion, analytics" is a description).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from notes.facts.concepts import (
    _COUNT_WORDS,
    _MAX_MEMBERS,
    _NOT_ENUMERATIONS,
    _VERB_RE,
    _concept,
    _singular,
    plural_label,
)
from notes.facts.context import _Ctx
from notes.facts.servicenames import service_short_name, services_named
from notes.outline import FactDraft, NoteLine

_I = re.IGNORECASE
_COUNT = r"(?P<count>\d{1,2}|" + "|".join(_COUNT_WORDS) + r")"
# Nouns that name a closed set of kinds: a list under them is an enumeration even in lower case.
_SET_NOUNS = frozenset(
    [
        "types",
        "kinds",
        "modes",
        "tiers",
        "classes",
        "levels",
        "statuses",
        "states",
        "categories",
        "options",
        "periods",
        "formats",
        "engines",
        "methods",
        "families",
        "editions",
        "protocols",
        "phases",
        "settings",
        "values",
        "actions",
        "sets",
        "schedules",
        "speeds",
        "frequencies",
        "versions",
        "flavors",
        "flavours",
        "variants",
        "roles",
    ]
)
_SINGULAR_SET_NOUNS = {
    "status": "statuses",
    "type": "types",
    "mode": "modes",
    "tier": "tiers",
    "class": "classes",
    "level": "levels",
    "category": "categories",
    "option": "options",
    "state": "states",
}
# Words no member of a list has: a child that has one is a sentence.
_SENTENCE_RE = re.compile(
    r"(?<![\w-])(?:is|are|was|were|be|been|can|can't|cannot|could|will|won't|would|may|might|must|should|"
    r"has|have|had|does|do|don't|doesn't|get|gets|needs?|makes?|keeps?|runs|goes|takes|uses)(?![\w-])",
    _I,
)
_PREPOSITION_RE = re.compile(r"\s(?:over|in|for|with|from|to|by|of|on|into|per|at|that|which|via)\s", _I)
_HEAD_END_RE = re.compile(r"\s*(?::\s|:$|\s[–—-]\s|\s?(?:->|→|=)\s|;)")
_ARTICLE_RE = re.compile(r"^(?:the|a|an)\s+", _I)
_QUANTITY_RE = re.compile(r"^\d[\d,.]*\s*[A-Za-z]{1,6}$")
_LIST_SPLIT_RE = re.compile(r"\s*(?:,|;|·|\u2022)\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+")
_DEFAULT_RE = re.compile(r"\(\s*(?:the\s+)?default\s*\)", _I)


def _count_of(word: str | None) -> int | None:
    if word is None:
        return None
    return int(word) if word.isdigit() else _COUNT_WORDS.get(word.lower())


def _pluralise(noun: str) -> str:
    return _SINGULAR_SET_NOUNS.get(noun.lower(), noun)


def _kinds_of(phrase: str) -> str:
    """ "kinds of findings" -> "finding types"; any other phrase as it is."""
    match = re.fullmatch(
        r"(?:kinds?|types?|sorts?)\s+of\s+(?P<noun>[\w-]+(?:\s+[\w-]+)?)", phrase.strip(), _I
    )
    return f"{_singular(match.group('noun').lower())} types" if match else phrase


# What a count can announce that names nothing: "four of them", "two kinds", "three more".
_VAGUE_RE = re.compile(
    r"^(?:of|more|other|others|times|them|these|those|kinds?|types?|sorts?|ways?)\b(?!\s+to)", _I
)


def label_of(text: str, *, counted_only: bool = False) -> tuple[int | None, str] | None:
    """(stated count, attribute) of a line that announces a list, or None."""
    text = re.sub(r"\s*\([^()]*\)", "", text.strip()).strip().rstrip(":").strip()
    if not text or len(text) > 120:
        return None
    match = re.fullmatch(_COUNT + r"\s+(?P<rest>[A-Za-z][\w/ -]{1,60})", text, _I)
    if match is None:
        # "... recommends improvements in six categories", "... gives you four ways to ...".
        match = re.search(r"\b" + _COUNT + r"\s+(?P<rest>[a-z][\w-]*(?:\s+[a-z][\w-]*){0,8})$", text, _I)
    if match is not None:
        rest = _kinds_of(match.group("rest").strip())
        if re.search(r"\d", rest) or rest.lower() in _NOT_ENUMERATIONS or _VAGUE_RE.match(rest):
            return None
        return _count_of(match.group("count")), rest.lower() if not rest.isupper() else rest
    if counted_only:
        return None
    label = plural_label(re.sub(r"^(?:other|more|further)\s+", "", text, flags=_I))
    if label:
        return None, label
    words = text.split()
    if 1 <= len(words) <= 3 and words[-1].lower() in _SINGULAR_SET_NOUNS and not _VERB_RE.search(text):
        return None, " ".join([*(w.lower() for w in words[:-1]), _pluralise(words[-1].lower())])
    return None


def _member_like(item: str, *, counted: bool) -> bool:
    words = [w for w in item.split() if w not in {"/", "+", "&"}]
    if not words or len(words) > (5 if counted else 4) or re.search(r"https?://", item):
        return False
    if _QUANTITY_RE.match(item):
        return True
    if not item[:1].isalnum() or (item[:1].isdigit() and not re.match(r"\d+[A-Za-z]", item)):
        return False
    if _SENTENCE_RE.search(item) or re.search(r"\d+\s*(?:%|ms|s|kb|mb|gb|tb)\b", item, _I):
        return False
    return counted or not _VERB_RE.search(re.sub(r"\s+only$", "", item))


def _clean(item: str) -> str:
    item = _ARTICLE_RE.sub("", item.strip().strip("`*_\"'").strip(" .,:;"))
    return item.strip("`*_").strip()


def split_items(text: str) -> list[tuple[str, bool]]:
    """(item, marked default) of an inline list: commas, semicolons, "·", "and", "or"."""
    out = []
    text = _DEFAULT_RE.sub(" DEFAULTMARK", text)
    for raw in _LIST_SPLIT_RE.split(re.sub(r"\s*\([^()]*\)", "", text.strip().rstrip("."))):
        default = "DEFAULTMARK" in raw
        item = _clean(raw.replace(" DEFAULTMARK", "").replace("DEFAULTMARK", ""))
        if item:
            out.append((item, default))
    return out


def child_members(text: str, *, counted: bool) -> list[tuple[str, bool]] | None:
    """The members one child line gives: the name before its description, or every name of a child
    that is a short list ("NFS shares, SMB shares, HDFS"); None when the child is a sentence."""
    text = re.sub(r"^\s*(?:\d{1,2}[.)]|[a-z][.)])\s+", "", text.strip())
    default = bool(_DEFAULT_RE.search(text))
    head = _HEAD_END_RE.split(text, maxsplit=1)[0]
    head = re.sub(r"\s*\([^()]*\)", "", head).strip()
    if "," in head or re.search(r"\s(?:and|or|&)\s|·", head):
        items = split_items(head)
        if len(items) >= 2 and all(_member_like(i, counted=False) for i, _ in items):
            return items
        head = head.split(",")[0]  # "Real-time, one document per call": the name, then what it is
    head = _clean(head)
    if counted and len(head.split()) > 5:
        head = _clean(_PREPOSITION_RE.split(head, maxsplit=1)[0])
    if not _member_like(head, counted=counted) or (not counted and len(head.split()) > 3):
        return None
    return [(head, default)]


def enum_facts(
    ctx: _Ctx,
    subject: str,
    label: str,
    members: Sequence[tuple[str, bool]],
    used: Sequence[NoteLine],
    count: int | None = None,
) -> list[FactDraft]:
    """The concept fact of one list (and its default); a note when a stated count disagrees."""
    names: list[str] = []
    for name, _default in members:
        if name.lower() not in {n.lower() for n in names}:
            names.append(name)
    if len(names) < 2 or len(names) > _MAX_MEMBERS + 2:
        return []
    if any(n.lower() == subject.lower() or n.lower() in subject.lower().split() for n in names):
        return []  # "triggers: dynamodb, streams, lambda" lists the parts of a design, not kinds of a thing
    text = "\n".join(line.text for line in used)
    lines = tuple(line.number for line in used)
    fact = _concept(ctx, subject, label, ", ".join(names), text=text, lines=lines)
    if count is not None and count != len(names):
        return [replace(fact, note=True)]
    facts = [fact]
    defaults = [name for name, default in members if default]
    if len(defaults) == 1:
        facts.append(
            _concept(ctx, subject, f"default {_singular(label)}", defaults[0], text=text, lines=lines)
        )
    return facts


def _heading_label(heading: NoteLine | None) -> str | None:
    """The label a heading gives after the service it names ("Amazon SageMaker inference options"); None
    for a heading that names no catalogue service (it cannot be split into subject and label)."""
    if heading is None or not services_named(heading.text, require_all=False, anywhere=True):
        return None
    return plural_label(heading.text)


def enumeration_facts(
    lines: Sequence[NoteLine], contexts: Sequence[_Ctx], heading: NoteLine | None
) -> list[FactDraft]:
    """Enumerations under the section heading, under a label line, in a flat run after a label, and
    an FAQ question answered by a list."""
    facts: list[FactDraft] = []
    if not lines:
        return facts
    count = None
    label = plural_label(heading.text) if heading is not None else None
    named_part = (
        re.match(r"^(?P<name>[^:]{2,60}):\s*(?P<rest>\S.*)$", heading.text) if heading is not None else None
    )
    if (
        label is None
        and named_part
        and named_part.group("name").strip().lower().endswith(contexts[0].subject.lower())
    ):
        found = label_of(named_part.group("rest"))  # "Volume Gateway: two modes"
        if found is not None and len(found[1].split()) <= 3:
            count, label = found
    counted_heading = _COUNTED_HEADING_RE.match(heading.text) if heading is not None else None
    if counted_heading:
        # "Placement groups (three strategies)": the heading counts the kinds its top lines name.
        count, label = _count_of(counted_heading.group("count")), counted_heading.group("noun").lower()
        if label.startswith("of "):  # "Queue modes (three of them)": the name says what is counted
            label = plural_label(counted_heading.group("name")) or ""
    if heading is not None and label:
        subject_words = contexts[0].subject.lower().split()
        words = label.split()
        while len(words) > 1 and words[0].lower() in subject_words:
            words.pop(0)  # "Zed allocation strategies" under Amazon Zed: the allocation strategies
        label = " ".join(words)
        top = min(line.depth for line in lines)
        tops = [line for line in lines if line.depth == top]
        members = [child_members(line.text, counted=False) for line in tops]
        named = services_named(heading.text, require_all=False, anywhere=True) or ()
        subject = service_short_name(named[0]) if named else contexts[0].subject
        # A heading no catalogue service is named in cannot be split into subject and label.
        singles = [m[0] for m in members if m and len(m) == 1]
        if (
            (named or counted_heading or heading.text.strip() != contexts[0].subject)
            and len(tops) >= 2
            and (len(singles) == len(tops) or (counted_heading and len(singles) == count))
        ):
            facts += enum_facts(contexts[0], subject, label, singles, tops, count)
    position = {line.number: i for i, line in enumerate(lines)}
    for index, line in enumerate(lines):
        facts += _qa_list(lines, contexts, index)
        if re.search(r":\s*\S", line.text):
            continue
        found = label_of(line.text)
        if found is None:
            continue
        count, label = found
        if count is not None and len(label.split()) > 4:
            label = _heading_label(heading) or ""
            if not label:
                continue
        children = [follower for follower in _children(lines, index) if follower.depth == line.depth + 1]
        if children:
            members = [child_members(child.text, counted=count is not None) for child in children]
            # A child that is itself a list ("NFS shares, SMB shares") is members only beside children
            # that are names too (not "Request Phase" over its own lines), and only of names.
            lists = [
                ms
                for child, ms in zip(children, members, strict=True)
                if ms and len(ms) > 1 and not _HEAD_END_RE.search(child.text)
            ]
            described = any(
                position[child.number] + 1 < len(lines)
                and lines[position[child.number] + 1].depth > child.depth
                for child in children
            )
            flat_members = [m for ms in members if ms for m in ms]
            if lists and (described or not _lists_names(flat_members, label, count, False)):
                continue
            if all(members):
                flat = [m for found_members in members if found_members for m in found_members]
                facts += enum_facts(contexts[index], contexts[index].subject, label, flat, children, count)
            continue
        facts += _flat_run(lines, contexts, index, label)
    return facts


_COUNTED_HEADING_RE = re.compile(
    r"^(?P<name>[^()]{2,60}?)\s*\(\s*" + _COUNT + r"\s+(?P<noun>[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2})\s*\)\s*$",
    _I,
)


def _children(lines: Sequence[NoteLine], index: int) -> list[NoteLine]:
    out = []
    for follower in lines[index + 1 :]:
        if follower.depth <= lines[index].depth:
            break
        out.append(follower)
    return out


_NAME_COLON_RE = re.compile(r"^(?P<name>[A-Za-z][\w@/.-]*(?:\s+[\w@/.-]+){0,2})\s*:(?:\s+\S.*)?$")


def _flat_run(lines: Sequence[NoteLine], contexts: Sequence[_Ctx], index: int, label: str) -> list[FactDraft]:
    """A label followed, at its own depth, by "NAME : description" lines (flat outlines)."""
    line = lines[index]
    members: list[tuple[str, bool]] = []
    used: list[NoteLine] = []
    skipped = False
    for follower in lines[index + 1 : index + 1 + _MAX_MEMBERS + 1]:
        if follower.depth < line.depth:
            break
        if follower.depth > line.depth:
            continue  # the description of the member above
        match = _NAME_COLON_RE.match(follower.text)
        found = child_members(match.group("name"), counted=False) if match else None
        if not found or len(found) != 1:
            if not members and not skipped and len(follower.text.split()) <= 3:
                skipped = True  # "SUCCEED % FAIL": one odd line right after the label
                continue
            break
        members.append((found[0][0], bool(_DEFAULT_RE.search(follower.text))))
        used.append(follower)
    if len(members) < 2:
        return []
    return enum_facts(contexts[index], contexts[index].subject, label, members, [line, *used])


_INLINE_ENUM_RE = re.compile(
    r"^(?:" + _COUNT + r"\s+)?(?P<label>[A-Za-z][\w/ -]{1,40}?)\s*(?:\([^()]*\)\s*)?"
    r"(?::|→|->|=)\s*(?P<list>[^:→=]+?)\.?$",
    _I,
)
_ONE_OF_RE = re.compile(
    r"^(?P<np>[A-Za-z][\w-]*(?:\s+[\w-]+){0,2}?)\s+(?:(?:is|are|comes?\s+back\s+as|can\s+be|must\s+be|"
    r"returns?|takes?)\s+)?(?:always\s+)?one\s+of\s*:?\s+(?P<list>[^.:;]+)",
    _I,
)
_COUNTED_RE = re.compile(
    r"\b" + _COUNT + r"\s+(?P<label>[a-z][\w-]*(?:\s+[\w-]+){0,2}?)\s*:\s*(?P<list>[^.;:]+)", _I
)
_ARE_RE = re.compile(
    r"^(?:its|their|the)\s+(?P<label>[a-z][\w-]*(?:\s+[\w-]+){0,2}?)(?:\s+(?:you|we|it|they)(?:\s+[\w-]+){1,4})?"
    r"\s+are\s+(?P<list>[^.;:()]+?)\.?$",
    _I,
)
_DEFINED_PARENT_RE = re.compile(r"^(?P<term>[A-Za-z][\w-]*(?:\s+[\w-]+){0,3}?)\s*(?:=|→|->|\s[–—]\s)\s*\S")


def _lists_names(items: Sequence[tuple[str, bool]], label: str, count: int | None, one_of: bool) -> bool:
    """A lower-case list is a description unless a count, a closed-set noun or "one of" announces it."""
    capitals = sum(1 for i, _ in items if i[:1].isupper() or i[:1].isdigit())
    last = label.split()[-1].lower() if label.split() else ""
    # "Targets: instance IDs, tags or resource groups": a plural label over three or more short names
    names = len(items) >= 3 and all(len(i.split()) <= 3 and not _VERB_RE.search(i) for i, _ in items)
    plural = last.endswith("s") and not last.endswith("ss") and plural_label(label) is not None
    return (
        count is not None or one_of or last in _SET_NOUNS or capitals * 2 > len(items) or (names and plural)
    )


def _parent_term(ctx: _Ctx) -> str:
    """The term the parent line defines ("Custom terminology = ..."), "" for none."""
    if not ctx.line.path:
        return ""
    match = _DEFINED_PARENT_RE.match(ctx.line.path[-1])
    if not match or _VERB_RE.search(match.group("term")):
        return ""
    term = match.group("term")
    words = term.split()
    if len(words) >= 2 and words[0][:1].isupper() and all(w.islower() for w in words[1:]):
        term = term[:1].lower() + term[1:]
    return term


def _inline(
    ctx: _Ctx, label: str, listed: str, count: int | None, *, one_of: bool = False
) -> list[FactDraft]:
    items = split_items(listed)
    closed = count is not None or one_of or (label.split() or [""])[-1].lower() in _SET_NOUNS
    if len(items) < 2 or not all(_member_like(i, counted=closed) for i, _ in items):
        return []
    if not _lists_names(items, label, count, one_of):
        return []
    term = _parent_term(ctx)
    if term and not label.lower().startswith(term.lower()):
        label = f"{term} {label}"
    return enum_facts(ctx, ctx.subject, label, items, [ctx.line], count)


def inline_enumeration(ctx: _Ctx, text: str) -> list[FactDraft]:
    """ "Two launch types -> EC2 and Fargate", "States: Choice, Pass, Wait", "<x> comes back as one
    of: A, B", "one of two feature sets: A, or B", "Its actors are A, B and C"."""
    text = re.sub(r"^A\s*:\s*", "", text.strip())
    if match := _INLINE_ENUM_RE.match(text):
        count = _count_of(match.group("count"))
        found = label_of(match.group("label"))
        if found is not None and found[0] is None:
            label = found[1]
            if count is not None or ":" in text:  # "X -> A and B" without a count may be a consequence
                facts = _inline(ctx, label, match.group("list"), count)
                if facts:
                    return facts
        elif found is None and count is None and _DEFAULT_RE.search(match.group("list")):
            # "client affinity: NONE (default) or SOURCE_IP": the options of one setting and its default.
            name = match.group("label").strip()
            words = name.split()
            if 1 <= len(words) <= 3 and not _VERB_RE.search(name) and not re.search(r"\d", name):
                items = split_items(match.group("list"))
                if sum(d for _, d in items) == 1 and all(_member_like(i, counted=True) for i, _ in items):
                    setting = name.lower() if not name.isupper() else name
                    facts = enum_facts(ctx, ctx.subject, f"{setting} options", items, [ctx.line])
                    if facts:
                        default = next(i for i, d in items if d)
                        return [facts[0], _concept(ctx, ctx.subject, f"default {setting}", default)]
    if match := _ONE_OF_RE.match(text):
        np = match.group("np").lower()
        if np.split()[0] not in {"it", "this", "that", "they", "which", "each", "one"}:
            facts = _inline(ctx, f"{np} values", match.group("list"), None, one_of=True)
            if facts:
                return facts
    for match in _COUNTED_RE.finditer(text):
        owner = re.search(
            r"(?P<noun>[a-z][\w-]*\s+[a-z][\w-]*),\s+of\s+which\s+there\s+are\s*$", text[: match.start()], _I
        )
        if owner and re.fullmatch(r"kinds|types|sorts", match.group("label"), _I):
            noun = " ".join(
                [
                    *owner.group("noun").lower().split()[:-1],
                    _singular(owner.group("noun").split()[-1].lower()),
                ]
            )
            facts = _inline(ctx, f"{noun} types", match.group("list"), _count_of(match.group("count")))
            if facts:
                return facts
        found = label_of(f"{match.group('count')} {match.group('label')}", counted_only=True)
        if found is not None and len(found[1].split()) <= 3:
            facts = _inline(ctx, found[1], match.group("list"), found[0])
            if facts:
                return facts
    if (match := _ARE_RE.match(text)) and (label := plural_label(match.group("label"))):
        items = split_items(match.group("list"))
        if len(items) >= 3 and re.search(r"\band\b", match.group("list")):
            return _inline(ctx, label, match.group("list"), None, one_of=True)
    return []


_QUESTION_RE = re.compile(
    r"^(?:Q\s*:\s*)?(?:what|which)\s+(?P<np>(?:kinds?|types?|sorts?)\s+of\s+[\w-]+|[\w-]+(?:\s+[\w-]+){0,2}?)\s+"
    r"(?:can|could|does|do|are|is|will|must|should|there)\b",
    _I,
)
# "Which streaming protocols?": the question is only its noun phrase.
_BARE_QUESTION_RE = re.compile(r"^(?:Q\s*:\s*)?(?:what|which)\s+(?P<np>[\w-]+(?:\s+[\w-]+){0,2})\s*\?$", _I)
# "Do I need a directory?" answered by a list: the directories it can use.
_NEED_A_RE = re.compile(
    r"^(?:Q\s*:\s*)?(?:do|does|can|must|should)\s+(?:i|you|we|it|they|one)\s+(?:need|use|require|choose|pick)\s+"
    r"(?:a|an|one)\s+(?P<np>[a-z][\w-]*(?:\s+[a-z][\w-]*)?)\s*\?$",
    _I,
)


def _asked_for(question: str) -> str | None:
    """The noun phrase an FAQ question asks a list of (lower case), None when it asks none."""
    for pattern in (_QUESTION_RE, _BARE_QUESTION_RE):
        found = pattern.match(question)
        if found:
            return found.group("np").lower()
    needed = _NEED_A_RE.match(question)
    return _plural(needed.group("np").lower()) if needed else None


def _plural(phrase: str) -> str:
    head, _, last = phrase.rpartition(" ")
    if re.search(r"[^aeiou]y$", last):
        last = last[:-1] + "ies"
    elif not last.endswith("s"):
        last += "es" if last.endswith(("ch", "sh", "x")) else "s"
    return f"{head} {last}".strip()


_ANSWER_RE = re.compile(
    r"^(?:A\s*:\s*)?(?:" + _COUNT + r"\s*(?:[\w ]{0,30})?:\s*)?(?P<list>.+?)(?:\.\s+(?=[A-Z(])|\.?$)", _I
)


def _qa_list(lines: Sequence[NoteLine], contexts: Sequence[_Ctx], index: int) -> list[FactDraft]:
    """ "Q: What workflow statuses can a finding have?" answered by "A: NEW, NOTIFIED, RESOLVED": the
    answer is a child of its question (the parser drops the markers, see notes.parser)."""
    path = lines[index].path
    if index == 0 or not path or not path[-1].rstrip().endswith("?"):
        return []
    asked_for = _asked_for(path[-1].strip())
    said = re.sub(r"^(?:yes|no)\b\s*[:,.;-]?\s*", "", lines[index].text.strip(), flags=_I)
    answer = _ANSWER_RE.match(re.sub(r"\s*\([^()]*\)", "", said))
    if asked_for is None or answer is None:
        return []
    label = _kinds_of(asked_for)
    if label == asked_for and not plural_label(label):
        return []
    count = _count_of(answer.group("count"))
    items = split_items(answer.group("list"))
    if len(items) < 2 or not all(_member_like(i, counted=True) for i, _ in items):
        return []
    asked = [lines[index - 1]] if lines[index - 1].text == path[-1] else []
    # The question's subject: an answer that lists services ("Simple AD, AD Connector") is not about them.
    ctx = contexts[index - 1] if asked else contexts[index]
    ctx = replace(ctx, line=lines[index])
    return enum_facts(ctx, ctx.subject, label, items, [*asked, lines[index]], count)
