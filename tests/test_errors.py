"""The error catalogue of docs/errors.md is made from the code: every coded error class of
newsfacts/errors.py, and under it every message the package raises (or records) with it.

After adding or changing a message: ``python tests/test_errors.py --write`` rewrites the
catalogue part of docs/errors.md (between its two marker lines); this test fails until then.
"""

from __future__ import annotations

import ast
import inspect
import sys
from pathlib import Path

import pytest

import newsfacts.errors as errors
from newsfacts.errors import NewsfactsError

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "newsfacts"
PAGE = ROOT / "docs" / "errors.md"
START = "<!-- error catalogue: made by `python tests/test_errors.py --write`; do not edit -->"
END = "<!-- end of the error catalogue -->"
CLASSES: dict[str, type[NewsfactsError]] = {
    name: cls for name, cls in vars(errors).items()
    if inspect.isclass(cls) and issubclass(cls, NewsfactsError)}


def template(node: ast.expr) -> str | None:
    """A message as written: f-string fields become '…'."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(part.value if isinstance(part, ast.Constant) else "…"
                       for part in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = template(node.left), template(node.right)
        return None if left is None or right is None else left + right
    return None


def messages() -> dict[str, list[tuple[str, str]]]:
    """Error class name → (module path, message template), in path and line order."""
    found: dict[str, list[tuple[str, int, str]]] = {name: [] for name in CLASSES}
    for path in sorted(PACKAGE.rglob("*.py")):
        where = str(path.relative_to(ROOT))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = (node.func.id if isinstance(node.func, ast.Name)
                    else node.func.attr if isinstance(node.func, ast.Attribute) else "")
            if name in CLASSES and name != "NewsfactsError":
                # ReferenceFileError(path, problem, row): the problem is the message
                args = node.args[1:2] if name == "ReferenceFileError" else node.args[:1]
                text = template(args[0]) if args else None
                if text is not None:
                    found[name].append((where, node.lineno, text))
            if name == "ErrorRecord":  # a record made with a class's code
                code = next((kw.value for kw in node.keywords if kw.arg == "error_code"), None)
                text = next((template(kw.value) for kw in node.keywords if kw.arg == "error"),
                            None)
                if (isinstance(code, ast.Attribute) and isinstance(code.value, ast.Name)
                        and code.value.id in CLASSES and text is not None):
                    found[code.value.id].append((where, node.lineno, text))
    return {name: [(where, text) for where, _, text in sorted(items)]
            for name, items in found.items()}


def catalogue() -> str:
    lines = [START, ""]
    by_code = sorted(CLASSES.items(), key=lambda item: item[1].code)
    raised = messages()
    for name, cls in by_code:
        if cls is NewsfactsError:
            continue
        parent = cls.__mro__[1]
        lines.append(f"### {cls.code}: `{name}`")
        lines.append("")
        doc = " ".join((cls.__doc__ or "").split())
        lines.append(f"{doc} (A kind of `{parent.__name__}`"
                     + (f", {parent.code})." if parent is not NewsfactsError else ").")
                     if parent is not Exception else doc)
        lines.append("")
        for where, text in raised[name]:
            lines.append(f"- `{where}`: `` {' '.join(text.split())} ``")
        if not raised[name]:
            lines.append("- (raised by the classes below it)")
        lines.append("")
    lines.append(END)
    return "\n".join(lines) + "\n"


def page_with(text: str, block: str) -> str:
    start, end = text.index(START), text.index(END) + len(END) + 1
    return text[:start] + block + text[end:]


def test_every_code_is_one_class() -> None:
    codes = [cls.code for cls in CLASSES.values()]
    assert len(codes) == len(set(codes))
    assert all(len(code) == 4 and code[0] == "E" and code[1:].isdigit() for code in codes)


@pytest.mark.parametrize("name", sorted(set(CLASSES) - {"NewsfactsError"}))
def test_every_message_starts_with_its_code(name: str) -> None:
    error = CLASSES[name]("x") if name != "ReferenceFileError" else CLASSES[name]("f", "x")
    assert str(error).startswith(f"[{CLASSES[name].code}] ")


def test_the_catalogue_of_docs_errors_md_is_up_to_date() -> None:
    text = PAGE.read_text(encoding="utf-8")
    assert page_with(text, catalogue()) == text, "run: python tests/test_errors.py --write"


def test_the_catalogue_finds_the_messages() -> None:
    raised = messages()
    assert any("is not a date" in text for _, text in raised["DateError"])
    assert sum(len(found) for found in raised.values()) >= 40


if __name__ == "__main__" and sys.argv[1:] == ["--write"]:
    PAGE.write_text(page_with(PAGE.read_text(encoding="utf-8"), catalogue()), encoding="utf-8")
