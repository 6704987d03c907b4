"""The question bank in the admin: inline choices with validation, flashcards, preview, bulk actions,
export of the selection and import."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from quizzes.bank.gift import parse_gift
from quizzes.models import Item
from tests.factories import FlashcardFactory, ItemFactory, MultipleItemFactory, TopicFactory

pytestmark = pytest.mark.django_db


def form_data(item: Item, choices: list[tuple[str, bool]] | None = None, **overrides) -> dict:
    data = {
        "topic": item.topic_id,
        "kind": item.kind,
        "type": item.type,
        "status": item.status,
        "stem": item.stem,
        "choose": item.choose,
        "explanation": item.explanation,
        "front": item.front,
        "back": item.back,
        "reports-TOTAL_FORMS": 0,
        "reports-INITIAL_FORMS": 0,
    }
    rows = choices if choices is not None else [(c["text"], c["correct"]) for c in item.choices]
    for i, (text, correct) in enumerate(rows):
        data[f"choices_text_{i}"] = text
        if correct:
            data[f"choices_correct_{i}"] = "on"
    data.update(overrides)
    return data


def save(client, item: Item, choices=None, **overrides):
    return client.post(
        reverse("admin:quizzes_item_change", args=[item.pk]), form_data(item, choices, **overrides)
    )


def errors_of(response) -> str:
    form = response.context["adminform"].form
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


# --- editing with inline choices -------------------------------------------------------------------


def test_the_change_page_shows_each_choice_in_its_own_row(instructor_client):
    item = ItemFactory()
    page = instructor_client.get(reverse("admin:quizzes_item_change", args=[item.pk])).content.decode()
    assert (
        'name="choices_text_3" value="1,800 seconds"' in page and 'id="id_choices_correct_0" checked' in page
    )


def test_editing_a_choice_saves_the_choices_list(instructor_client):
    item = ItemFactory()
    rows = [("900 seconds", True), ("120 seconds", False), ("600 seconds", False)]
    save(instructor_client, item, rows)
    item.refresh_from_db()
    assert item.choices == [{"text": t, "correct": c} for t, c in rows]


def test_editing_a_generated_questions_wording_marks_it_as_the_instructors(instructor_client):
    item = ItemFactory(origin="generated")
    save(instructor_client, item, stem="A clearer wording of the same question?")
    item.refresh_from_db()
    assert item.edited_at is not None


def test_changing_only_the_status_does_not_claim_the_wording(instructor_client):
    item = ItemFactory(origin="generated", status="published")
    save(instructor_client, item, status="retired")
    item.refresh_from_db()
    assert item.status == "retired" and item.edited_at is None


def test_a_single_answer_question_needs_exactly_one_key(instructor_client):
    item = ItemFactory()
    response = save(instructor_client, item, [("900 seconds", True), ("300 seconds", True)])
    assert "exactly one correct choice" in errors_of(response)


def test_choose_n_needs_exactly_n_keys(instructor_client):
    item = MultipleItemFactory()
    rows = [("AWS Lambda", True), ("Amazon EC2", False), ("Amazon SQS", False), ("Amazon EBS", False)]
    response = save(instructor_client, item, rows)
    assert '"Choose 2" needs exactly 2 correct choices' in errors_of(response)


def test_duplicate_choices_are_refused(instructor_client):
    item = ItemFactory()
    response = save(
        instructor_client, item, [("900 seconds", True), ("300 seconds", False), ("300  Seconds", False)]
    )
    assert "Duplicate choice" in errors_of(response)


def test_an_explanation_is_required(instructor_client):
    response = save(instructor_client, ItemFactory(), explanation="")
    assert "Explain the right answer" in errors_of(response)


def test_a_ticked_row_without_text_is_refused(instructor_client):
    item = ItemFactory()
    data = form_data(item, choices_correct_5="on")
    response = instructor_client.post(reverse("admin:quizzes_item_change", args=[item.pk]), data)
    assert "Choice 6 is marked correct but has no text" in errors_of(response)


def test_a_refused_edit_changes_nothing(instructor_client):
    item = ItemFactory()
    save(instructor_client, item, [("900 seconds", True), ("300 seconds", True)])
    item.refresh_from_db()
    assert sum(c["correct"] for c in item.choices) == 1


def test_a_flashcard_is_edited_front_and_back(instructor_client):
    card = FlashcardFactory()
    save(instructor_client, card, [], front="Lambda timeout?", back="15 minutes")
    card.refresh_from_db()
    assert (card.front, card.back) == ("Lambda timeout?", "15 minutes")


def test_a_cloze_card_needs_a_deletion(instructor_client):
    card = FlashcardFactory(type="cloze", front="Lambda runs {{c1::15 minutes}} at most.")
    response = save(instructor_client, card, [], front="Lambda runs 15 minutes at most.")
    assert "{{c1::answer}}" in errors_of(response)


def test_an_instructor_adds_an_authored_question(instructor_client):
    topic = TopicFactory()
    template = ItemFactory.build(topic=topic)
    data = form_data(template)
    instructor_client.post(reverse("admin:quizzes_item_add"), data)
    item = Item.objects.get(stem=template.stem)
    assert item.origin == "authored" and len(item.key) == 40


# --- preview ----------------------------------------------------------------------------------------


def test_preview_uses_the_learners_card_template(instructor_client):
    item = ItemFactory()
    response = instructor_client.get(reverse("admin:quizzes_item_preview", args=[item.pk]))
    page = response.content.decode()
    # study.html's "card" partial (it marks its card data-study-card) with the learner's choice partial
    assert "data-study-card" in page and "quizzes/_study_choices.html" in [t.name for t in response.templates]


def test_preview_of_a_question_shows_the_key_after_answering(instructor_client):
    item = ItemFactory()
    page = instructor_client.get(reverse("admin:quizzes_item_preview", args=[item.pk])).content.decode()
    assert "is-correct" in page and item.explanation in page


def test_preview_of_a_flashcard_shows_its_back(instructor_client):
    card = FlashcardFactory()
    page = instructor_client.get(reverse("admin:quizzes_item_preview", args=[card.pk])).content.decode()
    assert card.front in page and card.back in page


# --- list, bulk actions ------------------------------------------------------------------------------


def changelist(client, **params):
    return client.get(reverse("admin:quizzes_item_changelist"), params)


def test_the_list_filters_by_status(instructor_client):
    ItemFactory(status="draft")
    ItemFactory(status="published")
    response = changelist(instructor_client, status__exact="draft")
    assert [i.status for i in response.context["cl"].result_list] == ["draft"]


def test_the_list_searches_by_stem(instructor_client):
    wanted = ItemFactory(stem="How long may a Step Functions standard workflow run?")
    ItemFactory()
    response = changelist(instructor_client, q="Step Functions")
    assert list(response.context["cl"].result_list) == [wanted]


def test_the_filters_show_counts(instructor_client):
    ItemFactory.create_batch(2, status="draft")
    ItemFactory(status="published")
    assert "Draft (2)" in changelist(instructor_client).content.decode()


def bulk(client, action: str, items: list[Item]):
    return client.post(
        reverse("admin:quizzes_item_changelist"),
        {"action": action, "_selected_action": [i.pk for i in items]},
    )


@pytest.mark.parametrize(
    ("action", "before", "after"),
    [
        ("publish", "draft", "published"),
        ("retire", "published", "retired"),
        ("send_to_draft", "published", "draft"),
    ],
)
def test_status_bulk_actions(instructor_client, action, before, after):
    items = ItemFactory.create_batch(2, status=before)
    bulk(instructor_client, action, items)
    assert set(Item.objects.values_list("status", flat=True)) == {after}


def test_a_bulk_action_writes_one_history_row_per_changed_item(instructor_client):
    items = [ItemFactory(status="draft"), ItemFactory(status="published")]
    bulk(instructor_client, "publish", items)
    assert list(LogEntry.objects.filter(action_flag=CHANGE).values_list("object_id", flat=True)) == [
        str(items[0].pk)
    ]


def test_regenerate_rebuilds_a_hand_edited_generated_item(instructor_client):
    from notes.services.ingest import ingest_bytes
    from quizzes.bank.services.generation import items_generate
    from tests.admin_support import LAMBDA_NOTES

    ingest_bytes(name="lambda.md", data=LAMBDA_NOTES.encode())
    items_generate()
    item = Item.objects.filter(type="single").first()
    original = item.stem
    Item.objects.filter(pk=item.pk).update(stem="An edit that the facts do not support?")
    bulk(instructor_client, "regenerate", [item])
    item.refresh_from_db()
    assert item.stem == original


# --- export and import --------------------------------------------------------------------------------


def test_gift_export_holds_the_selected_questions_only(instructor_client):
    chosen, other = ItemFactory(), ItemFactory()
    response = bulk(instructor_client, "export_gift", [chosen, FlashcardFactory()])
    questions, problems = parse_gift(response.content.decode())
    assert (
        [q.stem for q in questions] == [chosen.stem]
        and not problems
        and other.stem not in response.content.decode()
    )


def test_json_export_holds_the_selected_flashcards_and_questions(instructor_client):
    question, card = ItemFactory(), FlashcardFactory()
    data = json.loads(bulk(instructor_client, "export_json", [question, card]).content)
    assert ([q["id"] for q in data["questions"]], [c["id"] for c in data["flashcards"]]) == (
        [question.key],
        [card.key],
    )


def test_anki_export_is_a_package(instructor_client):
    response = bulk(instructor_client, "export_anki", [ItemFactory(), FlashcardFactory()])
    assert "collection.anki2" in zipfile.ZipFile(io.BytesIO(response.content)).namelist()


GIFT = """$CATEGORY: lambda

