"""A claim's publication date against the vintage it is compared with
(newsfacts.validation.claim_dates): dated before the latest vintage, revisions since may explain a
gap (the revision range applies); dated on or after it, or undated, the claim is judged with
its stated precision only. Small hand-made stores and the revision profile shipped."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsfacts.validation import ReferenceStore, Verdict, build_reference, validate
from newsfacts.validation.claim_dates import timing_of
from newsfacts.validation.profile import PROFILE_FORMAT, RevisionProfile
from tests.validation.helpers import fact, user_row, write_text, write_user_csv

LATEST = dt.date(2022, 4, 5)
FIRST = "1994-05-19"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Today's goods and services balance, exports and imports for Feb-Mar 1994 (one
    vintage, 2022-04-05), and a first release of 1994-01 (its own vintage)."""
    folder = tmp_path_factory.mktemp("timing")
    files = [write_text(folder / f"fred_{name}.csv", f"DATE,{name}\n" + "".join(
        f"1994-{month:02d}-01,{value}\n" for month, value in values))
        for name, values in (("BOPGSTB", ((1, -6207), (2, -9245), (3, -6466))),
                             ("BOPTEXP", ((1, 55012), (2, 53102), (3, 57000))),
                             ("BOPTIMP", ((1, 61219), (2, 62347), (3, 63466))))]
    first = write_user_csv(folder / "first.csv", [
        user_row("first-gs", "1994-01", "-6.64", "1994-04-20", unit="USD billions")])
    out = folder / "ref.duckdb"
    build_reference(out, [*[(path, LATEST) for path in files], (first, None)])
    return out


@pytest.fixture
def store(store_path: Path) -> Iterator[ReferenceStore]:
    with ReferenceStore.open(store_path) as opened:
        yield opened


def _one(store: ReferenceStore, value: float, published: dt.date | None, **over: Any
         ) -> Verdict:
    [verdict] = validate([fact(value, published=published, **over)], store)
    return verdict


@pytest.mark.parametrize(("published", "expected"), [
    (None, "undated"),
    (dt.date(1994, 5, 20), "before"),
    (LATEST - dt.timedelta(days=1), "before"),
    (LATEST, "after"),
    (dt.date(2026, 12, 1), "after"),
])
def test_timing_of(published: dt.date | None, expected: str) -> None:
    assert timing_of(published, LATEST) == expected


def test_b_dated_before_the_latest_vintage_allows_revisions(store: ReferenceStore) -> None:
    # the first release, 15.4 % from today's -6.466 bn, inside the profile's range
    verdict = _one(store, -7.46e9, dt.date(1994, 5, 20), evidence="$7.46 billion")
    assert verdict.status == "revised" and verdict.timing == "before"
    assert verdict.published == dt.date(1994, 5, 20)
    assert verdict.explanation.startswith("Probably revised:")
    assert ("dated 1994-05-20, before the store's latest figure of this statistic "
            "(vintage 2022-04-05)") in verdict.explanation
    assert "revision range" in verdict.explanation and verdict.revision_band is not None


@pytest.mark.parametrize(("published", "case", "words"), [
    (dt.date(2026, 12, 1), "after", "dated 2026-12-01, on or after the store's latest figure"),
    (LATEST, "after", "could have used that very figure"),
    (None, "undated", "carries no publication date"),
])
def test_a_and_c_judge_with_the_stated_precision_only(store: ReferenceStore,
                                                       published: dt.date | None, case: str,
                                                       words: str) -> None:
    wrong = _one(store, -7.46e9, published, evidence="$7.46 billion")
    assert wrong.status == "contradicted" and wrong.timing == case
    assert words in wrong.explanation
    assert "no revision range" in wrong.explanation and wrong.revision_band is None
    assert wrong.revision_band_basis is not None and "no revision range" in \
        wrong.revision_band_basis
    # 5 % off today's figure: revised for a first release, contradicted here
    assert _one(store, -6.8e9, published, evidence="$6.8 billion").status == "contradicted"
    assert _one(store, -6.8e9, dt.date(1994, 5, 20), evidence="$6.8 billion").status == \
        "revised"
    right = _one(store, -6.5e9, published, evidence="$6.5 billion")
    assert right.status == "confirmed" and right.timing == case


def test_c_says_how_to_allow_for_revisions(store: ReferenceStore) -> None:
    verdict = _one(store, -7.46e9, None, evidence="$7.46 billion")
    assert "as a claim about the figures the store holds today" in verdict.explanation
    assert "give its date (`--published DATE`" in verdict.explanation
    assert "range used: rounding" in verdict.explanation
    assert verdict.explanation.rstrip().endswith("no revision range: the claim is undated; "
                                                 "give its date to allow for revisions.]")


