"""The default reference store shipped with the package, and fetching the agencies' files.

``default_store.csv.gz`` (package data) holds, in the user CSV format, the U.S. series a
fact-checker needs first: FRED's goods and services totals (BOPGSTB, BOPTEXP, BOPTIMP) and,
from the Census Bureau's country workbook, goods exports, imports and balance with the world
(seasonally adjusted and not) and with the largest partners (``PARTNERS``). Each row keeps the
series id, source, file and vintage of the published file it comes from. All are U.S.
government works (public domain). ``default_rows`` makes it from the published files
(``newsfacts reference default-data``); ``default_store`` opens it, built once into the
user's cache folder (``cache_dir``) and reused while the package version, the data and the
code that builds a store are the same.

``AGENCY_FILES`` are the agencies' addresses of today's files; ``download_files`` fetches them
(``newsfacts reference update``), the download date being their vintage.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import hashlib
import io
import os
import shutil
import tempfile
import urllib.request
import uuid
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from importlib import resources
from pathlib import Path

from newsfacts.errors import Errors, ReferenceStoreError
from newsfacts.validation.importers import USER_COLUMNS, SeriesData, read_user_csv
from newsfacts.validation.store import STORE_FORMAT, ReferenceStore, write_store

DEFAULT_FILE = "default_store.csv.gz"
PARTNERS: tuple[str, ...] = ("WLD", "CAN", "MEX", "CHN", "JPN", "DEU", "KOR", "GBR", "TWN",
                             "FRA", "ITA", "IND")
AGENCY_FILES: dict[str, str] = {
    "census_country.xlsx": "https://www.census.gov/foreign-trade/balance/country.xlsx",
    "fred_BOPGSTB.csv": "https://fred.stlouisfed.org/graph/fredgraph.csv?id=BOPGSTB",
    "fred_BOPTEXP.csv": "https://fred.stlouisfed.org/graph/fredgraph.csv?id=BOPTEXP",
    "fred_BOPTIMP.csv": "https://fred.stlouisfed.org/graph/fredgraph.csv?id=BOPTIMP",
}
_MILLION = Decimal(10) ** 6
# how reports and pages name the default store
DEFAULT_STORE_NAME = "the default store (U.S. series shipped with newsfacts)"
# where the built default store is kept, when set (else the user's cache folder)
CACHE_ENV = "NEWSFACTS_CACHE_DIR"
# the modules whose code shapes a built store: a change to them is a new cache key
_STORE_CODE: tuple[str, ...] = ("importers.py", "derived.py", "store.py",
                                "series_and_verdicts.py")


def _kept(data: SeriesData) -> bool:
    info = data.info
    return (not info.estimate and info.reporter == "USA" and info.partner in PARTNERS
            and info.indicator in ("exports", "imports", "trade_balance")
            and info.frequency == "M")


def _printed(value: Decimal, half_unit: Decimal) -> str:
    """The value in millions with the digits its source printed."""
    step = half_unit * 2 / _MILLION
    decimals = max(0, -step.normalize().as_tuple().exponent) if step else 0  # type: ignore[operator]
    return f"{value / _MILLION:.{decimals}f}"


def default_rows(loaded: Iterable[SeriesData]) -> list[dict[str, str]]:
    """User-CSV rows of the series the default store keeps, with their provenance."""
    rows: list[dict[str, str]] = []
    for data in loaded:
        if not _kept(data):
            continue
        info = data.info
        for obs in data.observations:
            rows.append({
                "series_id": info.series_id, "indicator": info.indicator, "flow": info.flow,
                "basis": info.basis, "reporter": info.reporter, "partner": info.partner,
                "seasonally_adjusted": "SA" if info.seasonally_adjusted else "NSA",
                "frequency": info.frequency, "period": obs.period,
                "value": _printed(obs.value, obs.half_unit), "unit": "USD millions",
                "source": f"{info.source}; file {info.file}", "vintage":
                obs.vintage.isoformat()})
    return rows


def write_default_data(rows: Sequence[dict[str, str]], out: str | Path) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=USER_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    # no name, mtime 0: the same rows give the same bytes
    with Path(out).open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw,
                                                     mtime=0) as handle:
        handle.write(buffer.getvalue().encode("utf-8"))


def _packed_default() -> bytes:
    return resources.files("newsfacts.validation").joinpath(DEFAULT_FILE).read_bytes()


def _series_of(packed: bytes) -> list[SeriesData]:
    with tempfile.TemporaryDirectory(prefix="newsfacts-default-") as folder:
        plain = Path(folder) / "default_store.csv"
        plain.write_bytes(gzip.decompress(packed))
        return read_user_csv(plain)


def default_series(path: str | Path | None = None) -> list[SeriesData]:
    """The series of the default store (or of another file written like it)."""
    return _series_of(_packed_default() if path is None else Path(path).read_bytes())


def cache_dir() -> Path:
    """Where the default store is kept once built: ``$NEWSFACTS_CACHE_DIR``, else the user's
    cache folder: ``platformdirs.user_cache_dir('newsfacts')`` where platformdirs is
    installed (``~/.cache/newsfacts`` on Linux), else ``$XDG_CACHE_HOME/newsfacts`` or
    ``~/.cache/newsfacts``; never the package's folder."""
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured)
    try:
        import platformdirs
    except ImportError:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        return Path(base) / "newsfacts"
    return Path(platformdirs.user_cache_dir("newsfacts", appauthor=False))


