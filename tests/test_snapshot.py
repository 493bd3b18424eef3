"""The extractor's output against its golden snapshot (tests/snapshots, benchmarks/snapshot.py).

A failure shows the first lines of the diff; if the change is intended, run
``python benchmarks/snapshot.py`` and review the diff of tests/snapshots/.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from newsfacts.extractor import Extractor
from newsfacts.ingest import read_paths
from newsfacts.schema import Article, TradeFact
from tests.conftest import load_benchmark

bench: Any = load_benchmark("snapshot")
SHARED_NAMES: tuple[str, ...] = tuple(s.name for s in bench.shared_sets())


@pytest.fixture(scope="module")
def corpus_lines(extractor: Extractor) -> list[str]:
    """The current output on corpus/articles, as snapshot lines."""
    return bench.snapshot_lines(bench.CORPUS_SET, extractor)  # type: ignore[no-any-return]


def test_corpus_output_matches_its_snapshot(corpus_lines: list[str]) -> None:
    diff = bench.diff_lines(bench.read_snapshot(bench.CORPUS_SET.snapshot), corpus_lines,
                            "corpus")
    assert not diff, bench.mismatch_message(diff, "corpus")


@pytest.mark.shared
@pytest.mark.parametrize("name", SHARED_NAMES)
def test_shared_output_matches_its_snapshot(
        shared_dir: Path, extractor: Extractor, name: str) -> None:
    [snapshot_set] = [s for s in bench.shared_sets(shared_dir) if s.name == name]
    assert snapshot_set.source.exists(), f"{snapshot_set.source} is missing from {shared_dir}"
    diff = bench.check_set(snapshot_set, extractor)
    assert not diff, bench.mismatch_message(diff, name)


def test_every_corpus_document_has_a_line(corpus_lines: list[str]) -> None:
    """Documents in = documents out: a document without facts still has its line."""
    documents = [item.id if isinstance(item, Article) else item.doc_id
                 for item in read_paths([bench.CORPUS_SET.source])]
    assert documents
    assert sorted({json.loads(line)["doc_id"] for line in corpus_lines}) == sorted(documents)


def test_corpus_snapshot_keeps_every_field(corpus_lines: list[str]) -> None:
    facts = [json.loads(line) for line in corpus_lines]
    assert any(fact.get("evidence") and fact.get("sentence") for fact in facts)


@pytest.mark.parametrize("name", SHARED_NAMES)
def test_shared_snapshot_files_hold_offsets_not_text(name: str) -> None:
    path = bench.SNAPSHOTS / f"{name}.jsonl"
    if not path.is_file():
        pytest.skip(f"{path} not written yet (needs ../shared)")
    records = [json.loads(line) for line in bench.read_snapshot(path)]
    assert records, f"{path} is empty"
    for record in records:
        assert not bench.TEXT_FIELDS & record.keys(), f"{path}: text in {record}"
    facts = [r for r in records if "indicator" in r]
    assert facts and all(
        0 <= fact["evidence_start"] < fact["evidence_end"] for fact in facts)


@pytest.mark.parametrize("name", ("corpus", *SHARED_NAMES))
def test_snapshot_files_are_sorted_json_lines(name: str) -> None:
    path = bench.SNAPSHOTS / f"{name}.jsonl"
    if not path.is_file():
        pytest.skip(f"{path} not written yet (needs ../shared)")
    lines = bench.read_snapshot(path)
    records = [json.loads(line) for line in lines]
    assert lines == [json.dumps(r, sort_keys=True, ensure_ascii=False) for r in records]
    assert records == sorted(records, key=bench._sort_key)


def test_a_changed_line_fails_with_the_diff_and_the_update_command(
        corpus_lines: list[str]) -> None:
    """The check can fail: one changed value gives a diff naming both versions."""
    changed = [*corpus_lines]
    record = json.loads(changed[0])
    record["value"] = 12345
    changed[0] = json.dumps(record, sort_keys=True, ensure_ascii=False)
    diff = bench.diff_lines(corpus_lines, changed, "corpus")
    assert f"-{corpus_lines[0]}" in diff and f"+{changed[0]}" in diff
    message = bench.mismatch_message(diff, "corpus")
    assert "python benchmarks/snapshot.py" in message and '"value": 12345' in message


def test_decimals_are_written_as_plain_json_numbers() -> None:
    fact = TradeFact(doc_id="d", indicator="exports", reporter="USA", partner="WLD",
                     value=Decimal("7.46E+9"), currency="USD", change_pct=Decimal("-18.50"),
                     evidence="x", evidence_start=0, evidence_end=1)
    record = bench.fact_record(fact, shared=True)
    assert (record["value"], record["change_pct"]) == (7460000000, -18.5)
    assert "evidence" not in record and "sentence" not in record
    assert json.dumps(record["value"]) == "7460000000"
