"""Readers for official-figures files in the formats agencies publish them in.

Each reader returns ``SeriesData`` (what a series measures plus its observations) and raises
``ReferenceFileError`` naming the file, the row and the problem where a file is not in the
format it claims to be. Formats:

- the Census Bureau country workbook ``country.xlsx`` (sheet ``country``: ``year, CTY_CODE,
  CTYNAME, IJAN..IDEC, IYR, EJAN..EDEC, EYR``; Census basis goods, $ millions);
- FRED single-series CSV (``DATE,SERIES`` or ``observation_date,SERIES``) for the series in
  ``FRED_SERIES``;
- ALFRED vintage CSV, long (``observation_date``/``date``, ``realtime_start``, value) or wide
  (``observation_date, SERIES_YYYYMMDD, …``);
- the newsfacts user CSV (``USER_COLUMNS``), for any other series: another country's
  statistics office, first-release figures, transcribed tables.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from newsfacts.errors import Errors
from newsfacts.validation.periods import month_code, month_index, months_of
from newsfacts.validation.series_and_verdicts import Observation, SeriesInfo

MILLION = Decimal(1_000_000)
SCALES: dict[str, Decimal] = {
    "units": Decimal(1), "thousands": Decimal(1_000), "millions": MILLION,
    "billions": Decimal(1_000_000_000),
}
USER_COLUMNS: tuple[str, ...] = (
    "series_id", "indicator", "flow", "basis", "reporter", "partner", "seasonally_adjusted",
    "frequency", "period", "value", "unit", "source", "vintage",
)
CENSUS_SOURCE = "U.S. Census Bureau, country.xlsx (goods, Census basis)"
FRED_SOURCE = "FRED, Federal Reserve Bank of St. Louis (from BEA/Census)"

# FRED id → (indicator, flow, basis, partner, seasonally adjusted, frequency)
FRED_SERIES: dict[str, tuple[str, str, str, str, bool, str]] = {
    "BOPGSTB": ("trade_balance", "goods_and_services", "bop", "WLD", True, "M"),
    "BOPTEXP": ("exports", "goods_and_services", "bop", "WLD", True, "M"),
    "BOPTIMP": ("imports", "goods_and_services", "bop", "WLD", True, "M"),
    "BOPGTB": ("trade_balance", "goods", "bop", "WLD", True, "M"),
    "BOPGEXP": ("exports", "goods", "bop", "WLD", True, "M"),
    "BOPGIMP": ("imports", "goods", "bop", "WLD", True, "M"),
    "BOPSTB": ("trade_balance", "services", "bop", "WLD", True, "M"),
    "BOPSEXP": ("exports", "services", "bop", "WLD", True, "M"),
    "BOPSIMP": ("imports", "services", "bop", "WLD", True, "M"),
    "EXPJP": ("exports", "goods", "census", "JPN", False, "M"),
    "IMPJP": ("imports", "goods", "census", "JPN", False, "M"),
    "EXPCH": ("exports", "goods", "census", "CHN", False, "M"),
    "IMPCH": ("imports", "goods", "census", "CHN", False, "M"),
    "EXPCA": ("exports", "goods", "census", "CAN", False, "M"),
    "IMPCA": ("imports", "goods", "census", "CAN", False, "M"),
    "EXPMX": ("exports", "goods", "census", "MEX", False, "M"),
    "IMPMX": ("imports", "goods", "census", "MEX", False, "M"),
    "IEABC": ("current_account", "goods_and_services", "bop", "WLD", True, "Q"),
}

_MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
_WIDE_COLUMN = re.compile(r"^([A-Z0-9]+)_(\d{8})$")
_PERIOD = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$")


@dataclass
class SeriesData:
    info: SeriesInfo
    observations: list[Observation] = field(default_factory=list)


def half_unit_of(text: str, scale: Decimal) -> Decimal:
    """Half the last printed digit, in whole units: '-5752.7' in millions → 50,000."""
    digits = text.strip().lstrip("+-")
    decimals = len(digits.split(".", 1)[1]) if "." in digits else 0
    return scale * Decimal(5) * Decimal(10) ** -(decimals + 1)


def _number(text: str, path: Path, row: int, column: str) -> Decimal:
    try:
        value = Decimal(text.strip().replace(",", ""))
    except InvalidOperation:
        raise Errors.REFERENCE_NOT_A_NUMBER(path, row, column=column, text=text) from None
    if not value.is_finite():
        raise Errors.REFERENCE_NOT_A_NUMBER(path, row, column=column, text=text)
    return value


def _date(text: str, path: Path, row: int, column: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise Errors.REFERENCE_NOT_A_DATE(path, row, column=column, text=text) from None


def _vintage_after(last_month: str) -> dt.date:
    """A vintage for a file that names none: the month after next of its last observation
    (U.S. trade figures come out about five weeks after the month)."""
    index = month_index(last_month) + 2
    return dt.date(index // 12, index % 12 + 1, 1)


def _info(path: Path, row: int | None, **fields: Any) -> SeriesInfo:
    try:
        return SeriesInfo.model_validate(fields)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}"
                             for e in exc.errors())
        raise Errors.SERIES_DESCRIPTION(path, row, problems=problems) from None


# --- Census country workbook -------------------------------------------------------------

def census_countries() -> dict[str, str | None]:
    """Census country code → ISO3 (None for groupings such as 'Pacific Rim')."""
    text = resources.files("newsfacts.validation").joinpath("census_countries.json").read_text(
        encoding="utf-8")
    table = json.loads(text)["countries"]
    return {code: entry["iso3"] for code, entry in table.items()}


def read_census_workbook(path: Path, vintage: dt.date | None = None) -> list[SeriesData]:
    """country.xlsx → exports, imports and balance series per country code."""
    import openpyxl  # a heavy import, only for this format

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a file that is no workbook
        raise Errors.NOT_XLSX(path, name=type(exc).__name__) from None
    try:
        sheet = book["country"] if "country" in book.sheetnames else book.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = [str(cell).strip() if cell is not None else "" for cell in next(rows, ())]
        wanted = ["year", "CTY_CODE", "CTYNAME"] + [f"I{m}" for m in _MONTHS] + [
            f"E{m}" for m in _MONTHS]
        missing = [name for name in wanted if name not in header]
        if missing:
            raise Errors.CENSUS_HEADER(path, 1, missing=', '.join(missing))
        col = {name: header.index(name) for name in wanted}
        codes = census_countries()
        cells: dict[str, dict[str, tuple[Decimal, Decimal]]] = {}
        for number, row in enumerate(rows, start=2):
            if not any(cell not in (None, "") for cell in row):
                continue
            year_text = str(row[col["year"]]).strip()
            code = str(row[col["CTY_CODE"]]).strip().zfill(4)
            if not re.fullmatch(r"\d{4}", year_text):
                raise Errors.CENSUS_YEAR(path, number, year_text=year_text)
            for k, month in enumerate(_MONTHS, start=1):
                exports = _cell(row[col["E" + month]], path, number, "E" + month)
                imports = _cell(row[col["I" + month]], path, number, "I" + month)
                if exports == 0 and imports == 0:
                    continue  # not yet published
                cells.setdefault(code, {})[f"{year_text}-{k:02d}"] = (exports, imports)
    finally:
        book.close()
    if not cells:
        raise Errors.CENSUS_NO_MONTHS(path)
    last = max(month for months in cells.values() for month in months)
    when = vintage or _vintage_after(last)
    result: list[SeriesData] = []
    for code, months in sorted(cells.items()):
        iso3 = codes.get(code)
        if iso3 is None:
            continue  # groupings ('Pacific Rim') and codes newsfacts cannot name
        adjusted = code == "0004"
        for indicator, pick in (("exports", 0), ("imports", 1), ("trade_balance", 2)):
            info = _info(path, None, series_id=f"census-{code}-{indicator}", indicator=indicator,
                         flow="goods", basis="census", reporter="USA", partner=iso3,
                         seasonally_adjusted=adjusted, frequency="M", currency="USD",
                         unit="USD millions", source=CENSUS_SOURCE, file=path.name,
                         vintage_inferred=vintage is None)
            half = Decimal("0.05") * MILLION * (2 if pick == 2 else 1)
            observations = [
                Observation(period=month, vintage=when, half_unit=half,
                            value=(pair[0] - pair[1] if pick == 2 else pair[pick]) * MILLION)
                for month, pair in sorted(months.items())]
            result.append(SeriesData(info, observations))
    return result


def _cell(value: object, path: Path, row: int, column: str) -> Decimal:
    if value is None or value == "":
        return Decimal(0)
    if isinstance(value, (int, float)):
        return Decimal(str(value))
    return _number(str(value), path, row, column)


# --- CSV formats ---------------------------------------------------------------------------

def _csv_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for number, row in enumerate(csv.reader(handle), start=1):
                if row and any(cell.strip() for cell in row):
                    yield number, [cell.strip() for cell in row]
    except UnicodeDecodeError as exc:
        raise Errors.REFERENCE_NOT_UTF8(path, start=exc.start) from None
    except csv.Error as exc:
        raise Errors.REFERENCE_NOT_CSV(path, exc=exc) from None


def read_fred_csv(path: Path, vintage: dt.date | None = None) -> list[SeriesData]:
    """A FRED download: ``DATE,SERIES`` (or ``observation_date,SERIES``), one series."""
    rows = _csv_rows(path)
    _, header = next(rows, (1, []))
    if len(header) != 2 or header[0].lower() not in ("date", "observation_date"):
        raise Errors.FRED_HEADER(path, 1)
    series_id = header[1].upper()
    spec = FRED_SERIES.get(series_id)
    if spec is None:
        raise Errors.FRED_UNKNOWN_SERIES_LISTED(
            path,
            1,
            series_id=series_id,
            fred_series=', '.join(sorted(FRED_SERIES)))
    values: list[tuple[str, Decimal, Decimal]] = []
    for number, row in rows:
        if len(row) != 2:
            raise Errors.FRED_COLUMNS(path, number, found=len(row))
        day = _date(row[0], path, number, header[0])
        if row[1] in (".", ""):
            continue  # FRED's mark for a missing value
        value = _number(row[1], path, number, header[1])
        values.append((_fred_period(day, spec[5]), value * MILLION, half_unit_of(row[1], MILLION)))
    if not values:
        raise Errors.REFERENCE_NO_OBSERVATIONS(path)
    when = vintage or _vintage_after(_last_month(values[-1][0]))
    info = _fred_info(path, series_id, spec, vintage is None)
    return [SeriesData(info, [Observation(period=p, vintage=when, value=v, half_unit=h)
                              for p, v, h in values])]


def _last_month(period: str) -> str:
    months = months_of(period)
    return months[-1] if months else period


def _fred_period(day: dt.date, frequency: str) -> str:
    if frequency == "Q":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    if frequency == "A":
        return f"{day.year}"
    return f"{day.year:04d}-{day.month:02d}"


def _fred_info(path: Path, series_id: str, spec: tuple[str, str, str, str, bool, str],
               inferred: bool) -> SeriesInfo:
    indicator, flow, basis, partner, adjusted, frequency = spec
    return _info(path, None, series_id=f"fred-{series_id}", indicator=indicator, flow=flow,
                 basis=basis, reporter="USA", partner=partner, seasonally_adjusted=adjusted,
                 frequency=frequency, currency="USD", unit="USD millions", source=FRED_SOURCE,
                 file=path.name, vintage_inferred=inferred)


def read_alfred_csv(path: Path) -> list[SeriesData]:
    """An ALFRED vintage download, long (``realtime_start`` column) or wide
    (``observation_date, SERIES_YYYYMMDD, …``)."""
    rows = _csv_rows(path)
    _, header = next(rows, (1, []))
    lower = [name.lower() for name in header]
    found: dict[str, list[Observation]] = {}
    if "realtime_start" in lower:
        date_col = next((lower.index(n) for n in ("observation_date", "date") if n in lower),
                        None)
        skip = {"realtime_start", "realtime_end", "observation_date", "date", "series_id"}
        value_cols = [i for i, n in enumerate(lower) if n not in skip]
        if date_col is None or len(value_cols) != 1:
            raise Errors.ALFRED_LONG_COLUMNS(path, 1)
        value_col = value_cols[0]
        start_col = lower.index("realtime_start")
        id_col = lower.index("series_id") if "series_id" in lower else None
        default_id = header[value_col].upper() if lower[value_col] != "value" else (
            path.stem.split("_")[0].upper())
        for number, row in rows:
            if len(row) != len(header):
                raise Errors.ROW_COLUMNS(path, number, expected=len(header), found=len(row))
            if row[value_col] in (".", ""):
                continue
            series_id = row[id_col].upper() if id_col is not None else default_id
            spec = _spec(path, series_id, number)
            day = _date(row[date_col], path, number, header[date_col])
            found.setdefault(series_id, []).append(Observation(
                period=_fred_period(day, spec[5]),
                vintage=_date(row[start_col], path, number, "realtime_start"),
                value=_number(row[value_col], path, number, header[value_col]) * MILLION,
                half_unit=half_unit_of(row[value_col], MILLION)))
    else:
        columns = [(i, _WIDE_COLUMN.match(name.upper())) for i, name in enumerate(header)]
        vintages = [(i, m.group(1), m.group(2)) for i, m in columns if m]
        if lower[:1] not in (["observation_date"], ["date"]) or not vintages:
            raise Errors.ALFRED_FORMAT(path, 1)
        dates = {i: dt.date(int(d[:4]), int(d[4:6]), int(d[6:])) for i, _, d in vintages}
        for number, row in rows:
            day = _date(row[0], path, number, header[0])
            for i, series_id, _ in vintages:
                text = row[i] if i < len(row) else ""
                if text in (".", "", "#N/A"):
                    continue
                spec = _spec(path, series_id, 1)
                found.setdefault(series_id, []).append(Observation(
                    period=_fred_period(day, spec[5]), vintage=dates[i],
                    value=_number(text, path, number, header[i]) * MILLION,
                    half_unit=half_unit_of(text, MILLION)))
    if not found:
        raise Errors.REFERENCE_NO_OBSERVATIONS(path)
    return [SeriesData(_fred_info(path, sid, _spec(path, sid, 1), False), obs)
            for sid, obs in sorted(found.items())]


def _spec(path: Path, series_id: str, row: int) -> tuple[str, str, str, str, bool, str]:
    spec = FRED_SERIES.get(series_id)
    if spec is None:
        raise Errors.FRED_UNKNOWN_SERIES(path, row, series_id=series_id)
    return spec


def read_user_csv(path: Path) -> list[SeriesData]:
    """The newsfacts user format: one observation per row, the series described on each."""
    rows = _csv_rows(path)
    _, header = next(rows, (1, []))
    missing = [name for name in USER_COLUMNS if name not in header]
    if missing:
        raise Errors.USER_CSV_HEADER(path, 1, missing=', '.join(missing))
    col = {name: header.index(name) for name in USER_COLUMNS}
    found: dict[str, SeriesData] = {}
    for number, row in rows:
        if len(row) != len(header):
            raise Errors.ROW_COLUMNS(path, number, expected=len(header), found=len(row))
        cell = {name: row[i] for name, i in col.items()}
        currency, _, scale_word = cell["unit"].partition(" ")
        scale = SCALES.get(scale_word.lower() or "units")
        if scale is None or not re.fullmatch(r"[A-Z]{3}", currency):
            raise Errors.USER_CSV_UNIT(path, number, cell=cell['unit'])
        adjusted = cell["seasonally_adjusted"].upper()
        if adjusted not in ("SA", "NSA", "TRUE", "FALSE"):
            raise Errors.USER_CSV_ADJUSTMENT(path, number, cell=cell['seasonally_adjusted'])
        if not _PERIOD.match(cell["period"]):
            raise Errors.USER_CSV_PERIOD(path, number, cell=cell['period'])
        info = _info(path, number, series_id=cell["series_id"], indicator=cell["indicator"],
                     flow=cell["flow"], basis=cell["basis"], reporter=cell["reporter"],
                     partner=cell["partner"], seasonally_adjusted=adjusted in ("SA", "TRUE"),
                     frequency=cell["frequency"], currency=currency, unit=cell["unit"],
                     source=cell["source"], file=path.name)
        shape = {"M": 7, "Q": 7, "A": 4}[info.frequency]
        if len(cell["period"]) != shape or ("Q" in cell["period"]) != (info.frequency == "Q"):
            raise Errors.USER_CSV_PERIOD_FREQUENCY(
                path,
                number,
                cell=cell['period'],
                frequency=info.frequency)
        series = found.setdefault(info.series_id, SeriesData(info))
        if series.info != info:
            raise Errors.USER_CSV_SERIES_REDESCRIBED(path, number, series_id=info.series_id)
        value = _number(cell["value"], path, number, "value")
        series.observations.append(Observation(
            period=cell["period"], vintage=_date(cell["vintage"], path, number, "vintage"),
            value=value * scale, half_unit=half_unit_of(cell["value"], scale)))
    if not found:
        raise Errors.REFERENCE_NO_OBSERVATIONS(path)
    return list(found.values())


def read_reference_file(path: str | Path, vintage: dt.date | None = None) -> list[SeriesData]:
    """Any supported file, recognised by its suffix and header."""
    file = Path(path)
    if not file.is_file():
        raise Errors.REFERENCE_NO_SUCH_FILE(file)
    if file.suffix.lower() in (".xlsx", ".xlsm"):
        return read_census_workbook(file, vintage)
    if file.suffix.lower() not in (".csv", ".txt"):
        raise Errors.REFERENCE_SUFFIX(file, suffix=file.suffix)
    _, header = next(_csv_rows(file), (1, []))
    lower = [name.lower() for name in header]
    if "series_id" in lower and "indicator" in lower:
        return read_user_csv(file)
    if "realtime_start" in lower or any(_WIDE_COLUMN.match(h.upper()) for h in header[1:]):
        return read_alfred_csv(file)
    if len(header) == 2 and lower[0] in ("date", "observation_date"):
        return read_fred_csv(file, vintage)
    raise Errors.REFERENCE_FORMAT_UNKNOWN(
        file,
        1,
        header=','.join(header),
        user_columns=','.join(USER_COLUMNS))


__all__ = [
    "FRED_SERIES", "USER_COLUMNS", "SeriesData", "census_countries", "half_unit_of",
    "month_code", "read_alfred_csv", "read_census_workbook", "read_fred_csv",
    "read_reference_file", "read_user_csv",
]
