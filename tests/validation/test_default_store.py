"""The default store shipped with the package, its rebuild from the published files, and
``newsfacts reference update`` against a local HTTP server (tests never touch the network)."""

from __future__ import annotations

import datetime as dt
import functools
import gzip
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

import newsfacts.validation.default as default_module
from newsfacts.cli import app
from newsfacts.errors import Errors, ReferenceStoreError
from newsfacts.validation import ReferenceStore, validate
from newsfacts.validation.default import (
    CACHE_ENV,
    DEFAULT_FILE,
    PARTNERS,
    _packed_default,
    cache_dir,
    cache_key,
    cached_default_store,
    default_rows,
    default_series,
    default_store,
    download_files,
    write_default_data,
)
from newsfacts.validation.importers import read_reference_file
from tests.cli.test_cli import assert_clean_failure, seed_article
from tests.validation.helpers import fact, write_census_workbook, write_text

runner = CliRunner()
PACKAGE_COPY = Path(__file__).parents[2] / "newsfacts" / "validation" / DEFAULT_FILE


def run(*args: str | Path) -> Result:
    return runner.invoke(app, [str(arg) for arg in args], env={"COLUMNS": "200"})


def test_the_default_store_holds_the_us_series_with_their_provenance() -> None:
    series = {data.info.series_id: data for data in default_series()}
    assert {"fred-BOPGSTB", "fred-BOPTEXP", "fred-BOPTIMP", "census-0004-imports",
            "census-0015-trade_balance", "census-5880-trade_balance"} <= set(series)
    assert {data.info.partner for data in series.values()} == set(PARTNERS)
    for data in series.values():
        assert data.info.source and "file " in data.info.source
        assert {obs.vintage for obs in data.observations} and all(
            obs.vintage >= dt.date(2020, 1, 1) for obs in data.observations)
    [japan] = [obs for obs in series["census-5880-trade_balance"].observations
               if obs.period == "1994-03"]
    assert japan.value == -5752.7e6 and japan.half_unit == 50_000


def test_the_default_store_checks_the_seed() -> None:
    facts = [fact(-5.8e9, partner="JPN", evidence="$5.8 billion"),
             fact(-7.46e9, evidence="$7.46 billion"),
             fact(42.17e9, indicator="exports", flow="goods", evidence="$42.17 billion")]
    with default_store() as store:
        verdicts = validate(facts, store)
    assert [v.status for v in verdicts] == ["confirmed", "revised", "revised"]
    assert verdicts[1].series_id == "fred-BOPGSTB"


def test_rows_keep_the_digits_of_their_source(tmp_path: Path) -> None:
    book = write_census_workbook(tmp_path / "country.xlsx", [
        ("1994", "5880", "Japan", [10000.5] * 12, [4400.0] * 12),
        ("1994", "9999", "Nowhere", [1.0] * 12, [1.0] * 12)])
    fred = write_text(tmp_path / "fred_BOPGSTB.csv", "DATE,BOPGSTB\n1994-03-01,-6466\n")
    loaded = [*read_reference_file(book, dt.date(2024, 8, 1)),
              *read_reference_file(fred, dt.date(2022, 4, 5))]
    rows = default_rows(loaded)
    assert {row["partner"] for row in rows} == {"JPN", "WLD"}
    by_key = {(row["series_id"], row["period"]): row for row in rows}
    assert by_key["census-5880-imports", "1994-03"]["value"] == "10000.5"
    assert by_key["fred-BOPGSTB", "1994-03"]["value"] == "-6466"
    assert by_key["fred-BOPGSTB", "1994-03"]["vintage"] == "2022-04-05"
    out = tmp_path / "default.csv.gz"
    write_default_data(rows, out)
    again = tmp_path / "again.csv.gz"
    write_default_data(rows, again)
    assert out.read_bytes() == again.read_bytes()  # the same rows, the same file
    read_back = {data.info.series_id: data for data in default_series(out)}
    assert read_back["census-5880-imports"].observations[2].value == 10000.5e6


@pytest.mark.shared
def test_the_shipped_data_is_rebuilt_by_the_command(shared_dir: Path, tmp_path: Path) -> None:
    official = shared_dir / "official"
    out = tmp_path / DEFAULT_FILE
    result = run("reference", "default-data", official / "census_country.xlsx",
                 official / "fred_BOPGSTB.csv", official / "fred_BOPTEXP.csv",
                 official / "fred_BOPTIMP.csv", "-o", out)
    assert result.exit_code == 0, result.output
    assert gzip.decompress(out.read_bytes()) == gzip.decompress(PACKAGE_COPY.read_bytes())


