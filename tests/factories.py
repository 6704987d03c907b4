"""factory_boy factories shared by the tests."""

from __future__ import annotations

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
