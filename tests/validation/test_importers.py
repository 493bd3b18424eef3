"""Official files in the formats agencies publish: read, and refused with file and row."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from newsfacts.errors import Errors, FileMessage, InputError, NewsfactsError
from newsfacts.validation import ReferenceFileError, read_reference_file
from newsfacts.validation.importers import census_countries
from tests.validation.helpers import (
    user_row,
    write_census_workbook,
    write_text,
    write_user_csv,
)

ZEROS = [0.0] * 12


def test_census_codes_map_to_iso3() -> None:
    codes = census_countries()
    assert codes["5880"] == "JPN" and codes["1220"] == "CAN" and codes["4280"] == "DEU"
    assert codes["0015"] == codes["0004"] == "WLD" and codes["0003"] == "EUU"
    assert codes["4610"] == "SUN" and codes["0014"] is None  # Pacific Rim: a grouping
    assert all(iso is None or len(iso) == 3 for iso in codes.values())


def test_census_workbook(tmp_path: Path) -> None:
    imports = [10.0, 11.5, 12.25] + [0.0] * 9
    exports = [4.0, 5.0, 6.5] + [0.0] * 9
    path = write_census_workbook(tmp_path / "country.xlsx", [
        ("1994", "5880", "Japan", imports, exports),
        ("1994", "0004", "World, Seasonally Adjusted", imports, exports),
        ("1994", "0014", "Pacific Rim", imports, exports),
    ])
    loaded = {s.info.series_id: s for s in read_reference_file(path)}
    assert "census-0014-exports" not in loaded  # groupings are left out
    balance = loaded["census-5880-trade_balance"]
    assert balance.info.partner == "JPN" and not balance.info.seasonally_adjusted
    assert balance.info.basis == "census" and balance.info.flow == "goods"
    assert [o.period for o in balance.observations] == ["1994-01", "1994-02", "1994-03"]
    assert balance.observations[0].value == Decimal("-6000000")
    assert loaded["census-0004-imports"].info.seasonally_adjusted
    # no vintage in the file: inferred as the month after next of the last month published
    assert balance.observations[0].vintage == dt.date(1994, 5, 1)
    assert balance.info.vintage_inferred
    given = read_reference_file(path, vintage=dt.date(1994, 6, 3))
    assert given[0].observations[0].vintage == dt.date(1994, 6, 3)


def test_fred_csv(tmp_path: Path) -> None:
    path = write_text(tmp_path / "BOPGSTB.csv",
                      "DATE,BOPGSTB\n1994-02-01,-9245\n1994-03-01,-6466\n1994-04-01,.\n")
    [series] = read_reference_file(path)
    assert series.info.series_id == "fred-BOPGSTB"
    assert (series.info.flow, series.info.basis, series.info.seasonally_adjusted) == (
        "goods_and_services", "bop", True)
    assert [o.value for o in series.observations] == [Decimal("-9245e6"), Decimal("-6466e6")]
    assert series.observations[0].half_unit == Decimal(500000)


def test_fred_observation_date_header(tmp_path: Path) -> None:
    path = write_text(tmp_path / "x.csv", "observation_date,BOPTEXP\n1994-03-01,58307\n")
    assert read_reference_file(path)[0].info.indicator == "exports"


def test_alfred_long(tmp_path: Path) -> None:
    path = write_text(tmp_path / "alfred.csv",
                      "realtime_start,realtime_end,date,value\n"
                      "1994-05-19,1994-06-20,1994-03-01,-7460\n"
                      "1994-06-21,9999-12-31,1994-03-01,-7400\n")
    path = path.rename(tmp_path / "BOPGSTB_vintages.csv")
    [series] = read_reference_file(path)
    assert series.info.series_id == "fred-BOPGSTB"
    assert [(o.vintage, o.value) for o in series.observations] == [
        (dt.date(1994, 5, 19), Decimal("-7460e6")), (dt.date(1994, 6, 21), Decimal("-7400e6"))]


def test_alfred_wide(tmp_path: Path) -> None:
    path = write_text(tmp_path / "wide.csv",
                      "observation_date,BOPGSTB_19940519,BOPGSTB_20220405\n"
                      "1994-03-01,-7460,-6466\n1994-04-01,.,-7887\n")
    [series] = read_reference_file(path)
    assert sorted((o.period, o.vintage.year) for o in series.observations) == [
        ("1994-03", 1994), ("1994-03", 2022), ("1994-04", 2022)]


def test_user_csv(tmp_path: Path) -> None:
    path = write_user_csv(tmp_path / "jp.csv", [
        user_row("mof-jp", "1987-03", "1.25", "1987-04-20", reporter="JPN", partner="USA",
                 unit="JPY billions", basis="national",
                 flow="goods", seasonally_adjusted="NSA")])
    [series] = read_reference_file(path)
    assert series.info.reporter == "JPN" and series.info.currency == "JPY"
    assert series.observations[0].value == Decimal("1250000000")
    assert series.observations[0].half_unit == Decimal("5000000")


@pytest.mark.parametrize(("name", "text", "row", "fragment", "entry"), [
    ("a.csv", "DATE,BOPGSTB\n1994-03-01,-6466\n1994-04-01,lots\n", 3, "'lots' is not a number",
     Errors.REFERENCE_NOT_A_NUMBER),
    ("b.csv", "DATE,BOPGSTB\n1994-03-01,-6466\n94/04/01,-7887\n", 3, "is not a date",
     Errors.REFERENCE_NOT_A_DATE),
    ("c.csv", "DATE,XYZ123\n1994-03-01,1\n", 1, "'XYZ123' is not one newsfacts knows",
     Errors.FRED_UNKNOWN_SERIES_LISTED),
    ("d.csv", "DATE,BOPGSTB\n1994-03-01,-6466,9\n", 2, "expected 2 columns", Errors.FRED_COLUMNS),
    ("e.csv", "when,what,who\n1,2,3\n", 1, "none of the formats",
     Errors.REFERENCE_FORMAT_UNKNOWN),
    ("f.csv", "realtime_start,date\n1994-05-19,1994-03-01\n", 1, "one value column",
     Errors.ALFRED_LONG_COLUMNS),
])
def test_bad_csv_names_file_and_row(tmp_path: Path, name: str, text: str, row: int,
                                    fragment: str, entry: FileMessage) -> None:
    path = write_text(tmp_path / name, text)
    with pytest.raises(ReferenceFileError) as caught:
        read_reference_file(path)
    message = str(caught.value)
    assert str(path) in message and f"row {row}" in message and fragment in message
    assert isinstance(caught.value, InputError) and caught.value.code == entry.code


@pytest.mark.parametrize(("over", "fragment"), [
    ({"unit": "millions"}, "unit 'millions'"),
    ({"seasonally_adjusted": "maybe"}, "write SA or NSA"),
    ({"period": "March 1994"}, "period 'March 1994'"),
    ({"indicator": "gdp"}, "indicator"),
    ({"reporter": "US"}, "reporter"),
    ({"frequency": "A"}, "does not fit frequency A"),
    ({"vintage": "yesterday"}, "not a date"),
])
def test_bad_user_rows(tmp_path: Path, over: dict[str, str], fragment: str) -> None:
    rows = [user_row("s", "1994-02", "-9245", "2022-04-05"),
            {**user_row("s", "1994-03", "-6466", "2022-04-05"), **over}]
    path = write_user_csv(tmp_path / "user.csv", rows)
    with pytest.raises(ReferenceFileError, match="row 3") as caught:
        read_reference_file(path)
    assert fragment in str(caught.value) and str(path) in str(caught.value)


def test_one_series_one_description(tmp_path: Path) -> None:
    path = write_user_csv(tmp_path / "user.csv", [
        user_row("s", "1994-02", "-9245", "2022-04-05"),
        user_row("s", "1994-03", "-6466", "2022-04-05", seasonally_adjusted="NSA")])
    with pytest.raises(ReferenceFileError, match="described differently"):
        read_reference_file(path)


@pytest.mark.parametrize(("name", "content", "fragment"), [
    ("broken.xlsx", b"not a zip", "not an .xlsx workbook"),
    ("latin1.csv", "DATE,BOPGSTB\n1994-03-01,\xe9\n".encode("latin-1"), "not UTF-8"),
    ("data.json", b"{}", "suffix '.json'"),
])
def test_unreadable_files(tmp_path: Path, name: str, content: bytes, fragment: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(NewsfactsError, match=fragment):
        read_reference_file(path)


def test_workbook_without_census_header(tmp_path: Path) -> None:
    path = write_census_workbook(tmp_path / "x.xlsx", [])
    book_path = tmp_path / "other.xlsx"
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["year", "code"])
    book.save(book_path)
    with pytest.raises(ReferenceFileError, match=r"row 1: not a Census country workbook"):
        read_reference_file(book_path)
    with pytest.raises(ReferenceFileError, match="no published months"):
        read_reference_file(path)
    assert ZEROS  # the helper's zero months mean "not yet published"
