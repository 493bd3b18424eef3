"""Which figures are an economy's trade: the mechanisms of issue 15 on sentences written for
these tests (a subject that is no economy's trade, reported figures, periods, partner lists)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from newsfacts.extractor import Extractor
from newsfacts.schema import Article, TradeFact


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def all_facts(extractor: Extractor, text: str, published: str) -> list[TradeFact]:
    return extractor.extract(Article(id="t", text=text,
                                     published=dt.date.fromisoformat(published)))


def actual_facts(extractor: Extractor, text: str, published: str) -> list[TradeFact]:
    return [f for f in all_facts(extractor, text, published) if f.modality == "actual"]


def keys(facts: list[TradeFact]) -> set[tuple[str, str, str, str | None, Decimal]]:
    return {(f.indicator, f.reporter, f.partner, f.period, f.value) for f in facts}


NOT_TRADE: list[tuple[str, str]] = [
    # a bare balance in a story that never speaks of trade
    ("The bank said its balance sheet total fell to 9.7 billion marks in 1986.", "1987-03-02"),
    ("Belgium cut the deficit to 400 mln francs in January, the Treasury said.", "1987-03-02"),
    # an organisation's figure
    ("Volvo AB said its exports rose to 12.4 billion crowns in 1986.", "1987-03-02"),
    ("The company's exports were 300 mln dlrs in March, Japan's trade ministry said.",
     "1987-04-20"),
    ("<TOYO.T> said exports rose to 1.9 billion dlrs in 1986, part of Japan's trade.",
     "1987-03-02"),
    ("Japan's car trade rose. Toyota's exports to the U.S. rose to 1.01 mln dlrs in 1986.",
     "1987-03-02"),
    # a budget, and a balance after the budget is named
    ("Malaysia's trade balance improved. The finance minister presented a budget for 1987 "
     "which foresees a deficit of 9.4 billion ringgit.", "1987-03-02"),
    # a sector's balance
    ("France's trade was mixed. The energy deficit was reduced to 6.5 billion francs in "
     "February.", "1987-03-16"),
    ("France's trade was mixed. Farm and food trade showed a two billion franc surplus in "
     "February.", "1987-03-16"),
    # an amount of a stock
    ("Brazil's trade surplus fell, so it suspended interest payments on 68 billion dollars "
     "of commercial debt in February.", "1987-03-16"),
    # a bare number that goes on from a volume
    ("Indonesia's coffee exports fell to 4.8 mln bags in 1986/87, down from 5.0 mln.",
     "1987-03-02"),
    # one product's trade, a group of economies, a projection
    ("Canada's trade surplus rose. Canada exported two billion Canadian dlrs worth of steel "
     "in 1986.", "1987-03-02"),
    ("Latin American countries' exports fell last year by 16 pct to 80 billion dlrs.",
     "1987-03-02"),
    ("Argentina's trade was weak. It is projecting a current account deficit of 2.2 billion "
     "dlrs for 1987.", "1987-03-02"),
    ("The U.S. trade deficit grew. The U.S. imported 546 mln gallons of orange juice worth "
     "622 mln dlrs in 1986.", "1987-03-02"),
    ("French trade improved. Turnover for the aerospace industry was 74 billion francs last "
     "year, while the trade surplus for the industry was around 30 billion francs.",
     "1987-03-02"),
    # a debt near an exports word, a volume written with its size
    ("Latin trade is weak. Exports provide the indebted world, which owes western creditors "
     "some 900 billion dlrs, with its foreign exchange.", "1987-03-02"),
    ("Mexico's coffee trade fell. The country exports about 3.3 mln 60-kilo bags a year.",
     "1987-03-02"),
    # a story about one product: its title names it and no balance
    ("W.GERMAN CAR OUTPUT, EXPORTS RISE\n\nWest German exports rose to 2.1 billion marks in "
     "September from 1.9 billion in August.", "1987-10-20"),
    # a bare amount that goes on from a volume of an earlier sentence
    ("Mexico's steel trade fell. Output was 1.9 mln short tons in 1986. Exports were 1.2 mln, "
     "down from 1.4 mln.", "1987-03-02"),
    ("U.S. TO SET ORANGE JUICE DUTIES MONDAY\n\nBrazil's imports, which run at about 700 mln "
     "dlrs a year, were hit in 1986.", "1987-04-01"),
    # an industry's figure
    ("Hong Kong's trade grew. Hong Kong's key electronics industry last year accounted for "
     "exports of 61 billion H.K. Dlrs.", "1987-04-01"),
    # 'sales to' with no place after it: a company's sales, no exports
    ("Australia's exports fell. This resulted in a decline in sales to 1.50 billion dlrs from "
     "1.56 billion in 1986.", "1987-06-01"),
    ("Canada's exports rose. He expects sales to rise to about 100 mln dlrs this year from 57.3 "
     "mln dlrs in 1986.", "1987-03-01"),
    # an issuer's name
    ("Export Development Corp is issuing a 15 billion yen eurobond due August 28, 1992.",
     "1987-03-02"),
]


@pytest.mark.parametrize(("text", "published"), NOT_TRADE)
def test_no_economy_trade_no_fact(extractor: Extractor, text: str, published: str) -> None:
    assert actual_facts(extractor, text, published) == []


ONLY_FACT: list[tuple[str, str, tuple[str, str, str, str, Decimal]]] = [
    # a bare balance after trade words, or with a partner, is the trade balance
    ("Belgium's trade figures were released. The deficit narrowed to 400 mln francs in "
     "January.", "1987-03-02", ("trade_balance", "BEL", "WLD", "1987-01", Decimal("-400e6"))),
    ("Japan's surplus with the United States rose to 5.2 billion dlrs in February.",
     "1987-04-01", ("trade_balance", "JPN", "USA", "1987-02", Decimal("5.2e9"))),
    # an office, a central bank, a bank's economist: speakers, not owners
    ("The director of the Banco do Brasil's foreign trade department said Brazil's exports "
     "totalled 1.53 billion dlrs in February.", "1987-03-16",
     ("exports", "BRA", "WLD", "1987-02", Decimal("1.53e9"))),
    ("The central bank said Japan's trade surplus was 8.1 billion dlrs in February.",
     "1987-04-01", ("trade_balance", "JPN", "WLD", "1987-02", Decimal("8.1e9"))),
    ("Lloyds Bank chief economist Ann Lee said Australia's trade surplus of 42 mln dlrs in "
     "February was encouraging.", "1987-03-16",
     ("trade_balance", "AUS", "WLD", "1987-02", Decimal("42e6"))),
    # a place right before its indicator owns it, even after 'to' and a verb
    ("Japan wants to curb the U.S. trade deficit, which hit 169 billion dlrs last year.",
     "1987-03-20", ("trade_balance", "USA", "WLD", "1986", Decimal("-169e9"))),
]


@pytest.mark.parametrize(("text", "published", "expected"), ONLY_FACT)
def test_the_one_fact_of_a_sentence(
    extractor: Extractor, text: str, published: str, expected: tuple[str, str, str, str, Decimal]
) -> None:
    assert keys(actual_facts(extractor, text, published)) == {expected}


REPORTED: list[tuple[str, str, tuple[str, str, str, str, Decimal]]] = [
    # a figure for a period long over is reported, whatever "expected" says around it
    ("Economists expect the U.S. trade deficit, which hit 169 billion dlrs last year, to "
     "narrow.", "1987-03-20", ("trade_balance", "USA", "WLD", "1986", Decimal("-169e9"))),
    # a provisional estimate for a period that is over is a fact (SCHEMA.md)
    ("India's trade deficit was provisionally estimated at 58.34 billion rupees in "
     "April-January.", "1987-03-19",
     ("trade_balance", "IND", "WLD", "1986-04/1987-01", Decimal("-58.34e9"))),
    # a comparison figure after a forecast
    ("Portugal expects a current account surplus of 500 mln dlrs this year, compared with "
     "1.13 billion in 1986.", "1987-04-03",
     ("current_account", "PRT", "WLD", "1986", Decimal("1.13e9"))),
]


@pytest.mark.parametrize(("text", "published", "expected"), REPORTED)
def test_figures_of_past_periods_are_reported(
    extractor: Extractor, text: str, published: str, expected: tuple[str, str, str, str, Decimal]
) -> None:
    facts = actual_facts(extractor, text, published)
    assert expected in keys(facts)
    fact = next(f for f in facts if f.value == expected[4])
    assert "assemble.modality.reported" in fact.rule_ids


def test_a_threshold_after_a_fall_stays_a_threshold(extractor: Extractor) -> None:
    text = "West German exports to the U.S. fell below four billion marks in January."
    assert actual_facts(extractor, text, "1987-03-16") == []


def test_an_increase_over_a_figure_compares_with_it(extractor: Extractor) -> None:
    text = (
        "Spain's trade deficit narrowed to 581 mln dlrs, a large increase over the 159 mln "
        "dlr deficit registered in February 1986."
    )
    assert ("trade_balance", "ESP", "WLD", "1986-02", Decimal("-159e6")) in keys(
        actual_facts(extractor, text, "1987-04-09"))


def test_a_forecast_for_a_month_not_yet_reported_stays_a_forecast(
    extractor: Extractor,
) -> None:
    text = "Economists expected the U.S. trade deficit to narrow to 13 billion dlrs in January."
    assert actual_facts(extractor, text, "1987-03-10") == []


def test_annualised_rates_stay_estimates(extractor: Extractor) -> None:
    text = "The U.S. current account deficit ran at an annual rate of 140 billion dlrs in 1986."
    assert actual_facts(extractor, text, "1987-06-01") == []


FORMS: list[tuple[str, str, tuple[str, str, str, str, Decimal]]] = [
    ("Exports edged up to $21.8 billion in September, the U.S. Commerce Department said.",
     "1987-11-20", ("exports", "USA", "WLD", "1987-09", Decimal("21.8e9"))),
    ("The drop, which pushed U.S. imports down to $206.7 billion in March, was led by oil.",
     "2008-05-10", ("imports", "USA", "WLD", "2008-03", Decimal("206.7e9"))),
    ("The U.S. trade deficit surged to $26.54 billion from July through September.",
     "1992-12-01", ("trade_balance", "USA", "WLD", "1992-Q3", Decimal("-26.54e9"))),
    ("The U.S. ended with a record $159.3-billion trade deficit for all of 1987.",
     "1988-02-25", ("trade_balance", "USA", "WLD", "1987", Decimal("-159.3e9"))),
    ("U.S. TRADE GAP AT $103B IN 1986", "1987-02-20",
     ("trade_balance", "USA", "WLD", "1986", Decimal("-103e9"))),
    ("China's exports in the last month of 2005 gained 18.2 percent to 75.41 billion dollars.",
     "2006-01-11", ("exports", "CHN", "WLD", "2005-12", Decimal("75.41e9"))),
    ("Japan's trade surplus rose. Japan exported 500 mln dlrs worth of goods to the United "
     "States in March.", "1987-04-10", ("exports", "JPN", "USA", "1987-03", Decimal("500e6"))),
    ("The U.S. trade imbalance with Japan, which last year amounted to 51.48 billion dlrs in "
     "Japan's favour, is a problem.", "1987-03-02",
     ("trade_balance", "JPN", "USA", "1986", Decimal("51.48e9"))),
    ("New Zealand's current account deficit will shrink from 2.40 billion N.Z. Dlrs in "
     "1986/87, after 3.33 billion in 1985/86.", "1987-03-18",
     ("current_account", "NZL", "WLD", "FY1986", Decimal("-3.33e9"))),
    # flows and partners in other words
    ("South Korea's trade surplus rose. Shipments to Japan totalled 1.18 billion dlrs in March, "
     "purchases from Japan 2.60 billion.", "1987-04-21",
     ("exports", "KOR", "JPN", "1987-03", Decimal("1.18e9"))),
    ("South Korea's trade surplus rose. Shipments to Japan totalled 1.18 billion dlrs in March, "
     "purchases from Japan 2.60 billion.", "1987-04-21",
     ("imports", "KOR", "JPN", "1987-03", Decimal("2.6e9"))),
    ("In April Belgium's excess of imports over exports was 9.8 billion francs.", "1987-07-10",
     ("trade_balance", "BEL", "WLD", "1987-04", Decimal("-9.8e9"))),
    ("France's trade deficit with the Germans widened to 41.3 billion francs in 1991.",
     "1992-02-18", ("trade_balance", "FRA", "DEU", "1991", Decimal("-41.3e9"))),
    ("Britain's trade deficit with the rest of the European Union narrowed to 2.3 billion "
     "pounds in June.", "2008-08-12",
     ("trade_balance", "GBR", "EUU", "2008-06", Decimal("-2.3e9"))),
    ("South Korea's March trade surplus was 400 mln dlrs. Its overall trade surplus for the "
     "quarter was 910 mln dlrs.", "1987-04-21",
     ("trade_balance", "KOR", "WLD", "1987-Q1", Decimal("910e6"))),
    # a possessive period owns the figure after it (and is the whole period)
    ("The U.S. trade deficit in July was $109.6 billion, higher than last "
     "year's $105.1 billion.", "1996-09-19",
     ("trade_balance", "USA", "WLD", "1995", Decimal("-105.1e9"))),
    ("The U.S. trade deficit narrowed in September from last year's record imbalance of "
     "$375.7 billion.", "2001-11-21", ("trade_balance", "USA", "WLD", "2000", Decimal("-375.7e9"))),
    ("Canada's December's exports dropped 9.7 per cent from November to $35.3 billion, 2.7 "
     "per cent below December 2007.", "2009-02-11",
     ("exports", "CAN", "WLD", "2008-12", Decimal("35.3e9"))),
    ("The U.S. trade deficit widened in November. November's deficit was up from $10.2 "
     "billion in October.", "1990-01-18",
     ("trade_balance", "USA", "WLD", "1989-10", Decimal("-10.2e9"))),
    # the owner between the figure and its phrase; 'racked up' is no change
    ("Europe faces the 170 billion dlr U.S. trade deficit of 1986.", "1987-06-15",
     ("trade_balance", "USA", "WLD", "1986", Decimal("-170e9"))),
    ("There was an 18 billion dlr EC trade deficit with Japan in 1986.", "1987-04-26",
     ("trade_balance", "EUU", "JPN", "1986", Decimal("-18e9"))),
    ("Japan racked up a 51.5 billion dlr trade surplus with the U.S. last year.", "1987-04-02",
     ("trade_balance", "JPN", "USA", "1986", Decimal("51.5e9"))),
    # a balance said as one flow's excess over the other, or as their difference
    ("Britain's imports exceeded exports by 1.2 billion pounds in May.", "1988-07-01",
     ("trade_balance", "GBR", "WLD", "1988-05", Decimal("-1.2e9"))),
    ("Japan's exports outpaced imports by 5.2 billion dlrs in March.", "1987-04-20",
     ("trade_balance", "JPN", "WLD", "1987-03", Decimal("5.2e9"))),
    ("In September the U.S. trade difference between imports and exports was $15.55 billion.",
     "1985-11-28", ("trade_balance", "USA", "WLD", "1985-09", Decimal("-15.55e9"))),
    ("The U.S. export-import shortfall was $101.98 billion in the first seven months.",
     "1986-08-30", ("trade_balance", "USA", "WLD", "1986-01/1986-07", Decimal("-101.98e9"))),
    ("The U.S. trade deficit widened. In October, the United States bought $17.6 billion more "
     "in goods from foreign countries than it sold.", "1987-12-11",
     ("trade_balance", "USA", "WLD", "1987-10", Decimal("-17.6e9"))),
    ("Japan's trade surplus grew. Japan exported 5.2 billion dlrs more than it imported in March.",
     "1987-04-20", ("trade_balance", "JPN", "WLD", "1987-03", Decimal("5.2e9"))),
    ("The U.S. trade deficit rose. The gap between what the U.S. sells abroad and what it "
     "imports rose to a record $763.6 billion last year, up 6.5 percent from the previous record "
     "of $716.7 billion in 2005.", "2007-02-14",
     ("trade_balance", "USA", "WLD", "2005", Decimal("-716.7e9"))),
    ("India's trade fell. The merchandise imports were down from $53.10 billion in June. In June "
     "2022, the number stood at $63.77 billion.", "2023-08-14",
     ("imports", "IND", "WLD", "2022-06", Decimal("63.77e9"))),
    ("West German trade rose. Exports in February, also in value terms, totalled 42.56 billion "
     "marks, 0.5 pct less than in February 1986.", "1987-03-26",
     ("exports", "DEU", "WLD", "1987-02", Decimal("42.56e9"))),
    ("By country, the U.S. goods trade deficit with Japan surged 49.0 percent in March to $6.77 "
     "billion, with exports hitting a record $7.26 billion.", "2022-05-04",
     ("exports", "USA", "JPN", "2022-03", Decimal("7.26e9"))),
    # a balance named in the phrase's own words; a second subject after 'and'; a fronted period
    ("TURKEY CURRENT ACCOUNT DEFICIT WIDENS\n\nTurkey's current account deficit widened in July "
     "to 674 mln dlrs. The cumulative trade position in July showed a 1.85 billion dlr deficit.",
     "1987-10-19", ("trade_balance", "TUR", "WLD", "1987-01/1987-07", Decimal("-1.85e9"))),
    ("West German trade rose in February. In February 1986 the current account had shown a 6.85 "
     "billion mark surplus and the trade account a 6.84 billion surplus.", "1987-03-26",
     ("current_account", "DEU", "WLD", "1986-02", Decimal("6.85e9"))),
    ("West German trade rose in February. In February 1986 the current account had shown a 6.85 "
     "billion mark surplus and the trade account a 6.84 billion surplus.", "1987-03-26",
     ("trade_balance", "DEU", "WLD", "1986-02", Decimal("6.84e9"))),
]


@pytest.mark.parametrize(("text", "published", "expected"), FORMS)
def test_forms(
    extractor: Extractor, text: str, published: str, expected: tuple[str, str, str, str, Decimal]
) -> None:
    assert expected in keys(actual_facts(extractor, text, published))


def test_a_figure_in_two_currencies_is_one_fact_in_the_reporters(extractor: Extractor) -> None:
    facts = actual_facts(
        extractor, "Britain's trade deficit widened to $2.9 billion (1.61 billion pounds) in May.",
        "1988-07-01")
    assert keys(facts) == {("trade_balance", "GBR", "WLD", "1988-05", Decimal("-1.61e9"))}
    assert facts[0].currency == "GBP"
    facts = actual_facts(
        extractor, "The U.S. trade deficit with Japan was $5.8 billion (600 billion yen) in "
        "March.", "1994-05-20")
    assert [(f.currency, f.value) for f in facts] == [("USD", Decimal("-5.8e9"))]


def test_from_to_with_conversions(extractor: Extractor) -> None:
    text = (
        "EU exports to China rose from 66 billion euro ($86.2 billion) in the first six months "
        "of 2011 to 73 billion euro ($95.3 billion) in the first half of 2012."
    )
    facts = actual_facts(extractor, text, "2012-09-19")
    assert keys(facts) == {
        ("exports", "EUU", "CHN", "2011-01/2011-06", Decimal("66e9")),
        ("exports", "EUU", "CHN", "2012-01/2012-06", Decimal("73e9")),
    }


def test_a_pronoun_goes_on_from_the_last_figure(extractor: Extractor) -> None:
    text = (
        "Last year South Korea's current account surplus was 4.65 billion dlrs. It widened to "
        "622 mln dlrs in January from 484 mln in December and compared with a deficit of 334 "
        "mln in January 1986."
    )
    assert ("current_account", "KOR", "WLD", "1987-01", Decimal("622e6")) in keys(
        actual_facts(extractor, text, "1987-03-02"))


def test_a_pronoun_after_an_opening_period(extractor: Extractor) -> None:
    text = (
        "Britain's current account deficit was 22.3 billion pounds in the first quarter. "
        "In the second quarter, it stood at 23.2 billion pounds ($31 billion)."
    )
    assert ("current_account", "GBR", "WLD", "2017-Q2", Decimal("-23.2e9")) in keys(
        actual_facts(extractor, text, "2017-09-29"))


def test_a_period_closes_the_item_before_and(extractor: Extractor) -> None:
    text = (
        "The figures showed a $43-billion U.S. trade deficit for the fourth quarter and a "
        "$171.2-billion shortfall for all of 1987."
    )
    assert keys(actual_facts(extractor, text, "1988-02-25")) == {
        ("trade_balance", "USA", "WLD", "1987-Q4", Decimal("-43e9")),
        ("trade_balance", "USA", "WLD", "1987", Decimal("-171.2e9")),
    }


def test_so_far_this_year_runs_from_january(extractor: Extractor) -> None:
    text = (
        "Brazil's trade surplus was 1.2 billion dlrs in September. So far this year the "
        "surplus has totalled 10.4 billion dlrs, but the September surplus was the best so far "
        "this year, at 1.49 billion dlrs."
    )
    found = keys(actual_facts(extractor, text, "1987-10-20"))
    assert ("trade_balance", "BRA", "WLD", "1987-01/1987-09", Decimal("10.4e9")) in found
    assert ("trade_balance", "BRA", "WLD", "1987-09", Decimal("1.49e9")) in found


def test_a_cumulative_months_figure_runs_from_january(extractor: Extractor) -> None:
    text = (
        "France's February trade deficit was 2.4 billion francs and the two-month cumulative "
        "trade deficit 8.1 billion."
    )
    found = keys(actual_facts(extractor, text, "1987-03-16"))
    assert ("trade_balance", "FRA", "WLD", "1987-01/1987-02", Decimal("-8.1e9")) in found
    assert ("trade_balance", "FRA", "WLD", "1987-02", Decimal("-2.4e9")) in found


def test_a_forecast_for_the_current_fiscal_year_stays_one(extractor: Extractor) -> None:
    text = (
        "Indonesia projected its current account deficit will widen to over four billion dlrs "
        "in the current financial year ending March 31 from 1.8 billion in 1985/86."
    )
    assert keys(actual_facts(extractor, text, "1987-03-19")) == {
        ("current_account", "IDN", "WLD", "FY1986", Decimal("-1.8e9"))}


def test_two_way_trade_is_no_fact(extractor: Extractor) -> None:
    text = "Japan's exports and imports totalled 300 billion dlrs in 1986."
    assert actual_facts(extractor, text, "1987-03-02") == []


def test_each_figure_of_a_list_takes_its_own_partner(extractor: Extractor) -> None:
    text = (
        "The U.S. had trade deficits of $22.2 billion with Canada, $13.1 billion with Taiwan and "
        "$9.8 billion with Germany in 1987."
    )
    partners = {f.partner: f.value for f in actual_facts(extractor, text, "1988-02-20")}
    assert partners == {
        "CAN": Decimal("-22.2e9"), "TWN": Decimal("-13.1e9"), "DEU": Decimal("-9.8e9")
    }


def test_a_partner_named_before_its_figure_in_a_list(extractor: Extractor) -> None:
    text = (
        "The U.S. had trade deficits with three of its Asian partners -- South Korea "
        "7.1 billion dlrs, Hong Kong 6.4 billion and China 2.1 billion -- in 1986."
    )
    partners = {f.partner for f in actual_facts(extractor, text, "1987-04-17")}
    assert partners == {"KOR", "HKG", "CHN"}


def test_a_conversion_sets_no_currency_for_the_bare_amounts_after_it(
    extractor: Extractor,
) -> None:
    text = (
        "EU exports to China rose from 26 billion euro ($33.9 billion) in 2000 to 136 billion "
        "($177.6 billion) in 2011."
    )
    facts = actual_facts(extractor, text, "2012-09-19")
    assert {(f.period, f.currency) for f in facts} == {("2000", "EUR"), ("2011", "EUR")}


def test_a_product_story_keeps_its_totals_and_balances(extractor: Extractor) -> None:
    text = (
        "JAPAN CAR EXPORTS FALL IN MARCH\n\nJapan's total exports rose to 20 billion dlrs in "
        "March, and its trade surplus was 8 billion dlrs."
    )
    assert keys(actual_facts(extractor, text, "1987-04-20")) == {
        ("exports", "JPN", "WLD", "1987-03", Decimal("20e9")),
        ("trade_balance", "JPN", "WLD", "1987-03", Decimal("8e9")),
    }


def modalities(extractor: Extractor, text: str, published: str) -> dict[Decimal, str]:
    return {abs(f.value): f.modality for f in all_facts(extractor, text, published)}


def test_a_figure_for_a_period_not_yet_begun_is_a_forecast(extractor: Extractor) -> None:
    text = (
        "The U.S. trade deficit shrank. He said the deficit might fall to 145 billion dlrs this "
        "year from 165 billion in 1986 and further improve to 120 billion in 1988."
    )
    found = modalities(extractor, text, "1987-04-02")
    assert found[Decimal("120e9")] == "forecast"
    assert found[Decimal("165e9")] == "actual"


def test_a_figure_listed_after_a_forecast_shares_it(extractor: Extractor) -> None:
    text = (
        "Taiwan's trade surplus rose. Exports this year are expected to total 50 billion dlrs "
        "and imports 30 billion. In 1986 exports totalled 39.8 billion dlrs and imports 24.2 "
        "billion."
    )
    found = modalities(extractor, text, "1987-10-02")
    assert found[Decimal("30e9")] == "forecast"
    assert found[Decimal("24.2e9")] == "actual"


@pytest.mark.parametrize(
    ("text", "published", "forecast_period", "comparison_period"),
    [
        (  # the coming quarter: it begins the month after publication
            "Korea's exports in the April-June quarter are expected to rise to 14.2 billion "
            "dlrs from 11.9 billion a year earlier.",
            "1987-03-30", "1987-Q2", "1986-Q2",
        ),
        (  # a month said with its year stays that month
            "Korea's exports in June 1986 are expected to be revised to 4.2 billion dlrs "
            "from 3.9 billion a year earlier.",
            "1987-03-30", None, "1985-06",
        ),
    ],
)
def test_a_forecast_for_a_yearless_period_is_for_the_coming_one(
    extractor: Extractor, text: str, published: str, forecast_period: str | None,
    comparison_period: str,
) -> None:
    found = all_facts(extractor, text, published)
    forecasts = [f.period for f in found if f.modality != "actual"]
    assert forecasts == ([forecast_period] if forecast_period else [])
    assert comparison_period in {f.period for f in found if f.modality == "actual"}


def test_a_forecast_for_a_month_long_past_keeps_it(extractor: Extractor) -> None:
    text = ("Korea's January trade figures, due next week, are expected to show a deficit of "
            "300 mln dlrs.")
    found = all_facts(extractor, text, "1987-02-10")
    assert [(f.period, f.modality) for f in found] == [("1987-01", "forecast")]


def test_trade_losses_are_a_deficit(extractor: Extractor) -> None:
    text = ("U.S. TRADE\n\nThe nation's trade losses grew to $12.3 billion in May from "
            "$10.1 billion in April.")
    assert keys(actual_facts(extractor, text, "1989-06-15")) == {
        ("trade_balance", "USA", "WLD", "1989-05", Decimal("-12.3e9")),
        ("trade_balance", "USA", "WLD", "1989-04", Decimal("-10.1e9")),
    }


def test_an_old_records_year_is_not_the_storys_period(extractor: Extractor) -> None:
    text = ("U.S. TRADE\n\nThe Commerce Department reported the trade figures for December. "
            "The deficit for the year was $137.3 billion, below the old record of $153.3 "
            "billion set in 1987.")
    assert keys(actual_facts(extractor, text, "1989-02-15")) == {
        ("trade_balance", "USA", "WLD", "1988", Decimal("-137.3e9")),
        ("trade_balance", "USA", "WLD", "1987", Decimal("-153.3e9")),
    }


def test_a_period_inside_a_parenthesis_is_the_amount_after_it(extractor: Extractor) -> None:
    text = "Korea Feb trade surplus 1.38 billion dlrs (Jan 0.95 billion surplus)\n\n"
    assert {(f.period, f.value) for f in actual_facts(extractor, text, "1987-03-27")} == {
        ("1987-02", Decimal("1.38e9")), ("1987-01", Decimal("0.95e9"))}


def test_a_conversion_in_parenthesis_leaves_the_period_after_it(extractor: Extractor) -> None:
    text = ("EU exports to China rose from 66 billion euro ($86.2 billion) in the first six "
            "months of 2011 to 73 billion euro ($95.3 billion) in the first six months of 2012.")
    assert {(f.period, f.value) for f in actual_facts(extractor, text, "2012-09-10")} == {
        ("2011-01/2011-06", Decimal("66e9")), ("2012-01/2012-06", Decimal("73e9"))}


def test_the_whole_of_a_year_is_the_year(extractor: Extractor) -> None:
    text = ("Italy's trade shortfall, at 7.6 billion lire in the first 11 months of 1986 "
            "against 5.1 billion for the whole of 1985, worried the minister.")
    assert {(f.period, f.value) for f in actual_facts(extractor, text, "1987-03-11")} == {
        ("1986-01/1986-11", Decimal("-7.6e9")), ("1985", Decimal("-5.1e9"))}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a pronoun goes on from a forecast too
            "Chile's current account deficit was seen at 934 mln dlrs in 1987. It was 696 mln "
            "dlrs in 1986.",
            {("current_account", "CHL", "WLD", "1986", Decimal("-696e6"))},
        ),
        (  # a sentence with no figure between: 'it' is something of that sentence
            "Chile's imports rose to 2.1 billion dlrs in 1986. An official attributed the rise "
            "to domestic investment. It grew to 1.5 billion dlrs in 1986.",
            {("imports", "CHL", "WLD", "1986", Decimal("2.1e9"))},
        ),
        (  # 'it said': a speaker, not the figure before
            "Chile's trade surplus rose to 1.1 billion dlrs in 1986. It said it saw Peru post a "
            "300 mln dlr payments surplus in 1986.",
            {("trade_balance", "CHL", "WLD", "1986", Decimal("1.1e9"))},
        ),
    ],
)
def test_what_a_pronoun_goes_on_from(
    extractor: Extractor, text: str,
    expected: set[tuple[str, str, str, str | None, Decimal]],
) -> None:
    assert keys(actual_facts(extractor, text, "1987-04-24")) == expected


def test_a_balance_whose_sector_follows_it_is_that_sectors(extractor: Extractor) -> None:
    text = ("UK TRADE\n\nThe surplus on oil trade was 4.0 billion stg in 1986, while the deficit "
            "on non-oil trade increased to 12 billion. Britain's deficit in 1986 was 8.2 "
            "billion stg.")
    assert keys(actual_facts(extractor, text, "1987-03-05")) == {
        ("trade_balance", "GBR", "WLD", "1986", Decimal("-8.2e9"))}


def test_a_period_saying_when_another_begins_is_not_the_figures(extractor: Extractor) -> None:
    text = ("Korea's trade surplus widened in the first six months of fiscal 1986, which began "
            "in April, to a record $6.29 billion.")
    assert [f.period for f in actual_facts(extractor, text, "1986-10-14")] == [
        "1986-04/1986-09"]


@pytest.mark.parametrize(
    "text",
    [
        "Brazil's monthly trade surpluses averaged 1.1 billion dlrs in 1986.",
        "Brazil's trade deficit ran at a monthly average of $9.9 billion during 1986.",
    ],
)
def test_an_average_is_no_periods_figure(extractor: Extractor, text: str) -> None:
    assert actual_facts(extractor, text, "1987-03-01") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Re-exports fell 11.6 pct to 10.62 billion H.K. dlrs in February.", set()),
        ("Hong Kong's total exports, including re-exports, rose to 48.27 billion H.K. dlrs in "
         "February.", {("exports", "HKG", "WLD", "1987-02", Decimal("48.27e9"))}),
        ("Hong Kong's exports and re-exports fell to 37.2 billion H.K. dlrs in February.",
         {("exports", "HKG", "WLD", "1987-02", Decimal("37.2e9"))}),
    ],
)
def test_re_exports_are_a_part_of_exports(
    extractor: Extractor, text: str, expected: set[tuple[str, str, str, str | None, Decimal]],
) -> None:
    assert keys(actual_facts(extractor, "HONG KONG TRADE\n\n" + text, "1987-03-26")) == expected


def test_trade_as_the_subject_of_a_bare_balance(extractor: Extractor) -> None:
    text = ("U.K. TRADE\n\nThe current account was in deficit by 760 mln stg in the fourth "
            "quarter. For 1986 as a whole, visible trade was in deficit by 8.3 billion stg.")
    found = {(f.indicator, f.value) for f in actual_facts(extractor, text, "1987-03-05")}
    assert found == {("current_account", Decimal("-760e6")),
                     ("trade_balance", Decimal("-8.3e9"))}


def test_a_sign_word_right_after_the_amount_signs_a_neutral_balance(
    extractor: Extractor,
) -> None:
    text = ("SWEDEN TRADE\n\nThe December current account had a 100 mln crowns deficit. "
            "December trade balance was 2.3 billion surplus.")
    found = {(f.indicator, f.value) for f in actual_facts(extractor, text, "1987-03-03")}
    assert ("trade_balance", Decimal("2.3e9")) in found


def test_a_change_takes_the_storys_figure_for_the_period_before(extractor: Extractor) -> None:
    text = ("U.S. TRADE\n\nThe U.S. trade deficit narrowed to $11.5 billion in October. In "
            "September, the difference between imports and exports was $15.55 billion. "
            "Exports were $20.1 billion in October.")
    found = {f.period: (f.previous_value, f.previous_period)
             for f in actual_facts(extractor, text, "1985-11-28") if f.indicator == "trade_balance"}
    assert found == {"1985-10": (Decimal("-15.55e9"), "1985-09"), "1985-09": (None, None)}


def test_a_change_said_against_another_months_figure_is_the_subjects(
    extractor: Extractor,
) -> None:
    text = ("U.S. TRADE\n\nThe trade deficit swelled to $11.7 billion in July. The department "
            "said the July deficit was a sharp 43 percent higher than the June imbalance of "
            "$8.2 billion.")
    found = {f.period: f.change_pct for f in actual_facts(extractor, text, "1996-09-19")}
    assert found == {"1996-07": Decimal(43), "1996-06": None}


def test_a_period_before_a_flow_is_that_flows_not_the_figure_befores(
    extractor: Extractor,
) -> None:
    text = ("GERMAN TRADE\n\nThe trade surplus rose to 10.6 billion marks in May. Exports rose "
            "6.6 pct to 43.31 billion marks, while May imports of 32.76 billion marks had risen "
            "only 0.8 pct in the year.")
    found = {(f.indicator, f.period) for f in actual_facts(extractor, text, "1987-06-30")}
    assert found == {("trade_balance", "1987-05"), ("exports", "1987-05"),
                     ("imports", "1987-05")}


@pytest.mark.parametrize(
    "text",
    [
        "He said there was a coffee shortfall of nine mln (60-kg) bags on the world market in "
        "1986.",
        "Brazil must recover its trade surplus to the 12 billion dollars average recorded in "
        "1984 and 1985.",
        "Japanese export-linked firms went bankrupt with cumulative debts of 660.53 billion "
        "yen in 1986.",
        "Despite its trade surplus, in the past two years Brazil had remitted 24 billion dlrs "
        "to its creditors.",
    ],
)
def test_volumes_averages_and_debts_are_no_trade_figures(extractor: Extractor,
                                                         text: str) -> None:
    assert actual_facts(extractor, text, "1987-04-01") == []


def test_the_period_a_change_is_measured_on_is_not_the_figures(extractor: Extractor) -> None:
    text = ("SWEDEN\n\nThe institute predicted a rise in Swedish exports by 2.2 pct to 277.72 "
            "billion crowns, with imports up 2.9 pct on 1986 to 247.51 billion.")
    assert all(f.period != "1986" for f in all_facts(extractor, text, "1987-04-01"))


def test_a_monthly_figure_over_several_months_is_an_average(extractor: Extractor) -> None:
    text = ("BRAZIL\n\nBrazil's monthly trade surplus had declined to some 150 mln dlrs in the "
            "fourth quarter of 1986. Japan's monthly trade surplus hit 9.1 billion dlrs in "
            "March.")
    assert [(f.reporter, f.period) for f in actual_facts(extractor, text, "1987-04-01")] == [
        ("JPN", "1987-03")]


def test_a_plural_possessive_name_owns_the_figure(extractor: Extractor) -> None:
    text = ("Records showed that Grummans' sales to Saudi Arabia during 1986 totaled 4.2 billion "
            "dlrs.")
    assert actual_facts(extractor, text, "1987-10-01") == []


def test_a_flow_in_a_parenthesis_after_a_product_is_its_trade(extractor: Extractor) -> None:
    text = ("U.S. TARIFFS ON JAPANESE GOODS\n\nThe list includes complete colour television sets "
            "(1986 imports worth 90 mln dlrs). Japan's exports rose to 20.1 billion dlrs in "
            "March.")
    assert [f.value for f in actual_facts(extractor, text, "1987-04-17")] == [Decimal("20.1e9")]


def test_a_sector_subject_owns_every_balance_of_its_clause(extractor: Extractor) -> None:
    text = ("FRANCE\n\nFrance posted a trade deficit of 400 mln francs in February. Farm and food "
            "trade showed a two billion franc surplus after a surplus of 2.4 billion in January, "
            "while industrial trade showed a surplus of 1.4 billion francs.")
    assert [f.value for f in actual_facts(extractor, text, "1987-03-16")] == [Decimal("-400e6")]


def test_a_comparison_with_a_dropped_figure_is_dropped_with_it(extractor: Extractor) -> None:
    text = ("BRAZIL\n\nBrazil's September trade surplus was 1.49 billion dlrs. Coffee accounted "
            "for 320 mln dlrs of exports, up from 222 mln dlrs in August.")
    outcomes = extractor.explain(Article(id="t", text=text, published=dt.date(1987, 10, 20)))
    assert [(o.text, o.outcome) for o in outcomes] == [
        ("1.49 billion dlrs", "fact"), ("320 mln dlrs", "dropped"), ("222 mln dlrs", "dropped")]
    assert outcomes[1].rule_id == outcomes[2].rule_id


@pytest.mark.parametrize(
    ("text", "currency"),
    [
        ("OTTAWA -- Statistics Canada said Canada's trade surplus was $1 billion in February.",
         "CAD"),
        ("OTTAWA -- Canada's trade surplus was 1 billion dlrs in February.", "USD"),
        ("OTTAWA -- Canada's trade surplus was US$1 billion in February.", "USD"),
        ("WASHINGTON -- The U.S. trade deficit was $1 billion in February.", "USD"),
    ],
)
def test_a_dollar_sign_in_a_story_of_a_dollar_economy(extractor: Extractor, text: str,
                                                     currency: str) -> None:
    assert [f.currency for f in actual_facts(extractor, text, "2021-04-06")] == [currency]


def test_a_comparison_is_of_its_main_figures_flow(extractor: Extractor) -> None:
    text = ("U.S. TRADE\n\nThe U.S. merchandise trade deficit widened to $34.39 billion in the "
            "second quarter from $29.31 billion in the first quarter.")
    assert {f.period: f.flow for f in actual_facts(extractor, text, "1993-09-15")} == {
        "1993-Q2": "goods", "1993-Q1": "goods"}


def test_the_balance_of_the_sentence_before_keeps_its_partner(extractor: Extractor) -> None:
    text = ("TAIWAN\n\nTaiwan's trade surplus with the U.S. hit 13.6 billion dlrs last year. The "
            "surplus widened in the first two months of the year to 2.35 billion dlrs. Exports "
            "rose to 8.1 billion dlrs in February.")
    found = {(f.indicator, f.partner, f.value) for f in actual_facts(extractor, text,
                                                                     "1987-03-10")}
    assert found == {("trade_balance", "USA", Decimal("13.6e9")),
                     ("trade_balance", "USA", Decimal("2.35e9")),
                     ("exports", "WLD", Decimal("8.1e9"))}


@pytest.mark.parametrize("low", ["an eight-year low", "a 12-month low", "a five year low"])
def test_an_n_year_low_is_lowest(extractor: Extractor, low: str) -> None:
    text = f"U.S. TRADE\n\nThe nation's trade deficit fell 35% to {low} of $66.2 billion in 1991."
    assert [f.qualifiers for f in actual_facts(extractor, text, "1992-02-21")] == [("lowest",)]


def test_a_percent_after_or_restates_the_change(extractor: Extractor) -> None:
    text = ("U.S. TRADE\n\nImports increased $2.8 billion during the fourth quarter, or 3%, to "
            "total $95.7 billion. Exports fell $1.6 billion, also 3%, to $57.3 billion.")
    found = {f.indicator: f.change_pct for f in actual_facts(extractor, text, "1987-03-11")}
    assert found == {"imports": Decimal(3), "exports": Decimal(-3)}


def test_a_listed_component_takes_the_nearest_flow_before_it(extractor: Extractor) -> None:
    text = ("U.S. TRADE\n\nExports decreased to $170.9 billion in June. Goods were $121.2 billion "
            "in June, and services were $49.6 billion in June.")
    found = {f.value: f.flow for f in actual_facts(extractor, text, "2011-08-11")}
    assert found[Decimal("121.2e9")] == "goods"
    assert found[Decimal("49.6e9")] == "services"
