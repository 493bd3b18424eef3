"""Estimated series, derived from published ones where the store has no published figure.

Two estimators, each back-tested where the real series exists, each observation carrying
its back-tested error (``Observation.error``, the 90th percentile of the estimator's
errors) and each series saying in ``SeriesInfo.estimate`` and ``source`` how it was made:

- ``sa-estimate``: a seasonally adjusted value for months an unadjusted (NSA) series covers
  and its adjusted (SA) twin does not (Census World SA ``0004`` starts in 1989, NSA ``0015``
  in 1987). ``log(NSA / SA)`` is fitted on the first ``FIT_YEARS`` whole years both exist as
  a factor per calendar month plus a trading-day term (the count of each weekday in the
  month), the way Census adjusts; the estimate is ``NSA / exp(fit)``. The back-test fits the
  same model on years ``y + d .. y + d + FIT_YEARS - 1`` and compares with the real SA value
  of year ``y``, for every year ``y`` with enough later years, so the band for a month ``d``
  years before the SA series starts is the error of extrapolating ``d`` years back. Balances
  are exports minus imports; their error is back-tested too, as a share of gross trade
  (exports + imports), since it scales with the flows, not with their difference.
- ``cif-bridge``: imports valued c.i.f. (cost, insurance and freight: the headline basis of
  U.S. merchandise imports in the late 1980s) from customs-value imports, times the year's
  ratio of c.i.f. to customs imports of an annual series pair of basis ``census_cif`` and
  ``census`` (ERP table B-103). The ratio is annual and for the world: its error is taken
  as how much it moves from one year to the next (90th percentile), a stand-in for its
  movement within a year and across partners, which no file in the store shows.

Estimated series never confirm a figure (``verdicts`` says "revised" at most).
"""

from __future__ import annotations

import calendar
import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

from newsfacts.validation.importers import SeriesData
from newsfacts.validation.periods import month_index
from newsfacts.validation.series_and_verdicts import Observation, SeriesInfo

FIT_YEARS = 3
MAX_YEARS_BACK = 3
BACKTEST_QUANTILE = 0.9
MIN_BACKTESTS = 24
ESTIMATE_SA = "sa-estimate"
ESTIMATE_CIF = "cif-bridge"

_Key = tuple[str, str, str, str, str]  # flow, basis, reporter, partner, currency
_K = TypeVar("_K")


@dataclass(frozen=True)
class Backtest:
    """The estimator's errors on years where the real series exists."""

    quantile: float
    cases: int
    how: str


def derive_series(loaded: Sequence[SeriesData]) -> list[SeriesData]:
    """Every estimated series the published ones allow (none if none)."""
    estimates = seasonal_estimates(loaded)
    return estimates + cif_bridges([*loaded, *estimates])


def _latest(data: SeriesData) -> dict[str, Observation]:
    """The latest vintage of every period."""
    found: dict[str, Observation] = {}
    for obs in sorted(data.observations, key=lambda o: o.vintage):
        found[obs.period] = obs
    return found


def _key(info: SeriesInfo) -> _Key:
    return (info.flow, info.basis, info.reporter, info.partner, info.currency)


def _published(loaded: Iterable[SeriesData], frequency: str) -> list[SeriesData]:
    return [d for d in loaded if not d.info.estimate and d.info.frequency == frequency]


def _keep_longest(found: dict[_K, SeriesData], key: _K, data: SeriesData) -> None:
    """Of several series of one statistic (a full series, a few first releases), the one
    with the most periods is the one to estimate from."""
    held = found.get(key)
    if held is None or len({o.period for o in data.observations}) > len(
            {o.period for o in held.observations}):
        found[key] = data


# --- seasonal adjustment estimate ----------------------------------------------------------

def _features(month: str) -> list[float]:
    """Month dummies (12) and weekday counts against Sundays (6)."""
    year, number = int(month[:4]), int(month[5:])
    counts = [0] * 7
    for day in range(1, calendar.monthrange(year, number)[1] + 1):
        counts[calendar.weekday(year, number, day)] += 1
    dummies = [1.0 if k == number else 0.0 for k in range(1, 13)]
    return dummies + [float(counts[k] - counts[6]) for k in range(6)]


