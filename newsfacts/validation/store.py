"""The reference store: official series and every vintage of them, in one DuckDB file.

Why DuckDB: the store is a single file a fact-checker can copy and open anywhere, with no
server; it is columnar, so scanning decades of monthly observations for a few series is
cheap; and its SQL has window functions, which is what validation needs: ``ROW_NUMBER()``
picks the value of each month as of a vintage (the last observation published on or before
it), ``SUM`` over those adds up runs of months into quarters, years or "the first nine
months", and ``RANK()`` places a month among all months to date ("a record", "the
third-highest").

Tables: ``series`` (one row per series: what it measures, see ``SeriesInfo``; ``estimate``
names how an estimated series was made, empty for published ones), ``observations``
(``series_id, period, vintage, value, half_unit, error``; values in whole currency units,
``half_unit`` half the last digit the source printed, ``error`` an estimate's back-tested
error) and ``meta``. Stores of format 1 (no ``estimate``, no ``error``) still open.
"""

from __future__ import annotations

import csv
import datetime as dt
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsfacts.errors import Errors
from newsfacts.validation.importers import SeriesData, read_reference_file
from newsfacts.validation.series_and_verdicts import SeriesInfo

if TYPE_CHECKING:  # duckdb is imported on first use: `import newsfacts` stays light
    import duckdb

STORE_FORMAT = "newsfacts-reference-2"
READABLE_FORMATS: tuple[str, ...] = (STORE_FORMAT, "newsfacts-reference-1")
_SERIES_COLUMNS: tuple[str, ...] = tuple(SeriesInfo.model_fields)
_FAMILY: tuple[str, ...] = ("indicator", "flow", "basis", "reporter", "partner",
                            "seasonally_adjusted", "frequency", "currency")
# revision bands are pooled from the most specific of these levels with enough pairs
BAND_LEVELS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("this kind of series (any frequency)",
     ("indicator", "flow", "basis", "reporter", "partner", "seasonally_adjusted", "currency")),
    ("series of the same economy, partner and adjustment",
     ("reporter", "partner", "seasonally_adjusted")),
)
BAND_MIN_PAIRS = 3
BAND_QUANTILE = 0.9


@dataclass(frozen=True)
class BuildStats:
    files: int
    series: int
    observations: int
    skipped: tuple[str, ...] = ()


@dataclass(frozen=True)
class RefValue:
    """A family's value for one period as of one vintage (summed where months are)."""

    series_id: str
    vintage: dt.date
    value: Decimal
    half_unit: Decimal
    error: Decimal = Decimal(0)


@dataclass(frozen=True)
class Band:
    """How far a revised figure may lie from the one first published: ``size`` is a share of
    the figure compared. ``source`` says where it comes from: the store's own vintages
    ("store") or the revision profile shipped with the package ("profile", ``note`` then
    describes the range and its pairs)."""

    size: float
    pairs: int
    level: str
    source: str = "store"
    note: str = ""
    bounds: str = ""  # the range as money, "A to B", where the profile gave it

    def describe(self) -> str:
        if self.note:
            return self.note
        if self.pairs == 0:
            return "no revision history in the store to estimate a band"
        return (f"{self.size:.1%} (90th percentile of {self.pairs} revisions between vintages "
                f"of {self.level})")


def _duckdb_path(path: Path) -> None:
    """ReferenceStoreError for a path DuckDB cannot take (a name that is not UTF-8)."""
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        shown = str(path).encode("utf-8", "backslashreplace").decode("utf-8")
        raise Errors.STORE_NAME_NOT_UTF8(shown=shown) from None


def build_reference(out: str | Path, files: Sequence[str | Path | tuple[str | Path,
                    dt.date | None]], overwrite: bool = True, derive: bool = True) -> BuildStats:
    """Read official files (see ``newsfacts.validation.importers``) into a new store.

    Every file is read and checked before the store is written, so a bad file leaves no
    half-built store behind. ``derive`` adds the estimated series the files allow
    (``newsfacts.validation.derived``), each marked as an estimate.
    """
    loaded: list[SeriesData] = []
    for item in files:
        path, vintage = item if isinstance(item, tuple) else (item, None)
        loaded.extend(read_reference_file(path, vintage))
    target = Path(out)
    _duckdb_path(target)
    if not target.parent.is_dir():
        raise Errors.STORE_FOLDER_MISSING(target=target, parent=target.parent)
    if target.exists():
        if not overwrite:
            raise Errors.STORE_EXISTS(target=target)
        target.unlink()
    return write_store(target, loaded, n_files=len(files), derive=derive)


