"""Scoring per SCHEMA.md: matching, tolerance, canonical periods, modality, attributes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newsfacts.errors import Errors, GoldError
from newsfacts.evaluate import (
    ATTRIBUTE_FIELDS,
    Evaluation,
    canonical_period,
    evaluate,
    evaluate_documents,
    read_gold,
)
from newsfacts.extractor import Extractor
from tests.conftest import SEED_TEXT


def gold_fact(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "doc_id": "d1", "indicator": "trade_balance", "flow": None, "reporter": "USA",
        "partner": "WLD", "period": "1994-03", "value": -7460000000.0, "currency": "USD",
        "change_pct": -18.5, "previous_value": None, "previous_period": None,
        "qualifiers": [], "seasonally_adjusted": None,
        "evidence": "The U.S. trade deficit narrowed 18.5% to $7.46 billion in March",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(("period", "canonical"), [
    ("1987-01/1987-03", "1987-Q1"),
    ("1987-10/1987-12", "1987-Q4"),
    ("1987-01/1987-12", "1987"),
    ("1987-04/1987-04", "1987-04"),
    ("1986-01/1986-09", "1986-01/1986-09"),
    ("1987-02/1987-04", "1987-02/1987-04"),
    ("1986-12/1987-02", "1986-12/1987-02"),
    ("FY1987", "FY1987"),
    ("1994-03", "1994-03"),
    (None, None),
])
def test_canonical_period(period: str | None, canonical: str | None) -> None:
    assert canonical_period(period) == canonical


def test_exact_match_scores_one() -> None:
    result = evaluate([gold_fact()], [gold_fact()], {"d1"})
    assert result.summary()["overall"] == {"tp": 1, "system": 1, "gold": 1, "precision": 1.0,
                                           "recall": 1.0, "f1": 1.0}
    assert result.attribute_accuracy == 1.0
    assert result.missed == [] and result.spurious == []


@pytest.mark.parametrize(("value", "matches"), [
    (-7465000000.0, True),    # 0.07 % off
    (-7467400000.0, True),    # just under 0.1 %
    (-7500000000.0, False),   # 0.5 % off
    (7460000000.0, False),    # sign differs
])
def test_value_tolerance(value: float, matches: bool) -> None:
    result = evaluate([gold_fact(value=value)], [gold_fact()], {"d1"})
    assert result.overall.true_positives == int(matches)


@pytest.mark.parametrize("field", ["indicator", "reporter", "partner", "period", "doc_id"])
def test_key_fields_must_agree(field: str) -> None:
    other = {"indicator": "imports", "reporter": "JPN", "partner": "JPN", "period": "1994-02",
             "doc_id": "d2"}[field]
    result = evaluate([gold_fact(**{field: other})], [gold_fact()], {"d1", "d2"})
    assert result.overall.true_positives == 0
    assert len(result.missed) == 1
    assert len(result.spurious) == 1


def test_run_of_months_matches_its_quarter() -> None:
    result = evaluate([gold_fact(period="1987-01/1987-03")], [gold_fact(period="1987-Q1")],
                      {"d1"})
    assert result.overall.true_positives == 1


def test_forecasts_and_other_documents_are_left_out() -> None:
    system = [gold_fact(modality="forecast"), gold_fact(doc_id="elsewhere")]
    result = evaluate(system, [gold_fact()], {"d1"})
    assert result.overall.system == 0
    assert result.overall.recall == 0.0
    assert result.spurious == []


def test_each_gold_fact_matches_once() -> None:
    result = evaluate([gold_fact(), gold_fact()], [gold_fact()], {"d1"})
    assert result.overall.true_positives == 1
    assert result.overall.precision == 0.5
    assert len(result.spurious) == 1


def test_attribute_errors_on_matched_pairs() -> None:
    system = gold_fact(change_pct=18.5, qualifiers=["record"], flow="goods")
    result = evaluate([system], [gold_fact()], {"d1"})
    assert {error["field"] for error in result.attribute_errors} == {
        "change_pct", "qualifiers", "flow"}
    summary = result.summary()
    assert summary["attribute_accuracy"] == round(4 / len(ATTRIBUTE_FIELDS), 4)
    assert summary["attribute_accuracy_by_field"]["currency"] == 1.0
    assert summary["attribute_accuracy_by_field"]["flow"] == 0.0


def test_per_indicator_counts() -> None:
    gold = [gold_fact(), gold_fact(indicator="exports", value=42170000000.0)]
    result = evaluate([gold_fact()], gold, {"d1"})
    by_indicator = result.summary()["by_indicator"]
    assert by_indicator["trade_balance"]["f1"] == 1.0
    assert by_indicator["exports"] == {"tp": 0, "system": 0, "gold": 1, "precision": 0.0,
                                       "recall": 0.0, "f1": 0.0}


def test_empty_evaluation_is_all_zero() -> None:
    summary = Evaluation().summary()
    assert summary["overall"]["f1"] == 0.0
    assert summary["attribute_accuracy"] == 0.0


# --------------------------------------------------------------------------- gold files


def write_gold(path: Path, records: list[Any]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_read_gold_counts_no_facts_documents(tmp_path: Path) -> None:
    path = write_gold(tmp_path / "gold.jsonl",
                      [gold_fact(), {"doc_id": "d9", "no_facts": True}])
    facts, docs = read_gold(path)
    assert len(facts) == 1
    assert docs == {"d1", "d9"}


@pytest.mark.parametrize(("line", "message"), [
    ("{broken", r"gold\.jsonl:1: not valid JSON"),
    ('{"indicator": "exports"}', "needs a doc_id"),
    ('{"doc_id": "d1", "indicator": "exports"}', "missing"),
])
def test_read_gold_rejects_bad_lines(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(GoldError, match=message):
        read_gold(path)


def test_evaluate_documents_end_to_end(tmp_path: Path, extractor: Extractor) -> None:
    docs = tmp_path / "docs.jsonl"
    docs.write_text(json.dumps({"doc_id": "d1", "date": "1994-05-20", "body": SEED_TEXT})
                    + "\n", encoding="utf-8")
    missing = gold_fact(indicator="exports", value=42170000000.0, change_pct=None)
    gold = write_gold(tmp_path / "gold.jsonl", [gold_fact(), missing])
    result = evaluate_documents(gold, [docs], extractor)
    assert result.overall.true_positives == 1
    assert result.overall.gold == 2
    assert result.overall.system == 1
    assert result.missed == [missing]
    assert result.attribute_accuracy == 1.0


def test_evaluate_documents_keeps_the_documents_that_failed(tmp_path: Path,
                                                            extractor: Extractor) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "d1.txt").write_bytes(b"The deficit was \xff7 billion.")
    (folder / "other.txt").write_text("Not in the gold file.", encoding="utf-8")
    gold = write_gold(tmp_path / "gold.jsonl", [gold_fact()])
    result = evaluate_documents(gold, [folder], extractor)
    assert [error.error_code for error in result.errors] == [Errors.FILE_NOT_UTF8.code]
    assert "d1.txt" in result.errors[0].error
    assert result.overall.recall == 0.0
    assert len(result.missed) == 1


def test_a_gold_file_that_is_not_utf8_is_a_gold_error(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_bytes(b"\xff\xfe{bad}\n")
    with pytest.raises(GoldError, match="not UTF-8"):
        read_gold(gold)
    with pytest.raises(GoldError, match="cannot read"):
        read_gold(tmp_path / "missing.jsonl")
