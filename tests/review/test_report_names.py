"""What the report shows of file names, ids and messages: no absolute local folder (the
report is meant to be sent on) and no invisible or reordering character (a bidi override in
a file name would make it read as another name)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsfacts.cli import app
from newsfacts.errors import Errors
from newsfacts.review.report import shown
from tests.conftest import SEED_TEXT

runner = CliRunner()
RLO = "\u202e"


@pytest.mark.parametrize(("text", "roots", "expected"), [
    ("plain name.txt", (), "plain name.txt"),
    (f"evil{RLO}txt.exe", (), "evil[U+202E]txt.exe"),
    ("a\u200bb\u2066c\u2069d", (), "a[U+200B]b[U+2066]c[U+2069]d"),  # zero width, isolates
    ("tab\tand\x07bell", (), "tab[U+0009]and[U+0007]bell"),
    ("line\u2028sep", (), "line[U+2028]sep"),
    ("/home/ann/news/a.txt", ("/home/ann/news",), "a.txt"),
    ("/home/ann/news/a.txt: not UTF-8", ("/home/ann/news/",), "a.txt: not UTF-8"),
    ("/home/ann/news/in/a.txt", ("/home/ann", "/home/ann/news"), "in/a.txt"),  # longest first
    ("/home/ann/newsroom/a.txt", ("/home/ann/news",), "/home/ann/newsroom/a.txt"),
    ("/x/home/ann/news/a.txt", ("/home/ann/news",), "/x/home/ann/news/a.txt"),  # not a start
    ("https://example.com/home/ann/news/a", ("/home/ann/news",),
     "https://example.com/home/ann/news/a"),
    ("in/a.txt", ("in",), "in/a.txt"),  # a relative folder is left alone
    ("/a.txt", ("/",), "/a.txt"),  # and so is the root
    ("Ünïcödé 東京 café", (), "Ünïcödé 東京 café"),
])
def test_shown(text: str, roots: tuple[str, ...], expected: str) -> None:
    assert shown(text, roots) == expected


def test_report_of_absolute_inputs_names_files_relative_and_visibly(tmp_path: Path) -> None:
    folder = tmp_path / "private" / "news"
    folder.mkdir(parents=True)
    (folder / f"ev{RLO}lmth.txt").write_text(SEED_TEXT, encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"\xff\xfe not text")
    single = tmp_path / "private" / "one.txt"
    single.write_text(SEED_TEXT, encoding="utf-8")
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["report", str(folder), str(single), "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert str(tmp_path) not in html
    assert RLO not in html
    assert "news/ev[U+202E]lmth.txt" in html  # relative to the folder given
    assert "news/bad.txt" in html and f"[{Errors.FILE_NOT_UTF8.code}]" in html
    assert "one.txt" in html
