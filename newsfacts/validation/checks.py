"""Checks beyond the value: change and previous value against the series, "record" and
"third-highest" against the months to date, and consistency inside one article."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Literal

from newsfacts.schema import TradeFact
from newsfacts.validation.claim_dates import allows_revisions, no_range_reason
from newsfacts.validation.families import family_values
from newsfacts.validation.judging import Judgement, format_money, judge, settled_after
from newsfacts.validation.periods import months_of, previous
from newsfacts.validation.series_and_verdicts import Check, CheckStatus, Verdict
from newsfacts.validation.store import ReferenceStore, RefValue
from newsfacts.validation.tolerance import percent_half_unit, stated_half_unit

_ORDINALS: dict[str, int] = {
    "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5,
}
_RANK = re.compile(r"\b(" + "|".join(_ORDINALS) + r")[- ](?:highest|largest|biggest|worst|"
                   r"greatest|widest)\b", re.IGNORECASE)


def value_checks(fact: TradeFact, store: ReferenceStore, best: Judgement,
                  months: Sequence[str], text: str | None = None) -> list[Check]:
    checks: list[Check] = []
    period = fact.period or ""
    prior = fact.previous_period or previous(period)
    prior_months = months_of(prior) if prior else None
    prior_refs = (family_values(store, best.family, prior or "", prior_months)
                  if prior_months else [])
    if fact.change_pct is not None:
        checks.append(_change_check(fact, store, best, months, prior, prior_refs))
    if fact.previous_value is not None:
        checks.append(_previous_check(fact, best, prior, prior_refs))
    if "record" in fact.qualifiers:
        checks.append(_rank_check(fact, store, best, months, 1, "record"))
    if "rank" in fact.qualifiers:
        match = (_RANK.search(fact.evidence) or _RANK.search(fact.sentence)
                 or (_RANK.search(text) if text else None))
        if match is None:
            checks.append(Check(name="rank", status="unverifiable", stated="a rank",
                                explanation="the evidence states no ordinal rank to check"))
        else:
            checks.append(_rank_check(fact, store, best, months,
                                      _ORDINALS[match.group(1).lower()], "rank"))
    return checks


def _change_range(current: RefValue, before: RefValue, widen: float) -> tuple[float, float]:
    c, p = abs(float(current.value)), abs(float(before.value))
    hc = float(current.half_unit) + widen * c
    hp = float(before.half_unit) + widen * p
    low = ((c - hc) / (p + hp) - 1) * 100 if p + hp else 0.0
    high = ((c + hc) / (p - hp) - 1) * 100 if p - hp > 0 else float("inf")
    return low, high


def _change_check(fact: TradeFact, store: ReferenceStore, best: Judgement,
                  months: Sequence[str], prior: str | None,
                  prior_refs: list[RefValue]) -> Check:
    stated = Decimal(fact.change_pct or 0)
    text = f"{stated}% against {prior}"
    if not prior_refs:
        return Check(name="change_pct", status="unverifiable", stated=text,
                     explanation=f"no value of {best.family.describe()} for {prior} to compare")
    tol = float(percent_half_unit(stated))
    # the same range as the value: where the store holds only revised figures, a change
    # computed from them may differ from the one first published by their revisions
    widen = best.band.size if best.banded else 0.0
    if best.outcome == "estimate" and best.latest.value:
        widen = best.band.size + float(best.latest.error / abs(best.latest.value))
    current_refs = family_values(store, best.family, fact.period or "", months)
    latest_before = prior_refs[-1]
    low, high = _change_range(best.latest, latest_before, widen)
    shown = f"{(low + high) / 2:.1f}%"
    exact_low, exact_high = _change_range(best.latest, latest_before, 0.0)
    exact = f"{(exact_low + exact_high) / 2:.1f}%"
    if exact_low - tol <= float(stated) <= exact_high + tol:
        return Check(name="change_pct", status="consistent", stated=text, reference=exact,
                     explanation=f"the latest figures give {exact} "
                                 f"({format_money(latest_before.value, fact.currency)} → "
                                 f"{format_money(best.latest.value, fact.currency)})")
    if low - tol <= float(stated) <= high + tol:
        return Check(name="change_pct", status="consistent", stated=text, reference=exact,
                     explanation=f"consistent with revised figures: the latest give {exact} "
                                 f"({format_money(latest_before.value, fact.currency)} → "
                                 f"{format_money(best.latest.value, fact.currency)}), and "
                                 f"with both figures within the revision range used for the "
                                 f"value (±{best.band.size:.1%}) the change may be "
                                 f"{low:.1f}% to {high:.1f}%")
    also = ""
    for current in reversed(current_refs[:-1]):
        earlier = [ref for ref in prior_refs if ref.vintage <= current.vintage]
        if not earlier:
            continue
        low_v, high_v = _change_range(current, earlier[-1], 0.0)
        mid = f"{(low_v + high_v) / 2:.1f}%"
        if low_v - tol <= float(stated) <= high_v + tol:
            return Check(name="change_pct", status="revised", stated=text, reference=mid,
                         explanation=f"agrees with the figures as of {current.vintage} "
                                     f"({mid}); the latest give {shown}")
        also = (f"; as of {current.vintage} they gave {mid} "
                f"({format_money(earlier[-1].value, fact.currency)} for {prior}, published "
                f"{earlier[-1].vintage}: the release may have compared with a revised "
                f"figure the store lacks)")
    return Check(name="change_pct", status="inconsistent", stated=text, reference=shown,
                 explanation=f"the latest figures give {shown}, not {stated}%{also}"
                             f"{_no_range(best)}")


def _no_range(best: Judgement) -> str:
    """Why the check allowed no revisions, where the claim's date says so (as the value)."""
    return "" if allows_revisions(best.timing) else f" ({no_range_reason(best.timing)})"


