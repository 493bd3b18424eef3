"""The error catalogue: every message newsfacts raises or records is an entry of
``newsfacts.errors.Errors`` with its own code, raised through it, and docs/errors.md lists the
entries (made from the code).

After adding or changing an entry: ``python tests/test_errors.py --write`` rewrites the
catalogue part of docs/errors.md (between its two marker lines) and records a new code in
tests/error_codes.json; the tests fail until then. A code once given is never given to
another message: error_codes.json keeps every code given, and an entry that goes keeps its
line there.
"""

from __future__ import annotations

import ast
import inspect
import json
import string
import sys
from pathlib import Path

import pytest

import newsfacts.errors as errors
from newsfacts.errors import CATALOGUE, Errors, FileMessage, Message, NewsfactsError

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "newsfacts"
PAGE = ROOT / "docs" / "errors.md"
CODES = ROOT / "tests" / "error_codes.json"
START = "<!-- error catalogue: made by `python tests/test_errors.py --write`; do not edit -->"
END = "<!-- end of the error catalogue -->"
CLASSES: dict[str, type[NewsfactsError]] = {
    name: cls for name, cls in vars(errors).items()
    if inspect.isclass(cls) and issubclass(cls, NewsfactsError)}
NAMES: dict[int, str] = {id(entry): name for name, entry in vars(Errors).items()
                         if isinstance(entry, Message | FileMessage)}
# classes whose one message kept the class's code when every message got its own
KEPT: frozenset[str] = frozenset({"DocumentTooLargeError", "ExtractionError"})


def name_of(entry: Message[NewsfactsError] | FileMessage) -> str:
    return NAMES[id(entry)]


def uses() -> tuple[dict[str, list[str]], list[str]]:
    """Entry name → the modules that raise or record it; and every place that makes an
    error of a newsfacts class directly, not through the catalogue."""
    used: dict[str, list[str]] = {}
    direct: list[str] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "errors.py":
            continue
        where = str(path.relative_to(ROOT))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                    and node.value.id == "Errors"):
                used.setdefault(node.attr, [])
                if where not in used[node.attr]:
                    used[node.attr].append(where)
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in CLASSES):
                direct.append(f"{where}:{node.lineno}")
            if (isinstance(node, ast.Attribute) and node.attr == "code"
                    and isinstance(node.value, ast.Name) and node.value.id in CLASSES):
                direct.append(f"{where}:{node.lineno}")
    return used, direct


def fields(template: str) -> dict[str, object]:
    return {name: 1 for _, name, _, _ in string.Formatter().parse(template) if name}


def catalogue() -> str:
    used, _ = uses()
    lines = [START, ""]
    for name, cls in sorted(CLASSES.items(), key=lambda item: item[1].code):
        if cls is NewsfactsError:
            continue
        parent = cls.__mro__[1]
        doc = " ".join((cls.__doc__ or "").split())
        kind = f"a kind of `{parent.__name__}`" + (
            f" ({parent.code})" if parent is not NewsfactsError else "")
        lines += [f"### `{name}` ({cls.code})", "", f"{doc} It is {kind}.", ""]
        entries = [entry for entry in CATALOGUE if entry.kind is cls]
        if name in KEPT:
            lines += [f"Its one message keeps the class's code, {cls.code}.", ""]
        elif entries:
            lines += [f"Until the catalogue (issue 13) every message below had the code "
                      f"{cls.code}; each has its own code now.", ""]
        else:
            lines += ["(raised as the classes below it)", ""]
        lines += ["| code | message | what it means | what to do |", "| --- | --- | --- | --- |"]
        if not entries:
            lines.pop()
            lines.pop()
        for entry in entries:
            text = " ".join(entry.template.split()).replace("|", "\\|")
            where = ", ".join(f"`{module}`" for module in used.get(name_of(entry), []))
            lines.append(f"| **{entry.code}** `{name_of(entry)}` | `` {text} `` "
                         f"| {entry.means} Raised in {where}. | {entry.do} |")
        lines.append("")
    lines.append(END)
    return "\n".join(lines) + "\n"


def page_with(text: str, block: str) -> str:
    start, end = text.index(START), text.index(END) + len(END) + 1
    return text[:start] + block + text[end:]


def recorded_codes() -> dict[str, str]:
    data: dict[str, str] = json.loads(CODES.read_text(encoding="utf-8"))
    return data


def test_every_class_code_is_one_class() -> None:
    codes = [cls.code for cls in CLASSES.values()]
    assert len(codes) == len(set(codes))
    assert all(len(code) == 4 and code[0] == "E" and code[1:].isdigit() for code in codes)


def test_every_message_has_its_own_code() -> None:
    codes = [entry.code for entry in CATALOGUE]
    assert len(codes) == len(set(codes)), "two entries share a code"
    assert all(len(code) == 4 and code[0] == "E" and code[1:].isdigit() for code in codes)
    class_codes = {cls.code: name for name, cls in CLASSES.items()}
    shared = [entry.code for entry in CATALOGUE
              if entry.code in class_codes and class_codes[entry.code] not in KEPT]
    assert shared == [], "a message code that is a class's code"
    assert len(CATALOGUE) == len(NAMES) >= 100


def test_codes_are_stable() -> None:
    """Every entry's code is the one recorded for its name, and no recorded code is given to
    another name (error_codes.json keeps the codes of entries that are gone)."""
    recorded = recorded_codes()
    assert len(set(recorded.values())) == len(recorded)
    changed = {name_of(entry): (recorded.get(name_of(entry)), entry.code)
               for entry in CATALOGUE if recorded.get(name_of(entry)) != entry.code}
    assert changed == {}, "run: python tests/test_errors.py --write (it adds new codes only)"


@pytest.mark.parametrize("entry", CATALOGUE, ids=name_of)
def test_an_entry_raises_its_class_with_its_code(
        entry: Message[NewsfactsError] | FileMessage) -> None:
    error = (entry("file.csv", 3, **fields(entry.template)) if isinstance(entry, FileMessage)
             else entry(**fields(entry.template)))
    assert type(error) is entry.kind
    assert error.code == entry.code
    assert str(error).startswith(f"[{entry.code}] ")
    assert entry.means and entry.do


def test_every_message_goes_through_the_catalogue() -> None:
    used, direct = uses()
    assert direct == [], "raise Errors.<ENTRY>(…), not the class with a message"
    unknown = sorted(set(used) - set(NAMES.values()))
    assert unknown == []
    unused = sorted(set(NAMES.values()) - set(used))
    assert unused == [], "entries nothing raises"


def test_the_catalogue_of_docs_errors_md_is_up_to_date() -> None:
    text = PAGE.read_text(encoding="utf-8")
    assert page_with(text, catalogue()) == text, "run: python tests/test_errors.py --write"


def write() -> None:
    recorded = recorded_codes() if CODES.exists() else {}
    for entry in CATALOGUE:
        recorded.setdefault(name_of(entry), entry.code)
    CODES.write_text(json.dumps(recorded, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    PAGE.write_text(page_with(PAGE.read_text(encoding="utf-8"), catalogue()), encoding="utf-8")


if __name__ == "__main__" and sys.argv[1:] == ["--write"]:
    write()
