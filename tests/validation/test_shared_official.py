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
def test_seed_with_the_four_published_files(results: dict[str, Any]) -> None:
    """The issue's seed target: a store built as the README tells a user to."""
    seed = {(v["indicator"], v["partner"]): v for v in results["seed_four_files"]}
    assert {v["status"] for v in seed.values()} <= {"confirmed", "revised"}
    assert seed["imports", "WLD"]["flow"] == "goods"  # judged against goods, not g&s
    assert seed["imports", "WLD"]["series_id"] == "census-0004-imports"
    assert seed["trade_balance", "WLD"]["series_id"] == "fred-BOPGSTB"
    japan = {c["name"]: c["status"] for c in seed["trade_balance", "JPN"]["checks"]}
    assert japan["change_pct"] != "inconsistent" and japan["rank"] == "consistent"
    for verdict in seed.values():
        assert "[Compared with: " in verdict["explanation"]
        assert "range used:" in verdict["explanation"]


@pytest.mark.shared
def test_benchmark_figures_as_measured(results: dict[str, Any]) -> None:
    """Guards the figures written in the README against regressions."""
    figures = results["figures"]
    assert figures["first_reported"]["n"] == 34
    assert figures["first_reported"]["confirmed_or_revised"] >= 0.82
    assert figures["first_reported"].get("contradicted", 0) <= 2
    assert figures["perturbed"]["contradicted_share"] >= 0.95
    by_kind = figures["perturbed"]["by_kind"]
    for kind in ("sign flipped", "exports/imports swapped"):
        assert set(by_kind[kind]) == {"contradicted"}
    news = figures["news_end_to_end_four_files"]
    for name in ("news-dev", "news-dev2", "all"):
        assert news[name]["contradicted_share"] <= 0.05, name
    assert news["all"]["n"] >= 100
    # claims made from today's series, undated and dated 2026-12-01: no revision range
    for variant in ("todays_claims_four_files", "todays_claims_dated_four_files"):
        today = figures[variant]
        assert today["true"] == {"confirmed": 78}, variant
        for kind in ("+5%", "-10%", "+20%"):
            assert today[kind] == {"contradicted": 78}, (variant, kind)


@pytest.mark.shared
@pytest.mark.xfail(strict=True, reason="issue target not met (82.4%, 2 contradicted): the "
                   "1986-11 totals precede every monthly world series, the 1994-03 services "
                   "surplus has no services series, and the 1987-02 and 1987-03 Japan balances "
                   "lie 3.4% and 2.6% of gross trade from today's Census figures, beyond every "
                   "pair left once their own report is out of the profile (1.3%)")
def test_first_reported_target(results: dict[str, Any]) -> None:
    figures = results["figures"]["first_reported"]
    assert figures.get("contradicted", 0) == 0 and figures["confirmed_or_revised"] >= 0.8


@pytest.mark.shared
def test_perturbed_target(results: dict[str, Any]) -> None:
    """Perturbed claims are dated as the true ones; where the store holds the figure as known
    on that date (their own report), revisions published since cannot excuse them."""
    perturbed = results["figures"]["perturbed"]
    assert perturbed["contradicted_share"] >= 0.95
    # the 1987 figures only an estimate bears out: the estimate of today's figure is set
    # aside where the figure known then is in the store
    assert perturbed["from_estimates"].get("revised", 0) == 0


@pytest.mark.shared
def test_todays_claims_are_judged_by_their_date(results: dict[str, Any]) -> None:
    """Undated claims are judged as claims about today's figures, and say so; claims dated
    after the vintage compared, as claims that could have used it; true news, dated before,
    keeps the revision range."""
    undated = results["todays_claims"]
    assert {v["timing"] for v in undated} == {"undated"}
    assert all("no publication date" in v["explanation"] for v in undated)
    dated = results["todays_claims_dated"]
    assert {v["timing"] for v in dated} == {"after"}
    assert all("on or after the store's latest figure" in v["explanation"] for v in dated)
    news = [v for items in results["news"].values() for v in items]
    assert {v["timing"] for v in news} <= {"before", None}
    assert {v["timing"] for v in results["seed_four_files"]} == {"before"}


@pytest.mark.shared
def test_targets_met(results: dict[str, Any]) -> None:
    """The issue's targets the benchmark meets: true news, the seed, and claims made from
    today's series (undated and dated today)."""
    bench: Any = load_benchmark("validation")
    met = bench.met(results["figures"])
    assert met["news_contradicted"] and met["seed_ok"] and met["todays_claims"]


@pytest.mark.shared
def test_odd_facts_never_crash(shared_dir: Path) -> None:
    bench: Any = load_benchmark("validation")
    facts = bench.seed_facts(shared_dir)
    odd = [facts[0].model_copy(update={"period": None}),
           facts[0].model_copy(update={"reporter": "JPN", "partner": "USA"}),
           facts[0].model_copy(update={"period": "FY1994"})]
    with ReferenceStore.from_series(bench.read_published(shared_dir)) as store:
        assert [v.status for v in validate(odd, store)] == ["unverifiable"] * 3
