"""Period codes → months, and the precision a stated figure carries."""

from __future__ import annotations

from decimal import Decimal

import pytest

from newsfacts.validation.periods import canonical, months_of, previous, shift
from newsfacts.validation.tolerance import (
    half_unit_of_value,
    percent_half_unit,
    stated_half_unit,
)


@pytest.mark.parametrize(("code", "expected"), [
    ("1994-03", ("1994-03",)),
    ("1994-Q1", ("1994-01", "1994-02", "1994-03")),
    ("1986-01/1986-03", ("1986-01", "1986-02", "1986-03")),
    ("1987-11/1988-01", ("1987-11", "1987-12", "1988-01")),
    ("FY1987", None),
    (None, None),
    ("1994-13", None),
    ("1994-05/1994-03", None),
])
def test_months_of(code: str | None, expected: tuple[str, ...] | None) -> None:
    assert months_of(code) == expected


def test_year_has_twelve_months() -> None:
    months = months_of("1993")
    assert months is not None and len(months) == 12 and months[-1] == "1993-12"


@pytest.mark.parametrize(("code", "expected"), [
    ("1987-01/1987-03", "1987-Q1"), ("1987-01/1987-12", "1987"),
    ("1987-01/1987-09", "1987-01/1987-09"), ("1987-03", "1987-03")])
def test_canonical(code: str, expected: str) -> None:
    assert canonical(code) == expected


@pytest.mark.parametrize(("code", "expected"), [
    ("1994-03", "1994-02"), ("1994-01", "1993-12"), ("1994-Q1", "1993-Q4"),
    ("1994", "1993"), ("FY1987", None)])
def test_previous(code: str, expected: str | None) -> None:
    assert previous(code) == expected


def test_shift_keeps_the_form() -> None:
    assert shift("1994", 12) == "1995"
    assert shift("1994-12", 1) == "1995-01"


@pytest.mark.parametrize(("value", "evidence", "half"), [
    ("-5800000000", "the imbalance grew to $5.8 billion", "50000000"),
    ("-7460000000", "narrowed to $7.46 billion in March", "5000000"),
    ("6000000000", "a surplus of $6.0 billion", "50000000"),
    ("6000000000", "a surplus of $6 billion", "500000000"),
    ("4650000000", "$4,650.0 mln", "50000"),
    ("1200000000", "1.2 bln dlrs", "50000000"),
    ("-7460000000", "no amount here", "5000000"),
])
def test_stated_precision(value: str, evidence: str, half: str) -> None:
    assert stated_half_unit(Decimal(value), evidence) == Decimal(half)


def test_precision_from_digits_alone() -> None:
    assert half_unit_of_value(Decimal("7460000000")) == Decimal("5000000")
    assert half_unit_of_value(Decimal(0)) == 0


@pytest.mark.parametrize(("pct", "half"), [("-18.5", "0.05"), ("25", "0.5"), ("2.25", "0.005")])
def test_percent_precision(pct: str, half: str) -> None:
    assert percent_half_unit(Decimal(pct)) == Decimal(half)
