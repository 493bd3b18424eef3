"""Rules as data: spaCy pattern files and gazetteers shipped with the package."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from newsfacts.errors import Errors

PATTERN_FILES: tuple[str, ...] = (
    "money.jsonl",
    "percent.jsonl",
    "periods.jsonl",
    "cues.jsonl",
)


@cache
def load_json(name: str) -> dict[str, Any]:
    """A JSON data file of this package, parsed once."""
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise Errors.DATA_FILE_NOT_JSON(name=name, exc=exc) from exc
    if not isinstance(data, dict):
        raise Errors.DATA_FILE_NOT_OBJECT(name=name)
    return data


def load_patterns(name: str) -> list[dict[str, Any]]:
    """A spaCy span_ruler pattern file: one object per line with label, pattern and id."""
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    patterns: list[dict[str, Any]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            entry = json.loads(line)
        except json.JSONDecodeError as exc:
            raise Errors.PATTERN_LINE_NOT_JSON(name=name, number=number, exc=exc) from exc
        if not {"label", "pattern", "id"} <= entry.keys():
            raise Errors.PATTERN_LINE_FIELDS(name=name, number=number)
        patterns.append(entry)
    return patterns
