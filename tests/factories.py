"""factory_boy factories shared by the tests."""

from __future__ import annotations

import datetime as dt

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from notes.models import Fact, FactStatement, Source, SourceLine, Topic


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"learner{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.django.Password("pw-for-tests-1")


class InstructorFactory(UserFactory):
    username = factory.Sequence(lambda n: f"instructor{n}")
    is_staff = True

    @factory.post_generation
    def instructors_group(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Group.objects.get_or_create(name="instructors")[0])


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    name = factory.Sequence(lambda n: f"notes-{n}.md")
    sha256 = factory.Sequence(lambda n: f"{n:064x}")


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"topic-{n}")
    title = factory.LazyAttribute(lambda t: t.slug.replace("-", " ").title())


class SourceLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SourceLine

    source = factory.SubFactory(SourceFactory)
    topic = factory.SubFactory(TopicFactory)
    number = factory.Sequence(lambda n: n + 1)
    position = factory.Sequence(lambda n: n)
    text = "a line of notes"


class FactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Fact

    key = factory.Sequence(lambda n: f"fact{n:028d}")
    topic = factory.SubFactory(TopicFactory)
    kind = "limit"
    subject = "Lambda"
    attribute = factory.Sequence(lambda n: f"attribute {n}")
    value = "900"
    unit = "s"
    magnitude = 900.0
    dimension = "time"
    text = "maximum execution time is 900 seconds"


class FactStatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FactStatement

    fact = factory.SubFactory(FactFactory)
    source = factory.SubFactory(SourceFactory)
    line = factory.Sequence(lambda n: n + 1)
    text = factory.LazyAttribute(lambda s: s.fact.text)
    value = factory.LazyAttribute(lambda s: s.fact.value)
    unit = factory.LazyAttribute(lambda s: s.fact.unit)
    magnitude = factory.LazyAttribute(lambda s: s.fact.magnitude)


class ItemFactory(factory.django.DjangoModelFactory):
    """A published single-answer question by default; use ``type="basic"`` etc. for flashcards."""

    class Meta:
        model = "quizzes.Item"

    key = factory.Sequence(lambda n: f"item{n:040d}")
    topic = factory.SubFactory(TopicFactory)
    kind = "limit"
    type = "single"
    status = "published"
    origin = "generated"
    stem = factory.Sequence(lambda n: f"What is the maximum execution time of function number {n}?")
    choices = factory.LazyFunction(
        lambda: [
            {"text": "900 seconds", "correct": True},
            {"text": "300 seconds", "correct": False},
            {"text": "600 seconds", "correct": False},
            {"text": "1,800 seconds", "correct": False},
        ]
    )
    explanation = "The notes state a maximum execution time of 900 seconds (notes-1.md:3)."
    front = ""
    back = ""
    sources = factory.LazyFunction(lambda: [{"file": "notes-1.md", "line": 3}])
    sibling_group = factory.Sequence(lambda n: f"fact{n}")


class FlashcardFactory(ItemFactory):
    type = "basic"
    stem = ""
    choices = factory.LazyFunction(list)
    explanation = ""
    front = factory.Sequence(lambda n: f"What is the maximum execution time of function number {n}?")
    back = "900 seconds (15 minutes)"


class ConflictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "notes.Conflict"

    fact = factory.SubFactory(FactFactory)
    topic = factory.LazyAttribute(lambda c: c.fact.topic)
    sides = factory.LazyFunction(
        lambda: [
            {"value": "900", "unit": "s", "sources": [{"file": "a.md", "line": 3, "text": "900 seconds"}]},
            {"value": "300", "unit": "s", "sources": [{"file": "b.md", "line": 7, "text": "300 seconds"}]},
        ]
    )


# --- study (reviews, practice, settings) ---------------------------------------------------------


class MultipleItemFactory(ItemFactory):
    """A published "Choose TWO" question."""

    type = "multiple"
    choose = 2
    stem = factory.Sequence(lambda n: f"Which two services are serverless, variant {n}? (Choose TWO.)")
    choices = factory.LazyFunction(
        lambda: [
            {"text": "AWS Lambda", "correct": True},
            {"text": "Amazon EC2", "correct": False},
            {"text": "Amazon SQS", "correct": True},
            {"text": "Amazon EBS", "correct": False},
        ]
    )


class LearnerSettingsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "quizzes.LearnerSettings"
        django_get_or_create = ("user",)

    user = factory.SubFactory(UserFactory)


class CardStateFactory(factory.django.DjangoModelFactory):
    """A card in Review state, due at ``due`` (defaults to the Unix epoch: long overdue)."""

    class Meta:
        model = "quizzes.CardState"

    learner = factory.SubFactory(UserFactory)
    item = factory.SubFactory(ItemFactory)
    due = factory.LazyFunction(lambda: dt.datetime(2024, 1, 1, tzinfo=dt.UTC))
    state = 2
    stability = 5.0
    difficulty = 5.0
    reps = 3
    last_review = factory.LazyAttribute(lambda c: c.due - dt.timedelta(days=5))
    introduced_at = factory.LazyAttribute(lambda c: c.due - dt.timedelta(days=20))
    card = factory.LazyAttribute(
        lambda c: {
            "card_id": c.item.pk,
            "state": c.state,
            "step": None if c.state == 2 else 0,
            "stability": c.stability,
            "difficulty": c.difficulty,
            "due": c.due.isoformat(),
            "last_review": c.last_review.isoformat() if c.last_review else None,
        }
    )


class ReviewLogFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "quizzes.ReviewLog"

    learner = factory.SubFactory(UserFactory)
    item = factory.SubFactory(ItemFactory)
    rating = 3
    reviewed_at = factory.LazyFunction(lambda: dt.datetime(2024, 1, 1, tzinfo=dt.UTC))


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "quizzes.Notification"

    learner = factory.SubFactory(UserFactory)
    message = "The maximum execution time changed from 300 s to 900 s."
