"""Percentages and percentage points → ``Percent``, kept apart."""

from __future__ import annotations

import re

from newsfacts.mentions.money import parse_number
from newsfacts.schema import Percent

_POINTS_RE = re.compile(r"\bpoints?\b", re.IGNORECASE)
_NUMBER_RE = re.compile(r"(?P<minus>minus\s+|-)?(?P<number>[\d.,]+|[a-z]+)", re.IGNORECASE)


def parse_percent(text: str) -> Percent | None:
    """'18.5%' → 18.5 percent; '2.3 pct' → 2.3; '1.5 percentage points' → points."""
    match = _NUMBER_RE.search(text.strip())
    if not match:
        return None
    number = parse_number(match.group("number"))
    if number is None:
        return None
    if match.group("minus"):
        number = -number
    kind = "points" if _POINTS_RE.search(text) else "percent"
    return Percent(value=number, kind=kind, raw=text)
