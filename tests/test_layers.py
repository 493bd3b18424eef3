"""Which part of the package may import which: a table, checked against every import.

A *part* is a subpackage (``newsfacts.facts``) or a top-level module (``newsfacts.check``);
``errors``, ``schema``, ``settings``, ``extras`` and ``periods`` form the base every part may
use.
``ALLOWED`` lists, for each part, the other parts it may import; an import not in it fails,
and so does a module in no part (place a new one in the table). ``NEVER`` says aloud the
pairs that must stay apart and why; the table may not allow any of them. Every import counts,
those inside functions too, and the modules import no circle.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from newsfacts.errors import Errors

PACKAGE = Path(__file__).resolve().parents[1] / "newsfacts"
BASE: frozenset[str] = frozenset({"errors", "schema", "settings", "extras", "periods"})
# the part of the top-level package itself: newsfacts/__init__.py (the public API)
API = "api"

ALLOWED: dict[str, frozenset[str]] = {
    "base": frozenset(),
    "patterns": frozenset({"base"}),
    "ingest": frozenset({"base"}),
    "mentions": frozenset({"base", "patterns"}),
    "facts": frozenset({"base", "patterns", "mentions"}),
    "pipeline": frozenset({"base", "patterns", "mentions", "facts"}),
    "extractor": frozenset({"base", "patterns", "ingest", "mentions", "facts", "pipeline"}),
    "validation": frozenset({"base"}),
    "check": frozenset({"base", "extractor", "validation"}),
    "outputs": frozenset({"base"}),
    "batch": frozenset({"base", "ingest", "pipeline", "extractor", "outputs"}),
    "evaluate": frozenset({"base", "ingest", "extractor"}),
    "review": frozenset({"base", "ingest", "extractor", "validation", "check", "outputs"}),
    API: frozenset({"base", "extractor", "pipeline", "validation"}),
    "cli": frozenset({"base", "patterns", "ingest", "mentions", "facts", "pipeline", "extractor",
                      "validation", "check", "outputs", "batch", "evaluate", "review"}),
}
LIBRARY: frozenset[str] = frozenset(ALLOWED) - {"cli"}
EXTRACTION: frozenset[str] = frozenset({"patterns", "ingest", "mentions", "facts", "pipeline",
                                        "extractor"})

# (importer, imported): why never
NEVER: dict[tuple[str, str], str] = {
    **{(part, "cli"): "the library never reaches the command line: the CLI does the talking"
       for part in LIBRARY},
    **{(part, "validation"): "extraction never reaches validation: a fact is what the text "
                             "says, whatever the official figures say"
       for part in EXTRACTION},
    **{(part, "check"): "extraction never reaches the extract-and-validate step built on it"
       for part in EXTRACTION},
    **{("validation", part): "validation judges records, never how they were extracted: "
                             "it takes TradeFact records and official files"
       for part in EXTRACTION},
    **{(part, "review"): "the fact-check outputs (report, page, ClaimReview) sit on top: only "
                         "the CLI uses them"
       for part in LIBRARY - {"review"}},
    **{(part, "batch"): "batch runs drive extraction; nothing below them drives a batch"
       for part in EXTRACTION | {"validation", "outputs"}},
    ("ingest", "mentions"): "readers turn files into Articles and know nothing of the text's "
                            "meaning",
    ("outputs", "validation"): "writers write the records they are given",
    ("outputs", "extractor"): "writers write the records they are given",
}

# module names used in more than one part (the CLI's modules are named by their commands and
# do not count): the name, and why the modules share it. Another name used twice fails: give
# the new module a name that says what it holds ('records' was mentions' mention records and
# validation's series and verdicts; the latter is validation/series_and_verdicts.py).
SHARED_NAMES: dict[str, str] = {
    "component": "each stage's spaCy component: mentions/component.py, facts/component.py",
    "context": "mentions/context.py: the words around a mention; facts/context.py: what the "
               "rule layer remembers across a document",
    "periods": "periods.py: period arithmetic; mentions/periods.py: periods read from text; "
               "validation/periods.py: the arithmetic re-exported for validation",
}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES: dict[str, Path] = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def part_of(module: str) -> str:
    names = module.split(".")
    if len(names) == 1:
        return API
    if names[1] == "__main__":
        return "cli"
    return "base" if names[1] in BASE else names[1]


def imports(path: Path) -> set[str]:
    """Every newsfacts module ``path`` imports, at any depth of the code."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("newsfacts"):
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names
                         if f"{node.module}.{alias.name}" in MODULES)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names
                         if alias.name.startswith("newsfacts"))
    return found