def _solve(rows: list[list[float]], targets: list[float]) -> list[float]:
    """Least squares by the normal equations (a small, well-posed system), with a tiny ridge
    so that a weekday count constant over the fitted years cannot make it singular."""
    size = len(rows[0])
    gram = [[sum(r[i] * r[j] for r in rows) + (1e-9 if i == j else 0.0) for j in range(size)]
            for i in range(size)]
    rhs = [sum(r[i] * t for r, t in zip(rows, targets, strict=True)) for i in range(size)]
    for col in range(size):
        pivot = max(range(col, size), key=lambda r: abs(gram[r][col]))
        gram[col], gram[pivot] = gram[pivot], gram[col]
        rhs[col], rhs[pivot] = rhs[pivot], rhs[col]
        for row in range(col + 1, size):
            factor = gram[row][col] / gram[col][col]
            for k in range(col, size):
                gram[row][k] -= factor * gram[col][k]
            rhs[row] -= factor * rhs[col]
    coef = [0.0] * size
    for row in range(size - 1, -1, -1):
        coef[row] = (rhs[row] - sum(gram[row][k] * coef[k] for k in range(row + 1, size))) \
            / gram[row][row]
    return coef


def _whole_years(nsa: dict[str, Decimal], sa: dict[str, Decimal]) -> list[int]:
    years = sorted({int(p[:4]) for p in sa})
    return [y for y in years if all(f"{y}-{m:02d}" in sa and f"{y}-{m:02d}" in nsa
                                    for m in range(1, 13))]


def _fit(nsa: dict[str, Decimal], sa: dict[str, Decimal], years: Sequence[int]) -> list[float]:
    rows, targets = [], []
    for year in years:
        for number in range(1, 13):
            month = f"{year}-{number:02d}"
            if nsa[month] > 0 and sa[month] > 0:
                rows.append(_features(month))
                targets.append(math.log(float(nsa[month]) / float(sa[month])))
    return _solve(rows, targets)


