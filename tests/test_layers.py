"""A stage imports only from the stages before it (and schema, errors, settings)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "newsfacts"
STAGES: tuple[tuple[str, ...], ...] = (
    ("newsfacts.errors", "newsfacts.schema", "newsfacts.settings"),
    ("newsfacts.patterns",),
    ("newsfacts.ingest",),
    ("newsfacts.mentions",),
    ("newsfacts.facts",),
    ("newsfacts.pipeline", "newsfacts.extract"),
    ("newsfacts.validation",),
    ("newsfacts.outputs",),
    ("newsfacts.batch",),
    ("newsfacts.evaluate",),
    ("newsfacts.review",),
    ("newsfacts.cli", "newsfacts.__main__", "newsfacts"),
)


def rank(module: str) -> int:
    for index, names in enumerate(STAGES):
        if any(
            module == name or module.startswith(name + ".") for name in names if name != "newsfacts"
        ):
            return index
    return len(STAGES) - 1


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("newsfacts"):
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(a.name for a in node.names if a.name.startswith("newsfacts"))
    return names


def test_stages_import_only_earlier_stages() -> None:
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = module_name(path)
        for target in imported(path):
            if target != "newsfacts" and rank(target) > rank(module):
                wrong.append(f"{module} imports {target}")
    assert wrong == []
