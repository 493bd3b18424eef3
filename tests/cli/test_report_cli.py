"""``newsfacts report`` and the wiring of ``newsfacts serve``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsfacts.cli import app
from newsfacts.errors import Errors
from newsfacts.review.server import ServeOptions
from newsfacts.validation.default import DEFAULT_STORE_NAME
from tests.conftest import SEED_PUBLISHED, SEED_TEXT

runner = CliRunner()


def test_report_writes_one_html_file(tmp_path: Path) -> None:
    article = tmp_path / "seed.txt"
    article.write_text(SEED_TEXT, encoding="utf-8")
    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"\xff\xfe not utf-8 \xff")
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["report", str(article), str(broken), "--published",
                                 SEED_PUBLISHED, "-o", str(out), "--title", "Two files"])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "<title>Two files</title>" in html and html.count("<tr data-fact=") == 1
    assert Errors.FILE_NOT_UTF8.code in html  # the unreadable file is listed, not dropped
    assert "articles 1" in result.output and "errors 1" in result.output


def test_report_bad_paths_and_dates_fail_cleanly(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["report", str(tmp_path / "nope.txt")])
    assert missing.exit_code == 2 and "no such file" in missing.output
    (tmp_path / "a.txt").write_text(SEED_TEXT, encoding="utf-8")
    bad_date = runner.invoke(app, ["report", str(tmp_path / "a.txt"), "--published", "May"])
    assert bad_date.exit_code == 2 and "Traceback" not in bad_date.output
    no_store = runner.invoke(app, ["report", str(tmp_path / "a.txt"), "-r",
                                   str(tmp_path / "none.duckdb")])
    assert no_store.exit_code == 2


def test_serve_refuses_a_missing_store(tmp_path: Path) -> None:
    result = runner.invoke(app, ["serve", "-r", str(tmp_path / "none.duckdb"), "--port", "0"])
    assert result.exit_code == 2 and "no such file" in result.output


def test_a_path_that_looks_like_markup_is_printed_as_written(tmp_path: Path) -> None:
    article = tmp_path / "seed.txt"
    article.write_text(SEED_TEXT, encoding="utf-8")
    out = tmp_path / "x[bold]y.html"
    result = runner.invoke(app, ["report", str(article), "--published", SEED_PUBLISHED,
                                 "-o", str(out)], env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.output
    assert out.is_file() and "x[bold]y.html" in result.output


def _badges(html: str) -> list[str]:
    """The verdict badge of each fact row."""
    return re.findall(r'<span class="nf-badge nf-(\w+)">\1</span>', html)


def test_report_without_a_store_checks_against_the_default_store(tmp_path: Path) -> None:
    article = tmp_path / "seed.txt"
    article.write_text(SEED_TEXT, encoding="utf-8")
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["report", str(article), "--published", SEED_PUBLISHED,
                                 "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "not checked" not in html and DEFAULT_STORE_NAME in html
    # -7.46 bn as first reported for March 1994: today's BOPGSTB figure is -6.466 bn
    assert _badges(html) == ["revised"]
    assert "revised 1" in result.output


@pytest.mark.shared
def test_report_of_the_seed_article_without_a_store(shared_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["report", str(shared_dir / "corpus" / "seed" / "article.txt"),
                                 "--published", SEED_PUBLISHED, "-o", str(out)])
    assert result.exit_code == 0, result.output
    badges = _badges(out.read_text(encoding="utf-8"))
    # the four facts: the U.S.-Japan balance confirmed (Census NSA), the rest revised
    assert sorted(badges) == ["confirmed", "revised", "revised", "revised"], badges


class _Stopped:
    """A server that stops at once, as if Ctrl+C were pressed."""

    server_port = 0

    def serve_forever(self) -> None:
        raise KeyboardInterrupt

    def server_close(self) -> None:
        pass


def test_serve_without_a_store_uses_the_default_store(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[ServeOptions] = []

    def fake_server(options: ServeOptions, host: str, port: int) -> _Stopped:
        seen.append(options)
        return _Stopped()

    monkeypatch.setattr("newsfacts.cli.serve.make_server", fake_server)
    result = runner.invoke(app, ["serve", "--port", "0"])
    assert result.exit_code == 0, result.output
    (options,) = seen
    assert options.store is not None and options.reference_name == DEFAULT_STORE_NAME
    assert options.store.series  # the shipped U.S. series
