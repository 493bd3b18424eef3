"""The default reference store shipped with the package, and fetching the agencies' files.

``default_store.csv.gz`` (package data) holds, in the user CSV format, the U.S. series a
fact-checker needs first: FRED's goods and services totals (BOPGSTB, BOPTEXP, BOPTIMP) and,
from the Census Bureau's country workbook, goods exports, imports and balance with the world
(seasonally adjusted and not) and with the largest partners (``PARTNERS``). Each row keeps the
series id, source, file and vintage of the published file it comes from. All are U.S.
government works (public domain). ``default_rows`` makes it from the published files
(``newsfacts reference default-data``); ``default_store`` opens it as a throwaway store.

``AGENCY_FILES`` are the agencies' addresses of today's files; ``download_files`` fetches them
(``newsfacts reference update``), the download date being their vintage.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import shutil
import tempfile
import urllib.request
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from importlib import resources
from pathlib import Path

from newsfacts.errors import Errors
from newsfacts.validation.importers import USER_COLUMNS, SeriesData, read_user_csv
from newsfacts.validation.store import ReferenceStore

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


def default_series(path: str | Path | None = None) -> list[SeriesData]:
    """The series of the default store (or of another file written like it)."""
    if path is None:
        packed = resources.files("newsfacts.validation").joinpath(DEFAULT_FILE).read_bytes()
    else:
        packed = Path(path).read_bytes()
    with tempfile.TemporaryDirectory(prefix="newsfacts-default-") as folder:
        plain = Path(folder) / "default_store.csv"
        plain.write_bytes(gzip.decompress(packed))
        return read_user_csv(plain)


def default_store() -> ReferenceStore:
    """The default store, built into a temporary folder that closing it removes."""
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
