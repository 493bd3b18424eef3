"""Small hand-written official files in the published formats, and facts to check."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl

from newsfacts.schema import TradeFact
from newsfacts.validation import build_reference
from newsfacts.validation.importers import USER_COLUMNS

SEED_PUBLISHED = dt.date(1994, 5, 20)
MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")


def write_census_workbook(path: Path, rows: Sequence[tuple[str, str, str, Sequence[float],
                                                           Sequence[float]]]) -> Path:
    """rows: (year, code, name, imports by month, exports by month), as country.xlsx lays
    them out (IJAN..IDEC, IYR, EJAN..EDEC, EYR)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "country"
    sheet.append(["year", "CTY_CODE", "CTYNAME", *[f"I{m}" for m in MONTHS], "IYR",
                  *[f"E{m}" for m in MONTHS], "EYR"])
    for year, code, name, imports, exports in rows:
        sheet.append([year, code, name, *imports, sum(imports), *exports, sum(exports)])
    book.save(path)
    return path


def write_text(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def user_row(series_id: str, period: str, value: str, vintage: str, **over: str
             ) -> dict[str, str]:
    row = {"series_id": series_id, "indicator": "trade_balance",
           "flow": "goods_and_services", "basis": "bop", "reporter": "USA", "partner": "WLD",
           "seasonally_adjusted": "SA", "frequency": "M", "period": period, "value": value,
           "unit": "USD millions", "source": "test", "vintage": vintage}
    row.update(over)
    return row


def write_user_csv(path: Path, rows: Sequence[dict[str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=USER_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return path


def fact(value: str | float, period: str | None = "1994-03", **over: Any) -> TradeFact:
    """A fact with the seed's defaults: the U.S. balance with the world, published on
    1994-05-20 (``published=None`` for an undated claim)."""
    amount = Decimal(str(value))
    evidence = over.pop("evidence", None) or f"${abs(amount) / Decimal(10) ** 9} billion"
    data: dict[str, Any] = {
        "doc_id": "doc", "indicator": "trade_balance", "reporter": "USA", "partner": "WLD",
        "period": period, "value": amount, "currency": "USD", "evidence": evidence,
        "evidence_start": 0, "evidence_end": len(evidence), "published": SEED_PUBLISHED}
    data.update(over)
    return TradeFact.model_validate(data)


def write_seed_store(folder: Path) -> Path:
    """A store with FRED's BOPGSTB (2022) and the 1994-05-19 first release for Feb-Mar 1994."""
    fred = write_text(folder / "fred_BOPGSTB.csv",
                      "DATE,BOPGSTB\n1994-02-01,-9245\n1994-03-01,-6466\n")
    first = write_user_csv(folder / "first.csv", [
        user_row("first-gs", "1994-02", "-9.15", "1994-05-19", unit="USD billions"),
        user_row("first-gs", "1994-03", "-7.46", "1994-05-19", unit="USD billions")])
    out = folder / "ref.duckdb"
    build_reference(out, [(fred, dt.date(2022, 4, 5)), (first, None)])
    return out
