"""The command line, run in-process with Typer's CliRunner."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
import spacy
from typer.testing import CliRunner, Result

from newsfacts.cli import app
from newsfacts.cli.extract import OutputFormat, extract_paths
from newsfacts.errors import Errors
from newsfacts.extractor import Extractor
from newsfacts.outputs import read_facts, write_jsonl
from newsfacts.pipeline import COMPONENTS
from newsfacts.schema import GOLD_FIELDS, ErrorRecord, Record, TradeFact
from tests.conftest import SEED_PUBLISHED, SEED_TEXT

runner = CliRunner()


def run(*args: str | Path) -> Result:
    return runner.invoke(app, [str(arg) for arg in args], env={"COLUMNS": "200"})


def records_of(output: str, model: type[Record]) -> list[Record | ErrorRecord]:
    """JSON lines of the CLI as records: ErrorRecords where a line has an error code."""
    records: list[Record | ErrorRecord] = []
    for line in output.splitlines():
        data = json.loads(line)
        records.append(ErrorRecord.model_validate(data) if "error_code" in data
                       else model.model_validate(data))
    return records


def facts_of(output: str) -> list[Record | ErrorRecord]:
    return records_of(output, TradeFact)


def latin1_article(folder: Path) -> Path:
    """A text file that is not UTF-8 (Latin-1): an E141 error record wherever it is read."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "latin.txt"
    path.write_bytes("Die Exporte stiegen \xfcber Erwarten.".encode("latin-1"))
    return path


def seed_article(folder: Path, name: str = "seed", published: str | None = SEED_PUBLISHED
                 ) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.txt"
    path.write_text(SEED_TEXT, encoding="utf-8")
    if published:
        (folder / f"{name}.json").write_text(json.dumps({"published": published}),
                                             encoding="utf-8")
    return path


def assert_clean_failure(result: Result, *fragments: str) -> None:
    """Exit code 2, one red line on stderr naming the problem, no traceback, no output."""
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    for fragment in fragments:
        assert fragment in lines[0]
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


# --------------------------------------------------------------------------- extract


def test_extract_text_file_with_sidecar(tmp_path: Path) -> None:
    path = seed_article(tmp_path)
    result = run("extract", path)
    assert result.exit_code == 0, result.output
    [fact] = facts_of(result.stdout)
    assert isinstance(fact, TradeFact)
    assert (fact.doc_id, fact.indicator, fact.reporter, fact.partner, fact.period) == (
        "seed", "trade_balance", "USA", "WLD", "1994-03")
    assert fact.value == Decimal("-7460000000")
    assert fact.change_pct == Decimal("-18.5")
    assert "documents in 1 (processed 1)" in result.stderr
    assert "with facts 1" in result.stderr
    assert "facts 1" in result.stderr
    assert "errors 0" in result.stderr


def test_extract_folder_with_meta_json(tmp_path: Path) -> None:
    folder = tmp_path / "seed"
    folder.mkdir()
    (folder / "article.txt").write_text(SEED_TEXT, encoding="utf-8")
    (folder / "meta.json").write_text(
        json.dumps({"doc_id": "seed-article", "published": SEED_PUBLISHED}), encoding="utf-8")
    result = run("extract", folder)
    assert result.exit_code == 0, result.output
    [fact] = facts_of(result.stdout)
    assert isinstance(fact, TradeFact)
    assert (fact.doc_id, fact.period) == ("seed-article", "1994-03")


def test_extract_published_option_dates_text_files(tmp_path: Path) -> None:
    path = seed_article(tmp_path, published=None)
    result = run("extract", path, "--published", "1994-05-20")
    assert result.exit_code == 0, result.output
    [fact] = facts_of(result.stdout)
    assert isinstance(fact, TradeFact)
    assert fact.period == "1994-03"


def test_extract_without_date_leaves_period_unresolved(tmp_path: Path) -> None:
    path = seed_article(tmp_path, published=None)
    result = run("extract", path)
    assert result.exit_code == 0, result.output
    [fact] = facts_of(result.stdout)
    assert isinstance(fact, TradeFact)
    assert fact.period is None
    assert fact.value == Decimal("-7460000000")


