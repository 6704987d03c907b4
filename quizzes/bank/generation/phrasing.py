"""Question and statement wording per attribute.

The fact extractor names attributes from a lexicon, so a small phrasebook covers the attributes
whose generic wording ("What is the X of Y?") would read badly. ``{s}`` is the subject phrase in a
sentence ("Lambda", "an SQS FIFO queue"), ``{S}`` the same at the start of a sentence and ``{v}``
the value.
"""

from __future__ import annotations

import re

from .wording import (
    attribute_phrase,
    be,
    capitalise,
    indefinite_article,
    is_plural,
    needs_article,
    possessive,
    qualified,
    singular,
    subject_phrase,
    without_subject_noun,
)

# Questions for the attributes of the reader's own closed vocabularies of invocation behaviour and
# consistency (``notes/facts/modes.py``, ``notes/facts/consistency.py``): general words, never a
# service or a phrase of some notes. Every other attribute is asked by the general templates below
# from its qualifier, its words and the subject.
QUESTIONS: dict[str, str] = {
    # invocation behaviour
    "maximum async retries": "How many times at most does {s} retry a failed asynchronous invocation?",
    "caller behaviour": "How does the caller behave in {s}?",
    "error and retry handling": "Who handles errors and retries in {s}?",
    "idempotency": "What must be true of the function's processing in {s}?",
    "mechanism": "How {does} {s} work?",
    "permissions": "Whose permissions does {s} use to read from the source?",
    "batch error handling": "What happens to a batch in {s} when the function returns an error?",
    "invocation type": "How does {s} invoke the function?",
    "invocations per shard": "How many invocations per shard does {s} run at a time?",
    "processed records": "What happens to records that {s} has processed?",
    "processed messages": "What happens to messages that {s} has processed?",
    "destinations (discarded batches only)": "Where can {s} send discarded batches?",
    "DLQ targets": "Which services can be the dead-letter queue of {s}?",
    "DLQ location": "Where is the dead-letter queue configured for {s}?",
    "scaling": "How {does} {s} scale?",
    "destinations": "Which destinations can {s} send results to?",
    "InvocationType parameter": "Which InvocationType parameter value requests {s}?",
    # consistency
    "delivery guarantee": "What delivery guarantee {does} {s} provide?",
    "ordering": "What ordering {does} {s} guarantee?",
    "duplicates": "Can {s} deliver duplicate messages?",
    "ordering scope": "At what scope does {s} keep messages in order?",
    "strongly consistent reads": "Does {s} offer strongly consistent reads?",
    "replication": "How {does} {s} replicate data?",
    # call modes (notes/facts/callmodes.py)
    "invocation model": "Which invocation model {does} {s} use?",
    "source invocation model": "How {does} {s} get events from its source?",
    "notifications": "Which service can receive the notifications of {s}?",
    "completion notification": "Which service is told when a job of {s} finishes?",
    "consumers": "How many consumers can read from {s}?",
    # concepts
    "grants": "What does {subject} grant?",
}
STATEMENTS: dict[str, str] = {
    "maximum async retries": "{S} retries a failed asynchronous invocation at most {v} times.",
}
_HTTP_MEANING = re.compile(r"^HTTP (\w+) meaning$")


def subject_forms(subject: str) -> dict[str, str]:
    phrase = subject_phrase(subject)
    # "Cognito user pools" take "do"; a service name such as "Step Functions" is one thing.
    last = subject.split()[-1] if subject.split() else ""
    plural = is_plural(subject) and last.islower()
    return {
        "s": phrase,
        "S": capitalise(phrase),
        "subject": " ".join(subject.split()),
        "does": "do" if plural else "does",
    }


