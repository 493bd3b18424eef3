"""Estimated series (newsfacts.validation.derived): a seasonally adjusted estimate where only
the unadjusted series exists, imports c.i.f. from customs value, and how verdicts treat them."""

from __future__ import annotations

import calendar
import datetime as dt
import math
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from newsfacts.validation import ReferenceStore, SeriesData, SeriesInfo, validate
from newsfacts.validation.derived import (
    ESTIMATE_CIF,
    ESTIMATE_SA,
    cif_bridges,
    derive_series,
    seasonal_estimates,
)
from newsfacts.validation.series_and_verdicts import Observation
from tests.validation.helpers import fact

VINTAGE = dt.date(2024, 8, 1)
SEASON = (0.96, 0.93, 1.05, 1.0, 1.01, 1.03, 0.97, 0.99, 1.0, 1.04, 1.0, 1.02)
START_SA = 1989


def _weekdays(month: str) -> int:
    year, number = int(month[:4]), int(month[5:])
    return sum(1 for day in range(1, calendar.monthrange(year, number)[1] + 1)
               if calendar.weekday(year, number, day) < 5)


def _true_sa(indicator: str, month: str) -> float:
    """A smooth trend, in millions: exports grow, imports grow faster."""
    k = (int(month[:4]) - 1985) * 12 + int(month[5:])
    return 20_000 + 60 * k if indicator == "exports" else 30_000 + 90 * k


def _nsa(indicator: str, month: str) -> float:
    factor = SEASON[int(month[5:]) - 1] * (1 + 0.01 * (_weekdays(month) - 21.7))
    return _true_sa(indicator, month) * factor


def _series(indicator: str, adjusted: bool, months: list[str], values: list[float],
            series_id: str, partner: str = "WLD", basis: str = "census",
            frequency: str = "M", unit: str = "USD millions") -> SeriesData:
    info = SeriesInfo.model_validate({
        "series_id": series_id, "indicator": indicator, "flow": "goods", "basis": basis,
        "reporter": "USA", "partner": partner, "seasonally_adjusted": adjusted,
        "frequency": frequency, "currency": "USD", "unit": unit, "source": "test"})
    scale = Decimal(1_000_000) if unit == "USD millions" else Decimal(1_000_000_000)
    return SeriesData(info, [Observation(period=p, vintage=VINTAGE,
                                         value=Decimal(str(round(v, 1))) * scale)
                             for p, v in zip(months, values, strict=True)])


def _months(first: int, last: int) -> list[str]:
    return [f"{y}-{m:02d}" for y in range(first, last + 1) for m in range(1, 13)]


def _world() -> list[SeriesData]:
    nsa, sa = _months(1987, 2000), _months(START_SA, 2000)
    loaded = []
    for indicator in ("exports", "imports"):
        loaded.append(_series(indicator, False, nsa, [_nsa(indicator, p) for p in nsa],
                              f"nsa-{indicator}"))
        loaded.append(_series(indicator, True, sa, [_true_sa(indicator, p) for p in sa],
                              f"sa-{indicator}"))
    loaded.append(_series("trade_balance", False, nsa,
                          [_nsa("exports", p) - _nsa("imports", p) for p in nsa], "nsa-balance"))
    return loaded


def test_seasonal_estimate_recovers_the_adjustment() -> None:
    estimates = {d.info.series_id: d for d in seasonal_estimates(_world())}
    assert set(estimates) == {f"est-sa-census-USA-WLD-{name}"
                              for name in ("exports", "imports", "trade_balance")}
    exports = estimates["est-sa-census-USA-WLD-exports"]
    assert exports.info.estimate == ESTIMATE_SA and exports.info.seasonally_adjusted
    assert "ESTIMATE" in exports.info.source and "back-tested" in exports.info.source
    assert [o.period for o in exports.observations] == _months(1987, 1988)
    for obs in exports.observations:  # found again (1% for a leap February the fit never saw)
        assert math.isclose(float(obs.value) / 1e6, _true_sa("exports", obs.period),
                            rel_tol=0.01)
        assert obs.error >= 0


def test_no_estimate_without_enough_overlap() -> None:
    short = [d for d in _world() if not d.info.series_id.startswith("sa-")]
    assert seasonal_estimates(short) == []


def _cif_ratio() -> list[SeriesData]:
    years = [str(y) for y in range(1980, 1988)]
    customs = [300.0 + 10 * k for k in range(len(years))]
    return [_series("imports", False, years, customs, "customs-a", frequency="A",
                    unit="USD billions"),
            _series("imports", False, years, [c * (1.045 + 0.001 * (k % 2)) for k, c in
                                               enumerate(customs)],
                    "cif-a", basis="census_cif", frequency="A", unit="USD billions")]


