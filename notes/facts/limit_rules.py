"""Limit lexicon: the general words that decide what a quantity is and what it is of.

Data only (applying them is :mod:`notes.facts.limits`). Nothing here names a service, a subject or
an attribute of any notes: these are English words that qualify a number or name what it measures.

* :data:`QUALIFIERS`: words before a number that make it a maximum ("up to", "can't exceed",
  "extendable to"), a minimum ("at least", "min"), a default ("defaults to") or a typical value
  ("usually", "~", "about": taught as typical, never as a limit), and :data:`QUALIFIERS_AFTER`, the
  words after it ("by default", "unless you change it", "(max)").
* :data:`UNSURE_BEFORE`: words that make a number a comparison rather than a value ("less than",
  "over", "within"): such a number is a note, not a fact.
* :data:`VERB_ATTRIBUTES`: a verb that names what a duration or size measures ("kept 4 days" is a
  retention, "runs for 15 minutes" an execution time).
"""

from __future__ import annotations

import re

_I = re.IGNORECASE


def _split(words: str) -> list[str]:
    return words.split()


MAXIMUM, MINIMUM, DEFAULT, TYPICAL, PLAIN = "maximum", "minimum", "default", "typical", ""

# (pattern matched at the end of the text before the number, qualifier)
QUALIFIERS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rf"(?:{pattern})\s*[:=]?\s*$", _I), qualifier)
    for pattern, qualifier in (
        (r"\bup\s+to|\bat\s+most|\bno\s+more\s+than|\bnot\s+more\s+than|\bat\s+the\s+most", MAXIMUM),
        (
            r"\b(?:can(?:not|'t|’t|\s+not)|won't|must\s+not|may\s+not|does\s+not|doesn't)\s+(?:exceed|go\s+(?:over|above|beyond|past)|be\s+(?:more|longer|larger|bigger|greater|higher)\s+than)",
            MAXIMUM,
        ),
        (
            # "no instance can stay in a wait state for more than": nothing goes past the number.
            r"\bno\s+(?!more\b|less\b|fewer\b)[a-z]+(?:\s+[a-z]+){0,8}?\s+(?:for\s+)?(?:more|longer)\s+than",
            MAXIMUM,
        ),
        (
            r"\b(?:can(?:not|'t|’t|\s+not)|won't|must\s+not|may\s+not)\s+(?:be\s+(?:less|shorter|smaller|lower|fewer)\s+than|go\s+(?:below|under)|drop\s+below)|\bno\s+(?:fewer|shorter|smaller|lower)\s+than|\bnot\s+(?:fewer|shorter)\s+than",
            MINIMUM,
        ),
        (
            r"\b(?:a\s+)?max(?:imum)?\.?(?:\s+(?:of|is|at))?|\blimit(?:ed)?\s+(?:to|of|is)|\blimit|\bcap(?:ped)?\s+(?:at|of)",
            MAXIMUM,
        ),
        (
            r"\b(?:can\s+be\s+|be\s+)?(?:raised|increased|extended|extendable|expanded|scaled|grown|bumped)\s+(?:up\s+)?to",
            MAXIMUM,
        ),
        (
            r"\b(?:can\s+be\s+|be\s+)?(?:configured|set|adjusted)\s+up\s+to|\bas\s+(?:much|many|long|large)\s+as",
            MAXIMUM,
        ),
        (
            r"\b(?:increase|raise|extend|expand|bump|stretch)(?:e?s)?\b(?P<keep>[\w\s]{0,30}?)\bto",
            MAXIMUM,
        ),  # "can increase window to"
        (
            # "16 KB by default, raise it up to 64 KB": the words left once "up to" is read
            r"\b(?:you\s+can\s+|can\s+)?(?:increase|raise|extend|expand|bump|stretch)(?:e?s)?\s+(?:it|this|that|them)(?:\s+up)?",
            MAXIMUM,
        ),
        (
            # "scales automatically up to 100 Gbps", "bursts/scales to 100 Gbps", "can go to 125"
            r"\b(?:bursts?|scales?)(?:\s*/\s*(?:bursts?|scales?))?(?:\s+(?:automatically|out|up))*(?:\s+to)?"
            r"|\b(?:can|could|may)\s+go\s+(?:up\s+)?to",
            MAXIMUM,
        ),
        (r"≤|<=|\bthe\s+(?:ceiling|cap|upper\s+bound|hard\s+limit)(?:\s+is)?|\blongest", MAXIMUM),
        (
            r"\bthe\s+(?:floor|lower\s+bound)(?:\s+is)?|\bshortest|\bat\s+least|\bno\s+less\s+than|\bnot\s+less\s+than|\b(?:a\s+)?min(?:imum)?\.?(?:\s+(?:of|is))?|\bstarting\s+(?:at|from)|\bstarts?\s+at|≥|>=",
            MINIMUM,
        ),
        (r"\bdefaults?\s+(?:to|of|is)|\bdefault(?:s)?|\bby\s+default|\bout\s+of\s+the\s+box", DEFAULT),
        (
            r"\busually|\btypically|\bgenerally|\bnormally|\boften|\baround|\babout|\bapprox(?:imately|\.)?|\broughly|\bon\s+average|\baverage|\btypical|\bnearly|\balmost|\bclose\s+to",
            TYPICAL,
        ),
    )
)
# Before a "from" that is not a range start ("from 128 MB"): a minimum.
FROM_MINIMUM = re.compile(r"\b(?:starts?|starting|goes|go|ranges?)?\s*\bfrom\s*$", _I)
QUALIFIERS_AFTER: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rf"^\s*[,;]?\s*(?:{pattern})(?!\w)", _I), qualifier)
    for pattern, qualifier in (
        (
            r"\((?:max|maximum|hard\s+limit|limit|upper\s+limit)\)|max(?:imum)?\b|at\s+most|or\s+less|or\s+fewer|tops",
            MAXIMUM,
        ),
        (r"\((?:min|minimum)\)|min(?:imum)?\b|at\s+least|or\s+more", MINIMUM),
        (
            r"\((?:default|by\s+default|the\s+default)\)|by\s+default|is\s+the\s+default|as\s+(?:a|the)\s+default|"
            r"default\b|unless\s+(?:you|it\s+is|it's)\s+(?:change|changed|configure|configured|set)|"
            r"if\s+(?:you\s+)?(?:do\s+not|don't|never)\s+(?:change|set|configure)",
            DEFAULT,
        ),
        (
            r"\((?:typical|approx(?:imately|\.)?|avg|average)\)|on\s+average|or\s+so|typically|usually",
            TYPICAL,
        ),
    )
)
UNSURE_BEFORE = re.compile(
    r"\b(?:less\s+than|fewer\s+than|more\s+than|over|under|below|above|within|beyond|exceeds?|exceeding|"
    r"after|before|every|each|last|past|next|first|only|just|x|times|by|plus|minus|per)\s*$|[<>+*×]\s*$",
    _I,
)
UNSURE_AFTER = re.compile(
    r"^\s*(?:\+|x\b|times\b|faster|slower|more|less|cheaper|longer|shorter|ago|later|earlier|"
    r"(?:for|when|if|with|without|during|except|only|on|unless)\b(?!\s+(?:you|it)\s))",
    _I,
)