@pytest.mark.parametrize("published", [dt.date(2026, 12, 1), None])
def test_a_and_c_still_match_the_stores_own_vintages(store: ReferenceStore,
                                                     published: dt.date | None) -> None:
    # 1994-01 as first published (-6.64 bn, 1994-04-20) is in the store: an exact match of a
    # vintage is no range, so "revised" whatever the date
    verdict = _one(store, -6.64e9, published, period="1994-01", evidence="$6.64 billion")
    assert verdict.status == "revised" and verdict.vintage == dt.date(1994, 4, 20)
    assert verdict.explanation.startswith("Revised since:")


@pytest.mark.parametrize(("published", "change", "previous"), [
    (dt.date(1994, 5, 20), "consistent", "revised"),
    (dt.date(2026, 12, 1), "inconsistent", "inconsistent"),
    (None, "inconsistent", "inconsistent"),
])
def test_the_checks_follow_the_same_rule(store: ReferenceStore, published: dt.date | None,
                                         change: str, previous: str) -> None:
    # today's figures give -30.1 % (-9.245 → -6.466 bn); the release of the time said -18.5 %
    # from -9.15 bn
    verdict = _one(store, -6.5e9, published, evidence="narrowed 18.5% to $6.5 billion",
                   change_pct="-18.5", previous_value="-9.15e9", previous_period="1994-02")
    assert verdict.status == "confirmed"
    checks = {check.name: check for check in verdict.checks}
    assert checks["change_pct"].status == change
    assert checks["previous_value"].status == previous
    if change == "inconsistent":
        assert "no revision range" in checks["change_pct"].explanation
        assert "no revision range" in checks["previous_value"].explanation
    else:
        assert "consistent with revised figures" in checks["change_pct"].explanation


def test_the_latest_vintage_is_the_statistics_over_all_its_series(tmp_path: Path) -> None:
    """A first release alone is the latest figure its store holds: a claim dated after it is
    judged against it strictly; with today's figure of the same statistic beside it (here on
    another series), the same claim is dated before the latest vintage."""
    first = write_user_csv(tmp_path / "first.csv", [
        user_row("first-gs", "1994-03", "-7.46", FIRST, unit="USD billions")])
    alone = tmp_path / "alone.duckdb"
    build_reference(alone, [first])
    claim = fact(-7.3e9, published=dt.date(1995, 6, 1), evidence="$7.3 billion")
    [verdict] = validate([claim], alone)
    assert verdict.timing == "after" and verdict.status == "contradicted"
    today = write_user_csv(tmp_path / "today.csv", [
        user_row("today-gs", "1994-03", "-6466", "2022-04-05")])
    both = tmp_path / "both.duckdb"
    build_reference(both, [first, today])
    [verdict] = validate([claim], both)
    assert verdict.timing == "before"


# --- a vintage of the period near the claim's date ------------------------------------------

YOUNG_AND_OLD = RevisionProfile({"format": PROFILE_FORMAT, "pairs": [
    {"id": f"p{number}", "group": "balance", "flow": "goods_and_services", "basis": "bop",
     "adjusted": True, "scope": "total", "age": age, "span": "month",
     "indicator": "trade_balance", "period": "1994-03", "early_value": 1.0,
     "early_basis": "bop", "early_vintage": "1994-05-19", "early_source": "report",
     "later_series": "s", "later_value": 1.0, "later_vintage": "2022-04-01",
     "later_gross": None, "of_value": 0.1, "of_gross": gap}
    for number, (age, gap) in enumerate([("up to 3 years", 0.002), ("up to 3 years", 0.004),
                                         ("up to 3 years", 0.005), ("over 3 years", 0.010),
                                         ("over 3 years", 0.015), ("over 3 years", 0.020)])]})
# gross trade of 1994-03 in the fixture: 57.000 + 63.466 = 120.466 bn; so the young range is
# ±0.602 bn (0.5 %), the old one ±2.409 bn (2 %)


