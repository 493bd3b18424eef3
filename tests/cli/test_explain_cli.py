"""``newsfacts explain``: every money mention and what became of it, as a table or JSON lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsfacts.errors import Errors
from newsfacts.schema import ErrorRecord, MoneyOutcome, Record
from tests.cli.test_cli import (
    assert_clean_failure,
    latin1_article,
    records_of,
    run,
    seed_article,
)
from tests.conftest import SEED_PUBLISHED

# the seed sentence, a change amount dropped, and brackets that rich must not read as markup
TEXT = ("The U.S. trade deficit narrowed 18.5% to $7.46 billion in March, the Commerce "
        "Department said. Imports rose $2.8 billion [bold]in[/bold] March.")


def explained_article(folder: Path, text: str = TEXT) -> Path:
    path = seed_article(folder)
    path.write_text(text, encoding="utf-8")
    return path


def outcomes_of(output: str) -> list[Record | ErrorRecord]:
    return records_of(output, MoneyOutcome)


def test_explain_table(tmp_path: Path) -> None:
    result = run("explain", explained_article(tmp_path))
    assert result.exit_code == 0, result.output
    out = result.stdout
    for text in ("seed · 1994-05-20 · 2 money mentions · 1 facts · 1 dropped", "$7.46 billion",
                 "fact 0", "assemble.main", "money.symbol", "trade_balance USA→WLD 1994-03",
                 "-7.46 bn USD -18.5%", "$2.8 billion", "dropped",
                 "assemble.drop.change-amount", "a change"):
        assert text in out, text
    assert "documents 1 · money mentions 2 · facts 1 · dropped 1 · errors 0" in result.stderr


def test_explain_table_prints_brackets_as_written(tmp_path: Path) -> None:
    docs = tmp_path / "docs.jsonl"
    docs.write_text(json.dumps({"doc_id": "seed [red]x[/red]", "date": SEED_PUBLISHED,
                                "body": TEXT}) + "\n", encoding="utf-8")
    result = run("explain", docs)
    assert result.exit_code == 0, result.output
    assert "seed [red]x[/red] · 1994-05-20 · 2 money mentions" in result.stdout


def test_explain_json(tmp_path: Path) -> None:
    result = run("explain", explained_article(tmp_path), "--json")
    assert result.exit_code == 0, result.output
    fact, change = outcomes_of(result.stdout)
    assert isinstance(fact, MoneyOutcome) and isinstance(change, MoneyOutcome)
    assert (fact.doc_id, fact.outcome, fact.fact_index) == ("seed", "fact", 0)
    assert fact.fact is not None and fact.fact.period == "1994-03"
    assert "assemble.main" in fact.fact.rule_ids
    assert (change.outcome, change.rule_id) == ("dropped", "assemble.drop.change-amount")
    assert TEXT[change.start_char:change.end_char] == change.text == "$2.8 billion"


def test_explain_published_option_dates_text_files(tmp_path: Path) -> None:
    path = seed_article(tmp_path, published=None)
    undated = run("explain", path, "--json")
    dated = run("explain", path, "--json", "--published", SEED_PUBLISHED)
    [before], [after] = outcomes_of(undated.stdout), outcomes_of(dated.stdout)
    assert isinstance(before, MoneyOutcome) and isinstance(after, MoneyOutcome)
    assert before.fact is not None and before.fact.period is None
    assert after.fact is not None and after.fact.period == "1994-03"


def test_explain_bad_document_is_an_error_line_and_the_run_goes_on(tmp_path: Path) -> None:
    good = explained_article(tmp_path)
    bad = latin1_article(tmp_path)
    table = run("explain", good, bad)
    assert table.exit_code == 0, table.output
    assert f"latin.txt: [{Errors.FILE_NOT_UTF8.code}]" in table.stdout and "fact 0" in table.stdout
    assert "documents 2 · money mentions 2 · facts 1 · dropped 1 · errors 1" in table.stderr
    lines = run("explain", bad, good, "--json")
    assert lines.exit_code == 0, lines.output
    error, *outcomes = outcomes_of(lines.stdout)
    assert isinstance(error, ErrorRecord) and error.error_code == Errors.FILE_NOT_UTF8.code
    assert [type(o).__name__ for o in outcomes] == ["MoneyOutcome", "MoneyOutcome"]


def test_explain_document_without_money(tmp_path: Path) -> None:
    result = run("explain", explained_article(tmp_path, "Rain is expected on Sunday."))
    assert result.exit_code == 0, result.output
    assert "seed: no money mentions" in result.stdout


def test_explain_missing_file_exits_2(tmp_path: Path) -> None:
    result = run("explain", explained_article(tmp_path), tmp_path / "absent.txt")
    assert_clean_failure(result, "no such file or folder", "absent.txt")


@pytest.mark.parametrize("flag", [[], ["--json"]])
def test_explain_malformed_published_exits_2(tmp_path: Path, flag: list[str]) -> None:
    result = run("explain", explained_article(tmp_path), "--published", "1994-13-01", *flag)
    assert_clean_failure(result, Errors.DATE_NOT_A_DATE.code, "'1994-13-01'", "1994-05-20")


def test_explain_bad_model_dir_exits_2(tmp_path: Path) -> None:
    result = run("explain", explained_article(tmp_path), "--model", tmp_path / "nomodel")
    assert_clean_failure(result, Errors.PIPELINE_NOT_LOADABLE.code, "nomodel")


def test_help_lists_explain() -> None:
    result = run("--help")
    assert result.exit_code == 0
    assert "explain" in result.stdout