# A verb before a duration or a size says what it measures: (verb pattern, dimension, attribute noun).
VERB_ATTRIBUTES: tuple[tuple[re.Pattern[str], str, str], ...] = tuple(
    (re.compile(rf"\b(?:{pattern})\b", _I), dimension, noun)
    for pattern, dimension, noun in (
        (
            r"kept|keeps?|keeping|retained|retains?|retaining|stored|stores?|stays?|lives?|persists?|held|holds?",
            "time",
            "retention",
        ),
        (r"runs?|running|executes?|executing", "time", "execution time"),
        (r"lasts?|lasting", "time", "duration"),
        (r"waits?|waiting|delayed|delays?|hidden|invisible", "time", "delay"),
        (r"times?\s+out|timeout", "time", "timeout"),
    )
)
# A noun that counts steps of something else ("1 MB increments"): named after what it steps.
STEP_NOUNS = re.compile(r"^(?:increments?|steps?|granularity|blocks?|chunks?)$", _I)
# Verbs after which a noun phrase stays the topic of the next sub-clause ("Storage grows by itself,
# up to 128 TB").
CARRYING_VERBS = re.compile(r"^(?:is|are|grows?|scales?|goes|go|ranges?|has|have|supports?|starts?)$", _I)
# Words that end the noun phrase before a quantity (a verb or a linking word).
PHRASE_BREAKS = frozenset(
    _split(
        "is are was were be been being can cannot could will would should must may might has have had do "
        "carries carry assigns assign "
        "does did gets get goes go gives give grows grow supports support allows allow takes take "
        "describes describe holds hold keeps keep kept stores store stored retained retains runs run lasts "
        "last uses use needs need requires require accepts accept provides provide offers offer ranges range "
        "starts start defaults default scales scale handles handle contains contain lets let reaches reach "
        "becomes become stays stay comes come sits sit waits wait tries try returns return sends send "
        "delivers deliver receives receive reads read writes write processes process fills fill passes pass "
        "expires expire elapses elapse adds add removes remove launches launch creates create "
        "from between to up at within"
    )
)