def write_store(target: Path, loaded: Iterable[SeriesData], n_files: int = 0,
                derive: bool = True) -> BuildStats:
    if derive:
        from newsfacts.validation.derived import derive_series

        published = list(loaded)
        loaded = published + derive_series(published)
    seen: dict[str, SeriesInfo] = {}
    n_obs = 0
    with tempfile.TemporaryDirectory() as tmp:
        series_csv, obs_csv = Path(tmp) / "series.csv", Path(tmp) / "obs.csv"
        with series_csv.open("w", newline="") as s_handle, obs_csv.open("w", newline="") as o_h:
            s_out, o_out = csv.writer(s_handle), csv.writer(o_h)
            s_out.writerow(_SERIES_COLUMNS)
            o_out.writerow(("series_id", "period", "vintage", "value", "half_unit", "error"))
            for data in loaded:
                info = data.info
                if info.series_id in seen and seen[info.series_id] != info:
                    raise Errors.SERIES_TWO_DESCRIPTIONS(
                        series_id=info.series_id,
                        file=seen[info.series_id].file,
                        file2=info.file)
                if info.series_id not in seen:
                    seen[info.series_id] = info
                    s_out.writerow([getattr(info, name) for name in _SERIES_COLUMNS])
                for obs in data.observations:
                    o_out.writerow((info.series_id, obs.period, obs.vintage.isoformat(),
                                    str(obs.value), str(obs.half_unit), str(obs.error)))
                    n_obs += 1
        import duckdb

        con = duckdb.connect(str(target))
        try:
            con.execute("""CREATE TABLE series (series_id VARCHAR PRIMARY KEY,
                indicator VARCHAR, flow VARCHAR, basis VARCHAR, reporter VARCHAR,
                partner VARCHAR, seasonally_adjusted BOOLEAN, frequency VARCHAR,
                currency VARCHAR, unit VARCHAR, source VARCHAR, file VARCHAR,
                vintage_inferred BOOLEAN, estimate VARCHAR)""")
            con.execute("""CREATE TABLE observations (series_id VARCHAR, period VARCHAR,
                vintage DATE, value DECIMAL(24,4), half_unit DECIMAL(24,4),
                error DECIMAL(24,4))""")
            con.execute("CREATE TABLE meta (key VARCHAR, value VARCHAR)")
            con.execute(f"INSERT INTO series SELECT * FROM read_csv('{series_csv}', "
                        "header=true, all_varchar=true)")
            con.execute(f"INSERT INTO observations SELECT * FROM read_csv('{obs_csv}', "
                        "header=true, all_varchar=true)")
            # one value per series, period and vintage: a file read twice must not double
            con.execute("""CREATE TABLE dedup AS SELECT DISTINCT * FROM observations;
                DROP TABLE observations; ALTER TABLE dedup RENAME TO observations""")
            con.execute("INSERT INTO meta VALUES ('format', ?), ('built', ?)",
                        [STORE_FORMAT, dt.datetime.now(dt.timezone.utc).isoformat()])
        finally:
            con.close()
    return BuildStats(files=n_files, series=len(seen), observations=n_obs)


