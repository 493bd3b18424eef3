"""Facts in the making: what the rule layer knows of a figure before it becomes a TradeFact."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from newsfacts.facts.clauses import Cue
from newsfacts.facts.phrases import IndicatorPhrase
from newsfacts.schema import Period


@dataclass
class Draft:
    """A fact in the making, before it becomes a frozen TradeFact."""

    indicator: str
    money: Cue
    phrase: IndicatorPhrase
    value: Decimal
    currency: str
    sign: int
    reporter: str | None
    partner: str
    period: Period | None
    period_explicit: bool
    modality: str
    in_title: bool
    role: str = "main"
    main: Draft | None = None
    previous: Draft | None = None
    change_pct: Decimal | None = None
    qualifiers: set[str] = field(default_factory=set)
    seasonally_adjusted: bool | None = None
    flow: str | None = None
    basis: set[str] = field(default_factory=set)
    superseded: bool = False
    changed: bool = False  # said as a change ('narrowed to', 'rose 5% to'), against no period named
    evidence: tuple[int, int] = (0, 0)
    rule_ids: list[str] = field(default_factory=list)

    @property
    def signed_value(self) -> Decimal:
        return self.value * self.sign


@dataclass
class SeparateChange:
    """'While the deficit narrowed by 18.5%, …': a change stated apart from its figure."""

    indicator: str
    reporter: str | None
    partner: str
    change: Decimal
    period: Period | None
    position: int
    rule_ids: list[str]


class Drop(NamedTuple):
    """Why a money mention made no fact: a ``drop.*`` key of ``RULES.ids`` (and of
    ``RULES.reasons``), and for a duplicate the draft it was merged into.

    A named tuple: recording one is all the extraction path pays for ``newsfacts explain``.
    """

    rule: str
    kept: Draft | None = None
