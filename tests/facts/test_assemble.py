"""The rule layer on sentences of the styles newsfacts must read (written for these tests)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from newsfacts.extractor import Extractor
from newsfacts.schema import Article, TradeFact


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def facts_of(extractor: Extractor, text: str, published: str = "1994-05-20") -> list[TradeFact]:
    article = Article(id="t", text=text, published=dt.date.fromisoformat(published))
    return extractor.extract(article)


def only(facts: list[TradeFact], **fields: Any) -> TradeFact:
    found = [f for f in facts if all(getattr(f, k) == v for k, v in fields.items())]
    assert len(found) == 1, f"{fields} → {[f.to_gold() for f in facts]}"
    return found[0]


def test_newspaper_monthly_balance(extractor: Extractor) -> None:
    facts = facts_of(
        extractor,
        "The U.S. trade deficit narrowed 18.5% to $7.46 billion in "
        "March, the Commerce Department said Thursday.",
    )
    fact = only(facts, indicator="trade_balance")
    assert (fact.reporter, fact.partner, fact.period) == ("USA", "WLD", "1994-03")
    assert fact.value == Decimal("-7.46e9")
    assert fact.currency == "USD"
    assert fact.change_pct == Decimal("-18.5")
    assert fact.modality == "actual"
    assert "assemble.main" in fact.rule_ids
    assert fact.evidence in "The U.S. trade deficit narrowed 18.5% to $7.46 billion in March"


def test_reporter_and_partner(extractor: Extractor) -> None:
    text = (
        "Japan's trade surplus with the United States widened to 5.2 billion dlrs in "
        "February, while the U.S. deficit with Canada fell to 1.1 billion dlrs."
    )
    facts = facts_of(extractor, text, "1987-04-10")
    assert only(facts, reporter="JPN").partner == "USA"
    assert only(facts, reporter="JPN").value == Decimal("5.2e9")
    assert only(facts, reporter="USA").partner == "CAN"
    assert only(facts, reporter="USA").value == Decimal("-1.1e9")


def test_comparison_is_previous_value_and_a_fact(extractor: Extractor) -> None:
    text = (
        "WEST GERMAN SURPLUS WIDENS\n\nWest Germany's trade surplus widened to 10.5 "
        "billion marks in March from 8.2 billion in February, the statistics office said."
    )
    facts = facts_of(extractor, text, "1987-04-28")
    march = only(facts, period="1987-03")
    assert march.currency == "DEM"
    assert march.previous_value == Decimal("8.2e9")
    assert march.previous_period == "1987-02"
    february = only(facts, period="1987-02")
    assert february.value == Decimal("8.2e9")
    assert "assemble.comparison" in february.rule_ids


def test_year_earlier_comparison(extractor: Extractor) -> None:
    text = (
        "Taiwan's exports rose to 4.07 billion U.S. Dlrs in March from 2.99 billion a year earlier."
    )
    facts = facts_of(extractor, text, "1987-04-07")
    main = only(facts, period="1987-03")
    assert main.indicator == "exports" and main.reporter == "TWN"
    assert main.previous_period == "1986-03"
    assert only(facts, period="1986-03").value == Decimal("2.99e9")


def test_current_account_with_other_currency(extractor: Extractor) -> None:
    text = (
        "Canada's current account deficit widened to a seasonally adjusted 2.27 billion "
        "Canadian dlrs in the fourth quarter, Statistics Canada said."
    )
    fact = only(facts_of(extractor, text, "1987-03-03"), indicator="current_account")
    assert (fact.period, fact.currency, fact.value) == ("1986-Q4", "CAD", Decimal("-2.27e9"))
    assert fact.seasonally_adjusted is True


def test_forecasts_are_marked(extractor: Extractor) -> None:
    text = (
        "Economists expect Brazil's trade deficit to narrow to 10 billion dlrs next year, "
        "and the government targets a surplus of 5 billion dlrs."
    )
    facts = facts_of(extractor, text, "1987-04-10")
    assert facts, "forecasts are kept, with their modality"
    assert all(f.modality != "actual" for f in facts)


def test_thresholds_and_volumes_are_not_facts(extractor: Extractor) -> None:
    text = (
        "Exports of more than 10 billion dlrs are possible. Exports of coal rose to "
        "1.2 mln tonnes in March."
    )
    assert [f for f in facts_of(extractor, text, "1987-04-10") if f.modality == "actual"] == []


def test_qualifiers(extractor: Extractor) -> None:
    text = (
        "U.S. exports of goods rose to an all-time high of $42.17 billion in March. Imports "
        "were valued at $54.21 billion, also a record. The imbalance with Japan grew to "
        "$5.8 billion, its third-highest monthly level."
    )
    facts = facts_of(extractor, text)
    assert only(facts, indicator="exports").qualifiers == ("record",)
    assert only(facts, indicator="exports").flow == "goods"
    assert only(facts, indicator="imports").qualifiers == ("record",)
    assert only(facts, partner="JPN").qualifiers == ("rank",)


def test_revision_replaces_first_estimate(extractor: Extractor) -> None:
    text = (
        "Canada's January trade surplus was revised to 623 mln dlrs from 533 mln dlrs, and the "
        "February surplus was 1.25 billion dlrs."
    )
    facts = facts_of(extractor, text, "1987-04-09")
    values = {f.value for f in facts}
    assert Decimal("623e6") in values
    assert Decimal("533e6") not in values
    assert "revised" in only(facts, value=Decimal("623e6")).qualifiers


def test_headline_and_body_are_one_fact(extractor: Extractor) -> None:
    text = (
        "U.S. TRADE DEFICIT 15.1 BLN DLRS IN JANUARY\n\nThe U.S. trade deficit was 15.1 "
        "billion dlrs in January, the Commerce Department said."
    )
    facts = facts_of(extractor, text, "1987-03-13")
    fact = only(facts, indicator="trade_balance")
    assert fact.period == "1987-01"
    assert fact.evidence_start > text.index("\n\n"), "the body states it in full"


def test_separate_change_joins_its_figure(extractor: Extractor) -> None:
    text = (
        "The U.S. trade deficit narrowed to $7.46 billion in March. While the total U.S. "
        "deficit narrowed by 18.5%, the imbalance with Japan grew by 25.4% to $5.8 billion."
    )
    facts = facts_of(extractor, text)
    assert only(facts, partner="WLD").change_pct == Decimal("-18.5")
    assert only(facts, partner="JPN").change_pct == Decimal("25.4")


def test_evidence_offsets_point_into_the_text(extractor: Extractor) -> None:
    text = (
        "Portugal's trade deficit narrowed in\n1986 to 336.5 billion escudos "
        "from 354.8 billion in 1985."
    )
    facts = facts_of(extractor, text, "1987-03-11")
    assert facts
    for fact in facts:
        assert text[fact.evidence_start : fact.evidence_end] == fact.evidence
    assert only(facts, period="1986").value == Decimal("-336.5e9")
    assert only(facts, period="1985").currency == "PTE"


def test_a_figure_of_no_named_economy_is_not_reported(extractor: Extractor) -> None:
    assert facts_of(extractor, "The trade deficit narrowed to 5 billion dlrs in March.") == []


def test_no_trade_content(extractor: Extractor) -> None:
    assert facts_of(extractor, "The central bank kept interest rates at 5.5 pct on Tuesday.") == []
    assert facts_of(extractor, "") == []
