"""Error records quote a bad value by a short excerpt, never the whole of it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from newsfacts.ingest import read_paths
from newsfacts.ingest.files import excerpt
from newsfacts.schema import ErrorRecord

HUGE = "9" * 2_000_000
LARGE = "9" * 100_000  # within the csv module's field limit (131,072)


@pytest.mark.parametrize(("value", "expected"), [
    ("short", "'short'"),
    ("x" * 61, "'" + "x" * 60 + "'… (61 characters)"),
    (12345, "12345"),
    (["a"] * 40, repr(["a"] * 40)[:60] + f"… ({len(repr(['a'] * 40)):,} characters)"),
])
def test_excerpt(value: object, expected: str) -> None:
    assert excerpt(value) == expected


@pytest.mark.parametrize(("name", "content"), [
    ("dates.jsonl", json.dumps({"id": "a", "text": "t", "published": HUGE}) + "\n"),
    ("dates.csv", f"id,text,published\na,t,{LARGE}\n"),
    ("header.csv", f"{LARGE}\nx\n"),
])
def test_a_huge_field_gives_a_short_error(tmp_path: Path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    [record] = list(read_paths([path]))
    assert isinstance(record, ErrorRecord)
    assert len(record.error) < 400, record.error[:400]
    assert re.search(r"… \(100,0\d\d characters\)|… \(2,000,0\d\d characters\)", record.error)
