"""Money words that are not currency names: minor units, crypto codes, signs written after
the number, and the denominators of rates (``patterns/money_units.json``).

Plain lookups, loaded once; ``rate_after`` reads a rate's denominator from the words that
follow an amount ('a barrel', 'per share', '- a - share', 'per square foot').
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from newsfacts.patterns import load_json

RATE_OPENERS: frozenset[str] = frozenset({"a", "an", "per", "each"})


@dataclass(frozen=True)
class UnitTables:
    """``money_units.json`` as lookups (keys lower case)."""

    minor: dict[str, tuple[str, Decimal]]
    crypto: dict[str, str]
    signs_after: dict[str, str]
    per: dict[str, str]
    not_per_after: frozenset[str]
    range_verbs: frozenset[str]
    approximators: frozenset[str]


@cache
def unit_tables() -> UnitTables:
    data = load_json("money_units.json")
    return UnitTables(
        minor={word: (currency, Decimal(size)) for word, (currency, size) in data["minor"].items()},
        crypto={word.lower(): code for word, code in data["crypto"].items()},
        signs_after={word.lower(): code for word, code in data["signs_after"].items()},
        per=data["per"],
        not_per_after=frozenset(data["not_per_after"]),
        range_verbs=frozenset(data["range_verbs"]),
        approximators=frozenset(data["approximators"]),
    )


def minor_unit(word: str) -> tuple[str, Decimal] | None:
    """'cents' → ('dollar', 100); 'pence' → ('GBP', 100); 'satoshis' → ('BTC', 10**8)."""
    return unit_tables().minor.get(word)


def rate_after(words: Sequence[str]) -> str | None:
    """The denominator named by the words right after an amount, or None.

    ``words`` are lower-case tokens starting right after the amount: 'a barrel' → 'barrel',
    'per annum' → 'year', '- a - share' → 'share', 'per square foot' → 'square foot'. A time
    that dates rather than divides ('a year earlier', 'a year ago') is no rate.
    """
    tables = unit_tables()
    index = 0
    while index < len(words) and words[index] == "-":
        index += 1
    if index >= len(words):
        return None
    opener = words[index]
    if "-" in opener and opener.split("-", 1)[0] in RATE_OPENERS:  # 'a-year' as one token
        parts = opener.split("-")
        return _denominator(tables, [*parts[1:], *words[index + 1 :]])
    if opener not in RATE_OPENERS:
        return None
    index += 1
    while index < len(words) and words[index] == "-":
        index += 1
    return _denominator(tables, list(words[index:]))


def _denominator(tables: UnitTables, words: list[str]) -> str | None:
    words = [word.rstrip(".") or word for word in words]  # 'per sq m.'
    for size in (2, 1):
        if len(words) < size:
            continue
        phrase = " ".join(words[:size])
        per = tables.per.get(phrase)
        if per is None:
            continue
        following = words[size] if len(words) > size else ""
        if following in tables.not_per_after:
            return None
        return per
    return None
