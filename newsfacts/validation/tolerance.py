"""How precise a stated figure is: "$5.8 billion" means 5.75-5.85 billion."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_SCALE_WORDS: dict[str, Decimal] = {
    "trillion": Decimal(10) ** 12, "tln": Decimal(10) ** 12,
    "billion": Decimal(10) ** 9, "bln": Decimal(10) ** 9, "bn": Decimal(10) ** 9,
    "million": Decimal(10) ** 6, "mln": Decimal(10) ** 6, "mn": Decimal(10) ** 6,
    "m": Decimal(10) ** 6, "thousand": Decimal(10) ** 3,
}
_AMOUNT = re.compile(
    r"(\d[\d,]*(?:\.\d+)?)\s*-?\s*(trillion|tln|billion|bln|bn|million|mln|mn|m|thousand)?\b",
    re.IGNORECASE)


def half_unit_of_value(value: Decimal) -> Decimal:
    """Half the last significant digit of a value: 7,460,000,000 → 5,000,000."""
    if value == 0:
        return Decimal(0)
    exponent = value.normalize().as_tuple().exponent
    assert isinstance(exponent, int)
    return Decimal(5) * Decimal(10) ** (exponent - 1)


def stated_half_unit(value: Decimal, evidence: str) -> Decimal:
    """Half the last digit the text printed for ``value``, read from the evidence where one of
    its amounts equals the value ("$6.0 billion" → 50 million), else from the value's digits."""
    target = abs(value)
    for match in _AMOUNT.finditer(evidence):
        digits, word = match.group(1).replace(",", ""), match.group(2)
        try:
            number = Decimal(digits)
        except InvalidOperation:
            continue
        scale = _SCALE_WORDS.get(word.lower(), Decimal(1)) if word else Decimal(1)
        if number * scale == target:
            decimals = len(digits.split(".", 1)[1]) if "." in digits else 0
            return scale * Decimal(5) * Decimal(10) ** -(decimals + 1)
    return half_unit_of_value(target)


def percent_half_unit(value: Decimal) -> Decimal:
    """'-18.5' → 0.05 percentage points."""
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    return Decimal(5) * Decimal(10) ** (min(exponent, 0) - 1)