def cache_key(packed: bytes) -> str:
    """The file name of the built default store: the package version, the store format and
    a hash of the data and of the code that builds a store, so that any change builds anew."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        release = version("newsfacts")
    except PackageNotFoundError:  # run from a source tree that is not installed
        release = "source"
    digest = hashlib.sha256(packed)
    folder = resources.files("newsfacts.validation")
    for name in _STORE_CODE:
        digest.update(folder.joinpath(name).read_bytes())
    return f"default-store-{release}-{STORE_FORMAT}-{digest.hexdigest()[:16]}.duckdb"


def cached_default_store(folder: Path) -> ReferenceStore:
    """The default store built into ``folder`` (once: later calls open the same file).

    Two processes that build it at once each write their own file and move it into place
    in one step (``os.replace``), so a reader never sees half a store; stores are opened
    read-only. Raises ``OSError`` where ``folder`` cannot be written."""
    packed = _packed_default()
    target = folder / cache_key(packed)
    if target.is_file():
        try:
            return ReferenceStore.open(target)
        except ReferenceStoreError:  # damaged: build it again
            pass
    folder.mkdir(parents=True, exist_ok=True)
    part = folder / f"{target.name}.{os.getpid()}.{uuid.uuid4().hex}.part"
    try:
        write_store(part, _series_of(packed))
        os.replace(part, target)
    finally:
        part.unlink(missing_ok=True)
        part.with_name(part.name + ".wal").unlink(missing_ok=True)
    return ReferenceStore.open(target)


def default_store() -> ReferenceStore:
    """The default store: from the cache folder (``cache_dir``), built there the first time;
    where that folder cannot be written, built into a temporary folder that closing the store
    removes."""
    try:
        return cached_default_store(cache_dir())
    except OSError:
        return ReferenceStore.from_series(default_series())


def open_store(reference: str | Path | None) -> ReferenceStore:
    """The store at ``reference``, or the default store shipped with the package."""
    return default_store() if reference is None else ReferenceStore.open(reference)


def store_name(reference: str | Path | None) -> str:
    """How a report names the store ``open_store(reference)`` opens."""
    return DEFAULT_STORE_NAME if reference is None else Path(reference).name


def download_files(folder: str | Path, sources: Mapping[str, str] | None = None,
                   timeout: float = 60.0) -> list[tuple[Path, dt.date]]:
    """Fetch each file of ``sources`` (name → URL; default ``AGENCY_FILES``) into ``folder``;
    returns (path, vintage = the download date). Every file is fetched before any is kept."""
    target = Path(folder)
    today = dt.date.today()
    fetched: list[tuple[Path, dt.date]] = []
    with tempfile.TemporaryDirectory(prefix="newsfacts-update-") as tmp:
        for name, url in (sources or AGENCY_FILES).items():
            part = Path(tmp) / name
            request = urllib.request.Request(url, headers={"User-Agent": "newsfacts"})
            try:
                with urllib.request.urlopen(request, timeout=timeout) as response, \
                        part.open("wb") as handle:
                    shutil.copyfileobj(response, handle)
            except (OSError, ValueError) as exc:
                raise Errors.DOWNLOAD_FAILED(name=name, url=url, exc=exc) from None
        for name in (sources or AGENCY_FILES):
            kept = target / name
            shutil.move(str(Path(tmp) / name), kept)
            fetched.append((kept, today))
    return fetched