def _previous_check(fact: TradeFact, best: Judgement, prior: str | None,
                    prior_refs: list[RefValue]) -> Check:
    value = Decimal(fact.previous_value or 0)
    text = f"{format_money(value, fact.currency)} for {prior}"
    if not prior_refs:
        return Check(name="previous_value", status="unverifiable", stated=text,
                     explanation=f"no value of {best.family.describe()} for {prior}")
    half = stated_half_unit(value, fact.sentence or fact.evidence)
    prior_months = months_of(prior) or ("0001-01",)
    judged = judge(value, half, prior_refs, best.band, best.family, True, 0,
                    settled_after(prior_months), best.timing)
    status: CheckStatus = {"confirmed": "consistent", "vintage": "revised", "band": "revised",
                           "estimate": "revised",
                           "contradicted": "inconsistent"}[judged.outcome]  # type: ignore[assignment]
    reference = format_money(judged.used.value, fact.currency)
    return Check(name="previous_value", status=status, stated=text, reference=reference,
                 explanation=f"{judged.used.series_id} gives {reference} for {prior} "
                             f"(vintage {judged.used.vintage})"
                             + (_no_range(best) if status == "inconsistent" else ""))


def _rank_check(fact: TradeFact, store: ReferenceStore, best: Judgement,
                months: Sequence[str], stated: int, name: Literal["record", "rank"]) -> Check:
    label = "a record" if stated == 1 else f"rank {stated}"
    monthly = [info for info in best.family.members if info.frequency == "M"]
    if best.family.info.estimate:
        return Check(name=name, status="unverifiable", stated=label,
                     explanation="ranks are not checked against an estimated series")
    if len(months) != 1 or not monthly:
        return Check(name=name, status="unverifiable", stated=label,
                     explanation="ranks are checked for single months of monthly series")
    longest = min(monthly, key=lambda info: (store.coverage(info.series_id) or ("9999-12", ""))[0])
    vintage = best.used.vintage if best.used.series_id == longest.series_id else \
        dt.date.max
    direction = -1 if fact.indicator in ("trade_balance", "current_account") and \
        fact.value < 0 else 1
    placed = store.ranking(longest.series_id, months[0], vintage, direction)
    if placed is None:
        return Check(name=name, status="unverifiable", stated=label,
                     explanation=f"{longest.series_id} has no value for {months[0]}")
    place, count, first = placed
    ok = place == stated
    what = "the largest" if place == 1 else f"number {place}"
    span = f" of the {count} months {first}..{months[0]}" + (
        "" if first <= "1990-01" else f" (the series starts {first})")
    if not ok and best.banded:
        low, high = _rank_span(store, longest.series_id, months[0], vintage, direction,
                               best.band.size)
        if low <= stated <= high:
            return Check(name=name, status="consistent", stated=label,
                         reference=f"rank {place} of {count}",
                         explanation=f"consistent with revised figures: in {longest.series_id}"
                                     f" it is {what}{span}, and within the revision range "
                                     f"used for the value (±{best.band.size:.1%}) it may rank "
                                     f"{low} to {high}")
    return Check(name=name, status="consistent" if ok else "inconsistent", stated=label,
                 reference=f"rank {place} of {count}",
                 explanation=f"in {longest.series_id} it is {what}{span}"
                             + ("" if ok else _no_range(best)))


