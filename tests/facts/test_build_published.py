"""facts.build.to_fact: each fact carries its document's publication date."""

from __future__ import annotations

import datetime as dt

import pytest

from newsfacts.extractor import Extractor
from newsfacts.schema import Article

TEXT = ("The U.S. trade deficit narrowed 18.5% to $7.46 billion in March, the Commerce "
        "Department said. Exports rose to $42.17 billion.")


@pytest.mark.parametrize("published", [dt.date(1994, 5, 20), None])
def test_every_fact_carries_the_articles_date(extractor: Extractor,
                                              published: dt.date | None) -> None:
    facts = extractor.extract(Article(id="a", text=TEXT, published=published))
    assert len(facts) == 2
    assert {fact.published for fact in facts} == {published}


def test_the_date_is_not_a_gold_field(extractor: Extractor) -> None:
    [fact, _] = extractor.extract(Article(id="a", text=TEXT, published=dt.date(1994, 5, 20)))
    assert "published" not in fact.to_gold()
    assert fact.model_dump(mode="json")["published"] == "1994-05-20"
