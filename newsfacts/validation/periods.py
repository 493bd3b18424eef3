"""Period codes (SCHEMA.md canonical form) → the months they cover, and back."""

from __future__ import annotations

import re

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
