"""Money amounts as news writes them → ``Money`` (Decimal value, currency, raw text, scale).

Plain functions, usable without spaCy. Odd input returns ``None`` instead of raising.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import cache

from newsfacts.patterns import load_json
from newsfacts.schema import Money

SCALES: dict[str, Decimal] = {
    "thousand": Decimal(10**3),
    "million": Decimal(10**6),
    "millions": Decimal(10**6),
    "mln": Decimal(10**6),
    "mn": Decimal(10**6),
    "m": Decimal(10**6),
    "billion": Decimal(10**9),
    "billions": Decimal(10**9),
    "bln": Decimal(10**9),
    "bn": Decimal(10**9),
    "b": Decimal(10**9),
    "trillion": Decimal(10**12),
    "tln": Decimal(10**12),
    "trn": Decimal(10**12),
}

NUMBER_WORDS: dict[str, Decimal] = {
    word: Decimal(number)
    for number, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
} | {"a": Decimal(1), "an": Decimal(1), "half": Decimal("0.5"), "thirty": Decimal(30),
     "forty": Decimal(40), "fifty": Decimal(50), "hundred": Decimal(100)}

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_NUMBER_RE = re.compile(_NUMBER)


@cache
def _currency_tables() -> tuple[dict[str, str], dict[str, str], dict[str, dict[str, str]]]:
    data = load_json("currencies.json")
    return data["symbols"], data["codes"], data["family_defaults"]


def currency_families() -> frozenset[str]:
    """Words such as ``dollar`` or ``crown`` that need context to become an ISO code."""
    return frozenset(_currency_tables()[2])


def resolve_family(family: str, reporter: str | None, named_dollar: str | None = None) -> str:
    """The ISO code a currency family takes in context."""
    defaults = _currency_tables()[2].get(family, {})
    if family == "dollar" and named_dollar:
        return named_dollar
    if reporter and reporter in defaults:
        return defaults[reporter]
    return defaults.get("_", "USD")


def parse_number(text: str) -> Decimal | None:
    """'1,234.5' → 1234.5; 'six' → 6; anything else → None."""
    cleaned = text.strip().lower()
    if cleaned in NUMBER_WORDS:
        return NUMBER_WORDS[cleaned]
    match = _NUMBER_RE.fullmatch(cleaned)
    if not match:
        return None
    try:
        return Decimal(cleaned.replace(",", ""))
    except InvalidOperation:
        return None


_TOKEN_RE = re.compile(r"[a-z]+\$|\$|£|¥|€|" + _NUMBER + r"|[a-z][a-z.\-]*[a-z.]|[a-z]")


def parse_money(text: str) -> Money | None:
    """Parse a money span: '$7.46 billion' → 7460000000 USD?; '500 mln stg' → GBP.

    ``currency`` is an ISO 4217 code where the text fixes one, else the family word
    (``dollar``, ``crown``, ``franc`` …) or ``None`` where no currency is written.
    """
    symbols, codes, _ = _currency_tables()
    lowered = text.lower().replace("-", " ")
    tokens = _TOKEN_RE.findall(lowered)
    currency: str | None = None
    number: Decimal | None = None
    scale_word: str | None = None
    rest: list[str] = []
    for token in tokens:
        if number is None:
            if token in symbols:
                currency = symbols[token]
            else:
                number = parse_number(token)
            continue
        if scale_word is None and token in SCALES and not rest:
            scale_word = token
            continue
        rest.append(token)
    if number is None:
        return None
    for size in range(min(3, len(rest)), 0, -1):
        phrase = " ".join(rest[:size])
        if phrase in codes:
            currency = codes[phrase] if currency in (None, "dollar") else currency
            break
    multiplier = SCALES[scale_word] if scale_word else Decimal(1)
    return Money(value=number * multiplier, currency=currency, raw=text, scale=scale_word)
