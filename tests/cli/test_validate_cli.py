"""``newsfacts reference build/show``, ``validate`` and ``check`` through Typer's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from newsfacts.cli import app
from newsfacts.errors import Errors
from newsfacts.outputs import write_jsonl
from newsfacts.schema import ErrorRecord
from newsfacts.validation import Verdict
from tests.cli.test_cli import assert_clean_failure, seed_article
from tests.validation.helpers import fact, user_row, write_text, write_user_csv

runner = CliRunner()


def run(*args: str | Path) -> Result:
    return runner.invoke(app, [str(arg) for arg in args], env={"COLUMNS": "200"})


@pytest.fixture
def official(tmp_path: Path) -> list[Path]:
    fred = write_text(tmp_path / "fred_BOPGSTB.csv",
                      "DATE,BOPGSTB\n1994-02-01,-9245\n1994-03-01,-6466\n")
    first = write_user_csv(tmp_path / "first.csv", [
        user_row("first-gs", "1994-02", "-9.15", "1994-05-19", unit="USD billions"),
        user_row("first-gs", "1994-03", "-7.46", "1994-05-19", unit="USD billions")])
    return [fred, first]


@pytest.fixture
def store(tmp_path: Path, official: list[Path]) -> Path:
    out = tmp_path / "ref.duckdb"
    result = run("reference", "build", out, *official, "--vintage",
                 "fred_BOPGSTB.csv=2022-04-05")
    assert result.exit_code == 0, result.output
    assert "series 2" in result.stderr and "observations 4" in result.stderr
    return out


def test_reference_build_and_show(store: Path) -> None:
    result = run("reference", "show", store)
    assert result.exit_code == 0, result.output
    assert "fred-BOPGSTB" in result.stdout and "first-gs" in result.stdout
    assert "2 series" in result.stdout


def test_reference_build_refuses_to_overwrite(store: Path, official: list[Path]) -> None:
    assert_clean_failure(run("reference", "build", store, *official),
                         Errors.STORE_EXISTS_USE_FORCE.code, "--force")
    assert run("reference", "build", store, *official, "--force").exit_code == 0


def test_reference_build_bad_file_names_file_and_row(tmp_path: Path) -> None:
    bad = write_text(tmp_path / "bad.csv", "DATE,BOPGSTB\n1994-03-01,-6466\n1994-04-01,oops\n")
    out = tmp_path / "ref.duckdb"
    assert_clean_failure(run("reference", "build", out, bad),
                         Errors.REFERENCE_NOT_A_NUMBER.code, str(bad), "row 3",
                         "'oops' is not a number")
    assert not out.exists()


@pytest.mark.parametrize(("args", "fragment"), [
    (("--vintage", "fred_BOPGSTB.csv=April"), "FILE=YYYY-MM-DD"),
    (("--vintage", "other.csv=2022-04-05"), "names files not given"),
])
def test_reference_build_bad_vintage(tmp_path: Path, official: list[Path],
                                     args: tuple[str, ...], fragment: str) -> None:
    assert_clean_failure(run("reference", "build", tmp_path / "r.duckdb", *official, *args),
                         fragment)


def test_validate_writes_one_verdict_per_fact(tmp_path: Path, store: Path) -> None:
    facts = tmp_path / "facts.jsonl"
    write_jsonl([fact(-7.46e9, evidence="$7.46 billion"), fact(-6.47e9, evidence="$6.47 bn"),
                 ErrorRecord(doc_id="x", error_code="E102", error="bad bytes"),
                 fact(-7.46e9, period=None)], facts)
    out = tmp_path / "verdicts.jsonl"
    result = run("validate", facts, "--reference", store, "-o", out)
    assert result.exit_code == 0, result.output
    verdicts = [Verdict.model_validate_json(line) for line in out.read_text().splitlines()]
    assert [v.status for v in verdicts] == ["revised", "confirmed", "unverifiable"]
    assert "confirmed 1" in result.stderr and "error records skipped 1" in result.stderr
    to_stdout = run("validate", facts, "-r", store)
    assert [json.loads(line)["status"] for line in to_stdout.stdout.splitlines()] == [
        "revised", "confirmed", "unverifiable"]


def test_validate_missing_or_bad_store(tmp_path: Path) -> None:
    facts = tmp_path / "facts.jsonl"
    write_jsonl([fact(-7.46e9)], facts)
    assert_clean_failure(run("validate", facts, "-r", tmp_path / "none.duckdb"),
                         Errors.NO_STORE.code,
                         "no reference store")
    junk = write_text(tmp_path / "junk.duckdb", "not a database")
    assert_clean_failure(run("validate", facts, "-r", junk), Errors.STORE_UNREADABLE.code)
    assert_clean_failure(run("validate", tmp_path / "nofacts.jsonl", "-r", junk),
                         Errors.NO_SUCH_PATH.code)


def test_check_extracts_and_validates(tmp_path: Path, store: Path) -> None:
    article = seed_article(tmp_path / "articles")
    result = run("check", article, "--reference", store)
    assert result.exit_code == 0, result.output
    assert "revised" in result.stdout and "1994-05-19" in result.stdout
    assert "first-gs" in result.stdout and "revised 1" in result.stderr


def test_check_published_allows_for_revisions(tmp_path: Path) -> None:
    """-7.46 bn (the first release of March 1994) against today's -6.466 bn alone: a first
    release when the story is dated (``--published``), a claim about today's figures when it
    is not."""
    fred = [write_text(tmp_path / f"fred_{name}.csv", f"DATE,{name}\n1994-03-01,{value}\n")
            for name, value in (("BOPGSTB", -6466), ("BOPTEXP", 57000),
                                ("BOPTIMP", 63466))]
    out = tmp_path / "today.duckdb"
    vintages = [arg for path in fred for arg in ("--vintage", f"{path.name}=2022-04-05")]
    assert run("reference", "build", out, *fred, *vintages).exit_code == 0
    article = write_text(tmp_path / "story.txt", "The U.S. trade deficit narrowed to $7.46 "
                         "billion in March 1994, the Commerce Department said.")
    wide = {"COLUMNS": "2000"}  # each explanation on one line of the table
    dated = runner.invoke(app, ["check", str(article), "--reference", str(out),
                                "--published", "1994-05-20"], env=wide)
    undated = runner.invoke(app, ["check", str(article), "--reference", str(out)], env=wide)
    assert dated.exit_code == 0 and undated.exit_code == 0, dated.output + undated.output
    assert "revised 1" in dated.stderr and "contradicted 0" in dated.stderr
    assert "revised 0" in undated.stderr and "contradicted 1" in undated.stderr
    assert "dated 1994-05-20, before the store's latest figure" in dated.stdout
    assert "carries no publication date" in undated.stdout
