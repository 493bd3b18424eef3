"""Rules between the comparison and the verdict (newsfacts.validation.verdicts, steps 4-5):
published figures before estimates, and period mix-ups. Small hand-made stores."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from decimal import Decimal

import pytest

from newsfacts.validation import ReferenceStore, SeriesData, SeriesInfo, Verdict, validate
from newsfacts.validation.profile import RevisionProfile
from newsfacts.validation.series_and_verdicts import Observation
from tests.validation.helpers import fact

TODAY = "2024-08-01"
BN = Decimal(10) ** 9
# (period, value in billions, vintage, half unit in billions, back-tested error in billions)
Row = tuple[str, str, str, str, str]


def _series(series_id: str, rows: Sequence[Row], estimate: str = "", **over: object
            ) -> SeriesData:
    info = {"series_id": series_id, "indicator": "trade_balance", "flow": "goods",
            "basis": "census", "reporter": "USA", "partner": "WLD",
            "seasonally_adjusted": True, "frequency": "M", "currency": "USD",
            "unit": "USD billions", "source": f"test {series_id}", "estimate": estimate}
    info.update(over)
    return SeriesData(SeriesInfo.model_validate(info), [
        Observation(period=period, vintage=dt.date.fromisoformat(vintage),
                    value=Decimal(value) * BN, half_unit=Decimal(half) * BN,
                    error=Decimal(error) * BN)
        for period, value, vintage, half, error in rows])


def _revised(series_id: str, first: str, months: Sequence[str], sizes: Sequence[float],
             **over: object) -> list[SeriesData]:
    """First releases and today's figures of ``months``, revised by ``sizes``: the store's
    revision band (90th percentile of ``sizes``)."""
    latest = [(m, "-10.0", TODAY, "0.0005", "0") for m in months]
    early = [(m, f"{-10 * (1 + s):.3f}", first, "0.0005", "0") for m, s in zip(
        months, sizes, strict=True)]
    return [_series(f"{series_id}-latest", latest, **over),
            _series(f"{series_id}-first", early, **over)]


def _one(store: ReferenceStore, value: str, period: str, **over: object) -> Verdict:
    evidence = f"${value.lstrip('-')} billion"
    [verdict] = validate([fact(Decimal(value) * BN, period=period, evidence=evidence, **over)],
                         store, profile=RevisionProfile.empty())
    return verdict


# --- published before estimates ------------------------------------------------------------

BAND = (0.01, 0.012, 0.015, 0.018, 0.02, 0.025)  # 90th percentile: 2.25%


@pytest.fixture(scope="module")
def world() -> Iterator[ReferenceStore]:
    """1987 world goods balances (Census basis, SA): first releases only, beside an estimate
    of today's figures (1987-03 near the first release, 1987-04 far from it)."""
    first = _series("first-wld", [("1987-03", "-13.6", "1987-05-14", "0.05", "0"),
                                  ("1987-04", "-13.6", "1987-06-16", "0.05", "0")])
    estimate = _series("est-wld", [("1987-03", "-13.75", TODAY, "0", "0.1"),
                                   ("1987-04", "-12.3", TODAY, "0", "0.45")],
                       estimate="sa-estimate")
    months = [f"1988-{m:02d}" for m in range(1, 7)]
    with ReferenceStore.from_series([first, estimate,
                                     *_revised("wld", "1988-09-01", months, BAND)]) as store:
        yield store


def test_a_claim_between_the_first_release_and_todays_estimate_is_revised(
        world: ReferenceStore) -> None:
    verdict = _one(world, "-13.75", "1987-03")
    assert verdict.status == "revised" and verdict.estimated
    assert verdict.series_id == "est-wld"
    assert "between a published figure and an ESTIMATE" in verdict.explanation
    assert "first-wld" in verdict.explanation and "1987-05-14" in verdict.explanation


@pytest.mark.parametrize(("value", "why"), [
    ("-14.1", "beyond the first release's band, though within the estimate's error"),
    ("-13.4", "revised away from today's figure, on the wrong side of the first release"),
])
def test_an_estimate_does_not_overrule_a_published_figure(world: ReferenceStore, value: str,
                                                          why: str) -> None:
    verdict = _one(world, value, "1987-03")
    assert verdict.status == "contradicted", why
    assert verdict.series_id == "first-wld" and not verdict.estimated
    assert verdict.reference_value == Decimal("-13.6") * BN
    # the range a revision since could take: -13.9 to -13.5 bn with rounding and error
    assert "a revision published since would lie between" in verdict.explanation
    assert "-USD 13.900 bn to -USD 13.500 bn" in verdict.explanation
    assert "\n" not in verdict.explanation


