"""What the words around a money or percentage mention add (newsfacts.mentions.context).

Sentences written for these tests; each row: the sentence, then every MONEY / PERCENT
mention expected as (text, value, low, high, per, currency or kind).
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from spacy.language import Language

from newsfacts.mentions.records import read_mentions
from newsfacts.pipeline import build_pipeline

Row = tuple[str, str | None, str | None, str | None, str | None, str | None]

CASES: list[tuple[str, list[Row]]] = [
    # rates and prices: the denominator after the amount
    ("Oil was quoted at $52 a barrel on Monday.", [("$52", "52", None, None, "barrel", "dollar")]),
    ("The plan costs $14.95 a month.", [("$14.95", "14.95", None, None, "month", "dollar")]),
    ("It paid C $6 (US $4.46) per share in cash.",
     [("C $6", "6", None, None, "share", "CAD"), ("US $4.46", "4.46", None, None, None, "USD")]),
    ("A higher, $ 70 - a - share price.", [("$ 70", "70", None, None, "share", "dollar")]),
    ("Fees rose by up to £24 a-year .", [("£24", "24", None, None, "year", "GBP")]),
    ("Offices let at $80 per sq m.", [("$80", "80", None, None, "square metre", "dollar")]),
    ("Sales grow about five percent a year.",
     [("five percent", "5", None, None, "year", "percent")]),
    ("It has grown at 15 % per annum.", [("15 %", "15", None, None, "year", "percent")]),
    # a time that dates is no rate
    ("Exports were 5 billion dlrs a year earlier.",
     [("5 billion dlrs", "5000000000", None, None, None, "dollar")]),
    ("Imports were 2 billion dlrs a year ago.",
     [("2 billion dlrs", "2000000000", None, None, None, "dollar")]),
    # ranges of two amounts become one mention with both ends
    ("Prices range from $370,000 to $5.5 million.",
     [("$370,000 to $5.5 million", "5500000", "370000", "5500000", None, "dollar")]),
    ("People earning between $48,000 and $90,000 a year.",
     [("$48,000 and $90,000", "90000", "48000", "90000", "year", "dollar")]),
    ("Expect 5% to 10% improvement.", [("5% to 10%", "10", "5", "10", None, "percent")]),
    ("Prices will increase between 5% and 6%.", [("5% and 6%", "6", "5", "6", None, "percent")]),
    ("A fine of $3 billion to $5 billion.",
     [("$3 billion to $5 billion", "5000000000", "3000000000", "5000000000", None, "dollar")]),
    # not after a change word or a verb: a previous value (or a change) and a level
    ("Exports rose from $5 billion to $6 billion.",
     [("$5 billion", "5000000000", None, None, None, "dollar"),
      ("$6 billion", "6000000000", None, None, None, "dollar")]),
    ("Imports fell 2 billion dlrs to 5 billion dlrs.",
     [("2 billion dlrs", "2000000000", None, None, None, "dollar"),
      ("5 billion dlrs", "5000000000", None, None, None, "dollar")]),
    ("Imports have suffered, slumping from around 800 mln dlrs to 200 mln, as credits ran out.",
     [("800 mln dlrs", "800000000", None, None, None, "dollar"),
      ("200 mln", "200000000", None, None, None, None)]),
    ("Hextar added 15 sen to RM2.70 today.",
     [("15 sen", "0.15", None, None, None, "MYR"), ("RM2.70", "2.70", None, None, None, "MYR")]),
    # one range span keeps its ends, except after a month (a date, then an amount)
    ("Guidance was $10 to $15 billion.",
     [("$10 to $15 billion", "15000000000", "10000000000", "15000000000", None, "dollar")]),
    ("In the week ended March 4 to 2.3 billion dlrs.",
     [("4 to 2.3 billion dlrs", "2300000000", None, None, None, "dollar")]),
    # alternatives are two amounts
    ("Dinner costs eight or nine euros in the evening.",
     [("eight", "8", None, None, None, "EUR"), ("nine euros", "9", None, None, None, "EUR")]),
    # compound amounts
    ("It costs 15 dollars 50.", [("15 dollars 50", "15.50", None, None, None, "dollar")]),
    ("It costs 15 dollars and 50.", [("15 dollars and 50", "15.50", None, None, None, "dollar")]),
    ("If they had just 15 USD 50 more.", [("15 USD 50", "15.50", None, None, None, "USD")]),
    ("Two notes: 50 dollar 50 dollar",
     [("50 dollar", "50", None, None, None, "dollar"),
      ("50 dollar", "50", None, None, None, "dollar")]),
    ("Two notes: 50 dollar 40 rmb",
     [("50 dollar", "50", None, None, None, "dollar"), ("40 rmb", "40", None, None, None, "CNY")]),
    # minor units and crypto
    ("Crude was up 19 cents at US $58.24 per barrel.",
     [("19 cents", "0.19", None, None, None, "dollar"),
      ("US $58.24", "58.24", None, None, "barrel", "USD")]),
    ("A bid of 470 pence a share.", [("470 pence", "4.70", None, None, "share", "GBP")]),
    ("Each block mined is now 6.25 BTC.", [("6.25 BTC", "6.25", None, None, None, "BTC")]),
    ("The dose was 0.5 R per day.", []),
]


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_pipeline()


def _rows(nlp: Language, text: str) -> list[Row]:
    doc = nlp(text, disable=["newsfacts_facts"])
    rows: list[Row] = []
    for mention in read_mentions(doc):
        record = mention.money or mention.percent
        if record is None:
            continue
        unit = mention.money.currency if mention.money else mention.percent.kind  # type: ignore[union-attr]
        rows.append((mention.text, _s(record.value), _s(record.low), _s(record.high), record.per,
                     unit))
    return rows


def _s(value: Decimal | None) -> str | None:
    return None if value is None else format(value.normalize(), "f")


def _norm(rows: list[Row]) -> list[Row]:
    return [(t, *(None if v is None else format(Decimal(v).normalize(), "f")
                  for v in (value, low, high)), per, unit)
            for t, value, low, high, per, unit in rows]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_mentions_in_context(nlp: Language, text: str, expected: list[Row]) -> None:
    assert _rows(nlp, text) == _norm(expected)


def test_a_joined_range_is_never_a_fact(nlp: Language) -> None:
    """A range of two amounts carries a range rule id, which the rule layer drops."""
    doc = nlp("Japan's trade surplus will be between $48 billion and $50 billion in 1987.")
    ids = [m.rule_id for m in read_mentions(doc) if m.label == "MONEY"]
    assert ids == ["money.range-join"]
    assert doc._.nf_facts == []