def test_cif_bridge_scales_imports_and_the_balance() -> None:
    months = _months(1987, 1987)
    japan = [_series("imports", False, months, [7000.0] * 12, "jp-imports", partner="JPN"),
             _series("trade_balance", False, months, [-5000.0] * 12, "jp-trade_balance",
                     partner="JPN")]
    bridged = {d.info.series_id: d for d in cif_bridges([*japan, *_cif_ratio()])}
    imports, balance = bridged["est-cif-jp-imports"], bridged["est-cif-jp-trade_balance"]
    assert imports.info.basis == balance.info.basis == "census_cif"
    assert imports.info.estimate == ESTIMATE_CIF and "c.i.f." in imports.info.source
    ratio = float(imports.observations[0].value) / 7000e6
    assert 1.04 < ratio < 1.05
    margin = float(imports.observations[0].value) - 7000e6
    assert float(balance.observations[0].value) == pytest.approx(-5000e6 - margin, abs=1)
    assert imports.observations[0].error > 0


@pytest.fixture(scope="module")
def world_store() -> Iterator[ReferenceStore]:
    with ReferenceStore.from_series(_world()) as store:
        yield store


def test_estimates_are_stored_and_marked(world_store: ReferenceStore) -> None:
    estimated = [info for info in world_store.series if info.estimate]
    assert {info.series_id for info in estimated} >= {"est-sa-census-USA-WLD-exports"}
    assert all(info.source.startswith("ESTIMATE") for info in estimated)


def test_an_estimate_never_confirms(world_store: ReferenceStore) -> None:
    exact = _true_sa("exports", "1987-06") * 1e6
    [verdict] = validate([fact(str(round(exact, -6)), period="1987-06",
                               indicator="exports", flow="goods")], world_store)
    assert verdict.status == "revised" and verdict.estimated
    assert "ESTIMATE" in verdict.explanation and "How the estimate is made" in \
        verdict.explanation
    assert verdict.series_id == "est-sa-census-USA-WLD-exports"


def test_beyond_an_estimate_is_unverifiable_but_a_wrong_sign_is_not(
        world_store: ReferenceStore) -> None:
    month = "1988-03"
    balance = (_true_sa("exports", month) - _true_sa("imports", month)) * 1e6
    far, flipped = validate([
        fact(str(round(balance * 1.5, -8)), period=month, flow="goods"),
        fact(str(round(-balance, -8)), period=month, flow="goods")], world_store)
    assert far.status == "unverifiable" and far.estimated and "ESTIMATE" in far.explanation
    assert flipped.status == "contradicted" and flipped.estimated


def test_a_published_series_is_preferred(world_store: ReferenceStore) -> None:
    month = "1990-03"
    value = _true_sa("exports", month) * 1e6
    [verdict] = validate([fact(str(round(value, -8)), period=month, indicator="exports",
                               flow="goods")], world_store)
    assert verdict.series_id == "sa-exports" and not verdict.estimated


def test_derive_series_is_empty_for_published_files_alone() -> None:
    assert derive_series(_world()[:1]) == []


def test_a_format_1_store_still_opens(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("""CREATE TABLE series (series_id VARCHAR, indicator VARCHAR, flow VARCHAR,
        basis VARCHAR, reporter VARCHAR, partner VARCHAR, seasonally_adjusted BOOLEAN,
        frequency VARCHAR, currency VARCHAR, unit VARCHAR, source VARCHAR, file VARCHAR,
        vintage_inferred BOOLEAN)""")
    con.execute("""CREATE TABLE observations (series_id VARCHAR, period VARCHAR, vintage DATE,
        value DECIMAL(24,4), half_unit DECIMAL(24,4))""")
    con.execute("CREATE TABLE meta (key VARCHAR, value VARCHAR)")
    con.execute("INSERT INTO meta VALUES ('format', 'newsfacts-reference-1')")
    con.execute("""INSERT INTO series VALUES ('old', 'trade_balance', 'goods', 'census', 'USA',
        'JPN', false, 'M', 'USD', 'USD millions', 'test', 'old.csv', false)""")
    con.execute("INSERT INTO observations VALUES ('old', '1994-03', '2024-08-01', "
                "-5752700000, 50000)")
    con.close()
    with ReferenceStore.open(path) as store:
        [info] = store.series
        assert info.estimate == ""
        [verdict] = validate([fact("-5.8e9", partner="JPN")], store)
        assert verdict.status == "confirmed"