def quantity_phrase(subject: str, attribute: str) -> str:
    """The noun phrase naming a quantity: "Lambda's maximum execution time", "the maximum number of
    messages per request for SQS"."""
    attr = attribute_phrase(attribute)
    # "minimum maximum event age" is a noun stack: the lowest a maximum may be set to
    attr = re.sub(r"^minimum (maximum|minimum) ", r"lowest allowed \1 ", attr)
    attr = re.sub(r"^maximum (maximum|minimum) ", r"highest allowed \1 ", attr)
    head, _, per = attr.partition(" per ")
    phrase = subject_phrase(subject)
    last = phrase.split()[-1].lower() if phrase.split() else ""
    # "virtual tapes per gateway for Tape Gateway" says the subject's noun twice: "per Tape Gateway"
    own = per and phrase == " ".join(subject.split()) and singular(per) == singular(last)
    # "attachments per transit gateway" of Transit Gateway: the per phrase is the subject itself
    own = own or bool(per and phrase.lower() == singular(per.split(" per ")[0]).lower())
    counted_itself = singular(head).lower() == phrase.lower()  # "transit gateways per account"
    per = f" per {per}" if per else ""
    if is_plural(head) and counted_itself:
        return f"the number of {head}{per}"
    if is_plural(head):
        first, _, rest = head.partition(" ")
        if first in QUALIFIER_ADJECTIVES and rest:
            return (
                f"the {first} number of {rest} per {phrase}"
                if own
                else f"the {first} number of {rest}{per} for {phrase}"
            )
        return f"the number of {head} per {phrase}" if own else f"the number of {head}{per} for {phrase}"
    last = phrase.split()[-1] if phrase.split() else ""
    if (
        needs_article(subject)
        or is_plural(subject)
        or phrase.endswith(")")
        or (" " in phrase and last.islower())
    ):
        # "Step Functions standard's ..." reads as a noun stack: a possessive is for a name
        return f"the {attr} of {phrase}"
    return f"{possessive(phrase)} {attr}"


_TRANSFER_VERBS = {
    "upload": "upload",
    "backup": "back up",
    "copy": "copy",
    "write": "write",
    "send": "send",
    "sync": "sync",
    "transfer": "transfer",
    "mirroring": "mirror",
    "flush": "flush",
    "shipping": "ship",
}
_DELIVERY = re.compile(r"^([A-Z][\w-]*(?: [A-Z][\w-]*)?) delivery$")  # a service's name, then "delivery"
_TRANSFER = re.compile(rf"^({'|'.join(_TRANSFER_VERBS)}) to (.+)$", re.IGNORECASE)


def question_for(subject: str, attribute: str, dimension: str = "") -> str:
    """A grammatical question asking for the fact's value (``dimension`` is set for limits only)."""
    forms = subject_forms(subject)
    if attribute in QUESTIONS:
        return QUESTIONS[attribute].format(**forms)
    http = _HTTP_MEANING.match(attribute)
    if http:
        return f"What does HTTP status {http.group(1)} from {forms['s']} mean?"
    if delivery := _DELIVERY.match(attribute):  # "EventBridge delivery" (notes/facts/transfers.py)
        what = forms["s"]
        if what == " ".join(subject.split()) and subject.split()[-1].islower() and forms["does"] == "does":
            what = f"{'an' if what[:1].lower() in 'aeiou' else 'a'} {what}"  # "a Macie new finding"
        return f"When {forms['does']} {what} reach {delivery.group(1)}?"
    if transfer := _TRANSFER.match(attribute):  # "upload to AWS" (notes/facts/transfers.py)
        verb = _TRANSFER_VERBS[transfer.group(1).lower()]
        return f"How {forms['does']} {forms['s']} {verb} data to {transfer.group(2)}?"
    if not dimension and is_plural(attribute_phrase(attribute)):
        return f"Which {listed_kind(attribute, subject)} {forms['does']} {forms['s']} have?"
    phrase = quantity_phrase(subject, attribute)
    verb = "is" if re.match(r"the (?:\w+ )?number of", phrase) else be(attribute_phrase(attribute))
    return f"What {verb} {phrase}?"


_COUNT_WORDS = frozenset(
    ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "several", "many", "multiple"]
)  # fmt: skip


def listed_kind(attribute: str, subject: str) -> str:
    """The plural noun a list is of, without the subject's name said before it or a count ("Volume
    Gateway: two modes" -> "modes", never "Which volume gateway two modes does Volume Gateway have?")."""
    words = attribute_phrase(attribute).split()
    own = [w.lower() for w in subject.split() if w.lower() not in _VENDORS]
    if own and [w.lower() for w in words[: len(own)]] == own and len(words) > len(own):
        words = words[len(own) :]
    if len(words) > 1 and (words[0].lower() in _COUNT_WORDS or words[0].isdigit()):
        words = words[1:]
    return " ".join(words)


