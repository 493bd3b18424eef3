"""Short forms of values in the CLI's tables."""

from __future__ import annotations

from decimal import Decimal

import pytest

from newsfacts.outputs.text import format_money, format_percent, truncate


@pytest.mark.parametrize(("value", "currency", "expected"), [
    (Decimal("-7460000000.00"), "USD", "-7.46 bn USD"),
    (-7460000000, "USD", "-7.46 bn USD"),
    (42170000000.0, "USD", "42.17 bn USD"),
    (5800000000, "USD", "5.8 bn USD"),
    (1234567890, "JPY", "1.235 bn JPY"),
    (Decimal("1500000000000"), "JPY", "1.5 tn JPY"),
    (250000000, "DEM", "250 mn DEM"),
    (-950000, "GBP", "-950,000 GBP"),
    (Decimal("17.62"), "USD", "17.62 USD"),
    (Decimal("500.00"), None, "500"),
    (-9360000000.0, None, "-9.36 bn"),
    (None, "USD", "—"),
])
def test_format_money(value: object, currency: str | None, expected: str) -> None:
    assert format_money(value, currency) == expected


@pytest.mark.parametrize(("value", "expected"), [
    (-18.5, "-18.5%"), (Decimal("25.4"), "+25.4%"), (0, "0%"), (None, "—"),
])
def test_format_percent(value: object, expected: str) -> None:
    assert format_percent(value) == expected


def test_truncate() -> None:
    assert truncate("short", 10) == "short"
    assert truncate("a\nwrapped   line", 20) == "a wrapped line"
    assert truncate("abcdefghijkl", 8) == "abcdefg…"
    assert len(truncate("x" * 100, 60)) == 60
    assert truncate(None, 5) == ""