@pytest.fixture(scope="module")
def mid_store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The store of ``store_path`` plus revised vintages of the balance of 1994-02 (as of
    1995-06-01: -9.40 bn) and 1994-03 (as of 1996-06-01: -6.90 bn), as an annual revision
    exhibit gives them."""
    folder = tmp_path_factory.mktemp("mid")
    files = [write_text(folder / f"fred_{name}.csv", f"DATE,{name}\n" + "".join(
        f"1994-{month:02d}-01,{value}\n" for month, value in values))
        for name, values in (("BOPGSTB", ((2, -9245), (3, -6466))),
                             ("BOPTEXP", ((2, 53102), (3, 57000))),
                             ("BOPTIMP", ((2, 62347), (3, 63466))))]
    mid = write_user_csv(folder / "mid.csv", [
        user_row("mid-gs", "1994-02", "-9.40", "1995-06-01", unit="USD billions"),
        user_row("mid-gs", "1994-03", "-6.90", "1996-06-01", unit="USD billions")])
    out = folder / "ref.duckdb"
    build_reference(out, [*[(path, LATEST) for path in files], (mid, None)])
    return out


@pytest.mark.parametrize(("value", "with_mid", "without_mid"), [
    (-7.46e9, "revised", "revised"),  # within ±0.602 bn of the 1996 figure (-6.90 bn)
    (-6.40e9, "revised", "revised"),
    (-8.20e9, "contradicted", "revised"),  # within 30 years' range of today's, not of 1996's
    (-4.30e9, "contradicted", "revised"),
    (-9.00e9, "contradicted", "contradicted"),  # beyond both
])
def test_the_range_runs_from_the_claim_to_the_nearest_vintage_after_it(
        mid_store_path: Path, store_path: Path, value: float, with_mid: str,
        without_mid: str) -> None:
    claim = fact(value, published=dt.date(1994, 5, 20))
    [near] = validate([claim], mid_store_path, profile=YOUNG_AND_OLD)
    assert near.status == with_mid, near.explanation
    assert near.vintage == dt.date(1996, 6, 1) and near.timing == "before"
    assert near.revision_band_basis is not None
    assert "up to 3 years after the period" in near.revision_band_basis
    [far] = validate([claim], store_path, profile=YOUNG_AND_OLD)
    assert far.status == without_mid, far.explanation
    assert far.revision_band_basis is not None
    assert "over 3 years after the period" in far.revision_band_basis


@pytest.mark.parametrize(("value", "status", "earlier"), [
    (-9.40e9, "revised", "confirmed"),  # the figure as known when the claim was made
    (-9.245e9, "confirmed", "revised"),  # today's figure
    # inside the range of revisions since 1995, not the figure known then
    (-9.80e9, "contradicted", "revised"),
    (-8.70e9, "contradicted", "contradicted"),  # beyond 0.5 % of gross trade from -9.40 bn
])
def test_a_vintage_on_or_before_the_claims_date_is_the_figure_known_then(
        mid_store_path: Path, value: float, status: str, earlier: str) -> None:
    claim = fact(value, period="1994-02", published=dt.date(1995, 6, 15))
    [verdict] = validate([claim], mid_store_path, profile=YOUNG_AND_OLD)
    assert verdict.status == status, verdict.explanation
    assert verdict.timing == "before"
    if status == "contradicted":
        assert "the figure as known when the claim was made" in verdict.explanation
        assert "as published on 1995-06-01 (mid-gs)" in verdict.explanation
    # dated months after that vintage, the claim may quote a revision published in between:
    # the range of revisions applies (up to today's figure, the nearest after the claim)
    [later] = validate([fact(value, period="1994-02", published=dt.date(1996, 1, 1))],
                       mid_store_path, profile=YOUNG_AND_OLD)
    assert later.status in ("confirmed", "revised"), later.explanation
    # dated before that vintage, the claim is judged against it with the range of revisions
    # from the claim's date to it (the vintage nearest after the claim)
    [before] = validate([fact(value, period="1994-02", published=dt.date(1994, 4, 20))],
                        mid_store_path, profile=YOUNG_AND_OLD)
    assert before.status == earlier, before.explanation
    assert before.vintage == dt.date(1995, 6, 1)


def test_the_figure_known_then_comes_before_other_series_revised_since(tmp_path: Path) -> None:
    """Where one series the text may mean holds the figure as known on the claim's date,
    another series' revised figures are not stretched by a revision range either (as with a
    first release of the period in the store)."""
    files = [
        write_text(tmp_path / "fred_BOPGSTB.csv", "DATE,BOPGSTB\n1994-02-01,-9245\n"),
        write_user_csv(tmp_path / "rows.csv", [
            user_row("mid-gs", "1994-02", "-9.40", "1995-06-01", unit="USD billions"),
            user_row("goods", "1994-02", "-9.00", "2022-04-05", unit="USD billions",
                     flow="goods", basis="census")])]
    out = tmp_path / "ref.duckdb"
    build_reference(out, [(files[0], LATEST), (files[1], None)])
    # -9.80 bn: 0.4 bn from the figure known on 1995-06-15 (-9.40), 0.8 bn (8.9 %) from
    # today's Census goods figure, which the range of 30 years of revisions (10 %) covers
    [then] = validate([fact(-9.8e9, period="1994-02", published=dt.date(1995, 6, 15))], out,
                      profile=YOUNG_AND_OLD)
    assert then.status == "contradicted", then.explanation
    [early] = validate([fact(-9.8e9, period="1994-02", published=dt.date(1994, 4, 20))], out,
                       profile=YOUNG_AND_OLD)
    assert early.status == "revised", early.explanation
