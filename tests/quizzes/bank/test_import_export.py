"""Course export (JSON items, GIFT, Anki) and question import, with round trips."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import zipfile

import pytest
from django.core.management import CommandError, call_command

from quizzes.bank.services.exports import course_export
from quizzes.bank.services.importing import QuestionImportError, questions_import
from quizzes.models import Item
from tests.corpus import SHARED_DIR
from tests.factories import FlashcardFactory, ItemFactory, TopicFactory, UserFactory

pytestmark = pytest.mark.django_db
VALIDATOR = SHARED_DIR / "tools" / "validate_export.py"


def question_signature(rows):
    return sorted(
        (q["topic"], q["kind"], q["type"], q["stem"], json.dumps(q["choices"]), q["explanation"])
        for q in rows
    )


@pytest.fixture
def bank():
    topic = TopicFactory(slug="lambda")
    ItemFactory(topic=topic, stem="What is the timeout: {a} = #b?")
    ItemFactory(
        topic=topic,
        kind="invocation",
        type="multiple",
        choose=2,
        stem="Which TWO services invoke Lambda asynchronously?",
        choices=[
            {"text": "S3", "correct": True},
            {"text": "SNS", "correct": True},
            {"text": "SQS", "correct": False},
            {"text": "API Gateway", "correct": False},
            {"text": "Lex", "correct": False},
        ],
    )
    FlashcardFactory(topic=topic)
    FlashcardFactory(
        topic=topic, type="cloze", front="Lambda's maximum execution time is {{c1::900 seconds}}.", back=""
    )
    ItemFactory(topic=topic, status="retired", stem="A retired question?")


def test_json_export_fills_flashcards_and_questions(bank):
    data = course_export()
    assert (len(data["flashcards"]), len(data["questions"])) == (2, 2)


def test_json_question_has_the_documented_fields(bank):
    question = course_export()["questions"][0]
    assert set(question) == {
        "id",
        "topic",
        "kind",
        "type",
        "stem",
        "choices",
        "explanation",
        "sources",
        "status",
        "origin",
    }


def test_json_flashcard_has_the_documented_fields(bank):
    card = course_export()["flashcards"][0]
    assert set(card) == {"id", "topic", "kind", "front", "back", "sources"}


def test_gift_round_trip_gives_the_same_questions(bank, tmp_path):
    path = tmp_path / "bank.gift"
    call_command("export_course", "--format", "gift", "-o", str(path))
    before = question_signature(course_export()["questions"])
    Item.objects.all().delete()
    questions_import(path=path)
    assert question_signature(course_export()["questions"]) == before


def test_json_round_trip_gives_the_same_questions(bank, tmp_path):
    path = tmp_path / "bank.json"
    call_command("export_course", "--format", "json", "-o", str(path))
    before = question_signature(course_export()["questions"])
    Item.objects.all().delete()
    questions_import(path=path)
    assert question_signature(course_export()["questions"]) == before


def test_imported_questions_are_authored(bank, tmp_path):
    path = tmp_path / "bank.gift"
    call_command("export_course", "--format", "gift", "-o", str(path))
    Item.objects.all().delete()
    questions_import(path=path)
    assert set(Item.objects.values_list("origin", flat=True)) == {"authored"}


def test_importing_the_same_file_twice_creates_nothing_new(bank, tmp_path):
    path = tmp_path / "bank.gift"
    call_command("export_course", "--format", "gift", "-o", str(path))
    questions_import(path=path)
    assert questions_import(path=path).created == 0


def test_a_file_with_an_error_imports_nothing(tmp_path):
    path = tmp_path / "bad.gift"
    path.write_text("$CATEGORY: sqs\n\nGood? {\n=a\n~b\n~c\n}\n\nBad? {\n~a\n~b\n}\n")
    with pytest.raises(QuestionImportError, match="line 9"):
        questions_import(path=path)
    assert Item.objects.count() == 0


def test_skip_invalid_imports_the_readable_questions(tmp_path):
    path = tmp_path / "bad.gift"
    path.write_text("$CATEGORY: sqs\n\nGood? {\n=a\n~b\n~c\n}\n\nBad? {\n~a\n~b\n}\n")
    result = questions_import(path=path, skip_invalid=True)
    assert (result.created, result.skipped) == (1, 1)


def test_command_reports_the_line_and_fails(tmp_path, capsys):
    path = tmp_path / "bad.json"
    path.write_text('{"questions": [\n  {"stem": "No choices?", "choices": []}\n]}\n')
    with pytest.raises(CommandError):
        call_command("import_questions", str(path))
    assert "line 2" in capsys.readouterr().err


def test_apkg_is_a_zip_with_an_anki_collection_holding_every_note(bank, tmp_path):
    path = tmp_path / "course.apkg"
    call_command("export_course", "--format", "apkg", "-o", str(path))
    with zipfile.ZipFile(path) as archive:
        archive.extract("collection.anki2", tmp_path)
    with sqlite3.connect(tmp_path / "collection.anki2") as db:
        assert db.execute("select count(*) from notes").fetchone()[0] == 4


def test_apkg_uses_one_deck_per_topic(tmp_path):
    ItemFactory(topic=TopicFactory(slug="sqs"))
    ItemFactory(topic=TopicFactory(slug="sns"))
    path = tmp_path / "course.apkg"
    call_command("export_course", "--format", "apkg", "-o", str(path))
    with zipfile.ZipFile(path) as archive:
        archive.extract("collection.anki2", tmp_path)
    with sqlite3.connect(tmp_path / "collection.anki2") as db:
        decks = json.loads(db.execute("select decks from col").fetchone()[0])
    assert sum(1 for d in decks.values() if d["name"].startswith("studyhub::")) == 2


def test_apkg_needs_an_output_file():
    with pytest.raises(CommandError, match="-o"):
        call_command("export_course", "--format", "apkg")


@pytest.mark.skipif(not VALIDATOR.exists(), reason="shared export validator not found")
def test_export_passes_the_shared_validator(bank, tmp_path):
    path = tmp_path / "export.json"
    call_command("export_course", "--format", "json", "-o", str(path))
    run = subprocess.run([sys.executable, str(VALIDATOR), str(path)], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout


def _json_question(**extra):
    row = {
        "stem": "Which one?",
        "topic": "lambda",
        "choices": [{"text": "a", "correct": True}, {"text": "b"}],
    }
    return json.dumps([{**row, **extra}])


def test_json_import_with_sources_not_a_list_is_a_line_numbered_error(tmp_path):
    path = tmp_path / "bank.json"
    path.write_text(_json_question(sources=5))
    with pytest.raises(QuestionImportError, match="sources must be a list"):
        questions_import(path=path)
    assert Item.objects.count() == 0


def test_import_refuses_more_choices_than_the_shared_maximum(tmp_path):
    choices = [{"text": f"c{i}", "correct": i == 29} for i in range(30)]
    path = tmp_path / "bank.json"
    path.write_text(_json_question(choices=choices))
    with pytest.raises(QuestionImportError, match="at most 20"):
        questions_import(path=path)
    assert Item.objects.count() == 0


def test_a_topic_named_in_words_gets_a_page_a_url_reaches(tmp_path, client):
    path = tmp_path / "bank.json"
    path.write_text(_json_question(topic="Amazon Elastic File System"))
    questions_import(path=path)
    topic = Item.objects.get().topic
    client.force_login(UserFactory())
    assert client.get(topic.get_absolute_url()).status_code == 200
    assert (topic.slug, topic.title) == ("amazon-elastic-file-system", "Amazon Elastic File System")


def test_a_topic_named_by_its_stored_title_joins_that_topic(tmp_path):
    stored = TopicFactory(slug="efs", title="Amazon EFS")
    path = tmp_path / "bank.json"
    path.write_text(_json_question(topic="amazon efs"))
    questions_import(path=path)
    assert Item.objects.get().topic == stored


def test_a_topic_without_letters_or_digits_is_a_line_numbered_error(tmp_path):
    path = tmp_path / "bank.json"
    path.write_text(_json_question(topic="🙂 ✓"))
    with pytest.raises(QuestionImportError, match="no letters or digits"):
        questions_import(path=path)
    assert Item.objects.count() == 0


def test_gift_feedback_of_an_answer_is_that_options_explanation(tmp_path):
    path = tmp_path / "bank.gift"
    path.write_text(
        "$CATEGORY: queues\n\nHow long at most? {\n=14 days#the notes' maximum\n~30 days#no queue keeps a month\n~1 day\n}\n"
    )
    questions_import(path=path)
    choices = Item.objects.get().choices
    assert [c.get("explanation", "") for c in choices] == ["the notes' maximum", "no queue keeps a month", ""]


def test_json_choice_explanations_are_kept(tmp_path):
    path = tmp_path / "bank.json"
    choices = [
        {"text": "a", "correct": True, "explanation": "why a"},
        {"text": "b", "explanation": "why not b"},
    ]
    path.write_text(_json_question(choices=choices))
    questions_import(path=path)
    assert [c["explanation"] for c in Item.objects.get().choices] == ["why a", "why not b"]


def test_option_explanations_survive_a_gift_round_trip(tmp_path):
    source = tmp_path / "in.json"
    choices = [
        {"text": "a", "correct": True, "explanation": "why a"},
        {"text": "b"},
        {"text": "c", "explanation": "c#?"},
    ]
    source.write_text(_json_question(choices=choices))
    questions_import(path=source)
    before = Item.objects.get().choices
    out = tmp_path / "out.gift"
    call_command("export_course", "--format", "gift", "-o", str(out))
    Item.objects.all().delete()
    questions_import(path=out)
    assert Item.objects.get().choices == before