def test_extract_jsonl_with_a_malformed_line_goes_on(tmp_path: Path) -> None:
    docs = tmp_path / "docs.jsonl"
    docs.write_text("\n".join([
        json.dumps({"newid": 7, "date": "20-MAY-1994 10:00:00.00", "title": "TRADE",
                    "body": SEED_TEXT}),
        '{"newid": 8, "body": "cut off',
        json.dumps({"doc_id": "quiet", "date": "1994-05-20", "title": "Weather",
                    "body": "Rain is expected on Sunday."}),
    ]) + "\n", encoding="utf-8")
    result = run("extract", docs)
    assert result.exit_code == 0, result.output
    fact, error = facts_of(result.stdout)
    assert isinstance(fact, TradeFact) and isinstance(error, ErrorRecord)
    assert (fact.doc_id, fact.period) == ("reuters-7", "1994-03")
    assert error.error_code == Errors.NOT_JSON.code
    assert error.doc_id.endswith("docs.jsonl:2")
    assert "documents in 3 (processed 2)" in result.stderr
    assert "with facts 1" in result.stderr
    assert "errors 1" in result.stderr


def test_extract_non_utf8_file_is_an_e102_record(tmp_path: Path) -> None:
    good = seed_article(tmp_path)
    bad = latin1_article(tmp_path)
    result = run("extract", good, bad)
    assert result.exit_code == 0, result.output
    records = facts_of(result.stdout)
    assert [type(r).__name__ for r in records] == ["TradeFact", "ErrorRecord"]
    error = records[1]
    assert isinstance(error, ErrorRecord)
    assert error.error_code == Errors.FILE_NOT_UTF8.code
    assert "latin.txt" in error.error
    assert "documents in 2 (processed 1)" in result.stderr


def test_extract_text_without_trade_content(tmp_path: Path) -> None:
    path = tmp_path / "sport.txt"
    path.write_text("The home team won 3-1 on Saturday before 40,000 fans.", encoding="utf-8")
    result = run("extract", path, "--published", "1994-05-20")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "documents in 1 (processed 1)" in result.stderr
    assert "with facts 0" in result.stderr


def test_extract_empty_folder_is_accounted_for(tmp_path: Path) -> None:
    result = run("extract", tmp_path)
    assert result.exit_code == 0, result.output
    [error] = facts_of(result.stdout)
    assert isinstance(error, ErrorRecord)
    assert error.error_code == Errors.FOLDER_EMPTY.code
    assert "documents in 1 (processed 0)" in result.stderr


def test_extract_csv_to_a_file(tmp_path: Path) -> None:
    path = seed_article(tmp_path / "docs")
    bad = tmp_path / "docs" / "latin.txt"
    bad.write_bytes(b"caf\xe9")
    out = tmp_path / "facts.csv"
    result = run("extract", tmp_path / "docs", "-o", out)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    with out.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames or ())[: len(GOLD_FIELDS)] == GOLD_FIELDS
        rows = list(reader)
    assert [row["error_code"] for row in rows] == [Errors.FILE_NOT_UTF8.code, ""]
    fact = rows[1]
    assert (fact["doc_id"], fact["period"], fact["value"]) == ("seed", "1994-03", "-7460000000")
    assert ";" in fact["rule_ids"]
    assert path.exists()


def test_extract_format_csv_to_stdout(tmp_path: Path) -> None:
    result = run("extract", seed_article(tmp_path), "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(row["indicator"], row["change_pct"]) for row in rows] == [("trade_balance",
                                                                        "-18.5")]


def test_extract_jsonl_file_reads_back(tmp_path: Path) -> None:
    out = tmp_path / "facts.jsonl"
    result = run("extract", seed_article(tmp_path / "docs"), "-o", out)
    assert result.exit_code == 0, result.output
    [fact] = read_facts(out)
    assert isinstance(fact, TradeFact)
    assert fact.period == "1994-03"


