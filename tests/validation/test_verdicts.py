"""Verdicts on a small hand-made store: tolerance, vintages, the revision band, ranking,
sums of months, checks beyond the value, and the cases that must never crash.

These test the store's own rules, so they run without the shipped revision profile
(``NO_PROFILE``); tests/validation/test_revision_profile.py tests verdicts with one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import newsfacts
from newsfacts.errors import ReferenceStoreError
from newsfacts.validation import ReferenceStore, Verdict, build_reference
from newsfacts.validation import validate as validate_with_profile
from newsfacts.validation.profile import RevisionProfile
from tests.validation.helpers import fact, user_row, write_text, write_user_csv

LATEST = "2022-04-05"
FIRST = "1994-05-19"
JAPAN = {"flow": "goods", "basis": "census", "partner": "JPN", "seasonally_adjusted": "NSA"}
WORLD_NSA = {"flow": "goods", "basis": "census", "seasonally_adjusted": "NSA"}


NO_PROFILE = RevisionProfile.empty()


def validate(facts: Any, reference: Any, texts: Any = None) -> list[Verdict]:
    return validate_with_profile(facts, reference, texts, profile=NO_PROFILE)


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("ref")
    fred = write_text(folder / "fred_BOPGSTB.csv", "DATE,BOPGSTB\n" + "".join(
        f"1994-{m:02d}-01,{v}\n" for m, v in
        ((1, -6207), (2, -9245), (3, -6466), (4, -7887))))
    first = write_user_csv(folder / "first.csv", [
        user_row("first-gs", "1994-01", "-6.64", "1994-04-20", unit="USD billions"),
        user_row("first-gs", "1994-02", "-9.15", FIRST, unit="USD billions"),
        user_row("first-gs", "1994-03", "-7.46", FIRST, unit="USD billions"),
    ])
    japan = [("1993-06", "-6000.0"), ("1993-09", "-5900.0"), ("1993-12", "-5000.0"),
             ("1994-01", "-4630.9"), ("1994-02", "-4578.2"), ("1994-03", "-5752.7")]
    census = write_user_csv(folder / "census.csv", [
        *[user_row("census-jp", p, v, "2024-08-01", **JAPAN) for p, v in japan],
        *[user_row("census-world-nsa", p, v, "2024-08-01", **WORLD_NSA) for p, v in
          (("1987-03", "-10628.8"), ("1994-03", "-8524.1"))],
    ])
    out = folder / "ref.duckdb"
    build_reference(out, [(fred, dt.date.fromisoformat(LATEST)), (first, None), (census, None)])
    return out


@pytest.fixture
def store(store_path: Path) -> Iterator[ReferenceStore]:
    with ReferenceStore.open(store_path) as opened:
        yield opened


def one(store: ReferenceStore, *facts: newsfacts.TradeFact) -> Verdict:
    return validate(list(facts), store)[0]


def test_confirmed_bilateral_with_precision(store: ReferenceStore) -> None:
    verdict = one(store, fact(-5.8e9, partner="JPN",
                              evidence="the imbalance with Japan grew to $5.8 billion"))
    assert verdict.status == "confirmed"
    assert verdict.series_id == "census-jp" and verdict.basis == "census"
    assert verdict.seasonally_adjusted is False and verdict.flow == "goods"
    assert verdict.reference_value == Decimal("-5752700000")
    assert verdict.abs_difference == Decimal("47300000")
    assert verdict.rel_difference == pytest.approx(0.00822, abs=1e-4)
    assert verdict.tolerance == Decimal("50050000")  # 5.75-5.85 bn, plus the source's 0.05 mn
    assert verdict.selection and verdict.selection.startswith("bilateral")
    assert "Confirmed" in verdict.explanation


def test_tolerance_follows_stated_digits(store: ReferenceStore) -> None:
    # 5.70 bn states two decimals: 5.695-5.705, which -5,752.7 mn is not in
    verdict = one(store, fact(-5.70e9, partner="JPN", evidence="$5.70 billion"))
    assert verdict.status == "contradicted"
    assert one(store, fact(-5.75e9, partner="JPN", evidence="$5.75 billion")).status == \
        "confirmed"
    # 5.7 means 5.65-5.75: -5,752.7 mn is just outside
    assert one(store, fact(-5.7e9, partner="JPN", evidence="$5.7 billion")).status == \
        "contradicted"


def test_revised_agrees_with_an_earlier_vintage(store: ReferenceStore) -> None:
    verdict = one(store, fact(-7.46e9, evidence="$7.46 billion"))
    assert verdict.status == "revised"
    assert str(verdict.vintage) == FIRST and verdict.series_id == "first-gs"
    assert verdict.latest_value == Decimal("-6466000000") and str(verdict.latest_vintage) \
        == LATEST
    assert verdict.basis == "bop" and verdict.flow == "goods_and_services"
    assert FIRST in verdict.explanation and "6.466" in verdict.explanation
    assert verdict.selection and verdict.selection.startswith("us-total-since-1994")


def test_revision_band_is_estimated_from_the_store(store: ReferenceStore) -> None:
    info = next(s for s in store.series if s.series_id == "fred-BOPGSTB")
    band = store.band(info)
    assert band.pairs == 3  # 1994-01, -02 and -03 have a first release and a latest value
    sizes = sorted([abs(-6.64 + 6.207) / 6.207, abs(-9.15 + 9.245) / 9.245,
                    abs(-7.46 + 6.466) / 6.466])
    assert band.size == pytest.approx(sizes[1] + 0.8 * (sizes[2] - sizes[1]))
    # ($7.5 billion would round 1994-03's first release, $7.46 bn: a mix-up, see test_verdict_rules)
    verdict = one(store, fact(-7.6e9, period="1994-04", evidence="$7.6 billion"))
    assert verdict.status == "revised"  # 3.6% off the only vintage, within the band
    assert verdict.revision_band == pytest.approx(band.size)
    assert "inside the range within which early releases of such figures" in verdict.explanation


def test_contradicted_beyond_band_and_between_vintages(store: ReferenceStore) -> None:
    far = one(store, fact(-9.5e9, period="1994-04", evidence="$9.5 billion"))
    assert far.status == "contradicted"
    assert far.abs_difference == Decimal("1613000000")
    assert "more than such series are revised" in far.explanation
    # 1994-03 has two vintages in the store: a claim matching neither is contradicted
    between = one(store, fact(-7.0e9, evidence="$7.0 billion"))
    assert between.status == "contradicted" and "2 vintages" in between.explanation
    assert one(store, fact(7.46e9, evidence="$7.46 billion")).status == "contradicted"


@pytest.mark.parametrize("period", ["1994-Q1", "1994-01/1994-03"])
def test_runs_of_months_are_summed(store: ReferenceStore, period: str) -> None:
    verdict = one(store, fact(-21.9e9, period=period, evidence="$21.9 billion"))
    assert verdict.status == "confirmed"
    assert verdict.reference_value == Decimal("-21918000000")


@pytest.mark.parametrize(("changes", "fragment"), [
    ({"period": None}, "the text fixes no period"),
    ({"period": "FY1994"}, "fiscal years are not matched"),
    ({"reporter": "JPN", "partner": "USA"}, "no series of JPN's trade"),
    ({"modality": "forecast"}, "a forecast"),
    ({"period": "1980-03"}, "no series covers 1980-03"),
    ({"currency": "JPY"}, "not in JPY"),
    ({"indicator": "current_account"}, "no current_account series"),
    ({"flow": "services"}, "no services series"),
])
def test_unverifiable_says_why(store: ReferenceStore, changes: dict[str, Any],
                               fragment: str) -> None:
    verdict = one(store, fact(-7.46e9, **changes))
    assert verdict.status == "unverifiable"
    assert fragment in verdict.explanation


def test_ranking_and_adjustment_rules(store: ReferenceStore) -> None:
    # the NSA Census series may confirm a figure the text leaves unadjusted…
    nsa = one(store, fact(-8.52e9, evidence="$8.52 billion"))
    assert nsa.status == "confirmed" and nsa.series_id == "census-world-nsa"
    # …and is the only candidate when the text says "unadjusted"
    said = one(store, fact(-7.46e9, seasonally_adjusted=False, evidence="$7.46 billion"))
    assert said.series_id == "census-world-nsa" and said.status == "contradicted"
    # but it never contradicts a U.S. total, which is reported seasonally adjusted
    old = one(store, fact(-13.6e9, period="1987-03", evidence="$13.6 billion"))
    assert old.status == "unverifiable" and "seasonally adjusted" in old.explanation


def test_change_and_previous_value(store: ReferenceStore) -> None:
    verdict = one(store, fact(-7.46e9, evidence="$7.46 billion", change_pct=Decimal("-18.5"),
                              previous_value=Decimal("-9.15e9"), previous_period="1994-02"))
    checks = {check.name: check for check in verdict.checks}
    assert checks["change_pct"].status == "revised"  # 7.46 / 9.15 as of 1994-05-19
    assert checks["previous_value"].status == "revised"
    japan = one(store, fact(-5.8e9, partner="JPN", evidence="$5.8 billion",
                            change_pct=Decimal("25.7")))
    assert japan.checks[0].status == "consistent"
    wrong = one(store, fact(-5.8e9, partner="JPN", evidence="$5.8 billion",
                            change_pct=Decimal("12.0")))
    assert wrong.checks[0].status == "inconsistent" and wrong.status == "confirmed"


@pytest.mark.parametrize(("period", "value", "qualifier", "evidence", "status"), [
    ("1994-03", -5.8e9, "rank", "$5.8 billion, its third-highest monthly level", "consistent"),
    ("1994-03", -5.8e9, "rank", "$5.8 billion, its second-largest monthly level",
     "inconsistent"),
    ("1993-06", -6.0e9, "record", "a record $6.0 billion", "consistent"),
    ("1994-03", -5.8e9, "record", "a record $5.8 billion", "inconsistent"),
    ("1994-03", -5.8e9, "rank", "$5.8 billion", "unverifiable"),
])
def test_record_and_rank(store: ReferenceStore, period: str, value: float, qualifier: str,
                         evidence: str, status: str) -> None:
    verdict = one(store, fact(value, period=period, partner="JPN", evidence=evidence,
                              qualifiers=(qualifier,)))
    check = next(c for c in verdict.checks if c.name == qualifier)
    assert check.status == status, check.explanation


def test_rank_read_from_the_article_text(store: ReferenceStore) -> None:
    facts = [fact(-5.8e9, partner="JPN", evidence="gap hits $5.8 billion",
                  qualifiers=("rank",))]
    text = "The imbalance with Japan grew to $5.8 billion, its third-highest monthly level."
    [verdict] = validate(facts, store, {"doc": text})
    assert verdict.checks[0].status == "consistent"


def test_consistency_inside_an_article(store: ReferenceStore) -> None:
    goods = {"flow": "goods"}
    facts = [fact(42.17e9, indicator="exports", evidence="$42.17 billion", **goods),
             fact(54.21e9, indicator="imports", evidence="$54.21 billion", **goods),
             fact(-12.04e9, evidence="$12.04 billion", **goods),
             fact(-7.46e9, evidence="$7.46 billion", change_pct=Decimal("-18.5"),
                  previous_value=Decimal("-9.15e9"), previous_period="1994-02"),
             fact(-7.46e9, doc_id="other", evidence="$7.46 billion",
                  change_pct=Decimal("-25"), previous_value=Decimal("-9.15e9"))]
    verdicts = validate(facts, store)
    balance = {c.name: c for c in verdicts[2].checks}
    assert balance["article_balance"].status == "consistent"
    assert {c.name: c for c in verdicts[3].checks}["article_change"].status == "consistent"
    assert {c.name: c for c in verdicts[4].checks}["article_change"].status == "inconsistent"
    wrong = validate([*facts[:2], fact(-11.0e9, evidence="$11.0 billion", flow="goods")], store)
    assert wrong[2].checks[-1].status == "inconsistent"


def test_every_verdict_carries_its_figures(store: ReferenceStore) -> None:
    for verdict in validate([fact(-7.46e9), fact(-5.8e9, partner="JPN")], store):
        assert verdict.series_id and verdict.basis and verdict.vintage
        assert verdict.reference_value is not None and verdict.abs_difference is not None
        assert verdict.rel_difference is not None and verdict.explanation
        assert Verdict.model_validate_json(verdict.model_dump_json()) == verdict


def test_validate_takes_a_path_and_is_exported(store_path: Path) -> None:
    verdicts = newsfacts.validate([fact(-7.46e9)], store_path)
    assert verdicts[0].status == "revised" and newsfacts.Verdict is Verdict
    assert validate([], store_path) == []


def test_validate_without_a_store_and_a_build_into_no_folder_say_so(tmp_path: Path) -> None:
    with pytest.raises(ReferenceStoreError, match="not NoneType"):
        validate([fact("-7.46e9")], None)  # type: ignore[arg-type]
    source = write_user_csv(tmp_path / "user.csv",
                            [user_row("s1", "1994-03", "-7460", "1994-05-19")])
    with pytest.raises(ReferenceStoreError, match="does not exist"):
        build_reference(tmp_path / "missing" / "ref.duckdb", [source])
