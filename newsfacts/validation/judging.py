"""Comparing a claimed value with one family's values: the outcome and its tolerance."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from newsfacts.validation.claim_dates import Timing
from newsfacts.validation.families import Family
from newsfacts.validation.periods import month_index
from newsfacts.validation.store import Band, RefValue

Outcome = Literal["confirmed", "vintage", "band", "estimate", "contradicted"]
STRENGTH: dict[str, int] = {"confirmed": 0, "vintage": 1, "band": 2, "estimate": 3,
                             "contradicted": 4}


@dataclass(frozen=True)
class Judgement:
    family: Family
    outcome: Outcome
    used: RefValue
    latest: RefValue
    tolerance: Decimal
    band: Band
    vintages: int
    expected: bool
    rank: int
    refs: tuple[RefValue, ...] = ()
    banded: bool = False  # the band applies: the store's one vintage is a revised figure
    # rule "published before estimates": the other side (an estimate's published family, a
    # published family's estimate) and the range of revisions the two allow (None where the
    # estimate does not bear out the published figures)
    anchor: Judgement | None = None
    span: tuple[Decimal, Decimal] | None = None
    # when the claim was made against this family's latest vintage (``timing``): only
    # "before" lets revisions explain a gap
    timing: Timing = "before"
    timing_vintage: dt.date | None = None  # the latest vintage ``timing`` was judged against


def settled_after(months: Sequence[str]) -> dt.date:
    """A vintage from this date on is a revised one: a year after the period's last month."""
    last = month_index(months[-1]) + 13
    return dt.date(last // 12, last % 12 + 1, 1)


def judge(value: Decimal, half: Decimal, refs: list[RefValue], band: Band, family: Family,
           expected: bool, rank: int, settled: dt.date, timing: Timing = "before",
           timing_vintage: dt.date | None = None) -> Judgement:
    """``band`` is the revision range (empty where ``timing`` allows no revisions);
    ``timing_vintage`` the latest vintage of the statistic that ``timing`` was judged by."""
    latest = refs[-1]
    vintages = len({ref.vintage for ref in refs})

    # the band stands in for vintages the store lacks: only where every vintage it holds is
    # a revised figure (a year after the period), not the first release itself
    banded = bool(band.pairs) and refs[0].vintage >= settled

    def make(outcome: Outcome, used: RefValue, tolerance: Decimal) -> Judgement:
        return Judgement(family, outcome, used, latest, tolerance, band, vintages, expected,
                         rank, tuple(refs), banded, timing=timing,
                         timing_vintage=timing_vintage)

    tolerance = half + latest.half_unit
    if family.info.estimate:
        # an estimate stands for today's series: its error, plus how much that is revised
        allowed = tolerance + latest.error + Decimal(str(band.size)) * abs(latest.value)
        if abs(value - latest.value) <= allowed and value * latest.value > 0:
            return make("estimate", latest, allowed)
        return make("contradicted", latest, allowed)
    if abs(value - latest.value) <= tolerance:
        return make("confirmed", latest, tolerance)
    for ref in reversed(refs[:-1]):
        if ref.vintage < latest.vintage and abs(value - ref.value) <= half + ref.half_unit:
            return make("vintage", ref, half + ref.half_unit)
    allowed = Decimal(str(band.size)) * abs(latest.value) + tolerance
    if banded and abs(value - latest.value) <= allowed and value * latest.value > 0:
        return make("band", latest, allowed)
    return make("contradicted", latest, tolerance)


def format_money(value: Decimal, currency: str, signed: bool = True) -> str:
    size = abs(value)
    sign = "-" if signed and value < 0 else ""
    if size >= Decimal(10) ** 9:
        return f"{sign}{currency} {size / Decimal(10) ** 9:,.3f} bn"
    return f"{sign}{currency} {size / Decimal(10) ** 6:,.1f} mn"