::q1::What is the largest memory size of a Lambda function? {
\t=10,240 MB
\t~3,008 MB
\t~1,024 MB
\t####The notes list 128 MB to 10,240 MB.
}
"""


def import_file(client, name: str, text: str, **extra):
    return client.post(
        reverse("admin:quizzes_item_import"), {"file": SimpleUploadedFile(name, text.encode()), **extra}
    )


def test_importing_a_gift_file_adds_authored_questions(instructor_client):
    import_file(instructor_client, "bank.gift", GIFT)
    item = Item.objects.get()
    assert (item.origin, item.topic.slug, item.correct_indexes) == ("authored", "lambda", [0])


def test_an_import_is_in_the_history(instructor_client):
    import_file(instructor_client, "bank.gift", GIFT)
    assert LogEntry.objects.filter(object_id=str(Item.objects.get().pk)).exists()


def test_an_import_of_our_own_json_export_round_trips(instructor_client):
    question = ItemFactory()
    exported = bulk(instructor_client, "export_json", [question]).content.decode()
    Item.objects.all().delete()
    import_file(instructor_client, "bank.json", exported)
    assert Item.objects.get().stem == question.stem


def test_a_bad_file_imports_nothing_and_lists_its_problems(instructor_client):
    response = import_file(instructor_client, "bank.gift", GIFT + "\n::q2::Broken {\n\t~only wrong\n}\n")
    assert not Item.objects.exists() and "line " in response.content.decode()


def test_instructors_retire_items_instead_of_deleting_them(instructor_client):
    item = ItemFactory()
    response = instructor_client.post(reverse("admin:quizzes_item_delete", args=[item.pk]), {"post": "yes"})
    assert response.status_code == 403 and Item.objects.filter(pk=item.pk).exists()
