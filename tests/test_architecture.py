"""The house rules of docs/architecture.md, checked on the source: notes never imports quizzes, a
selector never imports a service, no import circle between files, pure modules stay pure, no module
over 600 lines. Each rule is also shown to catch a violation planted in a small tree of its own."""

from __future__ import annotations

from pathlib import Path

from tests.architecture import (
    MAX_LINES,
    capability_imports,
    forbidden_imports,
    import_circles,
    impure_imports,
    oversized_modules,
    project_imports,
    selectors_importing_services,
)


def plant(root: Path, files: dict[str, str]) -> Path:
    """A small source tree: ``{"pkg/mod.py": "source"}``; packages get an empty ``__init__.py``."""
    for name, source in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        for folder in path.relative_to(root).parents:
            if str(folder) != "." and not (root / folder / "__init__.py").exists():
                (root / folder / "__init__.py").write_text("")
        path.write_text(source)
    return root


# --- the project as it is -------------------------------------------------------------------------


def test_the_checks_read_the_project_itself():
    edges = {(i.importer, i.imported) for i in project_imports()}
    assert ("quizzes.bank.receivers", "notes.signals") in edges  # quizzes listens to notes, never the reverse


def test_notes_never_imports_quizzes():
    assert forbidden_imports(project_imports(), importer="notes", imported="quizzes") == []


def test_no_selector_imports_a_service():
    assert selectors_importing_services(project_imports()) == []


def test_no_two_files_import_each_other_in_a_circle():
    assert import_circles(project_imports()) == []


def test_no_two_quizzes_capabilities_depend_on_each_other():
    assert import_circles(capability_imports(project_imports())) == []


def test_pure_modules_import_neither_django_nor_impure_project_modules():
    assert impure_imports() == []


def test_no_module_is_over_the_line_limit():
    assert oversized_modules() == []


# --- each rule catches what it forbids ------------------------------------------------------------


def test_a_function_level_import_of_quizzes_in_notes_is_caught(tmp_path):
    root = plant(
        tmp_path,
        {"notes/services/x.py": "def f():\n    from quizzes.models import Item\n", "quizzes/models.py": ""},
    )
    found = forbidden_imports(
        project_imports(root, ("notes", "quizzes")), importer="notes", imported="quizzes"
    )
    assert [(i.importer, i.imported, i.line) for i in found] == [("notes.services.x", "quizzes.models", 2)]


def test_a_selector_importing_a_service_is_caught(tmp_path):
    root = plant(
        tmp_path,
        {
            "quizzes/mail/selectors.py": "from quizzes.mail.services import rollups\n",
            "quizzes/mail/services/rollups.py": "",
        },
    )
    found = selectors_importing_services(project_imports(root, ("quizzes",)))
    assert [(i.importer, i.imported) for i in found] == [
        ("quizzes.mail.selectors", "quizzes.mail.services.rollups")
    ]


def test_a_circle_through_three_files_is_caught(tmp_path):
    root = plant(
        tmp_path,
        {
            "app/a.py": "from app import b\n",
            "app/b.py": "def f():\n    from app.c import g\n",
            "app/c.py": "import app.a\n",
            "app/d.py": "from app.a import x\n",
        },
    )
    assert import_circles(project_imports(root, ("app",))) == [["app.a", "app.b", "app.c"]]


def test_relative_imports_are_resolved_when_looking_for_circles(tmp_path):
    root = plant(tmp_path, {"app/sub/a.py": "from . import b\n", "app/sub/b.py": "from ..sub.a import f\n"})
    assert import_circles(project_imports(root, ("app",))) == [["app.sub.a", "app.sub.b"]]


def test_two_capabilities_importing_each_other_through_different_files_are_caught(tmp_path):
    root = plant(
        tmp_path,
        {
            "quizzes/exams/services.py": "from quizzes.study.grading import grade\n",
            "quizzes/study/grading.py": "",
            "quizzes/study/views.py": "from quizzes.exams.services import start\n",
        },
    )
    assert import_circles(capability_imports(project_imports(root, ("quizzes",)))) == [
        ["quizzes.exams", "quizzes.study"]
    ]


def test_a_pure_module_importing_django_is_caught(tmp_path):
    root = plant(tmp_path, {"app/pure.py": "def f():\n    from django.db import models\n"})
    assert impure_imports(root, ("app",), pure=("app.pure",)) == ["app.pure:2 imports django.db"]


def test_a_pure_module_importing_an_impure_one_is_caught(tmp_path):
    root = plant(tmp_path, {"app/pure.py": "from app.models import Item\n", "app/models.py": ""})
    assert impure_imports(root, ("app",), pure=("app.pure",)) == ["app.pure:1 imports app.models"]


def test_a_module_one_line_over_the_limit_is_caught_and_one_at_the_limit_is_not(tmp_path):
    root = plant(tmp_path, {"app/long.py": "x = 1\n" * (MAX_LINES + 1), "app/ok.py": "x = 1\n" * MAX_LINES})
    assert oversized_modules(root, ("app",)) == [f"app/long.py: {MAX_LINES + 1}"]


def test_migrations_are_left_out_of_the_line_limit(tmp_path):
    root = plant(tmp_path, {"app/migrations/0001_initial.py": "x = 1\n" * (MAX_LINES + 1)})
    assert oversized_modules(root, ("app",)) == []