# Names of one measure in other words, as one attribute (so two notes that say the same thing in
# other words state one fact, and disagree as one conflict): (pattern of the whole name, canonical).
SYNONYMS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rf"^(?:{pattern})$", _I), canonical)
    for pattern, canonical in (
        (
            r"(?:function\s+)?(?:time\s*out|run\s*time|execution(?:\s+(?:duration|time|limit))?|duration)",
            "execution time",
        ),
        (r"ram|memory\s+(?:allocation|size)|allocated\s+memory", "memory"),
        (r"look\s*back(?:\s+(?:window|time|period))?", "lookback period"),
        (r"concurren(?:cy|t)(?:\s+executions?)?|concurrent\s+invocations", "concurrent executions"),
        (r"(?:size\s+per\s+message|messages?\s+size)", "message size"),
        (r"(?:size\s+per\s+item|items?\s+size|size\s+of\s+(?:an?\s+)?item)", "item size"),
        (r"(?:size\s+per\s+record|records?\s+size|size\s+of\s+(?:an?\s+)?record)", "record size"),
        (r"(?:size\s+per\s+object|objects?\s+size|size\s+of\s+(?:an?\s+)?object)", "object size"),
        (r"(?:retention\s+)?(?:period|window)|retention\s+time", "retention"),
    )
)
# A name that is itself a bound ("execution limit", "request quota"): a plain value of it is a maximum.
# "size of an item" is the item size, "number of shards" the shards.
OF_PHRASE = re.compile(
    r"^(?P<measure>size|length|number|count|amount)\s+of\s+(?:an?\s+|the\s+)?(?P<thing>.+)$", _I
)
LIMIT_NOUN = re.compile(r"\s+(?:limit|cap|ceiling)$", _I)

# Nouns of a flow that are themselves a measure ("1 MB ingestion per shard"): named as they are, and a
# measure word after them adds nothing ("2 MB consumption capacity" is the consumption).
FLOW_NOUNS = r"ingestion|consumption|ingress|egress|uploads?|downloads?|transfer"
FLOW_MEASURE = re.compile(rf"^(?P<flow>(?:{FLOW_NOUNS}))(?:\s+(?:capacity|amount|volume))?$", _I)
# A word every stored thing is made of, or the kind of thing every subject is, which narrows no measure:
# "data availability" is the availability, "function deployment size" (after the service's name) the
# deployment size (not when only a bare measure is left: "data rate").
GENERIC_MODIFIER = re.compile(
    r"^(?:data|function|service)\s+(?!(?:rates?|sizes?|amounts?|volumes?|limits?)$)(?=\S)", _I
)
# A bracket in a label that says what the measure covers ("(code and dependencies)", "(reads and
# writes)"): the label still names the measure.
COVERS = re.compile(r"^[a-z]+(?:\s+[a-z]+)?\s+(?:and|&)\s+[a-z]+(?:\s+[a-z]+)?$", _I)

# A verb of change before a count per period: what it counts is what is added, removed, ... ("adds 60
# more instances per minute" are instances added per minute). (verb, its participle)
CHANGE_VERBS: dict[str, str] = {
    "adds": "added",
    "add": "added",
    "removes": "removed",
    "remove": "removed",
    "launches": "launched",
    "launch": "launched",
    "creates": "created",
    "create": "created",
    "starts": "started",
    "start": "started",
    "provisions": "provisioned",
    "provision": "provisioned",
}

# A scope after a quantity: "3000 per second with batching", "40 MB/s without compression" (one or two
# words, no number): the value holds in that case only, so the scope is part of the attribute.
SCOPE_AFTER = re.compile(
    r"^\s*(?P<scope>(?:with|without)\s+[a-z][a-z-]*(?:\s+[a-z][a-z-]*)?)\s*[.)]?\s*$", _I
)
# "300 without": the other case of the scope just stated, in the quantity before it's unit.
SCOPE_ELLIPSIS = re.compile(r"^\s*(?P<word>with|without)\s*[.)]?\s*$", _I)
# A label that says the subject scales ("scales to:", "scales less:") over a rate: its maximum rate.
SCALE_LABEL = re.compile(r"^(?:it\s+|they\s+)?scales?(?:\s+(?:up|out|less|more|further|only|to))?$", _I)

