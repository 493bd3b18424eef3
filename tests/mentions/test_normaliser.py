"""The normaliser's cached values are the parsers' values, periods per publication date."""

from __future__ import annotations

import datetime as dt

import pytest
import spacy
from spacy.tokens import Span

from newsfacts.mentions import component
from newsfacts.mentions.component import MentionNormaliser, normalise_text, period_value
from newsfacts.mentions.extensions import value_key_is_spacys
from newsfacts.mentions.money import parse_money
from newsfacts.mentions.percent import parse_percent
from newsfacts.mentions.periods import resolve_period

CASES: list[tuple[str, str]] = [
    ("MONEY", "7.46 bln dlrs"),
    ("MONEY", "HK $3.7 billion"),
    ("MONEY", "no money here"),
    ("PERCENT", "18.5%"),
    ("POINTS", "1.5 percentage points"),
]


@pytest.mark.parametrize(("label", "text"), CASES)
def test_values_are_the_parsers(label: str, text: str) -> None:
    expected = parse_money(text) if label == "MONEY" else parse_percent(text)
    assert normalise_text(label, text) == expected
    assert normalise_text(label, text) == expected  # from the cache


PERIODS: list[tuple[str, tuple[str, ...], str]] = [
    ("period.month", ("march",), "March"),
    ("period.rel-year", ("last", "year"), "last year"),
    ("period.shift.a-year-earlier", ("a", "year", "earlier"), "a year earlier"),
]


@pytest.mark.parametrize(("pattern_id", "words", "text"), PERIODS)
def test_period_values_are_the_resolvers(
        pattern_id: str, words: tuple[str, ...], text: str) -> None:
    published = dt.date(1994, 5, 20)
    expected = resolve_period(pattern_id, words, text, published)
    assert expected is not None
    assert period_value(pattern_id, words, text, published) == expected
    assert period_value(pattern_id, words, text, published) == expected  # from the cache


def test_periods_resolve_against_their_own_publication_date() -> None:
    words = ("last", "year")
    first = period_value("period.rel-year", words, "last year", dt.date(1994, 5, 20))
    second = period_value("period.rel-year", words, "last year", dt.date(1987, 4, 1))
    assert first is not None and second is not None
    assert (first.code, second.code) == ("1993", "1986")
    assert period_value("period.rel-year", words, "last year", None) is None


@pytest.mark.parametrize("direct", [True, False], ids=["user_data", "underscore"])
def test_normaliser_keeps_values_and_drops_what_does_not_normalise(
        direct: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """Values written straight to spaCy's key, or through ``span._`` where spaCy keeps them
    elsewhere, read back the same through ``span._.nf_value``."""
    assert value_key_is_spacys()  # the spaCy newsfacts pins: the fast path is taken
    monkeypatch.setattr(component, "value_key_is_spacys", lambda: direct)
    normaliser = MentionNormaliser()  # declares the nf_ attributes
    doc = spacy.blank("en").make_doc("It rose 5 dlrs in blurb, to Japan.")
    doc._.nf_published = dt.date(1987, 4, 1)
    doc.spans["nf_mentions"] = [
        Span(doc, 2, 4, label="MONEY", span_id="money.word"),
        Span(doc, 5, 6, label="PERIOD", span_id="period.month"),  # 'blurb': no period
        Span(doc, 8, 9, label="PLACE", span_id="place.JPN"),
        Span(doc, 1, 2, label="CUE", span_id="chg.up#3"),
    ]
    doc = normaliser(doc)
    values = {span.text: span._.nf_value for span in doc.spans["nf_mentions"]}
    assert list(values) == ["5 dlrs", "Japan", "rose"]
    assert values["Japan"] == "JPN" and values["rose"] == "chg.up"
    assert values["5 dlrs"] == parse_money("5 dlrs")


def test_normaliser_makes_the_group_where_there_is_none() -> None:
    doc = MentionNormaliser()(spacy.blank("en").make_doc("Nothing here."))
    assert list(doc.spans["nf_mentions"]) == []
