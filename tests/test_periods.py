"""newsfacts.periods: the Period records the readers make and the codes validation reads agree."""

from __future__ import annotations

import pytest

from newsfacts.periods import (
    PeriodShift,
    canonical,
    fiscal_period,
    make_period,
    month_code,
    month_index,
    months_of,
    shift,
    shift_months,
    shift_period,
)


@pytest.mark.parametrize(("start", "end", "code", "granularity"), [
    ((1994, 3), (1994, 3), "1994-03", "month"),
    ((1994, 1), (1994, 3), "1994-Q1", "quarter"),
    ((1986, 1), (1986, 12), "1986", "year"),
    ((1986, 1), (1986, 9), "1986-01/1986-09", "months"),
    ((1986, 7), (1986, 12), "1986-07/1986-12", "half"),
    ((1986, 11), (1987, 2), "1986-11/1987-02", "months"),
])
def test_a_period_record_covers_the_months_its_code_names(
        start: tuple[int, int], end: tuple[int, int], code: str, granularity: str) -> None:
    period = make_period(start, end, "raw")
    assert (period.code, period.granularity) == (code, granularity)
    months = months_of(period.code)
    assert months is not None
    assert (months[0], months[-1]) == (period.start, period.end)
    if granularity != "month":  # a run of months is named as the record names it
        run = f"{period.start}/{period.end}"
        assert canonical(run) == (code if granularity in ("quarter", "year") else run)


@pytest.mark.parametrize(("year", "month", "delta"), [
    (1994, 3, -1), (1994, 1, -1), (1986, 12, 1), (1987, 4, -11), (2000, 6, -120)])
def test_shift_months_is_month_index_arithmetic(year: int, month: int, delta: int) -> None:
    moved = shift_months(year, month, delta)
    assert month_code(month_index(f"{year:04d}-{month:02d}") + delta) == (
        f"{moved[0]:04d}-{moved[1]:02d}")


@pytest.mark.parametrize(("start", "end", "step"), [
    ((1994, 3), (1994, 3), PeriodShift("year", -1, "a year earlier")),
    ((1994, 1), (1994, 3), PeriodShift("step", -1, "the previous quarter")),
    ((1986, 1), (1986, 12), PeriodShift("year", -1, "the year before")),
])
def test_shifting_a_record_and_shifting_its_code_agree(
        start: tuple[int, int], end: tuple[int, int], step: PeriodShift) -> None:
    period = make_period(start, end, "raw")
    covered = months_of(period.code)
    assert covered is not None
    months = 12 * step.n if step.unit == "year" else len(covered) * step.n
    assert shift_period(period, step).code == shift(period.code, months)


def test_a_fiscal_year_is_named_by_the_year_it_ends_in() -> None:
    period = fiscal_period(1987, 3, "1986/87")
    assert (period.code, period.start, period.end) == ("FY1987", "1986-04", "1987-03")
    assert months_of(period.code) is None  # no calendar period: validation leaves it out
