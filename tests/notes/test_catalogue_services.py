"""The service catalogue (notes/data/services.toml) as ingestion sees it: a service named by a short
alias gets its own topic, a plain-English word that is also a service name does not."""

from __future__ import annotations

import pytest

from notes.models import SourceLine, Topic
from notes.services.ingest import ingest_bytes
from notes.topics import find_topic_mentions

pytestmark = pytest.mark.django_db

# Written for this test: an Auto Scaling section named by its short name, then a section whose
# lines use "backup", "health" and "connect" as ordinary words.
NOTES = """# ASG

- An instance may wait in a lifecycle hook for up to 2 hours
- Scale-in protection keeps chosen instances out of a scale-in

# Recovery Drills

- Check the health of every backup before an outage
- Connect the standby site to the primary once a quarter
"""

PLAIN_WORDS_LINE = "Check the health of every backup, then connect the standby site"


def ingest_notes() -> None:
    summary = ingest_bytes(name="drills.md", data=NOTES.encode())
    assert summary.ok, summary.error


def test_service_named_by_short_alias_gets_its_own_topic_and_title():
    ingest_notes()
    line = SourceLine.objects.select_related("topic").get(text__contains="lifecycle hook")
    assert (line.topic.slug, line.topic.title) == ("ec2-auto-scaling", "Amazon EC2 Auto Scaling")


def test_plain_english_service_words_make_no_topic():
    ingest_notes()
    line = SourceLine.objects.select_related("topic").get(text__contains="health of every backup")
    assert line.topic.slug == "recovery-drills"
    assert not Topic.objects.filter(slug__in=["backup", "health", "connect"]).exists()


def test_plain_english_service_words_are_no_mentions():
    assert find_topic_mentions(PLAIN_WORDS_LINE) == []


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("AWS Backup vaults", "backup"),
        ("the AWS Health Dashboard", "health"),
        ("Amazon Connect flows", "connect"),
    ],
)
def test_vendor_prefixed_names_are_mentions(text, slug):
    assert [m.slug for m in find_topic_mentions(text)] == [slug]