def statement_for(subject: str, attribute: str, value: str) -> str:
    """A sentence stating the fact, with ``value`` in place (a cloze deletion or plain text)."""
    forms = subject_forms(subject)
    if attribute in STATEMENTS:
        return STATEMENTS[attribute].format(v=value, **forms)
    phrase = quantity_phrase(subject, attribute)
    verb = "is" if re.match(r"the (?:\w+ )?number of", phrase) else be(attribute_phrase(attribute))
    return f"{capitalise(phrase)} {verb} {value}."


def prompt_for(subject: str, attribute: str, dimension: str = "") -> str:
    """Front of a plain flashcard: the question, asked the same way as the matching MCQ."""
    return question_for(subject, attribute, dimension)


ANSWERS: dict[tuple[str, str], str] = {
    ("duplicates", "prevented"): "No: duplicates are prevented",
    ("duplicates", "possible"): "Yes: duplicates are possible",
}


def answer_for(attribute: str, value: str) -> str:
    """The value as the answer to :func:`question_for` ("No: duplicates are prevented")."""
    return ANSWERS.get((attribute, value.lower().strip()), value)


# -- limits: the qualifier and the scope in every stem ---------------------------------------------

QUALIFIER_ADJECTIVES = ("maximum", "minimum", "default", "typical")
# How a qualifier reads as an adverb: "How long does SQS keep a message by default?".
_KEEP_ADVERBS = {"maximum": "at most", "minimum": "at least", "default": "by default", "typical": "typically"}
# Attribute heads that mean "how long something is kept" (a general lexicon, not a service's).
_KEEPING = frozenset({"retention", "retention period"})


def limit_attribute(fact) -> tuple[str, str]:
    """(qualifier, attribute) of a limit as the stems say it: the qualifier read once
    (:func:`~quizzes.bank.generation.wording.qualified`) and no word repeating the subject's noun."""
    qualifier, base = qualified(fact)
    base = without_subject_name(without_subject_noun(base, fact.subject), fact.subject)
    if getattr(fact, "dimension", "") == "time":
        base = with_time_noun(base)
    return qualifier, base


# General English nouns that already say "a length of time"; any other head of a time limit gets
# "time" ("cold start" -> "cold start time").
_TIME_NOUNS = frozenset(
    {
        "time",
        "timeout",
        "interval",
        "period",
        "duration",
        "retention",
        "window",
        "delay",
        "latency",
        "ttl",
        "age",
        "expiry",
        "expiration",
        "lifetime",
        "wait",
        "lag",
        "uptime",
        "downtime",
        "cooldown",
        "heartbeat",
    }
)
# General English nouns of an event or a process, whose length "<noun> time" names ("execution time",
# "cold start time", "request time"); with the suffixes of :data:`_PROCESS_SUFFIXES`. "Finding time",
# "history time" or "findings kept time" name no length of anything: such a fact is not taught.
_PROCESS_NOUNS = frozenset(
    {
        "start", "startup", "restart", "shutdown", "boot", "run", "runtime", "build", "request", "response",
        "call", "query", "read", "write", "scan", "job", "task", "step", "load", "upload", "download",
        "transfer", "sync", "copy", "test", "trip", "round", "processing", "loading", "waiting", "training",
        "polling", "idle", "compute", "cpu", "travel", "lead", "turnaround", "warmup", "warm-up", "setup",
        "handshake", "render", "restore", "backup", "failover", "recovery", "queue", "queued", "wall",
        "wall-clock", "clock", "life", "hold", "think", "seek", "access",
    }
)  # fmt: skip
_PROCESS_SUFFIXES = ("tion", "sion", "ment", "ance", "ence", "ure", "al")
_HEAD_END = re.compile(r"\s+(?:per|for|in|of|on|at)\s+.*$")


def names_a_length(base: str) -> bool:
    """Whether "... time" in an attribute names the length of something: the word before it is an
    event or a process ("execution time"), not a thing ("finding time") or a verb ("kept time")."""
    words = [w.lower() for w in _HEAD_END.sub("", base).split()]
    if len(words) < 2 or words[-1] != "time":
        return True
    before = words[-2]
    return (
        before in _PROCESS_NOUNS or singular(before) in _PROCESS_NOUNS or before.endswith(_PROCESS_SUFFIXES)
    )


