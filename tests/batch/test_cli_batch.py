"""``newsfacts extract`` batch options: CSV mapping, --require-date, Parquet, bad options."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from newsfacts.cli import app
from newsfacts.errors import Errors
from newsfacts.outputs import read_parquet_records
from newsfacts.schema import ErrorRecord, TradeFact
from tests.conftest import SEED_TEXT

runner = CliRunner()


def test_csv_in_parquet_out_with_require_date(tmp_path: Path) -> None:
    docs = tmp_path / "docs.csv"
    docs.write_text(f'story,content,day\na,"{SEED_TEXT}",1994-05-20\nb,"{SEED_TEXT}",\n',
                    encoding="utf-8")
    out = tmp_path / "facts.parquet"
    result = runner.invoke(app, ["extract", str(docs), "-o", str(out), "--require-date",
                                 "--csv-columns", "id=story,text=content,published=day"])
    assert result.exit_code == 0, result.output
    records = read_parquet_records(out)
    assert [type(r) for r in records] == [TradeFact, ErrorRecord]
    assert isinstance(records[1], ErrorRecord)
    assert records[1].error_code == Errors.NO_PUBLISHED_DATE.code
    assert "documents in 2 (processed 1)" in result.output


def test_bad_batch_options_exit_2(tmp_path: Path) -> None:
    docs = tmp_path / "docs.jsonl"
    docs.write_text('{"id": "a", "text": "x"}\n', encoding="utf-8")
    resume = runner.invoke(app, ["extract", str(docs), "--resume"])
    assert resume.exit_code == 2 and "needs an output file" in resume.output
    mapping = runner.invoke(app, ["extract", str(docs), "--csv-columns", "body=x"])
    assert mapping.exit_code == 2 and "role=column" in mapping.output
    parquet = runner.invoke(app, ["extract", str(docs), "-o", str(tmp_path / "f.parquet"),
                                  "--resume"])
    assert parquet.exit_code == 2 and "no progress file" in parquet.output
