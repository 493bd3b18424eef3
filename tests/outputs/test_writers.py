"""write_jsonl, write_csv and read_facts: layout, streaming, round trips, damaged files."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from newsfacts.errors import EncodingError, Errors, InputError, RecordError
from newsfacts.outputs import CSV_COLUMNS, read_facts, write_csv, write_jsonl
from newsfacts.schema import GOLD_FIELDS, ErrorRecord, TradeFact

SENTENCE = "The U.S. trade deficit narrowed 18.5% to $7.46 billion in March,\nofficials said."


def make_fact(**changes: object) -> TradeFact:
    data: dict[str, object] = {
        "doc_id": "seed", "indicator": "trade_balance", "reporter": "USA", "partner": "WLD",
        "period": "1994-03", "value": Decimal("-7460000000.00"), "currency": "USD",
        "change_pct": Decimal("-18.5"), "qualifiers": ("record", "rank"),
        "seasonally_adjusted": True, "evidence": "deficit narrowed 18.5% to $7.46 billion",
        "evidence_start": 15, "evidence_end": 54, "sentence": SENTENCE,
        "rule_ids": ("assemble.main", "money.symbol"), "period_granularity": "month",
    }
    data.update(changes)
    return TradeFact.model_validate(data)


ERROR = ErrorRecord(doc_id="docs/b.txt", error_code="E102",
                    error="docs/b.txt: not UTF-8 text (byte 4: invalid start byte)",
                    source="docs/b.txt")


# --------------------------------------------------------------------------- JSONL


def test_write_jsonl_one_line_per_record() -> None:
    buffer = io.StringIO()
    count = write_jsonl([make_fact(), ERROR], buffer)
    lines = buffer.getvalue().splitlines()
    assert count == 2
    assert len(lines) == 2
    fact = json.loads(lines[0])
    assert list(fact)[: len(GOLD_FIELDS)] == list(GOLD_FIELDS)
    assert fact["value"] == -7460000000
    assert isinstance(fact["value"], int)
    assert fact["change_pct"] == -18.5
    assert fact["qualifiers"] == ["record", "rank"]
    assert json.loads(lines[1]) == {
        "doc_id": "docs/b.txt", "error_code": "E102",
        "error": "docs/b.txt: not UTF-8 text (byte 4: invalid start byte)",
        "source": "docs/b.txt",
    }


def test_write_jsonl_streams_as_records_come() -> None:
    buffer = io.StringIO()

    def records() -> Iterator[TradeFact]:
        for index in range(3):
            assert buffer.getvalue().count("\n") == index, "earlier records not yet written"
            yield make_fact(doc_id=f"d{index}")

    assert write_jsonl(records(), buffer) == 3
    assert [json.loads(line)["doc_id"] for line in buffer.getvalue().splitlines()] == [
        "d0", "d1", "d2"]


def test_write_jsonl_leaves_a_stream_open() -> None:
    buffer = io.StringIO()
    write_jsonl([], buffer)
    assert not buffer.closed
    assert buffer.getvalue() == ""


def test_jsonl_round_trip_through_a_file(tmp_path: Path) -> None:
    path = tmp_path / "facts.jsonl"
    exports = make_fact(doc_id="x", value=Decimal("42170000000"), indicator="exports",
                        qualifiers=())
    records: list[TradeFact | ErrorRecord] = [make_fact(), ERROR, exports]
    assert write_jsonl(records, path) == 3
    back = list(read_facts(path))
    assert back == records
    assert isinstance(back[1], ErrorRecord)
    assert isinstance(back[0], TradeFact)
    assert back[0].value == Decimal("-7460000000")
    assert back[0].qualifiers == ("record", "rank")


@pytest.mark.parametrize("published", [dt.date(1994, 5, 20), None])
def test_published_round_trips(tmp_path: Path, published: dt.date | None) -> None:
    path = tmp_path / "facts.jsonl"
    write_jsonl([make_fact(published=published)], path)
    line = json.loads(path.read_text(encoding="utf-8"))
    assert line["published"] == (published.isoformat() if published else None)
    [back] = read_facts(path)
    assert isinstance(back, TradeFact) and back.published == published
    buffer = io.StringIO()
    write_csv([make_fact(published=published)], buffer)
    [row] = csv.DictReader(io.StringIO(buffer.getvalue()))
    assert row["published"] == (published.isoformat() if published else "")


def test_facts_written_before_the_date_field_read_back_undated(tmp_path: Path) -> None:
    path = tmp_path / "facts.jsonl"
    data = make_fact().model_dump(mode="json")
    del data["published"]
    path.write_text(json.dumps(data) + "\n", encoding="utf-8")
    [back] = read_facts(path)
    assert isinstance(back, TradeFact) and back.published is None


def test_write_jsonl_path_is_utf8(tmp_path: Path) -> None:
    path = tmp_path / "facts.jsonl"
    write_jsonl([make_fact(evidence="exports of €1.2 billion")], path)
    assert "€1.2 billion" in path.read_text(encoding="utf-8")


def test_read_facts_skips_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "facts.jsonl"
    path.write_text("\n" + make_fact().model_dump_json() + "\n\n", encoding="utf-8")
    assert [fact.doc_id for fact in read_facts(path)] == ["seed"]


def test_read_facts_damaged_line_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "facts.jsonl"
    path.write_text(make_fact().model_dump_json() + "\n{not json\n", encoding="utf-8")
    records = read_facts(path)
    assert next(records).doc_id == "seed"
    with pytest.raises(RecordError, match=r"facts\.jsonl:2: not valid JSON") as caught:
        next(records)
    assert caught.value.code == Errors.NOT_JSON.code


def test_read_facts_invalid_record_names_the_field(tmp_path: Path) -> None:
    path = tmp_path / "facts.jsonl"
    data = make_fact().model_dump(mode="json") | {"indicator": "trade"}
    path.write_text(json.dumps(data) + "\n", encoding="utf-8")
    with pytest.raises(RecordError, match=r":1: invalid TradeFact \(indicator: "):
        list(read_facts(path))


def test_read_facts_incomplete_error_record(tmp_path: Path) -> None:
    path = tmp_path / "facts.jsonl"
    path.write_text('{"doc_id": "a", "error_code": "E102"}\n', encoding="utf-8")
    with pytest.raises(RecordError, match=r"invalid ErrorRecord \(error: Field required"):
        list(read_facts(path))


def test_read_facts_rejects_non_objects(tmp_path: Path) -> None:
    path = tmp_path / "facts.jsonl"
    path.write_text("[1, 2]\n", encoding="utf-8")
    with pytest.raises(RecordError, match="expected a JSON object, got list"):
        list(read_facts(path))


def test_read_facts_non_utf8(tmp_path: Path) -> None:
    path = tmp_path / "facts.jsonl"
    path.write_bytes(b'{"doc_id": "\xff"}\n')
    with pytest.raises(EncodingError, match=r"facts\.jsonl:1: not UTF-8"):
        list(read_facts(path))


def test_read_facts_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot open"):
        list(read_facts(tmp_path / "absent.jsonl"))


# --------------------------------------------------------------------------- CSV


def test_csv_columns_gold_first_then_own_then_errors() -> None:
    assert CSV_COLUMNS[: len(GOLD_FIELDS)] == GOLD_FIELDS
    own = CSV_COLUMNS[len(GOLD_FIELDS):]
    assert own[:3] == ("modality", "evidence_start", "evidence_end")
    assert own[-3:] == ("error_code", "error", "source")
    assert set(CSV_COLUMNS) == set(TradeFact.model_fields) | set(ErrorRecord.model_fields)
    assert len(set(CSV_COLUMNS)) == len(CSV_COLUMNS)


def test_write_csv_cells() -> None:
    buffer = io.StringIO()
    assert write_csv([make_fact(), ERROR], buffer) == 2
    rows = list(csv.DictReader(io.StringIO(buffer.getvalue())))
    assert len(rows) == 2
    fact, error = rows
    assert fact["doc_id"] == "seed"
    assert fact["value"] == "-7460000000"
    assert fact["change_pct"] == "-18.5"
    assert fact["previous_value"] == ""
    assert fact["flow"] == ""
    assert fact["qualifiers"] == "record;rank"
    assert fact["rule_ids"] == "assemble.main;money.symbol"
    assert fact["basis"] == ""
    assert fact["seasonally_adjusted"] == "true"
    assert fact["sentence"] == SENTENCE  # the newline and comma survive quoting
    assert fact["error_code"] == ""
    assert error["doc_id"] == "docs/b.txt"
    assert error["error_code"] == "E102"
    assert error["source"] == "docs/b.txt"
    assert error["indicator"] == "" and error["value"] == ""


def test_write_csv_header_alone_for_no_records(tmp_path: Path) -> None:
    path = tmp_path / "facts.csv"
    assert write_csv([], path) == 0
    assert path.read_text(encoding="utf-8") == ",".join(CSV_COLUMNS) + "\n"


def test_write_csv_streams_as_records_come() -> None:
    buffer = io.StringIO()

    def records() -> Iterator[TradeFact]:
        for index in range(3):
            # header plus one line per record already written
            assert buffer.getvalue().count("\n") == 1 + index
            yield make_fact(doc_id=f"d{index}", sentence="")

    assert write_csv(records(), buffer) == 3


def test_write_csv_false_and_fraction(tmp_path: Path) -> None:
    path = tmp_path / "facts.csv"
    write_csv([make_fact(seasonally_adjusted=False, value=Decimal("-1234.5"))], path)
    with path.open(encoding="utf-8", newline="") as handle:
        row = next(csv.DictReader(handle))
    assert row["seasonally_adjusted"] == "false"
    assert row["value"] == "-1234.5"
