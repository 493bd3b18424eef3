"""Which series a fact is about: candidate families and the rules that rank them.

Series of the fact's indicator, reporter, partner and currency are grouped into *families*
(same flow, basis, adjustment and estimate; the members of a family are vintages and
frequencies of one statistic, e.g. a first-release file and FRED's current series). Where the
text does not name the flow, basis or adjustment, ``REPORTING_CONVENTIONS`` rank them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newsfacts.schema import TradeFact
from newsfacts.validation.periods import canonical
from newsfacts.validation.series_and_verdicts import SeriesInfo
from newsfacts.validation.store import ReferenceStore, RefValue

REPORTING_CONVENTIONS: dict[str, str] = {
    "us-total-since-1994": "U.S. totals since 1994 are reported as goods and services on a BOP "
                           "basis, seasonally adjusted",
    "us-total-before-1994": "U.S. totals before 1994 were reported as merchandise (goods) on a "
                            "Census basis, seasonally adjusted",
    "bilateral": "bilateral balances are reported as Census-basis goods, not seasonally "
                 "adjusted",
    "other": "series ranked goods (Census, then BOP basis) before goods and services",
}
_PREFERENCES: dict[str, tuple[tuple[str, str], ...]] = {
    "us-total-since-1994": (("goods_and_services", "bop"), ("goods", "bop"), ("goods", "census")),
    "us-total-before-1994": (("goods", "census"), ("goods", "census_cif"), ("goods", "bop"),
                             ("goods_and_services", "bop")),
    "bilateral": (("goods", "census"), ("goods", "census_cif"), ("goods", "bop"),
                  ("goods_and_services", "bop")),
    "other": (("goods", "national"), ("goods", "census"), ("goods", "bop")),
}


@dataclass(frozen=True)
class Family:
    members: tuple[SeriesInfo, ...]

    @property
    def info(self) -> SeriesInfo:
        return self.members[0]

    def describe(self) -> str:
        i = self.info
        flow = {"goods": "goods", "services": "services",
                "goods_and_services": "goods and services"}[i.flow]
        basis = {"bop": "BOP", "census_cif": "census, imports c.i.f.,"}.get(i.basis, i.basis)
        estimate = f", ESTIMATED ({i.estimate})" if i.estimate else ""
        return f"{flow}, {basis} basis, {'SA' if i.seasonally_adjusted else 'NSA'}{estimate}"


def candidates(fact: TradeFact, store: ReferenceStore) -> tuple[list[Family], str]:
    same = [s for s in store.series if s.indicator == fact.indicator
            and s.reporter == fact.reporter and s.partner == fact.partner]
    if not same:
        if not any(s.reporter == fact.reporter for s in store.series):
            return [], (f"the store holds no series of {fact.reporter}'s trade; add that "
                        "statistics office's figures in the user CSV format")
        return [], (f"the store holds no {fact.indicator} series of {fact.reporter} with "
                    f"{fact.partner}")
    same = [s for s in same if s.currency == fact.currency]
    if not same:
        return [], f"the store's series are not in {fact.currency}"
    if fact.flow is not None:
        same = [s for s in same if s.flow == fact.flow]
        if not same:
            return [], f"the store holds no {fact.flow} series for this figure"
    if fact.seasonally_adjusted is not None:
        same = [s for s in same if s.seasonally_adjusted == fact.seasonally_adjusted]
        if not same:
            adjustment = "seasonally adjusted" if fact.seasonally_adjusted else "unadjusted"
            return [], f"the store holds no {adjustment} series for this figure"
    groups: dict[tuple[object, ...], list[SeriesInfo]] = {}
    for info in same:
        key = (info.flow, info.basis, info.seasonally_adjusted, info.estimate)
        groups.setdefault(key, []).append(info)
    return [Family(tuple(members)) for members in groups.values()], ""


def rule_of(fact: TradeFact, months: Sequence[str]) -> str:
    if fact.reporter != "USA":
        return "other"
    if fact.partner != "WLD":
        return "bilateral"
    return "us-total-since-1994" if months[0] >= "1994-01" else "us-total-before-1994"


def expected_adjustment(fact: TradeFact, months: Sequence[str]) -> bool | None:
    if fact.seasonally_adjusted is not None:
        return fact.seasonally_adjusted
    if fact.reporter != "USA" or (len(months) % 12 == 0 and months[0].endswith("-01")):
        return None  # whole years: adjusted and unadjusted sums agree closely
    return fact.partner == "WLD"


def rank_families(families: list[Family], fact: TradeFact, rule: str,
            expected_sa: bool | None) -> list[Family]:
    preferences = _PREFERENCES[rule]

    def key(family: Family) -> tuple[int, int, int]:
        info = family.info
        sa_rank = 0 if expected_sa is None or info.seasonally_adjusted == expected_sa else 1
        pair = (info.flow, info.basis)
        flow_rank = preferences.index(pair) if pair in preferences else len(preferences)
        return (sa_rank, 1 if info.estimate else 0, flow_rank)

    return sorted(families, key=key)


def family_values(store: ReferenceStore, family: Family, period: str,
                   months: Sequence[str]) -> list[RefValue]:
    found: list[RefValue] = []
    period = canonical(period) if period else period
    for info in family.members:
        if info.frequency == "M":
            found.extend(store.values(info.series_id, months))
        elif (info.frequency == "Q" and len(months) == 3 and "Q" in period) or (
                info.frequency == "A" and len(months) == 12 and period.isdigit()):
            found.extend(store.values(info.series_id, [period]))
    return sorted(found, key=lambda ref: (ref.vintage, ref.series_id))


def coverage(store: ReferenceStore, family: Family) -> str:
    spans = [store.coverage(info.series_id) for info in family.members]
    known = [span for span in spans if span]
    if not known:
        return "(empty)"
    return f"covers {min(s[0] for s in known)}..{max(s[1] for s in known)}"


def is_expected(family: Family, fact: TradeFact, expected_sa: bool | None) -> bool:
    return ((expected_sa is None or family.info.seasonally_adjusted == expected_sa)
            and (fact.flow is not None or family.info.flow != "services"))
