"""Minor units and rate denominators (newsfacts.mentions.units, patterns/money_units.json)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from newsfacts.mentions.units import minor_unit, rate_after, unit_tables

RATES: list[tuple[str, str | None]] = [
    ("a barrel of Brent", "barrel"),
    ("per share in cash", "share"),
    ("an ounce .", "ounce"),
    ("each month", "month"),
    ("per annum since 1990", "year"),
    ("- a - share price", "share"),
    ("a-year .", "year"),
    ("per square foot ,", "square foot"),
    ("per sq m.", "square metre"),
    ("a shares", "share"),
    # a time that dates, not divides
    ("a year earlier", None),
    ("a year ago", None),
    ("a year - earlier figure", None),
    ("a month before", None),
    # no opener, or no known denominator
    ("barrel", None),
    ("in October", None),
    ("a deal", None),
    ("per cent", None),
    ("", None),
]


@pytest.mark.parametrize(("words", "per"), RATES)
def test_rate_after(words: str, per: str | None) -> None:
    assert rate_after(words.split()) == per


MINOR: list[tuple[str, tuple[str, Decimal] | None]] = [
    ("cents", ("dollar", Decimal(100))),
    ("cent", ("dollar", Decimal(100))),
    ("pence", ("GBP", Decimal(100))),
    ("penny", ("GBP", Decimal(100))),
    ("sen", ("MYR", Decimal(100))),
    ("satoshis", ("BTC", Decimal(100_000_000))),
    ("dollars", None),
]


@pytest.mark.parametrize(("word", "expected"), MINOR)
def test_minor_unit(word: str, expected: tuple[str, Decimal] | None) -> None:
    assert minor_unit(word) == expected


def test_every_denominator_is_singular_and_lower_case() -> None:
    """What ``per`` holds is a singular noun written in lower case ('share', not 'shares')."""
    per = unit_tables().per
    assert all(value == value.lower() and not value.endswith("s") for value in per.values())
    assert all(key == key.lower() for key in per)