def test_an_estimate_that_misses_the_published_figure_places_nothing(
        world: ReferenceStore) -> None:
    # within the estimate's error (-12.3 ± 0.78 bn), but the first release, -13.6 bn, is not
    verdict = _one(world, "-12.9", "1987-04")
    assert verdict.status == "contradicted" and verdict.series_id == "first-wld"
    assert "does not bear out the published figure itself" in verdict.explanation


@pytest.fixture(scope="module")
def japan() -> Iterator[ReferenceStore]:
    """Japan, 1987-03: today's Census-basis figure, and an estimate on another basis
    (imports c.i.f.) that differs from it by the c.i.f. margin."""
    jp = {"partner": "JPN", "seasonally_adjusted": False}
    census = _series("jp", [("1987-03", "-4.6656", TODAY, "0.00005", "0")], **jp)
    cif = _series("est-cif-jp", [("1987-03", "-4.97", TODAY, "0", "0.05")],
                  estimate="cif-bridge", basis="census_cif", **jp)
    months = [f"1988-{m:02d}" for m in range(1, 7)]
    with ReferenceStore.from_series([census, cif, *_revised("jp-b", "1988-09-01", months,
                                                            BAND, **jp)]) as store:
        yield store


def test_an_estimate_of_another_basis_is_judged_alone(japan: ReferenceStore) -> None:
    # the published series is on another basis than the claim (customs value, not c.i.f.):
    # the estimate does not bear it out, so it does not answer to it
    verdict = _one(japan, "-4.9", "1987-03", partner="JPN")
    assert verdict.status == "revised" and verdict.series_id == "est-cif-jp"
    assert verdict.explanation.startswith("Revised, against an ESTIMATE")


# --- period mix-ups ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def mixups() -> Iterator[ReferenceStore]:
    """Japan, 1994-95: today's figures, the first release of 1994-03, a band of 6.25%."""
    jp = {"partner": "JPN", "seasonally_adjusted": False}
    latest = _series("jp", [(p, v, TODAY, "0.00005", "0") for p, v in (
        ("1994-01", "-4.6309"), ("1994-02", "-4.5782"), ("1994-03", "-5.7527"),
        ("1994-04", "-5.5201"), ("1995-03", "-5.2"))], **jp)
    first = _series("jp-first", [("1994-03", "-5.80", "1994-05-19", "0.005", "0")], **jp)
    months = [f"1993-{m:02d}" for m in range(1, 7)]
    band = (0.02, 0.03, 0.04, 0.05, 0.06, 0.065)
    with ReferenceStore.from_series([latest, first, *_revised("jp-b", "1993-09-01", months,
                                                              band, **jp)]) as store:
        yield store


def test_the_month_befores_figure_is_a_mix_up(mixups: ReferenceStore) -> None:
    # 5.1% off today's 1994-04 figure is within the band, but it is March's first release
    verdict = _one(mixups, "-5.8", "1994-04", partner="JPN")
    assert verdict.status == "contradicted"
    assert verdict.explanation.startswith(
        "Contradicted: the text's -USD 5.800 bn is the figure for 1994-03, not for 1994-04")
    assert "jp-first" in verdict.explanation and "1994-05-19" in verdict.explanation
    assert verdict.series_id == "jp" and verdict.reference_value == Decimal("-5.5201") * BN


def test_a_year_earlier_figure_is_named(mixups: ReferenceStore) -> None:
    verdict = _one(mixups, "-5.8", "1995-03", partner="JPN")
    assert verdict.status == "contradicted"
    assert "is the figure for 1994-03, not for 1995-03" in verdict.explanation


@pytest.mark.parametrize(("value", "period", "status"), [
    # matches only the latest 1994-01 figure, which no text of 1994 could print
    ("-4.63", "1994-02", "revised"),
    # its own period's first release agrees: no mix-up, whatever the neighbours say
    ("-5.80", "1994-03", "revised"),
])
def test_no_mix_up(mixups: ReferenceStore, value: str, period: str, status: str) -> None:
    verdict = _one(mixups, value, period, partner="JPN")
    assert verdict.status == status
    assert "is the figure for" not in verdict.explanation