def test_extract_malformed_published_exits_2(tmp_path: Path) -> None:
    result = run("extract", seed_article(tmp_path), "--published", "1994-13-01")
    assert_clean_failure(result, Errors.DATE_NOT_A_DATE.code, "'1994-13-01'", "1994-05-20")


def test_extract_missing_path_exits_2_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "facts.jsonl"
    result = run("extract", seed_article(tmp_path), tmp_path / "absent.txt", "-o", out)
    assert_clean_failure(result, "no such file or folder", "absent.txt")
    assert not out.exists()


def test_extract_unwritable_output_exits_2(tmp_path: Path) -> None:
    out = tmp_path / "no" / "such" / "facts.jsonl"
    result = run("extract", seed_article(tmp_path), "-o", out)
    assert_clean_failure(result, "facts.jsonl", "does not exist")


def test_extract_bad_model_dir_exits_2(tmp_path: Path) -> None:
    result = run("extract", seed_article(tmp_path), "--model", tmp_path / "nomodel")
    assert_clean_failure(result, Errors.PIPELINE_NOT_LOADABLE.code, "nomodel")


def test_extract_paths_counts_every_document(tmp_path: Path, extractor: Extractor) -> None:
    seed_article(tmp_path)
    (tmp_path / "latin.txt").write_bytes(b"caf\xe9")
    (tmp_path / "quiet.txt").write_text("Nothing to see.", encoding="utf-8")
    buffer = io.StringIO()
    stats = extract_paths([tmp_path], buffer, OutputFormat.jsonl, extractor=extractor)
    assert (stats.documents, stats.processed, stats.errors) == (3, 2, 1)
    assert (stats.with_facts, stats.facts) == (1, 1)
    assert stats.seconds > 0
    assert len(buffer.getvalue().splitlines()) == stats.facts + stats.errors


# --------------------------------------------------------------------------- build-model


def test_build_model_loads_with_spacy_and_extracts_the_same(tmp_path: Path) -> None:
    model = tmp_path / "model"
    result = run("build-model", model)
    assert result.exit_code == 0, result.output
    assert "saved the newsfacts pipeline" in result.stderr
    nlp = spacy.load(model)
    assert [name for name in nlp.pipe_names if name.startswith("newsfacts_")] == list(COMPONENTS)
    path = seed_article(tmp_path / "docs")
    built = run("extract", path)
    loaded = run("extract", path, "--model", model)
    assert loaded.exit_code == 0, loaded.output
    assert loaded.stdout == built.stdout
    assert len(facts_of(loaded.stdout)) == 1


def test_build_model_onto_a_file_exits_2(tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("", encoding="utf-8")
    result = run("build-model", target)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ")
    assert "Traceback" not in result.output


# --------------------------------------------------------------------------- evaluate


def gold_line(**changes: object) -> str:
    data: dict[str, object] = {
        "doc_id": "seed", "indicator": "trade_balance", "flow": None, "reporter": "USA",
        "partner": "WLD", "period": "1994-03", "value": -7460000000.0, "currency": "USD",
        "change_pct": -18.5, "previous_value": None, "previous_period": None,
        "qualifiers": [], "seasonally_adjusted": None,
        "evidence": "The U.S. trade deficit narrowed 18.5% to $7.46 billion in March",
    }
    data.update(changes)
    return json.dumps(data)


@pytest.fixture
def gold_and_docs(tmp_path: Path) -> tuple[Path, Path]:
    docs = tmp_path / "docs"
    seed_article(docs)
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join([
        gold_line(),
        gold_line(indicator="exports", value=42170000000.0, change_pct=None,
                  evidence="exports of goods at an all-time high of $42.17 billion"),
    ]) + "\n", encoding="utf-8")
    return gold, docs


def test_evaluate_json(gold_and_docs: tuple[Path, Path]) -> None:
    gold, docs = gold_and_docs
    result = run("evaluate", "--gold", gold, "--docs", docs, "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["overall"] == {"tp": 1, "system": 1, "gold": 2, "precision": 1.0,
                                  "recall": 0.5, "f1": 0.6667}
    assert summary["by_indicator"]["exports"]["recall"] == 0.0
    assert summary["by_indicator"]["trade_balance"]["f1"] == 1.0
    assert summary["attribute_accuracy"] == 1.0


