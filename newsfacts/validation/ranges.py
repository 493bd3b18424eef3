"""The revision range a figure is judged with: the store's own vintages first, else the
revision profile shipped with the package (``newsfacts.validation.profile``)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from newsfacts.validation.families import Family
from newsfacts.validation.judging import format_money
from newsfacts.validation.profile import Group, RevisionProfile, age_bucket, span_of
from newsfacts.validation.store import BAND_LEVELS, Band, ReferenceStore, RefValue


def gross_trade(store: ReferenceStore, family: Family, months: Sequence[str]) -> Decimal | None:
    """Exports + imports of the balance's own series set (same flow, basis, adjustment,
    partner), latest vintage, over ``months``; None where the store lacks them."""
    info = family.info
    found: dict[str, Decimal] = {}
    for other in store.series:
        if (other.indicator in ("exports", "imports") and other.indicator not in found
                and (other.flow, other.basis, other.reporter, other.partner,
                     other.seasonally_adjusted, other.currency, other.estimate, other.frequency)
                == (info.flow, info.basis, info.reporter, info.partner,
                    info.seasonally_adjusted, info.currency, info.estimate, "M")):
            refs = store.values(other.series_id, months)
            if refs:
                found[other.indicator] = abs(refs[-1].value)
    if len(found) < 2:
        return None
    return found["exports"] + found["imports"]


def revision_band(store: ReferenceStore, profile: RevisionProfile | None, family: Family,
                  indicator: str, period: str, months: Sequence[str],
                  refs: Sequence[RefValue]) -> Band:
    """The wider of the store's band (from its own vintages of this kind of series) and the
    profile's range for the kind and age of the figure; either where the other is missing.
    (Where the store holds a release of the period itself, the verdict compares with that
    first: see ``verdicts``.)"""
    own = store.band(family.info)
    specific = own if own.pairs and own.level == BAND_LEVELS[0][0] else None
    info = family.info
    if profile is None or info.reporter != "USA" or not refs or indicator not in (
            "exports", "imports", "trade_balance") or info.flow == "services":
        return own
    latest = refs[-1]
    if not latest.value:
        return own
    group: Group = "balance" if indicator == "trade_balance" else "flows"
    scope = "total" if info.partner == "WLD" else "bilateral"
    age = age_bucket(period, latest.vintage)
    gross = gross_trade(store, family, months) if group == "balance" else None
    found = profile.range_for(group, info.flow, info.basis, info.seasonally_adjusted, scope,
                              age, span_of(period), "gross" if gross else "value")
    if found is None:
        return own
    scale = gross if gross else abs(latest.value)
    size = found.size * float(scale / abs(latest.value))
    reach = Decimal(str(found.size)) * scale
    currency = info.currency
    bounds = (f"{format_money(latest.value - reach, currency)} to "
              f"{format_money(latest.value + reach, currency)}")
    note = (f"{bounds}, " + (f"±{format_money(reach, currency, signed=False)} = " if gross
                             else "") + found.describe())
    if specific is not None and specific.size >= size:
        return own
    return Band(size, found.pairs, found.kind, "profile", note, bounds)
