"""The newsfacts_facts component: the rule layer runs only on docs with a money mention."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from spacy.tokens import Doc

from newsfacts.extractor import Extractor
from newsfacts.facts.assemble import assemble_drafts
from newsfacts.facts.build import build_facts
from newsfacts.facts.clauses import Cue
from newsfacts.facts.component import extract_doc_facts, has_money
from newsfacts.facts.context import DocContext
from newsfacts.facts.drafts import Draft
from newsfacts.ingest import read_jsonl
from newsfacts.schema import Article, TradeFact
from tests.facts.helpers import tagged

WITH_MONEY = "Japan's trade surplus with the U.S. widened to 5.2 billion dlrs in February."
WITHOUT_MONEY = "Japan's trade surplus with the U.S. widened 12 pct in February, MITI said."


@pytest.mark.parametrize(("text", "expected"), [(WITH_MONEY, True), (WITHOUT_MONEY, False)])
def test_has_money(extractor: Extractor, text: str, expected: bool) -> None:
    assert has_money(tagged(extractor, text)) is expected


def test_a_money_cue_counts_as_money(extractor: Extractor) -> None:
    doc = tagged(extractor, WITHOUT_MONEY)
    cue = doc.spans["nf_mentions"][0]
    cue.label_ = "CUE"
    cue._.nf_value = "money.written"
    doc.spans["nf_mentions"] = [cue]
    assert has_money(doc)


def test_docs_without_money_skip_the_rule_layer(
    extractor: Extractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []

    def counting(
        doc: Doc, spans_key: str, cues: list[Cue] | None = None
    ) -> tuple[list[Draft], DocContext]:
        calls.append(len(doc))
        return assemble_drafts(doc, spans_key, cues)

    monkeypatch.setattr("newsfacts.facts.component.assemble_drafts", counting)
    assert extract_doc_facts(tagged(extractor, WITHOUT_MONEY)) == []
    assert calls == []
    facts = extract_doc_facts(tagged(extractor, WITH_MONEY))
    assert len(calls) == 1
    assert [fact.value for fact in facts] == [Decimal("5.2e9")]


MONEYLESS: tuple[str, ...] = (
    WITHOUT_MONEY,
    "Exports rose 3.2 pct in March from a year earlier; imports fell.",
    "Brazil's coffee exports rose to 1.2 mln tonnes in the first nine months of 1986/87.",
    "The deficit narrowed by 18.5% in March, the Commerce Department said.",
    "SOUTH KOREA TRADE SURPLUS WIDENS\n\nSEOUL, March 3 - South Korea's trade surplus "
    "widened in February, the trade ministry said.",
)


def unskipped_facts(doc: Doc) -> list[TradeFact]:
    drafts, context = assemble_drafts(doc, "nf_mentions")
    return build_facts(drafts, doc, "t", context.conversions)


@pytest.mark.parametrize("text", MONEYLESS)
def test_the_rule_layer_finds_no_fact_without_money(extractor: Extractor, text: str) -> None:
    """Why the skip is safe: run anyway, the rules read nothing from such a doc."""
    doc = tagged(extractor, text)
    assert not has_money(doc)
    assert unskipped_facts(doc) == []


@pytest.mark.shared
def test_no_reuters_story_without_money_has_facts(shared_dir: Path, extractor: Extractor
                                                  ) -> None:
    stories = [a for a in read_jsonl(shared_dir / "corpus" / "reuters-trade.jsonl")
               if isinstance(a, Article)]
    checked = 0
    for story in stories:
        doc = extractor.make_doc(story)
        for name, pipe in extractor.nlp.pipeline:
            if name == "newsfacts_facts":
                break
            doc = pipe(doc)
        if not has_money(doc):
            assert unskipped_facts(doc) == [], story.id
            checked += 1
    assert checked > 100
