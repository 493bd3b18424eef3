"""Percentages and percentage points → ``Percent``, kept apart.

Forms read: '18.5%', '2.3 pct', '5pc', '7 per cent', 'five percent', 'twenty-five per cent',
'7 3/4 pct' and '7-3/4 pct' (bond yields), '-1.3%', 'minus 0.4 pct', '1.5 percentage points',
and ranges ('5 to 10 pct', '5-10%', 'between 16 and 18 pct'): ``parse_percent`` gives a
range's last value (the one written with its sign) with both ends in ``low`` and ``high``,
``parse_percent_range`` both ends as two records.
"""

from __future__ import annotations

import re
from typing import Literal

from newsfacts.mentions.money import read_number
from newsfacts.schema import Percent

_POINTS_RE = re.compile(r"\bpoints?\b", re.IGNORECASE)
_TOKEN_RE = re.compile(
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+/\d+|\d+(?:\.\d+)?|\.\d+|[a-z]+|[-\u2013\u2212%]"
)
_CONNECTORS: frozenset[str] = frozenset({"to", "-", "\u2013", "and", "or"})
_SIGNS: frozenset[str] = frozenset({"-", "\u2212", "minus"})


def _tokens(text: str) -> list[str]:
    lowered = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", text.strip().lower())
    return _TOKEN_RE.findall(lowered)


def parse_percent_values(text: str) -> list[Percent]:
    """Every value of a percentage span: one, or the two ends of a range."""
    tokens = _tokens(text)
    kind: Literal["percent", "points"] = "points" if _POINTS_RE.search(text) else "percent"
    values: list[Percent] = []
    negative = False
    expect_number = True
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if expect_number:
            read = read_number(tokens, index)
            if read is not None:
                number = -read[0] if negative else read[0]
                values.append(Percent(value=number, kind=kind, raw=text))
                negative, expect_number = False, False
                index = read[1]
                continue
            if token in _SIGNS:
                negative = True
        elif token in _CONNECTORS:
            expect_number = True
        index += 1
    if len(values) > 2:
        return values[-1:]
    return values


def parse_percent(text: str) -> Percent | None:
    """'18.5%' → 18.5 percent; '2.3 pct' → 2.3; '1.5 percentage points' → points."""
    values = parse_percent_values(text)
    if len(values) == 2:
        return values[1].model_copy(update={"low": values[0].value, "high": values[1].value})
    return values[-1] if values else None


def parse_percent_range(text: str) -> tuple[Percent, Percent] | None:
    """Both ends of a range ('5 to 10 pct' → 5, 10); None for one value."""
    values = parse_percent_values(text)
    if len(values) != 2:
        return None
    return values[0], values[1]