GRAPH: dict[str, set[str]] = {module: imports(path) & set(MODULES)
                              for module, path in MODULES.items()}


def test_every_module_is_in_a_part_of_the_table() -> None:
    assert sorted({part_of(module) for module in MODULES} - set(ALLOWED)) == []


@pytest.mark.parametrize(("importer", "imported"), sorted(NEVER))
def test_the_table_allows_no_never_pair(importer: str, imported: str) -> None:
    assert imported not in ALLOWED[importer], NEVER[(importer, imported)]


def test_every_import_is_allowed_by_the_table() -> None:
    wrong = [f"{module} ({part_of(module)}) imports {target} ({part_of(target)})"
             for module, targets in GRAPH.items() for target in sorted(targets)
             if part_of(target) != part_of(module)
             and part_of(target) not in ALLOWED[part_of(module)]]
    assert wrong == []


def test_no_private_module_is_used_from_another_part() -> None:
    wrong = [f"{module} imports {target}"
             for module, targets in GRAPH.items() for target in sorted(targets)
             if target.rsplit(".", 1)[-1].startswith("_") and not target.endswith("__main__")
             and target.rsplit(".", 1)[0] != module.rsplit(".", 1)[0]]
    assert wrong == []


def test_the_modules_import_no_circle() -> None:
    done: set[str] = set()
    path: list[str] = []

    def visit(module: str) -> list[str]:
        if module in path:
            return [*path[path.index(module):], module]
        if module in done:
            return []
        path.append(module)
        for target in sorted(GRAPH[module]):
            # a package's __init__ re-exporting its own modules is no circle
            if target == module or module.startswith(target + "."):
                continue
            circle = visit(target)
            if circle:
                return circle
        path.pop()
        done.add(module)
        return []

    circles = [circle for module in sorted(GRAPH) if (circle := visit(module))]
    assert circles == []


FLAG = re.compile(r"(?<![\w-])--[a-z][\w-]*|(?<![\w-])-o\b")


def test_library_messages_name_no_command_line_flag() -> None:
    """What the library raises is read by Python callers too: flags are the CLI's words. The
    messages are the entries of ``newsfacts.errors.Errors`` a module raises (``Errors.NAME``),
    and any text raised as it is."""
    wrong = []
    for module, path in MODULES.items():
        if part_of(module) == "cli":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                    and node.value.id == "Errors"):
                template = getattr(Errors, node.attr).template
                if FLAG.search(template):
                    wrong.append(f"{module}:{node.lineno}: Errors.{node.attr}: {template!r}")
            if isinstance(node, ast.Raise) and node.exc is not None:
                for inner in ast.walk(node.exc):
                    if (isinstance(inner, ast.Constant) and isinstance(inner.value, str)
                            and FLAG.search(inner.value)):
                        wrong.append(f"{module}:{node.lineno}: {inner.value!r}")
    assert wrong == []


def test_module_names_say_what_they_hold() -> None:
    parts: dict[str, set[str]] = {}
    for module in MODULES:
        name = module.split(".")[-1]
        if part_of(module) != "cli" and name != "__init__":
            parts.setdefault(name, set()).add(part_of(module))
    shared = {name for name, where in parts.items() if len(where) > 1}
    assert shared == set(SHARED_NAMES), "a module name in two parts: see SHARED_NAMES"


def test_the_layout_page_names_the_shared_module_names() -> None:
    page = (PACKAGE.parent / "docs" / "layout.md").read_text(encoding="utf-8")
    named = set(re.findall(r"^- `(\w+)\.py`:", page, flags=re.MULTILINE))
    assert named == set(SHARED_NAMES)


def test_the_layout_page_shows_the_table() -> None:
    page = (PACKAGE.parent / "docs" / "layout.md").read_text(encoding="utf-8")
    shown = {row[0]: set(re.findall(r"`(\w+)`", row[2]))
             for row in (line.split("|")[1:4] for line in page.splitlines()
                         if re.match(r"\| `\w+` \|", line))}
    shown = {re.sub(r"`", "", part).strip(): allowed for part, allowed in shown.items()}
    assert shown == {part: set(allowed) for part, allowed in ALLOWED.items()}
