"""Period phrases resolved against the publication date (never today's)."""

from __future__ import annotations

import datetime as dt

import pytest

from newsfacts.mentions.periods import parse_period
from newsfacts.periods import PeriodShift, make_period, shift_period
from newsfacts.schema import Period

MAY_1994 = dt.date(1994, 5, 20)
MARCH_1987 = dt.date(1987, 3, 3)

CASES: list[tuple[str, dt.date, str]] = [
    ("March", MAY_1994, "1994-03"),
    ("December", MARCH_1987, "1986-12"),
    ("March 1994", MAY_1994, "1994-03"),
    ("Jan. 1987", MARCH_1987, "1987-01"),
    ("March 15, 1987", MAY_1994, "1987-03"),
    ("January-March", MAY_1994, "1994-Q1"),
    ("November and December", MARCH_1987, "1986-11/1986-12"),
    ("the first nine months of 1986", MARCH_1987, "1986-01/1986-09"),
    ("the first two months of this year", MARCH_1987, "1987-01/1987-02"),
    ("the nine months to September", MARCH_1987, "1986-01/1986-09"),
    ("the eight months to end-August", dt.date(1987, 10, 19), "1987-01/1987-08"),
    ("the first quarter", MAY_1994, "1994-Q1"),
    ("the fourth quarter of 1986", MARCH_1987, "1986-Q4"),
    ("First quarter", dt.date(1987, 4, 7), "1987-Q1"),
    ("the quarter ended December 31, 1986", MARCH_1987, "1986-Q4"),
    ("the September quarter", MARCH_1987, "1986-Q3"),
    ("the December 1986 quarter", MARCH_1987, "1986-Q4"),
    ("the year ended September", MARCH_1987, "1985-10/1986-09"),
    ("the year ended December", MARCH_1987, "1986"),
    ("the first half of 1988", MAY_1994, "1988-01/1988-06"),
    ("fiscal 1996", MAY_1994, "FY1996"),
    ("1986/87", MAY_1994, "FY1987"),
    ("fiscal year 1985/86", MAY_1994, "FY1986"),
    ("FY1987", MAY_1994, "FY1987"),
    ("1985", MAY_1994, "1985"),
    ("last year", MAY_1994, "1993"),
    ("this year", MARCH_1987, "1987"),
    ("last month", MAY_1994, "1994-04"),
    ("the first 10 days of March", MARCH_1987, "1987-03"),
    ("from July through September", dt.date(1992, 12, 1), "1992-Q3"),
    ("from April to June 1994", MAY_1994, "1994-Q2"),
    ("the last month of 2005", dt.date(2006, 1, 11), "2005-12"),
    ("the current financial year ending March", MARCH_1987, "1986-04/1987-03"),
    ("current fiscal year ending June", dt.date(1987, 8, 3), "1987-07/1988-06"),
]


@pytest.mark.parametrize(("text", "published", "code"), CASES)
def test_absolute_periods(text: str, published: dt.date, code: str) -> None:
    period = parse_period(text, published)
    assert isinstance(period, Period)
    assert period.code == code


SHIFTS: list[tuple[str, str, int]] = [
    ("a year earlier", "year", -1),
    ("a year ago", "year", -1),
    ("the same month last year", "year", -1),
    ("the year-ago period", "year", -1),
    ("the corresponding period", "year", -1),
    ("the previous month", "step", -1),
    ("the previous quarter", "step", -1),
    ("the previous three months", "step", -1),
    ("the full year", "whole_year", 0),
    ("so far this year", "year_to_date", 0),
    ("the year-to-date", "year_to_date", 0),
    ("the same period of 1986", "to_year", 1986),
]


@pytest.mark.parametrize(("text", "unit", "n"), SHIFTS)
def test_shifts_relative_to_a_figure(text: str, unit: str, n: int) -> None:
    shift = parse_period(text, MARCH_1987)
    assert isinstance(shift, PeriodShift)
    assert (shift.unit, shift.n) == (unit, n)


def test_shift_keeps_granularity() -> None:
    quarter = make_period((1987, 1), (1987, 3), "Q1")
    assert shift_period(quarter, PeriodShift("year", -1, "a year earlier")).code == "1986-Q1"
    assert shift_period(quarter, PeriodShift("step", -1, "previous")).code == "1986-Q4"
    months = make_period((1987, 1), (1987, 8), "Jan-Aug")
    assert shift_period(months, PeriodShift("to_year", 1986, "1986")).code == "1986-01/1986-08"
    assert shift_period(months, PeriodShift("whole_year", 0, "full year")).code == "1987"
    fiscal = make_period((1986, 4), (1987, 3), "fiscal 1987", fiscal_year=1987)
    assert shift_period(fiscal, PeriodShift("year", -1, "previous")).code == "FY1986"


def test_relative_words_need_a_publication_date() -> None:
    assert parse_period("last year", None) is None
    assert parse_period("March", None) is None
    period = parse_period("March 1994", None)
    assert isinstance(period, Period)
    assert period.code == "1994-03"


def test_unknown_text_is_none() -> None:
    assert parse_period("the other day", MAY_1994) is None
