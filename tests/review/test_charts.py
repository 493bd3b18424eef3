"""Charts: which series and vintages a chart holds, where claims sit, and the SVG drawn."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest

from newsfacts.review.series import period_index, period_kind, series_charts
from newsfacts.review.svg import nice_ticks, render_svg
from newsfacts.validation import ReferenceStore, build_reference, validate
from tests.validation.helpers import fact, user_row, write_user_csv

MONTHS = [f"2019-{m:02d}" for m in range(1, 13)]
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ReferenceStore]:
    folder = tmp_path_factory.mktemp("charts")
    rows = [user_row("bal", month, str(-5000 - 10 * n), "2020-02-01")
            for n, month in enumerate(MONTHS)]
    rows += [user_row("bal", month, str(-5100 - 10 * n), "2021-06-01")
             for n, month in enumerate(MONTHS[:6])]
    rows += [user_row("bal-first", "2019-06", "-4900", "2019-08-03")]
    rows += [user_row("jpn", month, "-1000", "2020-02-01", partner="JPN", basis="census",
                      flow="goods", seasonally_adjusted="NSA") for month in MONTHS]
    path = write_user_csv(folder / "series.csv", rows)
    build_reference(folder / "ref.duckdb", [path])
    with ReferenceStore.open(folder / "ref.duckdb") as opened:
        yield opened


def test_one_chart_per_family_with_each_vintage(store: ReferenceStore) -> None:
    facts = [fact("-4.9e9", "2019-06"), fact("-5.2e9", "2019-09"),
             fact("-1.0e9", "2019-06", partner="JPN")]
    verdicts = validate(facts, store)
    world, japan = series_charts(verdicts, store)
    assert world.series_ids == ("bal", "bal-first") and japan.series_ids == ("jpn",)
    labels = [line.label for line in world.lines]
    assert labels == ["bal · vintage 2020-02-01", "bal · vintage 2021-06-01",
                      "bal-first · single-period releases"]
    assert [line.latest for line in world.lines] == [False, True, False]
    assert world.lines[2].points_only and len(world.lines[0].points) == 12
    assert [(c.number, c.period) for c in world.claims] == [(1, "2019-06"), (2, "2019-09")]
    assert "world" in world.title and "seasonally adjusted" in world.title


def test_claims_that_are_not_one_period_of_the_series_are_noted(store: ReferenceStore) -> None:
    verdicts = validate([fact("-10e9", "2019-01/2019-02")], store)
    charts = series_charts(verdicts, store)
    assert charts and charts[0].claims[0].period is None
    assert "is not one month" in charts[0].claims[0].note


def test_unverifiable_facts_make_no_chart(store: ReferenceStore) -> None:
    verdicts = validate([fact("-1e9", None)], store)
    assert series_charts(verdicts, store) == []


def test_the_svg_is_well_formed_with_tooltips_and_claim_markers(store: ReferenceStore) -> None:
    verdicts = validate([fact("-4.9e9", "2019-06")], store)
    svg = render_svg(series_charts(verdicts, store)[0], "c1")
    root = ET.fromstring(svg)
    assert len(root.findall(f"{SVG}polyline")) == 2
    tips = [t.text or "" for t in root.iter(f"{SVG}title")]
    assert any("2019-06: -4.9 bn (bal-first, published 2019-08-03)" in t for t in tips)
    assert any(t.startswith("fact 1: reported -4.9 bn USD for 2019-06") for t in tips)
    assert root.find(f"{SVG}g[@data-fact='1']") is not None


@pytest.mark.parametrize(("low", "high"), [(-9.71e9, -2.5e9), (0.0, 1.0), (3.0, 3.0),
                                           (42e9, 44e9)])
def test_nice_ticks_cover_the_range(low: float, high: float) -> None:
    ticks = nice_ticks(low, high)
    assert ticks[0] <= low and ticks[-1] >= high and 2 <= len(ticks) <= 12


def test_periods() -> None:
    assert [period_kind(p) for p in ("1994-03", "1994-Q2", "1994", "1994-13", "FY1994",
                                     "1994-01/1994-03")] == ["M", "Q", "A", None, None, None]
    assert period_index("1994-03") - period_index("1993-03") == 12
    assert period_index("1994") == period_index("1994-06") + 0.5  # mid-year

