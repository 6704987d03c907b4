"""Reads the project's own source as text (``ast``) to check the house rules of docs/architecture.md:
which package may import which, no import circle between files, no module over the size limit.

Pure functions over a folder of ``.py`` files, so each rule is tested on the real tree and, to show
it can fail, on a small tree made for the test.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("notes", "quizzes", "studyhub")  # the application code; tests and bench are checked for size
MAX_LINES = 600
# Pure logic: no database, no Django, only other pure modules (a package name covers its modules).
PURE = (
    "notes.cleaning",
    "notes.flat",
    "notes.facts",
    "notes.outline",
    "notes.parser",
    "notes.prose",
    "notes.intake",
    "notes.rendering",
    "notes.runin",
    "notes.shapes",
    "notes.slides",
    "notes.tables",
    "notes.topics",
    "notes.units",
    "quizzes.bank.generation",
    "quizzes.bank.gift",
    "quizzes.bank.item_stats",
    "quizzes.exams.scoring",
    "quizzes.study.confusions",
    "quizzes.study.days",
    "quizzes.study.grading",
    "quizzes.study.limits",
    "quizzes.study.rating_buttons",
)


@dataclass(frozen=True)
class Import:
    importer: str  # dotted module name of the file that imports
    imported: str  # dotted module name it imports (a module of the tree, resolved from ``from x import y``)
    line: int


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def python_files(root: Path, packages: Iterable[str]) -> Iterator[Path]:
    """Every ``.py`` file of the packages, migrations left out (Django writes them)."""
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            if "migrations" not in path.relative_to(root).parts:
                yield path


@cache
def _tree(path: Path) -> ast.Module:
    """One parse per file, whichever rules read it."""
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def imports_of(path: Path, root: Path, modules: set[str]) -> list[Import]:
    """The imports of one file that name a module of ``modules``, at any depth (function-level
    imports count: a circle hidden in a function is still a circle)."""
    importer = module_name(path, root)
    is_package = path.name == "__init__.py"
    found = []
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(node, importer, is_package)
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names]
        else:
            continue
        for target in targets:
            resolved = _known(target, modules)
            if resolved is not None and resolved != importer:
                found.append(Import(importer, resolved, node.lineno))
    return found


def _absolute(node: ast.ImportFrom, importer: str, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    package = importer.split(".") if is_package else importer.split(".")[:-1]
    base = package[: len(package) - (node.level - 1)]
    return ".".join([*base, *([node.module] if node.module else [])])


def _known(name: str, modules: set[str]) -> str | None:
    """The longest prefix of ``name`` that is a module of the tree (``a.b.c`` where ``c`` is a name)."""
    parts = name.split(".")
    for end in range(len(parts), 0, -1):
        candidate = ".".join(parts[:end])
        if candidate in modules:
            return candidate
    return None


def project_imports(root: Path = ROOT, packages: Iterable[str] = PACKAGES) -> list[Import]:
    files = list(python_files(root, packages))
    modules = {module_name(p, root) for p in files}
    return [imp for path in files for imp in imports_of(path, root, modules)]


def _in(module: str, package: str) -> bool:
    return module == package or module.startswith(f"{package}.")


def forbidden_imports(imports: Iterable[Import], *, importer: str, imported: str) -> list[Import]:
    """Imports by a module of package ``importer`` of a module of package ``imported``."""
    return [i for i in imports if _in(i.importer, importer) and _in(i.imported, imported)]


def is_selector(module: str) -> bool:
    return "selectors" in module.split(".")


def is_service(module: str) -> bool:
    return "services" in module.split(".")


def selectors_importing_services(imports: Iterable[Import]) -> list[Import]:
    """A selector reads; one that imports a service could write."""
    return [i for i in imports if is_selector(i.importer) and is_service(i.imported)]


def import_circles(imports: Iterable[Import]) -> list[list[str]]:
    """Every circle of imports between files, each as the list of modules around it (Tarjan's strongly
    connected components with more than one module)."""
    graph: dict[str, set[str]] = {}
    for imp in imports:
        graph.setdefault(imp.importer, set()).add(imp.imported)
        graph.setdefault(imp.imported, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []

    def visit(node: str) -> None:
        # iterative depth-first search, so a long chain of imports cannot hit the recursion limit
        work = [(node, iter(sorted(graph[node])))]
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        while work:
            current, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[current])
                if low[current] == index[current]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == current:
                            break
                    if len(component) > 1:
                        circles.append(sorted(component))
            elif child not in index:
                index[child] = low[child] = len(index)
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(graph[child]))))
            elif child in on_stack:
                low[current] = min(low[current], index[child])

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return circles


def is_pure(module: str, pure: Iterable[str] = PURE) -> bool:
    return any(_in(module, package) for package in pure)


def impure_imports(
    root: Path = ROOT, packages: Iterable[str] = PACKAGES, pure: Iterable[str] = PURE
) -> list[str]:
    """Imports by a pure module of Django or of a project module that is not pure, as
    ``module:line imports name``."""
    pure = tuple(pure)
    files = list(python_files(root, packages))
    modules = {module_name(p, root) for p in files}
    found = []
    for path in files:
        importer = module_name(path, root)
        if not is_pure(importer, pure):
            continue
        found += [
            f"{importer}:{i.line} imports {i.imported}"
            for i in imports_of(path, root, modules)
            if not is_pure(i.imported, pure)
        ]
        for node in ast.walk(_tree(path)):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module or ""]
            found += [f"{importer}:{node.lineno} imports {n}" for n in names if _in(n, "django")]
    return found


CAPABILITIES = ("quizzes.bank", "quizzes.study", "quizzes.exams", "quizzes.mail")


def capability_imports(imports: Iterable[Import], capabilities: Iterable[str] = CAPABILITIES) -> list[Import]:
    """The imports from one capability package into another, collapsed to the packages' names (the
    gathering modules such as ``quizzes.models`` belong to none, so going through them is not a
    dependency)."""
    capabilities = tuple(capabilities)

    def owner(module: str) -> str | None:
        return next((c for c in capabilities if _in(module, c)), None)

    collapsed = []
    for imp in imports:
        importer, imported = owner(imp.importer), owner(imp.imported)
        if importer and imported and importer != imported:
            collapsed.append(Import(importer, imported, imp.line))
    return collapsed


def oversized_modules(root: Path = ROOT, folders: Iterable[str] = (*PACKAGES, "tests", "bench")) -> list[str]:
    """Modules over ``MAX_LINES`` lines, as ``path: lines``."""
    found = []
    for path in python_files(root, folders):
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES:
            found.append(f"{path.relative_to(root)}: {lines}")
    return found
