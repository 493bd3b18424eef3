"""Mentions as records: the normalised value sits in the field of its kind."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from newsfacts.extractor import Extractor
from newsfacts.mentions.records import read_mentions
from newsfacts.schema import Article


def test_read_mentions() -> None:
    text = "Japan's trade surplus rose 5.2 pct to 7.46 billion dlrs in March."
    extractor = Extractor()
    doc = extractor.make_doc(Article(id="t", text=text, published=dt.date(1994, 5, 20)))
    for _, component in extractor.nlp.pipeline:
        doc = component(doc)
    mentions = {m.label: m for m in read_mentions(doc)}
    assert mentions["PLACE"].place is not None and mentions["PLACE"].place.iso3 == "JPN"
    assert mentions["MONEY"].money is not None
    assert mentions["MONEY"].money.value == Decimal("7.46e9")
    assert mentions["PERCENT"].percent is not None
    assert mentions["PERCENT"].percent.value == Decimal("5.2")
    assert mentions["PERIOD"].period is not None and mentions["PERIOD"].period.code == "1994-03"
    money = mentions["MONEY"]
    assert text[money.start_char : money.end_char] == money.text == "7.46 billion dlrs"
    assert money.rule_id.startswith("money.")
    assert all(m.rule_id for m in mentions.values())
