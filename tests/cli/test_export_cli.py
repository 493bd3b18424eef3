"""``newsfacts export claimreview`` through Typer's CliRunner."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from newsfacts.cli import app
from newsfacts.errors import Errors
from tests.cli.test_cli import assert_clean_failure, latin1_article, seed_article
from tests.review.test_claimreview import schemaorg_problems
from tests.validation.helpers import write_seed_store

runner = CliRunner()
AUTHOR = ("--author", "Example Fact Desk", "--author-url", "https://example.org/")
UNSET = {"NEWSFACTS_AUTHOR": None, "NEWSFACTS_AUTHOR_URL": None, "NEWSFACTS_REVIEW_URL": None}


def run(*args: str | Path, env: dict[str, str | None] | None = None) -> Result:
    return runner.invoke(app, [str(arg) for arg in args],
                         env={"COLUMNS": "200", **UNSET, **(env or {})})


@pytest.fixture
def store(tmp_path: Path) -> Path:
    return write_seed_store(tmp_path)


def test_writes_a_json_array(tmp_path: Path, store: Path) -> None:
    article = seed_article(tmp_path / "articles")
    out = tmp_path / "reviews.jsonld"
    result = run("export", "claimreview", article, "-r", store, "-o", out, *AUTHOR,
                 "--review-url", "https://example.org/checks/{doc_id}",
                 "--review-date", "2026-05-04")
    assert result.exit_code == 0, result.output
    [review] = json.loads(out.read_text(encoding="utf-8"))
    assert schemaorg_problems(review) == []
    assert review["datePublished"] == "2026-05-04"
    assert review["url"] == "https://example.org/checks/seed#fact-seed-0"
    assert review["author"] == {"@type": "Organization", "name": "Example Fact Desk",
                                "url": "https://example.org/"}
    assert review["reviewRating"]["alternateName"] == "True as first published; since revised"
    assert review["itemReviewed"]["datePublished"] == "1994-05-20"
    assert "articles 1" in result.stderr and "claimreviews 1" in result.stderr
    assert "True as first published; since revised 1" in result.stderr
    assert str(out) in result.stderr and result.stdout == ""


def test_jsonl_to_stdout_with_author_from_the_environment(tmp_path: Path, store: Path) -> None:
    article = seed_article(tmp_path / "articles")
    result = run("export", "claimreview", article, "-r", store, "--jsonl", "-o", "-",
                 env={"NEWSFACTS_AUTHOR": "Ann Reporter"}, )
    assert result.exit_code == 0, result.output
    [line] = result.stdout.splitlines()
    review = json.loads(line)
    assert review["author"] == {"@type": "Organization", "name": "Ann Reporter"}
    assert review["datePublished"] == dt.date.today().isoformat()
    assert "url" not in review
    assert "→ stdout" in result.stderr


def test_person_author(tmp_path: Path, store: Path) -> None:
    article = seed_article(tmp_path / "articles")
    result = run("export", "claimreview", article, "-r", store, "--author", "Ann Reporter",
                 "--author-type", "Person")
    assert result.exit_code == 0, result.output
    [review] = json.loads(result.stdout)
    assert review["author"]["@type"] == "Person"


def test_unverifiable_left_out_and_counted(tmp_path: Path, store: Path) -> None:
    folder = tmp_path / "articles"
    seed_article(folder)
    (folder / "japan.txt").write_text(
        "Japan's trade surplus widened to 1.2 trillion yen in March, the ministry said.",
        encoding="utf-8")
    (folder / "japan.json").write_text(json.dumps({"published": "1994-05-20"}),
                                       encoding="utf-8")
    skipped = run("export", "claimreview", folder, "-r", store, *AUTHOR,
                  "--skip-unverifiable")
    assert skipped.exit_code == 0, skipped.output
    assert len(json.loads(skipped.stdout)) == 1
    assert "articles 2" in skipped.stderr and "unverifiable left out 1" in skipped.stderr
    included = run("export", "claimreview", folder, "-r", store, *AUTHOR)
    reviews = json.loads(included.stdout)
    assert [r["reviewRating"]["alternateName"] for r in reviews] == [
        "Unverifiable", "True as first published; since revised"]
    assert "ratingValue" not in reviews[0]["reviewRating"]


def test_unreadable_article_is_an_error_line(tmp_path: Path, store: Path) -> None:
    folder = tmp_path / "articles"
    seed_article(folder)
    latin1_article(folder)
    result = run("export", "claimreview", folder, "-r", store, *AUTHOR)
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)) == 1
    assert Errors.FILE_NOT_UTF8.code in result.stderr and "latin.txt" in result.stderr
    assert "errors 1" in result.stderr and "Traceback" not in result.output


def test_no_author_is_a_clean_failure(tmp_path: Path, store: Path) -> None:
    article = seed_article(tmp_path / "articles")
    out = tmp_path / "reviews.jsonld"
    assert_clean_failure(run("export", "claimreview", article, "-r", store, "-o", out),
                         Errors.CLAIMREVIEW_AUTHOR.code, "--author", "NEWSFACTS_AUTHOR")
    assert not out.exists()


@pytest.mark.parametrize(("args", "fragments"), [
    (("--author-url", "example.org"), (Errors.REVIEW_SETTINGS.code, "author_url")),
    (("--review-url", "https://example.org/#x"), (Errors.REVIEW_SETTINGS.code, "review_url")),
    (("--author-type", "Robot"), (Errors.REVIEW_SETTINGS.code, "author_type")),
    (("--review-date", "tomorrow"), (Errors.REVIEW_DATE.code, "--review-date")),
    (("--published", "May 1994"), (Errors.DATE_NOT_A_DATE.code, "May 1994")),
])
def test_bad_options(tmp_path: Path, store: Path, args: tuple[str, ...],
                     fragments: tuple[str, ...]) -> None:
    article = seed_article(tmp_path / "articles")
    assert_clean_failure(run("export", "claimreview", article, "-r", store, *AUTHOR, *args),
                         *fragments)


def test_missing_article_or_store(tmp_path: Path, store: Path) -> None:
    article = seed_article(tmp_path / "articles")
    out = tmp_path / "reviews.jsonld"
    assert_clean_failure(run("export", "claimreview", tmp_path / "none.txt", "-r", store,
                             *AUTHOR, "-o", out), Errors.NO_SUCH_PATH.code, "none.txt")
    assert_clean_failure(run("export", "claimreview", article, "-r", tmp_path / "no.duckdb",
                             *AUTHOR, "-o", out), Errors.NO_STORE.code)
    assert not out.exists()
    # no --reference: the default store shipped with the package
    default = run("export", "claimreview", article, *AUTHOR, "-o", out)
    assert default.exit_code == 0 and out.exists()


def test_help_lists_export() -> None:
    assert "export" in run("--help").stdout
    result = run("export", "claimreview", "--help")
    assert result.exit_code == 0
    for option in ("--author", "NEWSFACTS_AUTHOR", "--jsonl", "--review-date"):
        assert option in result.stdout