def test_evaluate_tables(gold_and_docs: tuple[Path, Path]) -> None:
    gold, docs = gold_and_docs
    result = run("evaluate", "--gold", gold, "--docs", docs)
    assert result.exit_code == 0, result.output
    out = result.stdout
    for heading in ("Facts: precision, recall, F1", "Attributes (1 matched)",
                    "Missed gold facts (1)", "Spurious facts (0)", "Attribute errors (0)"):
        assert heading in out
    assert "66.7%" in out  # overall F1
    assert "42.17 bn USD" in out  # the missed exports figure
    assert "seasonally_adjusted" in out


def test_evaluate_misses_zero_hides_the_miss_tables(gold_and_docs: tuple[Path, Path]) -> None:
    gold, docs = gold_and_docs
    result = run("evaluate", "--gold", gold, "--docs", docs, "--misses", "0")
    assert result.exit_code == 0, result.output
    assert "Missed gold facts" not in result.stdout
    assert "Facts: precision, recall, F1" in result.stdout


def test_evaluate_misses_limits_rows(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    seed_article(docs)
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(gold_line(period=f"1993-{month:02d}") for month in range(1, 6))
                    + "\n", encoding="utf-8")
    result = run("evaluate", "--gold", gold, "--docs", docs, "--misses", "2")
    assert result.exit_code == 0, result.output
    assert "Missed gold facts (first 2 of 5)" in result.stdout
    assert "Spurious facts (1)" in result.stdout


def test_evaluate_warns_about_documents_that_failed(gold_and_docs: tuple[Path, Path]) -> None:
    gold, docs = gold_and_docs
    (docs / "latin.txt").write_bytes(b"caf\xe9")
    result = run("evaluate", "--gold", gold, "--docs", docs, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["overall"]["tp"] == 1
    assert "1 document(s) could not be processed" in result.stderr
    assert Errors.FILE_NOT_UTF8.code in result.stderr and "latin.txt" in result.stderr


def test_evaluate_missing_gold_exits_2(tmp_path: Path) -> None:
    result = run("evaluate", "--gold", tmp_path / "gold.jsonl", "--docs", tmp_path)
    assert_clean_failure(result, "no such file or folder", "gold.jsonl")


def test_evaluate_bad_gold_exits_2(gold_and_docs: tuple[Path, Path]) -> None:
    gold, docs = gold_and_docs
    gold.write_text("{not json\n", encoding="utf-8")
    result = run("evaluate", "--gold", gold, "--docs", docs)
    assert_clean_failure(result, Errors.GOLD_NOT_JSON.code, "gold.jsonl:1")


# --------------------------------------------------------------------------- show


def test_show_table(tmp_path: Path) -> None:
    fact = TradeFact(
        doc_id="seed", indicator="exports", flow="goods", reporter="USA", partner="WLD",
        period="1994-03", value=Decimal("42170000000"), currency="USD",
        change_pct=Decimal("2.3"), qualifiers=("record",),
        evidence="U.S. exports of goods at an all-time high of $42.17 billion, " * 3,
        evidence_start=0, evidence_end=10)
    balance = TradeFact(
        doc_id="seed", indicator="trade_balance", reporter="USA", partner="JPN",
        period=None, value=Decimal("-7460000000.00"), currency="USD",
        change_pct=Decimal("-18.5"), modality="forecast", evidence="deficit of $7.46 billion",
        evidence_start=0, evidence_end=10)
    error = ErrorRecord(doc_id="latin.txt", error_code="E102", error="latin.txt: not UTF-8")
    path = tmp_path / "facts.jsonl"
    write_jsonl([fact, balance, error], path)
    result = run("show", path)
    assert result.exit_code == 0, result.output
    out = result.stdout
    for text in ("exports (goods)", "USA→WLD", "1994-03", "42.17 bn USD", "+2.3%", "record",
                 "USA→JPN", "-7.46 bn USD", "-18.5%", "forecast", "2 facts",
                 "Error records", "E102"):
        assert text in out, text
    assert "…" in out  # the long evidence is cut
    assert out.count("all-time high") == 1


def test_show_damaged_file_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "facts.jsonl"
    path.write_text('{"doc_id": "x"}\n', encoding="utf-8")
    result = run("show", path)
    assert_clean_failure(result, Errors.OUTPUT_RECORD_INVALID.code, "facts.jsonl:1",
                         "invalid TradeFact")


def test_show_missing_file_exits_2(tmp_path: Path) -> None:
    result = run("show", tmp_path / "absent.jsonl")
    assert_clean_failure(result, "absent.jsonl")


# --------------------------------------------------------------------------- schema


@pytest.mark.parametrize(("record", "title", "field"), [
    (None, "TradeFact", "change_pct"),
    ("trade-fact", "TradeFact", "evidence_start"),
    ("article", "Article", "published"),
    ("error", "ErrorRecord", "error_code"),
    ("money-outcome", "MoneyOutcome", "rule_id"),
])
def test_schema(record: str | None, title: str, field: str) -> None:
    result = run("schema", *(["--record", record] if record else []))
    assert result.exit_code == 0, result.output
    schema = json.loads(result.stdout)
    assert schema["title"] == title
    assert field in schema["properties"]


def test_schema_unknown_record_is_a_usage_error() -> None:
    result = run("schema", "--record", "verdict")
    assert result.exit_code == 2
    assert "verdict" in result.stderr


# --------------------------------------------------------------------------- the app


def test_help_lists_the_commands() -> None:
    result = run("--help")
    assert result.exit_code == 0
    for command in ("extract", "evaluate", "show", "schema", "build-model"):
        assert command in result.stdout


def test_python_dash_m_newsfacts() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "newsfacts", "schema", "--record", "error"],
        capture_output=True, text=True, timeout=120, check=False)
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout)["title"] == "ErrorRecord"