def _adjust(value: Decimal, month: str, coef: list[float]) -> float:
    factor = math.exp(sum(c * x for c, x in zip(coef, _features(month), strict=True)))
    return float(value) / factor


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    position = q * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def _seasonal_pair(exports: tuple[SeriesData, SeriesData], imports: tuple[SeriesData,
                   SeriesData]) -> list[SeriesData]:
    """(NSA, SA) of exports and of imports → SA estimates of both and of the balance."""
    flows = {}
    for name, (nsa_data, sa_data) in (("exports", exports), ("imports", imports)):
        flows[name] = ({p: o.value for p, o in _latest(nsa_data).items()},
                       {p: o.value for p, o in _latest(sa_data).items()})
    years = _whole_years(*flows["exports"])
    if len(years) < FIT_YEARS or set(years) != set(_whole_years(*flows["imports"])):
        return []
    first_sa = min(min(flows["exports"][1]), min(flows["imports"][1]))
    missing = sorted(p for p in flows["exports"][0] if p < first_sa and p in flows["imports"][0]
                     and int(p[:4]) >= years[0] - MAX_YEARS_BACK)
    if not missing:
        return []
    # back-test: extrapolate d years back from fits on later years, d = 1..MAX_YEARS_BACK
    errors: dict[int, dict[str, list[float]]] = {}
    for back in range(1, MAX_YEARS_BACK + 1):
        found: dict[str, list[float]] = {"exports": [], "imports": [], "trade_balance": []}
        for year in years:
            fit_years = [year + back + k for k in range(FIT_YEARS)]
            if not set(fit_years) <= set(years):
                continue
            coefs = {name: _fit(*flows[name], fit_years) for name in flows}
            for number in range(1, 13):
                month = f"{year}-{number:02d}"
                est = {name: _adjust(flows[name][0][month], month, coefs[name])
                       for name in flows}
                real = {name: float(flows[name][1][month]) for name in flows}
                for name in flows:
                    found[name].append(abs(est[name] - real[name]) / real[name])
                gross = real["exports"] + real["imports"]
                found["trade_balance"].append(
                    abs((est["exports"] - est["imports"]) - (real["exports"] - real["imports"]))
                    / gross)
        if len(found["exports"]) >= MIN_BACKTESTS:
            errors[back] = found
    if not errors:
        return []
    coefs = {name: _fit(*flows[name], years[:FIT_YEARS]) for name in flows}
    infos = {"exports": exports[1].info, "imports": imports[1].info}
    vintage = max(o.vintage for d in (*exports, *imports) for o in d.observations)
    out: dict[str, list[Observation]] = {"exports": [], "imports": [], "trade_balance": []}
    bands: dict[str, Backtest] = {}
    for month in missing:
        back = math.ceil((month_index(first_sa) - month_index(month)) / 12)
        if back not in errors:
            continue
        est = {name: _adjust(flows[name][0][month], month, coefs[name]) for name in flows}
        for name in ("exports", "imports", "trade_balance"):
            q = _quantile(errors[back][name], BACKTEST_QUANTILE)
            cases = len(errors[back][name])
            if name == "trade_balance":
                value = est["exports"] - est["imports"]
                error = q * (est["exports"] + est["imports"])
                how = f"{q:.2%} of exports + imports"
            else:
                value, error = est[name], q * est[name]
                how = f"{q:.2%}"
            bands.setdefault(f"{name}/{back}", Backtest(q, cases, how))
            out[name].append(Observation(
                period=month, vintage=vintage,
                value=Decimal(str(round(value))), half_unit=Decimal(0),
                error=Decimal(str(round(error)))))
    result = []
    base = infos["exports"]
    for name, observations in out.items():
        if not observations:
            continue
        tested = "; ".join(f"{back} year(s) back: ±{bands[f'{name}/{back}'].how} "
                           f"({bands[f'{name}/{back}'].cases} back-tested months)"
                           for back in sorted(errors) if f"{name}/{back}" in bands)
        source_ids = (f"{exports[0].info.series_id}, {exports[1].info.series_id}" if name ==
                      "exports" else f"{imports[0].info.series_id}, {imports[1].info.series_id}"
                      if name == "imports" else "the estimates of exports and imports")
        info = base.model_copy(update={
            "series_id": f"est-sa-{base.basis}-{base.reporter}-{base.partner}-{name}",
            "indicator": name, "estimate": ESTIMATE_SA, "file": "", "vintage_inferred": False,
            "source": (f"ESTIMATE, not published: seasonally adjusted from the unadjusted "
                       f"series by factors per calendar month and a trading-day term fitted "
                       f"on {years[0]}-{years[FIT_YEARS - 1]}, where both exist ({source_ids}"
                       f"{'' if name != 'trade_balance' else ', balance = exports - imports'}"
                       f"); back-tested error (90th percentile): {tested}")})
        result.append(SeriesData(info, observations))
    return result


def seasonal_estimates(loaded: Sequence[SeriesData]) -> list[SeriesData]:
    """SA estimates for the months before each SA monthly series starts."""
    monthly = _published(loaded, "M")
    pairs: dict[tuple[_Key, str], dict[bool, SeriesData]] = {}
    for data in monthly:
        if data.info.indicator in ("exports", "imports"):
            _keep_longest(pairs.setdefault((_key(data.info), data.info.indicator), {}),
                          data.info.seasonally_adjusted, data)
    result: list[SeriesData] = []
    for (key, indicator), pair in sorted(pairs.items(), key=lambda item: item[0]):
        other = pairs.get((key, "imports"))
        if indicator != "exports" or other is None or len(pair) < 2 or len(other) < 2:
            continue
        result.extend(_seasonal_pair((pair[False], pair[True]), (other[False], other[True])))
    return result


# --- c.i.f. bridge -------------------------------------------------------------------------

