"""The store built from ../shared/official: the seed's verdicts and the benchmark figures
(benchmarks/validation.py). No timing assertions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newsfacts.validation import build_reference, validate
from newsfacts.validation.store import ReferenceStore
from tests.conftest import load_benchmark


@pytest.fixture(scope="module")
def results(shared_dir: Path) -> dict[str, Any]:
    bench: Any = load_benchmark("validation")
    return bench.run(shared_dir)  # type: ignore[no-any-return]


@pytest.mark.shared
def test_store_builds_from_the_published_files(shared_dir: Path, tmp_path: Path) -> None:
    official = shared_dir / "official"
    stats = build_reference(tmp_path / "ref.duckdb", [
        official / "census_country.xlsx", official / "fred_BOPGSTB.csv"])
    assert stats.series > 600 and stats.observations > 250_000
    with ReferenceStore.open(tmp_path / "ref.duckdb") as store:
        ids = {info.series_id for info in store.series}
        assert {"fred-BOPGSTB", "census-5880-trade_balance", "census-0004-exports"} <= ids
        [japan] = store.values("census-5880-trade_balance", ["1994-03"])
        assert float(japan.value) == -5752.7e6
        estimated = {info.series_id: info for info in store.series if info.estimate}
        # the World SA series (0004) starts in 1989, the NSA one (0015) in 1987
        sa = estimated["est-sa-census-USA-WLD-trade_balance"]
        assert sa.seasonally_adjusted and sa.source.startswith("ESTIMATE")
        assert store.coverage(sa.series_id) == ("1987-01", "1988-12")
        [value] = store.values(sa.series_id, ["1987-03"])
        assert value.error > 0


@pytest.mark.shared
def test_seed_verdicts(results: dict[str, Any]) -> None:
    seed = {(v["indicator"], v["partner"]): v for v in results["seed"]}
    assert len(results["seed"]) == 4
    assert all(v["status"] != "contradicted" for v in results["seed"])
    world = seed["trade_balance", "WLD"]
    assert world["status"] == "revised" and world["vintage"] == "1994-05-19"
    assert world["latest_value"] == -6466000000 and world["flow"] == "goods_and_services"
    assert "revision of 13.3%" in world["explanation"]
    japan = seed["trade_balance", "JPN"]
    assert japan["status"] == "confirmed" and japan["series_id"] == "census-5880-trade_balance"
    assert japan["seasonally_adjusted"] is False
    assert {c["name"]: c["status"] for c in japan["checks"]} == {
        "change_pct": "revised", "rank": "consistent"}
    for indicator in ("exports", "imports"):
        verdict = seed[indicator, "WLD"]
        assert verdict["flow"] == "goods" and verdict["basis"] == "bop"
        assert {c["name"]: c["status"] for c in verdict["checks"]} == {"record": "consistent"}


@pytest.mark.shared
def test_benchmark_figures_as_measured(results: dict[str, Any]) -> None:
    """Guards the figures written in the README against regressions."""
    figures = results["figures"]
    assert figures["first_reported"]["n"] == 34
    assert figures["first_reported"]["confirmed_or_revised"] >= 0.64
    assert figures["first_reported"].get("contradicted", 0) <= 3
    assert figures["perturbed"]["contradicted_share"] >= 0.93
    # perturbations of claims a published series bears out
    assert figures["perturbed"]["from_published"]["contradicted"] >= 83
    assert "confirmed" not in figures["perturbed"]["from_published"]
    # …and of claims only an estimate bears out: published first releases come first
    assert figures["perturbed"]["from_estimates"]["contradicted"] >= 32
    by_kind = figures["perturbed"]["by_kind"]
    for kind in ("sign flipped", "exports/imports swapped"):
        assert set(by_kind[kind]) == {"contradicted"}
    # a month's figure claimed for the next: a mix-up wherever the store has the release
    assert by_kind["period shifted"].get("revised", 0) <= 1


@pytest.mark.shared
@pytest.mark.xfail(strict=True, reason="issue target not met (65%, 3 contradicted): the "
                   "1986-11 totals precede every monthly world series, the 1994-03 services "
                   "surplus has no services series, 5 1987 first releases lie beyond the SA "
                   "estimate's back-tested error plus the store's revisions (so unverifiable), "
                   "and 3 first reports (1994-03 total and goods, 1989-02) differ from the "
                   "latest series by more than the store's revisions show")
def test_first_reported_target(results: dict[str, Any]) -> None:
    figures = results["figures"]["first_reported"]
    assert figures.get("contradicted", 0) == 0 and figures["confirmed_or_revised"] >= 0.9


@pytest.mark.shared
@pytest.mark.xfail(strict=True, reason="issue target not met (93.5%): the seed's goods "
                   "exports +-3%, imports -3% and its March imports claimed for April lie within "
                   "the 4.1% band of the only (1996) vintage, and no release of the time is in "
                   "the store; two 1987 Japan balances at -3% agree with today's Census figures "
                   "(confirmed); the 1987-09 balance at -3% lies within the band of its first "
                   "release, toward today's estimate; Japan's 1988-12 figure claimed for the "
                   "world is unverifiable (only an estimate covers it, 50% off)")
def test_perturbed_target(results: dict[str, Any]) -> None:
    assert results["figures"]["perturbed"]["contradicted_share"] >= 0.95


@pytest.mark.shared
def test_odd_facts_never_crash(shared_dir: Path) -> None:
    bench: Any = load_benchmark("validation")
    facts = bench.seed_facts(shared_dir)
    odd = [facts[0].model_copy(update={"period": None}),
           facts[0].model_copy(update={"reporter": "JPN", "partner": "USA"}),
           facts[0].model_copy(update={"period": "FY1994"})]
    with ReferenceStore.from_series(bench.read_published(shared_dir)) as store:
        assert [v.status for v in validate(odd, store)] == ["unverifiable"] * 3
