"""Period arithmetic, in one place for mentions, facts and validation.

Periods are SCHEMA.md codes ('1994-03', '1994-Q1', '1994', '1994-01/1994-09', 'FY1987') and
``Period`` records (a code with its first and last month). Here: the months a code covers,
codes moved by whole months, and ``Period`` records made from runs of months and shifted
("a year earlier", "the previous quarter"). Reading periods out of text is
``newsfacts.mentions.periods``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from newsfacts.schema import Period

_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_YEAR = re.compile(r"^(\d{4})$")
_RUN = re.compile(r"^(\d{4}-\d{2})/(\d{4}-\d{2})$")


def month_index(month: str) -> int:
    """'1994-03' → a running month number (year x 12 + month - 1)."""
    year, number = month.split("-")
    return int(year) * 12 + int(number) - 1


def month_code(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def months_of(code: str | None) -> tuple[str, ...] | None:
    """The months a period covers, or None for a code that is not a calendar period
    (None, fiscal years, malformed)."""
    if code is None:
        return None
    text = code.strip()
    if _MONTH.match(text):
        return (text,)
    if match := _QUARTER.match(text):
        first = int(match.group(1)) * 12 + (int(match.group(2)) - 1) * 3
        return tuple(month_code(first + k) for k in range(3))
    if match := _YEAR.match(text):
        first = int(match.group(1)) * 12
        return tuple(month_code(first + k) for k in range(12))
    if match := _RUN.match(text):
        start, end = match.groups()
        if not (_MONTH.match(start) and _MONTH.match(end)):
            return None
        low, high = month_index(start), month_index(end)
        if high < low or high - low > 120:
            return None
        return tuple(month_code(k) for k in range(low, high + 1))
    return None


def canonical(code: str) -> str:
    """A run that is exactly a quarter or a calendar year → that quarter or year."""
    months = months_of(code)
    if months is None or len(months) == 1:
        return code
    first, last = months[0], months[-1]
    year, number = int(first[:4]), int(first[5:])
    if len(months) == 12 and number == 1 and last[:4] == first[:4]:
        return first[:4]
    if len(months) == 3 and number in (1, 4, 7, 10):
        return f"{year}-Q{(number - 1) // 3 + 1}"
    return f"{first}/{last}" if len(months) > 1 else first


def shift(code: str, months: int) -> str | None:
    """The period ``months`` later (a month, quarter or year code keeps its form)."""
    covered = months_of(code)
    if covered is None:
        return None
    if len(covered) == 1:
        return month_code(month_index(covered[0]) + months)
    first = month_index(covered[0]) + months
    last = month_index(covered[-1]) + months
    return canonical(f"{month_code(first)}/{month_code(last)}")


def previous(code: str) -> str | None:
    """The period before: the month, quarter or year (a run of n months → the n before)."""
    covered = months_of(code)
    if covered is None:
        return None
    return shift(code, -len(covered))


@dataclass(frozen=True)
class PeriodShift:
    """A period named relative to another figure's: ``unit`` steps of ``n`` (negative = back)."""

    unit: Literal["year", "step", "to_year", "whole_year", "year_to_date"]
    n: int
    raw: str


def _ym(year: int, month: int) -> str:
    """(1994, 3) → '1994-03'."""
    return f"{year:04d}-{month:02d}"


def shift_months(year: int, month: int, delta: int) -> tuple[int, int]:
    """(year, month) moved by ``delta`` months."""
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def make_period(
    start: tuple[int, int], end: tuple[int, int], raw: str, fiscal_year: int | None = None
) -> Period:
    """A Period for a run of months, named as the canonical form would name it."""
    (y1, m1), (y2, m2) = start, end
    if fiscal_year is not None:
        return Period(
            code=f"FY{fiscal_year}",
            granularity="fiscal_year",
            start=_ym(y1, m1),
            end=_ym(y2, m2),
            raw=raw,
        )
    if (y1, m1) == (y2, m2):
        code, granularity = _ym(y1, m1), "month"
    elif y1 == y2 and m1 == 1 and m2 == 12:
        code, granularity = f"{y1}", "year"
    elif y1 == y2 and m1 % 3 == 1 and m2 == m1 + 2:
        code, granularity = f"{y1}-Q{m2 // 3}", "quarter"
    elif y1 == y2 and m1 % 6 == 1 and m2 == m1 + 5:
        code, granularity = f"{_ym(y1, m1)}/{_ym(y2, m2)}", "half"  # SCHEMA.md has no half code
    else:
        code, granularity = f"{_ym(y1, m1)}/{_ym(y2, m2)}", "months"
    return Period(
        code=code,
        granularity=granularity,  # type: ignore[arg-type]
        start=_ym(y1, m1),
        end=_ym(y2, m2),
        raw=raw,
    )


def fiscal_period(year: int, end_month: int, raw: str) -> Period:
    """Fiscal year ``year``, named by the year it ends in ("1986/87" → FY1987), ending in
    ``end_month`` (March where the text does not say; the rule layer moves it for economies
    whose year ends elsewhere)."""
    start = shift_months(year, end_month, -11)
    return make_period(start, (year, end_month), raw, fiscal_year=year)


def shift_period(period: Period, shift: PeriodShift) -> Period:
    """Apply a relative shift: a year back keeps the granularity; a step moves by its length.

    ``to_year`` moves the period into year ``n`` ("the same period of 1986");
    ``whole_year`` is the calendar year the period ends in ("the full year");
    ``year_to_date`` runs from January to the period's end ("so far this year").
    """
    y1, m1 = (int(part) for part in period.start.split("-"))
    y2, m2 = (int(part) for part in period.end.split("-"))
    if shift.unit == "whole_year":
        return make_period((y2, 1), (y2, 12), shift.raw)
    if shift.unit == "year_to_date":
        return make_period((y2, 1), (y2, m2), shift.raw)
    if shift.unit == "to_year":
        shift = PeriodShift("year", shift.n - y2, shift.raw)
    length = (y2 * 12 + m2) - (y1 * 12 + m1) + 1
    months = 12 * shift.n if shift.unit == "year" else length * shift.n
    if period.granularity == "months" and shift.unit == "step":
        months = 12 * shift.n  # "the first nine months ... the previous year"
    start = shift_months(y1, m1, months)
    end = shift_months(y2, m2, months)
    fiscal = None
    if period.granularity == "fiscal_year":
        fiscal = int(period.code[2:]) + months // 12
    return make_period(start, end, shift.raw, fiscal)
