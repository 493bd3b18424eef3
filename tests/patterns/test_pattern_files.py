"""Every pattern file of the package: it loads, its ids are unique, its labels are known.

An id is ``<rule>`` or ``<rule>#<n>`` (``cues.jsonl`` numbers the variants of one rule, and a
few money/percent rules do the same); the whole id, suffix included, is unique in its file,
and the suffix is a positive number.
"""

from __future__ import annotations

import re
from collections import Counter
from importlib import resources
from typing import Any

import pytest
import spacy
from spacy.pipeline import SpanRuler

from newsfacts.mentions.component import LABELS
from newsfacts.patterns import PATTERN_FILES, load_patterns

ID_RE = re.compile(r"^[a-z][a-z0-9_.\-]*(?:#[1-9]\d*)?$")


def _pattern_files() -> list[str]:
    folder = resources.files("newsfacts.patterns")
    return sorted(entry.name for entry in folder.iterdir() if entry.name.endswith(".jsonl"))


PATTERN_FILE_NAMES = _pattern_files()


def test_there_are_pattern_files() -> None:
    assert {"money.jsonl", "percent.jsonl"} <= set(PATTERN_FILE_NAMES)


def test_every_pattern_file_is_shipped_in_the_pipeline() -> None:
    assert set(PATTERN_FILE_NAMES) == set(PATTERN_FILES)


@pytest.fixture(scope="module", params=PATTERN_FILE_NAMES)
def patterns(request: pytest.FixtureRequest) -> tuple[str, list[dict[str, Any]]]:
    name: str = request.param
    return name, load_patterns(name)


def test_file_loads_and_is_not_empty(patterns: tuple[str, list[dict[str, Any]]]) -> None:
    name, entries = patterns
    assert entries, f"{name} has no patterns"
    for entry in entries:
        assert set(entry) == {"label", "pattern", "id"}, f"{name}: {entry}"


def test_ids_are_unique(patterns: tuple[str, list[dict[str, Any]]]) -> None:
    name, entries = patterns
    repeated = [i for i, n in Counter(e["id"] for e in entries).items() if n > 1]
    assert repeated == [], f"{name}: ids used more than once"


def test_ids_are_well_formed(patterns: tuple[str, list[dict[str, Any]]]) -> None:
    name, entries = patterns
    wrong = [e["id"] for e in entries if not ID_RE.match(e["id"])]
    assert wrong == [], f"{name}: ids not of the form rule or rule#n"


def test_labels_are_known(patterns: tuple[str, list[dict[str, Any]]]) -> None:
    name, entries = patterns
    unknown = sorted({e["label"] for e in entries} - LABELS)
    assert unknown == [], f"{name}: labels not in newsfacts.mentions.component.LABELS"


def test_patterns_are_valid_spacy_patterns(
    patterns: tuple[str, list[dict[str, Any]]],
) -> None:
    """spaCy's own schema check: a misspelt attribute or operator fails here, not at run time."""
    _, entries = patterns
    nlp = spacy.blank("en")
    ruler = SpanRuler(nlp, validate=True)
    ruler.add_patterns(entries)
    assert len(ruler.patterns) == len(entries)