def test_extract_into_a_closed_pipe_stops_quietly(tmp_path: Path) -> None:
    docs = tmp_path / "many.jsonl"
    docs.write_text("".join(json.dumps({"id": f"d{n}", "date": SEED_PUBLISHED,
                                        "body": SEED_TEXT}) + "\n" for n in range(400)),
                    encoding="utf-8")  # ~300 kB of facts, more than a pipe holds
    process = subprocess.Popen([sys.executable, "-m", "newsfacts", "extract", str(docs)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.read(20)
    process.stdout.close()  # as `| head -c 20` does
    errors = process.stderr.read().decode()
    assert process.wait(timeout=120) == 1
    assert first.startswith(b'{"doc_id":"d0"')
    assert errors == ""


# --------------------------------------------------------------------------- ../shared


@pytest.mark.shared
def test_evaluate_the_seed_article(shared_dir: Path) -> None:
    result = run("evaluate", "--gold", shared_dir / "gold" / "seed.jsonl",
                 "--docs", shared_dir / "corpus" / "seed", "--json")
    assert result.exit_code == 0, result.output
    overall = json.loads(result.stdout)["overall"]
    assert overall["gold"] == 4
    assert overall["tp"] == 4
    assert overall["precision"] == 1.0


@pytest.mark.shared
def test_extract_accounts_for_every_news_dev_article(shared_dir: Path, tmp_path: Path) -> None:
    corpus = shared_dir / "corpus" / "news-dev.jsonl"
    out = tmp_path / "facts.jsonl"
    result = run("extract", corpus, "-o", out)
    assert result.exit_code == 0, result.output
    with corpus.open(encoding="utf-8") as handle:
        documents = sum(1 for line in handle if line.strip())
    assert documents == 20
    assert f"documents in {documents} (processed {documents})" in result.stderr
    records = list(read_facts(out))
    assert not [r for r in records if isinstance(r, ErrorRecord)]
    assert {r.doc_id for r in records} <= {f"newsdev-{n:02d}" for n in range(1, 21)}
    assert len(records) >= 20
