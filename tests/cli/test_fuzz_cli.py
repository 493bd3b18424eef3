"""No traceback from the command line: any command with any arguments, options, paths and file
contents (bytes, odd encodings, odd names) ends with exit status 0, or 1/2 and a message, never
an exception (see tests/fuzzing.py for the number of cases).

The commands run in a scratch folder holding a story, its facts, a reference store and one
drawn file; they may write there (outputs, stores) and read what earlier cases left. ``serve``
(it never returns), ``build-model`` and ``--dask`` (they reach outside the folder) and more than
one process are left out; every extraction shares one pipeline to keep a case cheap.
"""

from __future__ import annotations

import datetime as dt
import gzip
import os
import sys
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

import newsfacts
from newsfacts.cli import app
from tests.conftest import SEED_TEXT
from tests.fuzzing import any_chars, date_strings, fuzz_settings, shared_extractor
from tests.ingest.test_fuzz_readers import SUFFIXES, contents, encoded, encodings, names
from tests.validation.helpers import write_seed_store

runner = CliRunner()

COMMANDS: tuple[str, ...] = (
    "extract", "explain", "show", "validate", "check", "report", "evaluate", "schema",
    "export claimreview", "reference build", "reference show", "export", "reference", "",
    "nonsense",
)
OPTIONS: tuple[str, ...] = (
    "-o", "--output", "-f", "--format", "--published", "--model", "--require-date",
    "--csv-columns", "--batch-size", "--resume", "--progress", "--no-progress", "--json",
    "-r", "--reference", "--title", "-g", "--gold", "-d", "--docs", "-n", "--misses",
    "--record", "--jsonl", "--author", "--author-url", "--author-type", "--review-url",
    "--review-date", "--vintage", "--force", "--partner", "--help", "--processes=1",
    "--processes=0", "-p-1", "-pabc", "--", "-", "--unknown",
)
VALUES: tuple[str, ...] = (
    "0", "-1", "1", "64", "99999999999999999999", "abc", "", " ", "jsonl", "csv", "parquet",
    "html", "id=story,text=body,published=day", "text", "body=x", "=", ",",
    "Organization", "Person", "https://example.org/{doc_id}", "ftp://x", "{doc_id}", "WLD",
    "x[bold]y.html", "[red]", "\u202e", "café", "東京", "1994-05-20", "0001-01-01",
    "facts.jsonl=1994-05-20", "ref.duckdb=2022-04-05",
)
PATHS: tuple[str, ...] = (
    "story.txt", "facts.jsonl", "ref.duckdb", "drawn", ".", "..", "missing.txt", "sub",
    "out.jsonl", "out.csv", "out.parquet", "out.html", "out.duckdb", "nowhere/out.jsonl",
    "/proc/version", os.fsdecode(b"caf\xe9.txt"),
)

tokens = st.one_of(st.sampled_from(OPTIONS), st.sampled_from(VALUES), st.sampled_from(PATHS),
                   st.sampled_from(PATHS), date_strings, st.text(max_size=12),
                   any_chars.filter(lambda s: "\x00" not in s))

DRAWN = "{drawn}"  # stands for the drawn file's path
free_text = st.one_of(st.sampled_from(VALUES), st.text(max_size=12),
                      any_chars.filter(lambda s: "\x00" not in s))
dates = st.one_of(date_strings, st.sampled_from(["1994-05-20", "1987-03-27"]))
outputs = st.sampled_from(["out.jsonl", "out.csv", "out.parquet", "out.html", "-", "sub",
                           "x[bold]y.jsonl", "nowhere/out.jsonl", "/proc/version", DRAWN,
                           "out.json", "\u202eout.jsonl"])
stores = st.sampled_from(["ref.duckdb", "ref.duckdb", DRAWN, "missing.duckdb", "sub",
                          "facts.jsonl"])
inputs = st.sampled_from([DRAWN, DRAWN, DRAWN, "story.txt", "facts.jsonl", "sub", ".",
                          "missing.txt", os.fsdecode(b"caf\xe9.txt")])
flag = st.just(None)
# command → (positional arguments, {option: its values}); the values are mostly of the kind
# the option expects, so that cases get past the argument parser into the command.
GRAMMAR: dict[str, tuple[tuple[st.SearchStrategy[str], ...], dict[str, Any]]] = {
    "extract": ((inputs, inputs), {
        "-o": outputs, "-f": st.sampled_from(["jsonl", "csv", "parquet", "xml"]),
        "--published": dates, "--require-date": flag, "--resume": flag,
        "--csv-columns": st.sampled_from(["id=story,text=body,published=day", "text=text",
                                          "body=x", "id=", "=", ""]),
        "--batch-size": st.sampled_from(["1", "2", "64", "0", "-1"]),
        "--no-progress": flag, "--model": st.sampled_from(["sub", "missing", DRAWN])}),
    "explain": ((inputs,), {"--published": dates, "--json": flag,
                            "--model": st.sampled_from(["sub", DRAWN])}),
    "show": ((inputs, inputs), {}),
    "validate": ((inputs,), {"-r": stores, "-o": outputs}),
    "check": ((inputs,), {"-r": stores, "--published": dates}),
    "report": ((inputs, inputs), {"-o": outputs, "-r": stores, "--published": dates,
                                  "--title": free_text}),
    "evaluate": ((), {"-g": inputs, "-d": inputs, "-n": st.sampled_from(["0", "3", "-1"]),
                      "--json": flag}),
    "schema": ((), {"--record": st.sampled_from(["fact", "article", "error", "money", "x"])}),
    "export claimreview": ((inputs,), {
        "-r": stores, "-o": outputs, "--jsonl": flag, "--author": free_text,
        "--author-url": st.sampled_from(["https://example.org/", "javascript:x", "", DRAWN]),
        "--author-type": st.sampled_from(["Organization", "Person", "Robot"]),
        "--review-url": st.sampled_from(["https://example.org/{doc_id}", "{doc_id}",
                                         "https://e.org/{x}"]),
        "--review-date": dates, "--published": dates}),
    "reference build": ((st.sampled_from(["out.duckdb", "sub/out.duckdb", "nowhere/o.duckdb",
                                          DRAWN, "ref.duckdb"]), inputs), {
        "--vintage": st.one_of(dates.map(lambda d: f"{DRAWN}={d}"), free_text),
        "--force": flag}),
    "reference show": ((stores,), {"--partner": st.sampled_from(["WLD", "JPN", "", "x"])}),
}


