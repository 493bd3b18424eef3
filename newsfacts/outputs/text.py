"""Short human-readable forms of record values, for tables on the terminal and in reports."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

SCALES: tuple[tuple[Decimal, str], ...] = (
    (Decimal("1e12"), "tn"),
    (Decimal("1e9"), "bn"),
    (Decimal("1e6"), "mn"),
)
EMPTY = "—"


def _plain(number: Decimal) -> str:
    """At most three decimals, trailing zeros dropped: 7.460 → '7.46', 5.000 → '5'."""
    text = f"{number.quantize(Decimal('0.001')):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_money(value: Any, currency: str | None = None) -> str:
    """-7460000000, 'USD' → '-7.46 bn USD'; below a million the amount is written out."""
    if value is None:
        return EMPTY
    number = Decimal(str(value))
    text = f"{int(number):,}" if number == number.to_integral_value() else _plain(number)
    for size, word in SCALES:
        if abs(number) >= size:
            text = f"{_plain(number / size)} {word}"
            break
    return f"{text} {currency}" if currency else text


def format_percent(value: Any) -> str:
    """-18.5 → '-18.5%', 25.4 → '+25.4%'."""
    if value is None:
        return EMPTY
    number = Decimal(str(value))
    sign = "+" if number > 0 else ""
    return f"{sign}{_plain(number)}%"


def format_period(period: Any) -> str:
    return EMPTY if period is None else str(period)


def truncate(text: str | None, width: int) -> str:
    """One line of at most ``width`` characters, an ellipsis marking a cut."""
    if not text:
        return ""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: max(width - 1, 0)] + "…"