def _rank_span(store: ReferenceStore, series_id: str, month: str, vintage: dt.date,
               direction: int, size: float) -> tuple[int, int]:
    """The best and worst rank of ``month`` among the months to date, its value moved by
    ``size`` (a share of it) either way."""
    latest: dict[str, Decimal] = {}
    for _, period, seen, value in store.history([series_id], "0000-01", month):
        if seen <= vintage:
            latest[period] = value
    if month not in latest:
        return (0, 0)
    own = float(latest.pop(month)) * direction
    others = [float(value) * direction for value in latest.values()]
    reach = abs(own) * size
    best = 1 + sum(other > own + reach for other in others)
    worst = 1 + sum(other > own - reach for other in others)
    return best, worst


def article_checks(facts: Sequence[TradeFact], verdicts: list[Verdict]) -> list[Verdict]:
    """Exports - imports = balance, and value against previous value and change."""
    result = list(verdicts)
    by_key: dict[tuple[object, ...], dict[str, int]] = {}
    for index, fact in enumerate(facts):
        key = (fact.doc_id, fact.reporter, fact.partner, fact.period, fact.flow)
        by_key.setdefault(key, {}).setdefault(fact.indicator, index)
    for index, fact in enumerate(facts):
        extra: list[Check] = []
        group = by_key.get((fact.doc_id, fact.reporter, fact.partner, fact.period, fact.flow),
                           {})
        if fact.indicator == "trade_balance" and "exports" in group and "imports" in group:
            exports, imports = facts[group["exports"]], facts[group["imports"]]
            if exports.currency == imports.currency == fact.currency:
                implied = exports.value - imports.value
                room = (stated_half_unit(exports.value, exports.evidence)
                        + stated_half_unit(imports.value, imports.evidence)
                        + stated_half_unit(fact.value, fact.evidence))
                ok = abs(implied - fact.value) <= room
                extra.append(Check(
                    name="article_balance", status="consistent" if ok else "inconsistent",
                    stated=format_money(fact.value, fact.currency),
                    reference=format_money(implied, fact.currency),
                    explanation=f"the article's exports - imports = "
                                f"{format_money(implied, fact.currency)}"
                                + ("" if ok else ", more than rounding away")))
        if fact.previous_value and fact.change_pct is not None:
            half_now = float(stated_half_unit(fact.value, fact.evidence))
            half_before = float(stated_half_unit(fact.previous_value, fact.sentence or
                                                 fact.evidence))
            now, before = abs(float(fact.value)), abs(float(fact.previous_value))
            low = ((now - half_now) / (before + half_before) - 1) * 100
            high = ((now + half_now) / max(before - half_before, 1e-9) - 1) * 100
            tol = float(percent_half_unit(Decimal(fact.change_pct)))
            ok = low - tol <= float(fact.change_pct) <= high + tol
            extra.append(Check(
                name="article_change", status="consistent" if ok else "inconsistent",
                stated=f"{fact.change_pct}%", reference=f"{(low + high) / 2:.1f}%",
                explanation=f"the stated figures imply {(low + high) / 2:.1f}%"))
        if extra:
            result[index] = result[index].model_copy(
                update={"checks": result[index].checks + tuple(extra)})
    return result
