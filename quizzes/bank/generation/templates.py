"""Item templates: which items each fact (or group of facts) yields.

* limit: a flashcard, a cloze card and a single-answer question with numeric distractors;
* invocation: a scenario question per service ("An S3 event notification triggers a Lambda
  function. How is the function invoked?"), "Which TWO services ..." and "Which service ..."
  questions per invocation model, flashcards for the invocation behaviours;
* consistency: a flashcard and, where the notes use a known vocabulary (delivery guarantees, read
  consistency, ordering), a single-answer question;
* concept: a flashcard, "Which TWO of the following ..." questions for enumerations, and
  single-answer questions where sibling facts give enough wrong answers (API Gateway status codes,
  managed policies);
* every kind: contrast flashcards for two subjects with different values of one attribute (SQS
  standard vs FIFO delivery).

Every draft passes :func:`quizzes.bank.generation.quality.draft_problems` or is dropped, and the first of
two questions with the same stem wins.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from .distractors import categorical_distractors, limit_distractors, stable_rank
from .phrasing import answer_for, prompt_for, question_for, statement_for, subject_forms
from .quality import draft_problems, fact_problems
from .types import Choice, FactIn, ItemDraft, SourceRef
from .wording import attribute_phrase, magnitude_text, normalise, sentence, value_text

MAX_QUOTES = 3
INVOCATION_MODEL = "Lambda invocation model"
MODELS = ("synchronous", "asynchronous", "event source mapping")
MODEL_CHOICES = {
    "synchronous": "Synchronously: the service waits for the function's response",
    "asynchronous": "Asynchronously: Lambda queues the event and the service does not wait for the result",
    "event source mapping": "Through an event source mapping: Lambda polls the source and invokes the function with batches",
}
# Wrong for every service in the notes: destinations receive results, function URLs serve HTTPS clients.
MODEL_TRAPS = (
    "Through a Lambda destination that the service is configured to send events to",
    "Through the function's function URL, as a plain HTTPS request",
)
MODEL_ADVERBS = {
    "synchronous": "invoke Lambda synchronously",
    "asynchronous": "invoke Lambda asynchronously",
    "event source mapping": "does Lambda read from through an event source mapping",
}
# Scenario openings by service (most specific first); unknown services get a generic opening.
SCENARIOS: tuple[tuple[str, str], ...] = (
    ("s3 batch", "An S3 Batch Operations job calls a Lambda function for each object."),
    ("s3", "An S3 event notification triggers a Lambda function."),
    ("sns", "A message published to an SNS topic triggers a Lambda function."),
    ("eventbridge", "An EventBridge rule matches an event and targets a Lambda function."),
    ("cloudwatch logs", "A CloudWatch Logs subscription filter sends log events to a Lambda function."),
    ("codecommit", "A push to a CodeCommit repository triggers a Lambda function."),
    ("codepipeline", "A CodePipeline stage calls a Lambda function."),
    ("ses", "Amazon SES receives an email and triggers a Lambda function."),
    ("cloudformation", "A CloudFormation custom resource calls a Lambda function."),
    ("config", "An AWS Config rule evaluates a resource with a Lambda function."),
    ("iot events", "An AWS IoT Events detector model triggers a Lambda function."),
    ("iot", "An AWS IoT rule sends device data to a Lambda function."),
    ("step functions", "A Step Functions Task state calls a Lambda function."),
    ("api gateway", "An API Gateway REST API forwards an HTTP request to a Lambda function."),
    ("alexa", "An Alexa skill sends a voice request to a Lambda function."),
    ("lex", "An Amazon Lex bot calls a Lambda function to fulfil an intent."),
    ("cloudfront", "A CloudFront viewer request runs a Lambda@Edge function."),
    ("cognito", "A Cognito user pool trigger calls a Lambda function during sign-up."),
    ("firehose", "Kinesis Data Firehose sends buffered records to a Lambda function for transformation."),
    (
        "load balancing",
        "An Application Load Balancer routes an HTTP request to a Lambda function in its target group.",
    ),
    ("dynamodb streams", "A Lambda function processes item changes from a DynamoDB stream."),
    ("kinesis data streams", "A Lambda function processes records from a Kinesis data stream."),
    ("sqs", "A Lambda function processes messages from an SQS queue."),
)
# Near misses for enumerations: wrong members a learner might pick (checked against every stated value).
ENUM_DISTRACTORS: dict[str, tuple[str, ...]] = {
    "state types": ("Loop", "Retry", "Catch", "Branch", "Sleep"),
    "endpoint types": ("Global", "Zonal", "Multi-Region", "Local"),
    "API types": ("SOAP", "GraphQL", "gRPC"),
    "runtimes": ("Java", "Go", "Ruby", "C#"),
    "trigger events": ("cache request", "cache response", "edge request"),
    "destinations": (
        "Amazon API Gateway",
        "Amazon DynamoDB",
        "AWS Step Functions",
        "Amazon Kinesis Data Firehose",
    ),
}
# Consistency vocabularies: canonical wording per family, recognised by keywords in the value.
CONSISTENCY_FAMILIES: dict[str, tuple[tuple[str, str], ...]] = {
    "delivery guarantee": (
        ("at-least", "At-least-once delivery"),
        ("exactly", "Exactly-once processing"),
        ("at-most", "At-most-once delivery"),
        ("best-effort", "Best-effort delivery with no guarantee"),
    ),
    "default read consistency": (
        ("eventual", "Eventually consistent reads"),
        ("strong", "Strongly consistent reads"),
        ("transaction", "Transactional reads"),
        ("read-after-write", "Read-after-write consistency"),
    ),
    "ordering": (
        ("ordered", "Strict order: items are delivered in the order they were written"),
        ("best-effort", "Best-effort ordering: items may arrive out of order"),
        ("priority", "Priority order: the most important items first"),
        ("random", "No ordering at all"),
    ),
}
_LIST_SPLIT = re.compile(r"\s*,\s*|\s+and\s+")


def generate_drafts(facts: Sequence[FactIn]) -> list[ItemDraft]:
    """All item drafts for ``facts`` that pass every quality rule, in a stable order."""
    usable = [f for f in facts if not fact_problems(f)]
    usable.sort(key=lambda f: (f.topic, f.kind, f.subject.lower(), f.attribute.lower(), f.key))
    by_key = {f.key: f for f in usable}
    drafts: list[ItemDraft] = []
    for fact in usable:
        if fact.kind == "limit":
            drafts += limit_items(fact, usable)
        elif fact.kind == "invocation" and fact.attribute == INVOCATION_MODEL:
            drafts += invocation_model_items(fact)
        else:
            drafts += described_items(fact, usable)
    drafts += invocation_group_items(usable)
    drafts += contrast_cards(usable)
    return keep_good(drafts, by_key)


def keep_good(drafts: Sequence[ItemDraft], facts: dict[str, FactIn]) -> list[ItemDraft]:
    kept: list[ItemDraft] = []
    prompts: set[tuple[bool, str]] = set()
    keys: set[str] = set()
    for draft in drafts:
        prompt = (draft.is_question, normalise(draft.stem if draft.is_question else draft.front))
        if draft.key in keys or prompt in prompts or draft_problems(draft, facts):
            continue
        keys.add(draft.key)
        prompts.add(prompt)
        kept.append(draft)
    return kept


# -- shared pieces ---------------------------------------------------------------------------------


def sources_of(*facts: FactIn) -> tuple[SourceRef, ...]:
    seen: dict[tuple[str, int], SourceRef] = {}
    for fact in facts:
        for ref in fact.sources:
            seen.setdefault((ref.file, ref.line), ref)
    return tuple(seen.values())


def quote_sources(*facts: FactIn) -> str:
    by_text: dict[str, list[str]] = {}
    for ref in sources_of(*facts):
        by_text.setdefault(" ".join(ref.text.split()) or "(line)", []).append(ref.cite)
    quotes = [
        f"\u201c{text}\u201d ({', '.join(cites)})" for text, cites in list(by_text.items())[:MAX_QUOTES]
    ]
    return "From the notes: " + "; ".join(quotes) + "."


def conflict_note(*facts: FactIn) -> str:
    notes = []
    for fact in facts:
        if not fact.conflict:
            continue
        sides = "; ".join(
            f"{value_text(side.value, side.unit)} ({', '.join(ref.cite for ref in side.sources[:3])})"
            for side in fact.conflict
        )
        notes.append(
            f"The sources disagree about this: {sides}. This item teaches {value_text(fact.value, fact.unit)}, "
            "the value the course settled on; check the current AWS documentation."
        )
    return " ".join(notes)


def explanation(lead: str, *facts: FactIn) -> str:
    parts = [sentence(lead), quote_sources(*facts), conflict_note(*facts)]
    return " ".join(p for p in parts if p)


def card_back(answer: str, *facts: FactIn) -> str:
    cites = ", ".join(ref.cite for ref in sources_of(*facts)[:MAX_QUOTES])
    parts = [sentence(answer), f"Source: {cites}.", conflict_note(*facts)]
    return " ".join(p for p in parts if p)


# -- limits ----------------------------------------------------------------------------------------


def limit_value_text(fact: FactIn) -> str:
    return value_text(fact.value, fact.unit)


def limit_answer(fact: FactIn) -> str:
    """The value with its seconds equivalent for minutes and hours: "15 minutes (900 seconds)"."""
    text = limit_value_text(fact)
    if (
        fact.dimension == "time"
        and fact.magnitude
        and fact.unit.lower() in {"min", "mins", "minutes", "h", "hours"}
    ):
        text += f" ({magnitude_text(fact.magnitude, 'time', 's')})"
    return text


def limit_items(fact: FactIn, pool: Sequence[FactIn]) -> list[ItemDraft]:
    common = {"topic": fact.topic, "kind": "limit", "fact_keys": (fact.key,), "sources": sources_of(fact)}
    value = limit_value_text(fact)
    question = question_for(fact.subject, fact.attribute, fact.dimension or "count")
    drafts = [
        ItemDraft(
            template="limit-basic",
            type="basic",
            front=prompt_for(fact.subject, fact.attribute, fact.dimension or "count"),
            back=card_back(limit_answer(fact), fact),
            teaches=value,
            **common,
        ),
        ItemDraft(
            template="limit-cloze",
            type="cloze",
            front=statement_for(fact.subject, fact.attribute, "{{c1::" + value + "}}"),
            back=card_back(limit_answer(fact), fact),
            teaches=value,
            **common,
        ),
    ]
    wrong = limit_distractors(key=fact, pool=pool)
    if len(wrong) == 3:
        choices = sorted(
            [
                (fact.magnitude or 0.0, Choice(value, True)),
                *((w.magnitude, Choice(w.text, False)) for w in wrong),
            ],
            key=lambda pair: pair[0],
        )
        drafts.append(
            ItemDraft(
                template="limit-single",
                type="single",
                stem=question,
                choices=tuple(c for _, c in choices),
                explanation=explanation(
                    statement_for(fact.subject, fact.attribute, limit_answer(fact)), fact
                ),
                teaches=value,
                **common,
            )
        )
    return drafts


# -- invocation models -----------------------------------------------------------------------------


def invocation_model(value: str) -> str | None:
    lower = value.lower()
    if "event source" in lower or "poll" in lower:
        return "event source mapping"
    if "async" in lower:
        return "asynchronous"
    if "sync" in lower:
        return "synchronous"
    return None


def scenario_for(subject: str) -> str:
    lower = subject.lower()
    for needle, scenario in SCENARIOS:
        if needle in lower:
            return scenario
    return f"{subject} calls a Lambda function."


def invocation_model_items(fact: FactIn) -> list[ItemDraft]:
    model = invocation_model(fact.value)
    if model is None or fact.conflict:
        return []
    common = {
        "topic": fact.topic,
        "kind": "invocation",
        "fact_keys": (fact.key,),
        "sources": sources_of(fact),
    }
    answer = MODEL_CHOICES[model]
    wrong = [MODEL_CHOICES[m] for m in MODELS if m != model]
    if model == "event source mapping":  # the mapping itself invokes synchronously: not a wrong answer
        wrong = [MODEL_CHOICES["asynchronous"]]
    wrong += list(MODEL_TRAPS)
    choices = [Choice(answer, True), *(Choice(w, False) for w in wrong[:3])]
    choices.sort(key=lambda c: stable_rank(fact.key, c.text))
    lead = f"{fact.subject} invokes Lambda {'through an event source mapping' if model == MODELS[2] else model + 'ly'}"
    if model == "event source mapping":
        lead = f"Lambda reads from {fact.subject} through an event source mapping and invokes the function with batches"
    return [
        ItemDraft(
            template="invocation-scenario",
            type="single",
            stem=f"{scenario_for(fact.subject)} How is the function invoked?",
            choices=tuple(choices),
            explanation=explanation(lead, fact),
            teaches=model,
            **common,
        ),
        ItemDraft(
            template="invocation-basic",
            type="basic",
            front=f"How does {fact.subject} invoke a Lambda function?"
            if model != MODELS[2]
            else f"How does Lambda get events from {fact.subject}?",
            back=card_back(lead, fact),
            teaches=model,
            **common,
        ),
    ]


def invocation_group_items(facts: Sequence[FactIn]) -> list[ItemDraft]:
    groups: dict[str, list[FactIn]] = defaultdict(list)
    for fact in facts:
        if fact.kind == "invocation" and fact.attribute == INVOCATION_MODEL and not fact.conflict:
            model = invocation_model(fact.value)
            if model is not None:
                groups[model].append(fact)
    drafts: list[ItemDraft] = []
    for model in MODELS:
        members = sorted(groups.get(model, []), key=lambda f: stable_rank(model, f.key))
        # Services polled by a mapping are invoked synchronously (by the mapping): never wrong for "synchronous".
        others = [
            f
            for m in MODELS
            if m != model and not (model == "synchronous" and m == "event source mapping")
            for f in groups.get(m, [])
        ]
        # A service that appears under two models (e.g. "S3" and "S3 Batch Operations") is no trap.
        member_names = {normalise(f.subject) for f in members}
        others = [f for f in others if normalise(f.subject) not in member_names]
        others.sort(key=lambda f: stable_rank(model, f.key))
        if len(members) >= 2 and len(others) >= 3:
            keys, wrong = members[:2], others[:3]
            drafts.append(_pick_services(model, "multiple", keys, wrong))
        if len(members) >= 3 and len(others) >= 6:
            drafts.append(_pick_services(model, "single", [members[2]], others[3:6]))
    return drafts


def _pick_services(model: str, type_: str, keys: list[FactIn], wrong: list[FactIn]) -> ItemDraft:
    verb = MODEL_ADVERBS[model]
    if type_ == "multiple":
        stem = f"Which TWO services {verb}?" if not verb.startswith("does") else f"Which TWO services {verb}?"
    else:
        stem = f"Which of these services {'invokes' + verb[6:] if verb.startswith('invoke ') else verb}?"
    choices = [Choice(f.subject, True) for f in keys] + [Choice(f.subject, False) for f in wrong]
    choices.sort(key=lambda c: stable_rank(model + type_, c.text))
    names = " and ".join(f.subject for f in keys)
    lead = (
        f"{names} {'invoke' if len(keys) > 1 else 'invokes'} Lambda {model}ly"
        if model != MODELS[2]
        else f"Lambda reads from {names} through an event source mapping"
    )
    wrong_note = "; ".join(f"{f.subject}: {f.value}" for f in wrong)
    return ItemDraft(
        template=f"invocation-{type_}-{model.replace(' ', '-')}",
        topic=keys[0].topic,
        kind="invocation",
        type=type_,
        fact_keys=tuple(f.key for f in keys),
        sources=sources_of(*keys),
        stem=stem,
        choices=tuple(choices),
        choose=len(keys),
        explanation=explanation(f"{lead}. The others: {wrong_note}", *keys, *wrong),
        teaches=model,
    )


# -- described facts (invocation behaviour, consistency, concepts) --------------------------------


def list_members(value: str) -> list[str]:
    return [m.strip() for m in _LIST_SPLIT.split(value) if m.strip()]


def described_items(fact: FactIn, pool: Sequence[FactIn]) -> list[ItemDraft]:
    common = {"topic": fact.topic, "kind": fact.kind, "fact_keys": (fact.key,), "sources": sources_of(fact)}
    question = question_for(fact.subject, fact.attribute)
    drafts = [
        ItemDraft(
            template=f"{fact.kind}-basic",
            type="basic",
            front=question,
            back=card_back(answer_for(fact.attribute, fact.value), fact),
            teaches=fact.value,
            **common,
        )
    ]
    if fact.conflict:
        return drafts
    members = list_members(fact.value)
    if fact.attribute in ENUM_DISTRACTORS and len(members) >= 2:
        drafts += _which_two(fact, members)
    elif fact.kind == "consistency" and fact.attribute in CONSISTENCY_FAMILIES:
        drafts += _consistency_question(fact, question)
    else:
        drafts += _sibling_question(fact, pool, question)
    return drafts


def _which_two(fact: FactIn, members: list[str]) -> list[ItemDraft]:
    stated = {normalise(m) for v in (fact.value, *fact.stated_values) for m in list_members(v)}
    wrong = categorical_distractors(
        key_value=fact.value,
        candidates=ENUM_DISTRACTORS[fact.attribute],
        forbidden=stated,
        count=3,
        seed=fact.key,
    )
    if len(wrong) < 3:
        return []
    keys = sorted(members, key=lambda m: stable_rank(fact.key, m))[:2]
    choices = [Choice(m, True) for m in keys] + [Choice(w, False) for w in wrong]
    choices.sort(key=lambda c: stable_rank(fact.key + "order", c.text))
    attr = attribute_phrase(fact.attribute)
    stem = f"Which TWO of the following are {attr} of {subject_forms(fact.subject)['s']}?"
    return [
        ItemDraft(
            template=f"{fact.kind}-which-two",
            topic=fact.topic,
            kind=fact.kind,
            type="multiple",
            fact_keys=(fact.key,),
            sources=sources_of(fact),
            stem=stem,
            choices=tuple(choices),
            choose=2,
            explanation=explanation(
                f"The {attr} of {subject_forms(fact.subject)['s']} are {fact.value}; "
                f"{', '.join(wrong)} {'is' if len(wrong) == 1 else 'are'} not among them",
                fact,
            ),
            teaches=fact.value,
        )
    ]


def _canonical(family: str, value: str) -> str | None:
    lower = value.lower()
    for needle, text in CONSISTENCY_FAMILIES[family]:
        if needle in lower:
            return text
    return None


def _consistency_question(fact: FactIn, question: str) -> list[ItemDraft]:
    family = fact.attribute
    key = _canonical(family, fact.value)
    if key is None:
        return []
    stated = {c for v in (fact.value, *fact.stated_values) if (c := _canonical(family, v))}
    wrong = [text for _, text in CONSISTENCY_FAMILIES[family] if text not in stated and text != key][:3]
    if len(wrong) < 3:
        return []
    choices = [Choice(key, True), *(Choice(w, False) for w in wrong)]
    choices.sort(key=lambda c: stable_rank(fact.key, c.text))
    return [
        ItemDraft(
            template="consistency-single",
            topic=fact.topic,
            kind=fact.kind,
            type="single",
            fact_keys=(fact.key,),
            sources=sources_of(fact),
            stem=question,
            choices=tuple(choices),
            explanation=explanation(
                f"Correct answer: {key}. The notes say {fact.subject}: {fact.value}", fact
            ),
            teaches=fact.value,
        )
    ]


def _family(fact: FactIn) -> tuple[str, str, str]:
    attribute = re.sub(r"^HTTP \w+ meaning$", "HTTP meaning", fact.attribute)
    subject = fact.subject if attribute == "HTTP meaning" else ""
    return (fact.topic, attribute, subject)


def _sibling_question(fact: FactIn, pool: Sequence[FactIn], question: str) -> list[ItemDraft]:
    """A single-answer question whose wrong answers are the values of sibling facts (same topic and
    attribute family, other subjects or codes): "What does HTTP status 429 from API Gateway mean?"."""
    family = _family(fact)
    siblings = [
        f
        for f in pool
        if f.key != fact.key and f.kind == fact.kind and _family(f) == family and not f.conflict
    ]
    stated = {normalise(v) for v in (fact.value, *fact.stated_values)}
    wrong = categorical_distractors(
        key_value=fact.value, candidates=[f.value for f in siblings], forbidden=stated, count=3, seed=fact.key
    )
    if len(wrong) < 3:
        return []
    choices = [Choice(fact.value, True), *(Choice(w, False) for w in wrong)]
    choices.sort(key=lambda c: stable_rank(fact.key, c.text))
    used = [f for f in siblings if f.value in wrong]
    others = "; ".join(f"{f.subject}: {f.value}" for f in used)
    return [
        ItemDraft(
            template=f"{fact.kind}-single",
            topic=fact.topic,
            kind=fact.kind,
            type="single",
            fact_keys=(fact.key,),
            sources=sources_of(fact),
            stem=question,
            choices=tuple(choices),
            explanation=explanation(
                f"Correct answer: {fact.value}. The other choices belong elsewhere ({others})",
                fact,
            ),
            teaches=fact.value,
        )
    ]


# -- contrast flashcards ---------------------------------------------------------------------------


def contrast_cards(facts: Sequence[FactIn]) -> list[ItemDraft]:
    """ "SQS standard queue vs SQS FIFO queue: delivery guarantee?" for subjects that differ."""
    groups: dict[tuple[str, str, str], list[FactIn]] = defaultdict(list)
    for fact in facts:
        if fact.kind == "limit" or fact.attribute == INVOCATION_MODEL or fact.conflict:
            continue
        groups[(fact.kind, fact.topic, fact.attribute)].append(fact)
    drafts = []
    for (kind, topic, attribute), members in sorted(groups.items()):
        members = sorted(members, key=lambda f: f.subject.lower())
        pairs = [
            (a, b)
            for i, a in enumerate(members)
            for b in members[i + 1 :]
            if normalise(a.value) != normalise(b.value) and normalise(a.subject) != normalise(b.subject)
        ]
        for a, b in pairs[:3]:
            drafts.append(
                ItemDraft(
                    template=f"{kind}-contrast",
                    topic=topic,
                    kind=kind,
                    type="basic",
                    fact_keys=(a.key, b.key),
                    sources=sources_of(a, b),
                    front=f"{a.subject} vs {b.subject}: how do they differ in {attribute_phrase(attribute)}?",
                    back=card_back(f"{a.subject}: {a.value}. {b.subject}: {b.value}", a, b),
                    teaches=f"{a.value} / {b.value}",
                )
            )
    return drafts