@st.composite
def grammatical(draw: st.DrawFn) -> list[str]:
    """A command line shaped as the command expects: its positional arguments, then some of
    its options with values of their kind."""
    command = draw(st.sampled_from(sorted(GRAMMAR)))
    positional, options = GRAMMAR[command]
    argv = command.split()
    argv += [draw(strategy) for strategy in positional[:draw(st.integers(1, 2))]]
    for option in draw(st.lists(st.sampled_from(sorted(options)), max_size=4, unique=True)
                       if options else st.just([])):
        value = draw(options[option])
        argv += [option] if value is None else [option, value]
    return argv


@st.composite
def scrambled(draw: st.DrawFn) -> list[str]:
    """Any command, then any tokens, the drawn file somewhere among them."""
    argv = [*draw(st.sampled_from(COMMANDS)).split(), *draw(st.lists(tokens, max_size=7))]
    argv.insert(draw(st.integers(0, len(argv))), DRAWN)
    return argv


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("fuzz-cli")
    (folder / "story.txt").write_text(SEED_TEXT, encoding="utf-8")
    facts = newsfacts.extract(SEED_TEXT, published=dt.date(1994, 5, 20), doc_id="story",
                              extractor=shared_extractor())
    (folder / "facts.jsonl").write_text(
        "".join(f.model_dump_json() + "\n" for f in facts), encoding="utf-8")
    (folder / "store-files").mkdir()
    store = write_seed_store(folder / "store-files")
    os.replace(store, folder / "ref.duckdb")
    (folder / "sub").mkdir()
    (folder / os.fsdecode(b"caf\xe9.txt")).write_text(SEED_TEXT, encoding="utf-8")
    return folder


@pytest.fixture
def in_workspace(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.chdir(workspace)
    nlp = shared_extractor().nlp
    monkeypatch.setattr(sys.modules["newsfacts.extractor"], "build_pipeline",
                        lambda *_, **__: nlp)
    yield workspace


def place(folder: Path, name: str, suffix: str, data: bytes) -> str:
    """The drawn file in the workspace (a fixed name if the file system refuses the drawn
    one); returns the path to give on the command line."""
    for candidate in (f"{name}{suffix}", f"drawn{suffix}"):
        try:
            path = folder / "drawn" / candidate
            path.parent.mkdir(exist_ok=True)
            for old in path.parent.iterdir():
                if old.is_file():
                    old.unlink()
            path.write_bytes(data)
            return str(path.relative_to(folder))
        except (OSError, UnicodeEncodeError, ValueError):
            continue
    return "drawn"


@fuzz_settings(ci=500)
@given(line=st.one_of(grammatical(), grammatical(), grammatical(), scrambled()),
       name=names, suffix=st.sampled_from(SUFFIXES), content=contents, encoding=encodings,
       gzipped=st.booleans())
def test_cli(in_workspace: Path, line: list[str], name: str, suffix: str,
             content: str | bytes, encoding: str, gzipped: bool) -> None:
    data = encoded(content, encoding)
    if gzipped and suffix.lower().endswith(".gz"):
        data = gzip.compress(data)
    drawn = place(in_workspace, name, suffix, data)
    argv = [token.replace(DRAWN, drawn) for token in line]
    result = runner.invoke(app, argv, catch_exceptions=True)
    outcome = describe(result)
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        f"newsfacts {argv!r} raised:\n{outcome}"
    assert result.exit_code in (0, 1, 2), f"newsfacts {argv!r}: {outcome}"
    assert "Traceback" not in result.output, f"newsfacts {argv!r}: {result.output}"


def describe(result: Any) -> str:
    if result.exc_info and not isinstance(result.exception, SystemExit):
        return "".join(traceback.format_exception(*result.exc_info))
    return f"exit {result.exit_code}: {result.output[-500:]}"


def test_the_drawn_file_reaches_a_reader(in_workspace: Path) -> None:
    """The harness itself: a story given this way is read and extracted."""
    drawn = place(in_workspace, "story", ".txt", SEED_TEXT.encode())
    result = runner.invoke(app, ["extract", drawn])
    assert result.exit_code == 0 and '"indicator":"trade_balance"' in result.output


def test_a_traceback_would_be_seen(in_workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The harness itself: an exception inside a command shows up as one."""
    def broken(*_: object, **__: object) -> None:
        raise ZeroDivisionError("planted")

    monkeypatch.setattr(sys.modules["newsfacts.cli.schema"].json, "dumps", broken)
    result = runner.invoke(app, ["schema"], catch_exceptions=True)
    assert isinstance(result.exception, ZeroDivisionError)
    assert "planted" in describe(result)