def _annual_ratio(annual: Sequence[SeriesData]) -> dict[tuple[str, str], dict[str, float]]:
    """(reporter, currency) → year → c.i.f. / customs imports, from annual world series."""
    values: dict[tuple[str, str, str], dict[str, Decimal]] = {}
    for data in annual:
        info = data.info
        if info.indicator == "imports" and info.partner == "WLD" and info.flow == "goods" \
                and info.basis in ("census", "census_cif"):
            values.setdefault((info.reporter, info.currency, info.basis), {}).update(
                {p: o.value for p, o in _latest(data).items()})
    ratios: dict[tuple[str, str], dict[str, float]] = {}
    for (reporter, currency, basis), cif in values.items():
        if basis != "census_cif":
            continue
        customs = values.get((reporter, currency, "census"), {})
        ratio = {year: float(cif[year] / customs[year]) for year in cif
                 if customs.get(year)}
        if ratio:
            ratios[(reporter, currency)] = ratio
    return ratios


def cif_bridges(loaded: Sequence[SeriesData]) -> list[SeriesData]:
    """Imports c.i.f. and balances with them, for monthly customs-value goods series."""
    ratios = _annual_ratio([d for d in loaded if d.info.frequency == "A" and not
                            d.info.estimate])
    monthly = [d for d in loaded if d.info.frequency == "M" and d.info.basis == "census"
               and d.info.flow == "goods"]
    by_key: dict[tuple[_Key, bool, str, str], SeriesData] = {}
    for data in monthly:
        _keep_longest(by_key, (_key(data.info), data.info.seasonally_adjusted,
                               data.info.indicator, data.info.estimate), data)
    result: list[SeriesData] = []
    for (key, adjusted, indicator, estimate), imports in sorted(by_key.items(),
                                                                key=lambda item: item[0]):
        ratio = ratios.get((imports.info.reporter, imports.info.currency))
        balance = by_key.get((key, adjusted, "trade_balance", estimate))
        if indicator != "imports" or not ratio or balance is None:
            continue
        years = sorted(ratio)
        steps = [abs(ratio[b] / ratio[a] - 1) for a, b in itertools.pairwise(years)
                 if int(b) == int(a) + 1]
        if len(steps) < 3:
            continue
        move = _quantile(steps, BACKTEST_QUANTILE)
        bal_obs = _latest(balance)
        imp_rows, bal_rows = [], []
        for month, obs in sorted(_latest(imports).items()):
            factor = ratio.get(month[:4])
            if factor is None or month not in bal_obs:
                continue
            cif = float(obs.value) * factor
            error = float(obs.error) * factor + move * cif
            imp_rows.append(Observation(period=month, vintage=obs.vintage,
                                        value=Decimal(str(round(cif))),
                                        error=Decimal(str(round(error)))))
            # balance c.i.f. = balance at customs value - the c.i.f. margin on imports
            margin = float(obs.value) * (factor - 1)
            bal_rows.append(Observation(
                period=month, vintage=max(obs.vintage, bal_obs[month].vintage),
                value=Decimal(str(round(float(bal_obs[month].value) - margin))),
                error=Decimal(str(round(float(bal_obs[month].error) + move * cif
                                        + float(obs.error) * (factor - 1))))))
        if not imp_rows:
            continue
        span = f"{years[0]}-{years[-1]}"
        what = "an estimate itself; " if estimate else ""
        common = (f"ESTIMATE, not published: customs-value imports ({what}"
                  f"{imports.info.series_id}) times the year's ratio of c.i.f. to customs "
                  f"imports of the {imports.info.reporter} world totals ({span}, annual); "
                  f"error: how much that ratio moves from one year to the next, "
                  f"±{move:.2%} (90th percentile of {len(steps)} steps), which stands in for "
                  f"its movement within a year and across partners (not shown by any file)")
        stem = "est-cif-" + imports.info.series_id.removesuffix("imports").rstrip("-_")
        for name, rows, extra in (("imports", imp_rows, ""),
                                  ("trade_balance", bal_rows,
                                   f"; balance = {balance.info.series_id} - the c.i.f. margin "
                                   "on imports")):
            info = imports.info.model_copy(update={
                "series_id": f"{stem}-{name}", "indicator": name, "basis": "census_cif",
                "estimate": ESTIMATE_CIF, "file": "", "vintage_inferred": False,
                "source": common + extra})
            result.append(SeriesData(info, rows))
    return result