def test_check_without_a_store_uses_the_default(tmp_path: Path) -> None:
    article = seed_article(tmp_path / "articles")
    result = run("check", article)
    assert result.exit_code == 0, result.output
    assert "contradicted 0" in result.stderr and "fred-BOPGSTB" in result.stdout


# --- reference update ---------------------------------------------------------------------


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """No request log on stderr (the CLI's own messages are tested there)."""


@pytest.fixture
def mirror(tmp_path: Path) -> Iterator[str]:
    """A local HTTP server serving the agencies' file names from a folder."""
    folder = tmp_path / "mirror"
    folder.mkdir()
    write_census_workbook(folder / "census_country.xlsx", [
        ("1994", "5880", "Japan", [10152.7] * 12, [4400.0] * 12)])
    for name, value in (("BOPGSTB", -6466), ("BOPTEXP", 58307), ("BOPTIMP", 64772)):
        write_text(folder / f"fred_{name}.csv", f"DATE,{name}\n1994-03-01,{value}\n")
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_update_downloads_and_builds_a_store(mirror: str, tmp_path: Path) -> None:
    out = tmp_path / "ref.duckdb"
    kept = tmp_path / "kept"
    result = run("reference", "update", out, "--base-url", mirror, "--keep", kept)
    assert result.exit_code == 0, result.output
    assert sorted(path.name for path in kept.iterdir()) == [
        "census_country.xlsx", "fred_BOPGSTB.csv", "fred_BOPTEXP.csv", "fred_BOPTIMP.csv"]
    with ReferenceStore.open(out) as store:
        [ref] = store.values("fred-BOPGSTB", ["1994-03"])
        assert ref.value == -6466e6 and ref.vintage == dt.date.today()
        assert store.values("census-5880-trade_balance", ["1994-03"])
    assert_clean_failure(run("reference", "update", out, "--base-url", mirror),
                         Errors.STORE_EXISTS_USE_FORCE.code,
                         "--force")


def test_update_fails_cleanly_and_keeps_nothing(mirror: str, tmp_path: Path) -> None:
    folder = tmp_path / "got"
    folder.mkdir()
    with pytest.raises(ReferenceStoreError, match=r"missing\.csv"):
        download_files(folder, {"fred_BOPGSTB.csv": f"{mirror}/fred_BOPGSTB.csv",
                                "missing.csv": f"{mirror}/missing.csv"})
    assert list(folder.iterdir()) == []
    out = tmp_path / "ref.duckdb"
    assert_clean_failure(run("reference", "update", out, "--base-url", f"{mirror}/nothing"),
                         Errors.DOWNLOAD_FAILED.code, "cannot download")
    assert not out.exists()


def test_the_default_store_is_built_once_into_the_cache(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    assert cache_dir() == tmp_path / "cache"
    with default_store() as store:
        first = [info.series_id for info in store.series]
    [built] = (tmp_path / "cache").iterdir()
    assert built.name == cache_key(_packed_default()) and built.suffix == ".duckdb"

    def no_build(*args: object, **kwargs: object) -> None:
        raise AssertionError("built again")

    monkeypatch.setattr(default_module, "write_store", no_build)
    with default_store() as again:  # opened from the cache, read-only
        assert [info.series_id for info in again.series] == first
    assert built.is_file()  # closing a cached store keeps it


def test_a_damaged_cached_store_is_built_again(tmp_path: Path) -> None:
    target = tmp_path / cache_key(_packed_default())
    target.write_bytes(b"not a store")
    with cached_default_store(tmp_path) as store:
        assert store.series
    assert [path.name for path in tmp_path.iterdir()] == [target.name]


def test_an_unwritable_cache_falls_back_to_a_throwaway_store(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv(CACHE_ENV, str(blocker / "cache"))  # a folder inside a file
    with default_store() as store:
        assert store.series


def test_the_key_changes_with_the_data() -> None:
    packed = _packed_default()
    assert cache_key(packed) == cache_key(packed)
    assert cache_key(packed) != cache_key(packed + b"x")


def test_two_processes_building_at_once_both_get_the_store(tmp_path: Path) -> None:
    code = ("import sys; from pathlib import Path; "
            "from newsfacts.validation.default import cached_default_store; "
            "store = cached_default_store(Path(sys.argv[1])); print(len(store.series))")
    both = [subprocess.Popen([sys.executable, "-c", code, str(tmp_path)],
                             stdout=subprocess.PIPE, text=True) for _ in range(2)]
    counts = [int(process.communicate(timeout=120)[0]) for process in both]
    assert [process.returncode for process in both] == [0, 0]
    assert counts[0] == counts[1] > 0
    assert [path.name for path in tmp_path.iterdir()] == [cache_key(_packed_default())]