def with_time_noun(base: str) -> str:
    head_part = _HEAD_END.sub("", base)
    words = head_part.split()
    if not words or singular(words[-1]) in _TIME_NOUNS or words[-1].lower() in _TIME_NOUNS:
        return base
    return head_part + " time" + base[len(head_part) :]


_VENDORS = frozenset({"aws", "amazon"})


def without_subject_name(base: str, subject: str) -> str:
    """Drop an attribute word that repeats a name of the subject: "Aurora replicas per cluster" of
    "Amazon Aurora" is "replicas per cluster" (never "aurora replicas ... for Amazon Aurora")."""
    own = [w for w in subject.split() if w.lower() not in _VENDORS]
    if len(own) != 1 or not own[0][:1].isupper():  # "Acme File System": "file size" is no repeat
        return base
    names = {own[0].lower()}
    words = base.split()
    kept = [w for w in words if w.lower() not in names]
    return " ".join(kept) if kept and len(kept) < len(words) else base


def _kept_thing(base: str, subject: str) -> str | None:
    """ "a message" for a "message retention", "data" for a bare "retention"; None if not a retention."""
    words = base.split()
    for size in (2, 1):
        if len(words) >= size and " ".join(words[-size:]).lower() in _KEEPING:
            thing = " ".join(words[:-size])
            if not thing:
                return "data"
            if thing.islower() and is_plural(thing):  # "automated backups": the things kept
                return thing
            if len(thing.split()) == 1 and not is_plural(thing) and thing.islower():
                if singular(thing) in {singular(w) for w in subject.lower().split()}:
                    return "data" if "data" not in subject.lower().split() else "records"
                return f"{indefinite_article(thing)} {thing}"
            # "memory store retention": data kept in a place, not a thing kept
            return (
                f"data in the {thing}" if "data" not in subject.lower().split() else f"records in the {thing}"
            )
    return None


def limit_question(fact) -> str:
    """ "What is the maximum memory of a Lambda function?", "How long does SQS keep a message by
    default?": the qualifier and the subject in every stem, grammatical, never a repeated noun."""
    if fact.attribute in QUESTIONS:
        return QUESTIONS[fact.attribute].format(**subject_forms(fact.subject))
    qualifier, base = limit_attribute(fact)
    thing = _kept_thing(base, fact.subject) if fact.dimension == "time" else None
    if thing is not None:
        forms = subject_forms(fact.subject)
        adverb = _KEEP_ADVERBS.get(qualifier, "")
        if qualifier == "typical":
            return f"How long {forms['does']} {forms['s']} typically keep {thing}?"
        if qualifier == "minimum":  # "keep a message at least?" reads as a demand, not a question
            return f"What is the shortest time {forms['s']} can keep {thing}?"
        return " ".join(f"How long {forms['does']} {forms['s']} keep {thing} {adverb}".split()) + "?"
    attribute = f"{qualifier} {base}".strip()
    return question_for(fact.subject, attribute, fact.dimension or "count")


def limit_statement(fact, value: str) -> str:
    """The fact as a sentence with ``value`` in place (plain text or a cloze deletion)."""
    if fact.attribute in STATEMENTS:
        return STATEMENTS[fact.attribute].format(v=value, **subject_forms(fact.subject))
    qualifier, base = limit_attribute(fact)
    thing = _kept_thing(base, fact.subject) if fact.dimension == "time" else None
    if thing is not None:
        forms = subject_forms(fact.subject)
        keeps = "keep" if forms["does"] == "do" else "keeps"
        if qualifier in ("maximum", "minimum"):
            return f"{forms['S']} {keeps} {thing} for {_KEEP_ADVERBS[qualifier]} {value}."
        if qualifier == "typical":
            return f"{forms['S']} typically {keeps} {thing} for {value}."
        tail = " by default" if qualifier == "default" else ""
        return f"{forms['S']} {keeps} {thing} for {value}{tail}."
    return statement_for(fact.subject, f"{qualifier} {base}".strip(), value)