class ReferenceStore:
    """A read-only view of a store file (or an in-memory one built from ``SeriesData``)."""

    def __init__(self, con: duckdb.DuckDBPyConnection, name: str) -> None:
        self.con = con
        self.name = name
        held = {row[0] for row in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'series'"
        ).fetchall()}
        # a format-1 store lacks the estimate column (all its series are published ones)
        picked = ", ".join((f"COALESCE({name}, '')" if name in ("file", "estimate") else name)
                           if name in held else f"'' AS {name}" for name in _SERIES_COLUMNS)
        self._series = [SeriesInfo.model_validate(dict(zip(_SERIES_COLUMNS, row, strict=True)))
                        for row in con.execute(
                            f"SELECT {picked} FROM series ORDER BY series_id").fetchall()]
        self._estimated = {info.series_id for info in self._series if info.estimate}
        self._error = "o.error" if "estimate" in held else "0"
        self._bands: dict[tuple[Any, ...], Band] = {}
        self._pairs: list[tuple[dict[str, Any], float]] | None = None
        self._cleanup: str | None = None

    @classmethod
    def open(cls, path: str | Path) -> ReferenceStore:
        import duckdb

        if not isinstance(path, (str, Path)):
            raise Errors.NOT_A_STORE(name=type(path).__name__)
        file = Path(path)
        _duckdb_path(file)
        if not file.is_file():
            raise Errors.NO_STORE(file=file)
        try:
            con = duckdb.connect(str(file), read_only=True)
            fmt = con.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
        except duckdb.Error as exc:
            raise Errors.STORE_UNREADABLE(file=file, exc=str(exc).splitlines()[0]) from None
        if fmt is None or fmt[0] not in READABLE_FORMATS:
            con.close()
            raise Errors.STORE_FORMAT_VERSION(file=file, store_format=STORE_FORMAT)
        return cls(con, str(file))

    @classmethod
    def from_series(cls, loaded: Iterable[SeriesData]) -> ReferenceStore:
        """A throwaway store (tests, benchmarks) in a temporary folder removed on close."""
        folder = tempfile.mkdtemp(prefix="newsfacts-ref-")
        path = Path(folder) / "ref.duckdb"
        write_store(path, loaded)
        store = cls.open(path)
        store._cleanup = folder
        return store

    def close(self) -> None:
        self.con.close()
        if self._cleanup:
            shutil.rmtree(self._cleanup, ignore_errors=True)

    def __enter__(self) -> ReferenceStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def series(self) -> list[SeriesInfo]:
        return list(self._series)

    def coverage(self, series_id: str) -> tuple[str, str] | None:
        row = self.con.execute("SELECT min(period), max(period) FROM observations "
                               "WHERE series_id = ?", [series_id]).fetchone()
        return None if row is None or row[0] is None else (row[0], row[1])

    def values(self, series_id: str, periods: Sequence[str]) -> list[RefValue]:
        """The sum over ``periods`` as of every vintage that published one of them, where
        that vintage (with what came before it) covers them all."""
        marks = ", ".join("?" for _ in periods)
        rows = self.con.execute(f"""
            WITH vintages AS (SELECT DISTINCT vintage FROM observations
                              WHERE series_id = ? AND period IN ({marks})),
            snapshot AS (
                SELECT v.vintage AS as_of, o.period, o.value, o.half_unit,
                       {self._error} AS error, ROW_NUMBER() OVER (PARTITION BY v.vintage, o.period
                                          ORDER BY o.vintage DESC) AS latest
                FROM vintages v JOIN observations o
                  ON o.series_id = ? AND o.period IN ({marks}) AND o.vintage <= v.vintage)
            SELECT as_of, SUM(value), SUM(half_unit), COUNT(*), SUM(error) FROM snapshot
            WHERE latest = 1 GROUP BY as_of HAVING COUNT(*) = {len(periods)} ORDER BY as_of""",
            [series_id, *periods, series_id, *periods]).fetchall()
        return [RefValue(series_id, row[0], Decimal(row[1]), Decimal(row[2]), Decimal(row[4]))
                for row in rows]

    def history(self, series_ids: Sequence[str], first: str, last: str
                ) -> list[tuple[str, str, dt.date, Decimal]]:
        """Every observation (series_id, period, vintage, value) of ``series_ids`` with a
        period from ``first`` to ``last`` (codes of one frequency), by vintage and period."""
        if not series_ids:
            return []
        marks = ", ".join("?" for _ in series_ids)
        rows = self.con.execute(
            f"SELECT series_id, period, vintage, value FROM observations WHERE series_id IN "
            f"({marks}) AND period BETWEEN ? AND ? ORDER BY vintage, period",
            [*series_ids, first, last]).fetchall()
        return [(str(r[0]), str(r[1]), r[2], Decimal(r[3])) for r in rows]

    def ranking(self, series_id: str, period: str, vintage: dt.date,
                direction: int) -> tuple[int, int, str] | None:
        """(rank, months compared, first month) of ``period`` among the months up to it, as of
        ``vintage``; ``direction`` -1 ranks the most negative first (deficits)."""
        rows = self.con.execute("""
            WITH snapshot AS (
                SELECT period, value, ROW_NUMBER() OVER (PARTITION BY period
                                                         ORDER BY vintage DESC) AS latest
                FROM observations WHERE series_id = ? AND vintage <= ? AND period <= ?),
            ranked AS (
                SELECT period, RANK() OVER (ORDER BY value * ? DESC) AS place,
                       COUNT(*) OVER () AS months, MIN(period) OVER () AS first
                FROM snapshot WHERE latest = 1)
            SELECT place, months, first FROM ranked WHERE period = ?""",
            [series_id, vintage, period, direction, period]).fetchall()
        return None if not rows else (int(rows[0][0]), int(rows[0][1]), str(rows[0][2]))

    def band(self, info: SeriesInfo) -> Band:
        """How much series like ``info`` are revised, from the store's own vintages."""
        key = tuple(getattr(info, name) for name in BAND_LEVELS[0][1])
        if key in self._bands:
            return self._bands[key]
        pairs = self._revision_pairs()
        result = Band(0.0, 0, "")
        for level, fields in BAND_LEVELS:
            sizes = sorted(size for attrs, size in pairs
                           if all(attrs[f] == getattr(info, f) for f in fields))
            if len(sizes) >= BAND_MIN_PAIRS:
                position = BAND_QUANTILE * (len(sizes) - 1)
                low = int(position)
                high = min(low + 1, len(sizes) - 1)
                size = sizes[low] + (sizes[high] - sizes[low]) * (position - low)
                result = Band(size, len(sizes), level)
                break
        self._bands[key] = result
        return result

    def _revision_pairs(self) -> list[tuple[dict[str, Any], float]]:
        """Per family and period with two vintages or more: |first - latest| / |latest|.

        Estimated series are left out: they are no vintages of anything. Monthly periods
        are paired within the table; a quarter or year published as such
        is paired with the sum of the family's monthly series too (a first-reported annual
        figure against the latest months), so that revisions of annual totals count.
        """
        if self._pairs is None:
            family = ", ".join(f"s.{name}" for name in _FAMILY)
            rows = self.con.execute(f"""
                SELECT {family}, o.period,
                       arg_min(o.value, o.vintage) AS first, arg_max(o.value, o.vintage) AS last
                FROM observations o JOIN series s USING (series_id)
                WHERE series_id NOT IN (SELECT UNNEST(?::VARCHAR[]))
                GROUP BY {family}, o.period HAVING COUNT(DISTINCT o.vintage) > 1""",
                [sorted(self._estimated)]).fetchall()
            pairs = [(dict(zip(_FAMILY, row[:len(_FAMILY)], strict=True)),
                      abs(float(row[-2]) - float(row[-1])) / abs(float(row[-1])))
                     for row in rows if row[-1]]
            pairs.extend(self._summed_pairs())
            self._pairs = pairs
        return self._pairs

    def _summed_pairs(self) -> list[tuple[dict[str, Any], float]]:
        from newsfacts.validation.periods import months_of

        key_fields = BAND_LEVELS[0][1]
        monthly: dict[tuple[Any, ...], list[SeriesInfo]] = {}
        for info in self._series:
            if info.frequency == "M" and not info.estimate:
                monthly.setdefault(tuple(getattr(info, f) for f in key_fields), []).append(info)
        found: list[tuple[dict[str, Any], float]] = []
        for info in self._series:
            members = monthly.get(tuple(getattr(info, f) for f in key_fields))
            if info.frequency == "M" or info.estimate or not members:
                continue
            rows = self.con.execute("SELECT period, vintage, value FROM observations WHERE "
                                    "series_id = ? ORDER BY period, vintage",
                                    [info.series_id]).fetchall()
            for period, vintage, value in rows:
                months = months_of(period)
                if not months:
                    continue
                summed = [ref for member in members
                          for ref in self.values(member.series_id, months)]
                if not summed:
                    continue
                values = sorted([(vintage, Decimal(value))]
                                + [(ref.vintage, ref.value) for ref in summed])
                first, last = values[0], values[-1]
                if first[0] != last[0] and last[1]:
                    found.append(({f: getattr(info, f) for f in _FAMILY},
                                  abs(float(first[1] - last[1])) / abs(float(last[1]))))
        return found