# Measures so generic that they name nothing alone ("TTL: 300s" under "Caching" is the caching TTL):
# such an attribute takes the label above it when that label names a measure.
GENERIC_MEASURES = re.compile(r"^(?:ttl|size|timeout|capacity|limit|retention|expiry|expiration)$", _I)
# Things that have a size and a lifetime of their own, so a label naming one scopes a bare size or a
# generic measure below it ("Caching" over "500MB to 237GB").
RESOURCE_NOUNS = re.compile(r"\b(?:cache|caching|storage|memory|disk|buffer|volume|pool)\b", _I)
# The size of one unit of data ("record: 1MB", "item size 400 KB"): a unit of data has no other size
# than the largest it may be, so a plain one is its maximum (never a range, a default or a typical one).
DATA_UNIT_SIZE = re.compile(
    r"^(?:[\w-]+\s+)?(?:items?|records?|messages?|objects?|files?|events?|rows?|documents?|payloads?)\s+size$",
    _I,
)
# Words of a bracket after a value that remark on the limit or scope it rather than name a case of it
# ("1000 (increasable)", "5 (soft)", "(per account)", "(code and dependencies)").
NOT_VARIANTS = frozenset(
    _split(
        "soft hard increasable adjustable configurable raisable extendable fixed approx approximately "
        "estimated recommended typical average avg default max maximum min minimum limit quota "
        "optional required mandatory example eg ie note unlimited guaranteed free tier billed charged "
        "and or per for of in on at to by each every see yes really seriously honestly sic lol wow trust me"
    )
)
# A line labelled with one of HTTP's timeout status codes (408 Request Timeout, 504 Gateway Timeout)
# that gives a duration for a failure ("504 : upstream failure (29s)"): the thing's timeout. Without
# such a code a failure's duration is an event's, not a measure ("Handshake failure (29s)": a note).
TIMEOUT_STATUS = re.compile(r"^\s*(?:408|504)\s*[:=\u2013\u2014-]")
FAILURE_AFTER = re.compile(r"^(?P<thing>[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*)?)\s+(?:failures?|errors?)$", _I)
# "for the last 35 days" (a duration reaching back from now): a window, of the thing the parent bullet
# names last ("Backups using snapshot restore" > "enabled for the last 35 days": the snapshot restore
# window), as a bracket's value is of the noun phrase right before it.
LOOKBACK = re.compile(r"\b(?:for|over|within|covering)\s+(?:the\s+)?(?:last|past|previous)\s*$", _I)
# "Looks at the last 14 days by default": a look back over a window, with no parent to name it.
LOOKS_BACK = re.compile(
    r"\b(?:looks?|looking|analy[sz]es|analy[sz]ing|considers?|examines?)\s+(?:back\s+)?"
    r"(?:at\s+|over\s+)?(?:the\s+)?(?:last|past|previous)\s*$",
    _I,
)
MEANS_SPLIT = re.compile(r"\b(?:using|via|through|with|by)\b", _I)
# Words that name a tier or variant of a resource, not a topic ("FIFO", "Standard", "Express",
# "Provisioned"): as a parent bullet of their own they narrow the subject of the limits below them.
VARIANT_WORDS = re.compile(
    r"standard|fifo|express|basic|premium|enterprise|provisioned|on-demand|serverless|dedicated|shared|"
    r"reserved|spot|regional|global|private|public|hot|warm|cold|archive|free|paid|classic|legacy",
    _I,
)
# Nouns that name a measure with no unit, so a label made of one may take a bare number ("Retry
# attempts: 0 to 185", "Threshold count: 1-10, default 3", "Number of shards defaults to 4").
BARE_MEASURES = re.compile(
    r"\b(?:count|number|weight|attempts|retries|levels|depth|score|priority|percent(?:age)?|ratio|"
    r"factor|multiplier|concurrency|copies|replicas)\b",
    _I,
)

# "48 hours altogether", "3 GB in total": an adverb after the number names nothing.
ADVERB_AFTER = re.compile(
    r"^\s*(?:altogether|overall|total|combined|together|apiece|each|all\s+told|[a-z]+ly)\b", _I
)
