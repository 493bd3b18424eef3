"""What became of each money mention: exactly one outcome each, the fact it made or the
rule that dropped it (sentences written for these tests)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from newsfacts.extractor import Extractor
from newsfacts.facts import explain as explain_module
from newsfacts.facts.assemble import assemble_drafts
from newsfacts.facts.build import build_facts
from newsfacts.facts.component import extract_doc_facts
from newsfacts.facts.context import DocContext
from newsfacts.facts.explain import explain_doc
from newsfacts.facts.rules import RULES
from newsfacts.ingest import read_paths
from newsfacts.mentions.component import SPANS_KEY
from newsfacts.schema import Article, MoneyOutcome
from tests.conftest import REPO_ROOT
from tests.facts.helpers import tagged

FACT = "fact"
PUBLISHED = dt.date(1987, 4, 20)

# (text, [(mention, "fact" or the drop rule's key in RULES.ids), …] in text order)
CASES: list[tuple[str, list[tuple[str, str]]]] = [
    ("The company said it paid 300 mln dlrs for the plant.",
     [("300 mln dlrs", "drop.no-indicator")]),
    ("The U.S. budget deficit was 221 billion dlrs in fiscal 1986.",
     [("221 billion dlrs", "drop.not-trade")]),
    ("Brazil's coffee exports were 1.4 billion dlrs in 1986.",
     [("1.4 billion dlrs", "drop.product-trade")]),
    ("The U.S. trade deficit with Western Europe was 2.1 billion dlrs in March.",
     [("2.1 billion dlrs", "drop.unknown-partner")]),
    ("Japan's trade surplus was more than 10 billion dlrs in 1986.",
     [("10 billion dlrs", "drop.threshold")]),
    ("Japan's trade surplus was between 200 and 300 mln dlrs in 1986.",
     [("between 200 and 300 mln dlrs", "drop.range")]),
    ("Japan's March trade surplus was 623 mln dlrs, originally reported at 533 mln dlrs.",
     [("623 mln dlrs", FACT), ("533 mln dlrs", "drop.revised-away")]),
    ("Saudi Arabia's exports averaged $17.62 a barrel in March.",
     [("$17.62", "drop.not-a-value")]),
    ("Brazil's monthly trade surpluses averaged 1.1 billion dlrs in 1986.",
     [("1.1 billion dlrs", "drop.average")]),
    ("The U.S. trade deficit ran at $10 billion a month in March.",
     [("$10 billion", "drop.not-a-value")]),
    ("Japan's trade surplus was between $48 billion and $50 billion in 1986.",
     [("$48 billion and $50 billion", "drop.range")]),
    ("U.S. imports rose $2.8 billion to $50.3 billion in March.",
     [("$2.8 billion", "drop.change-amount"), ("$50.3 billion", FACT)]),
    ("Britain's trade deficit was 1.3 billion pounds ($2.17 billion) in March.",
     [("1.3 billion pounds", FACT), ("$2.17 billion", "drop.conversion")]),
    ("Japan's trade surplus in March was revised to 623 mln dlrs from 533 mln.",
     [("623 mln dlrs", FACT), ("533 mln", "drop.superseded")]),
    ("Japan's trade surplus was 5 billion dlrs, and the company's exports were 300 mln dlrs "
     "in March.",
     [("5 billion dlrs", FACT), ("300 mln dlrs", "drop.organisation")]),
    ("The trade deficit narrowed to 1.2 billion dlrs in March.",
     [("1.2 billion dlrs", "drop.no-reporter")]),
    ("Latin America's trade surplus narrowed to 15 billion dlrs in 1986.",
     [("15 billion dlrs", "drop.region")]),
    ("China exported 18 mln dlrs worth of goods to western countries in 1986.",
     [("18 mln dlrs", "drop.region")]),
    ("JAPAN SURPLUS 5.2 BILLION DLRS\n\nJapan's trade surplus widened to 5.2 billion dlrs "
     "in March.",
     [("5.2 BILLION DLRS", "drop.duplicate"), ("5.2 billion dlrs", FACT)]),
    ("BRITAIN DEFICIT 2.2 BILLION DLRS\n\nBritain's trade deficit was 1.3 billion pounds "
     "(2.2 billion dlrs) in March.",
     [("2.2 BILLION DLRS", "drop.headline-conversion"), ("1.3 billion pounds", FACT),
      ("2.2 billion dlrs", "drop.conversion")]),
]
DROP_KEYS = sorted(key for key in RULES.ids if key.startswith("drop."))


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def money_spans(extractor: Extractor, text: str) -> list[tuple[int, int]]:
    doc = tagged(extractor, text)
    return [(span.start_char, span.end_char) for span in doc.spans[SPANS_KEY]
            if span.label_ == "MONEY"]


def assert_one_outcome_each(extractor: Extractor, article: Article,
                            outcomes: list[MoneyOutcome]) -> None:
    doc = extractor.make_doc(article)
    for name, pipe in extractor.nlp.pipeline:
        if name == "newsfacts_facts":
            break
        doc = pipe(doc)
    spans = sorted((span.start_char, span.end_char) for span in doc.spans[SPANS_KEY]
                   if span.label_ == "MONEY")
    assert [(o.start_char, o.end_char) for o in outcomes] == spans
    facts = extractor.extract(article)
    made = sorted((o.fact_index, o.fact) for o in outcomes if o.outcome == "fact")
    assert [index for index, _ in made] == list(range(len(facts)))
    assert [fact for _, fact in made] == facts


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[1][-1][1] for c in CASES])
def test_each_mention_gets_its_outcome(extractor: Extractor, text: str,
                                       expected: list[tuple[str, str]]) -> None:
    article = Article(id="t", text=text, published=PUBLISHED)
    outcomes = extractor.explain(article)
    got = [(o.text, FACT if o.outcome == "fact" else o.rule_id) for o in outcomes]
    assert got == [(mention, key if key == FACT else RULES.ids[key])
                   for mention, key in expected]
    for outcome in outcomes:
        assert text[outcome.start_char:outcome.end_char] == outcome.text
        assert outcome.money_rule_id.startswith("money.")
        assert outcome.money is not None
        if outcome.outcome == "fact":
            assert outcome.fact is not None and "assemble.main" in outcome.fact.rule_ids
        else:
            assert outcome.reason and outcome.rule_id in RULES.ids.values()
    assert_one_outcome_each(extractor, article, outcomes)


def test_every_drop_rule_has_a_reason_and_a_case() -> None:
    assert sorted(RULES.reasons) == DROP_KEYS
    assert all(reason.strip() for reason in RULES.reasons.values())
    gate = {"drop.gate.not-trade"}  # the trade gate's, after the rule layer: test_gate.py
    assert all(RULES.ids[key] == "assemble." + key for key in set(DROP_KEYS) - gate)
    covered = {key for _, expected in CASES for _, key in expected if key != FACT}
    assert covered == set(DROP_KEYS) - {"drop.not-read"} - gate  # not-read: see below


def test_a_duplicate_names_the_fact_it_was_merged_into(extractor: Extractor) -> None:
    text = ("Japan's trade surplus widened to 5.2 billion dlrs in March. Exports rose to "
            "20.1 billion dlrs. The surplus of 5.2 billion dlrs was the largest since 1985.")
    outcomes = extractor.explain(Article(id="t", text=text, published=PUBLISHED))
    first, exports, again = outcomes
    assert (first.outcome, exports.outcome) == ("fact", "fact")
    assert again.rule_id == RULES.ids["drop.duplicate"]
    assert again.merged_into == first.fact_index == 0
    assert first.fact is not None and "assemble.merge.duplicate" in first.fact.rule_ids


def test_a_doc_without_indicator_phrases_drops_every_amount(extractor: Extractor) -> None:
    text = "The company paid 300 mln dlrs for the plant and 40 mln dlrs for the land."
    outcomes = extractor.explain(Article(id="t", text=text, published=PUBLISHED))
    assert [o.rule_id for o in outcomes] == [RULES.ids["drop.no-indicator"]] * 2
    assert [(o.start_char, o.end_char) for o in outcomes] == money_spans(extractor, text)


def test_a_doc_without_money_has_no_outcomes(extractor: Extractor) -> None:
    assert extractor.explain(Article(id="t", text="Exports rose 5% in March.")) == []


def test_a_mention_the_rule_layer_never_read_is_dropped_as_not_read(
    extractor: Extractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = tagged(extractor, "Japan's trade surplus widened to 5.2 billion dlrs in March.")
    monkeypatch.setattr(explain_module, "assemble_drafts", lambda *_: ([], DocContext()))
    [outcome] = explain_doc(doc)
    assert (outcome.outcome, outcome.rule_id) == ("dropped", RULES.ids["drop.not-read"])


def corpus_articles() -> list[Article]:
    return [a for a in read_paths([REPO_ROOT / "corpus" / "articles"]) if isinstance(a, Article)]


def test_corpus_every_mention_gets_one_outcome_and_the_facts_are_extracts(
    extractor: Extractor,
) -> None:
    articles = corpus_articles()
    assert len(articles) >= 20
    for article in articles:
        assert_one_outcome_each(extractor, article, extractor.explain(article))


def test_recording_drops_changes_no_fact(
    extractor: Extractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The facts with the drops recorded are those of a rule layer that records none."""
    for article in corpus_articles():
        with monkeypatch.context() as patch:
            patch.setattr(DocContext, "drop", lambda *_: None)
            doc = tagged(extractor, article.text)
            drafts, context = assemble_drafts(doc, SPANS_KEY)
            assert context.drops == {}
            unrecorded = build_facts(drafts, doc, "t", context.conversions)
        doc = tagged(extractor, article.text)
        assert extract_doc_facts(doc) == unrecorded


@pytest.mark.shared
def test_seed_four_facts_with_rule_ids_and_every_other_mention_dropped(
    extractor: Extractor, shared_dir: Path
) -> None:
    [article] = read_paths([shared_dir / "corpus" / "seed"])
    assert isinstance(article, Article)
    outcomes = extractor.explain(article)
    facts = [o for o in outcomes if o.outcome == "fact"]
    assert len(facts) == 4
    assert [o.fact for o in sorted(facts, key=lambda o: o.fact_index or 0)] == (
        extractor.extract(article))
    for outcome in facts:
        assert outcome.fact is not None
        assert outcome.fact.rule_ids[0] == "assemble.main"
        assert any(rule.startswith("money.") for rule in outcome.fact.rule_ids)
    dropped = [o for o in outcomes if o.outcome == "dropped"]
    assert dropped, "the seed repeats its Japan figure"
    for outcome in dropped:
        assert outcome.rule_id is not None and outcome.rule_id.startswith("assemble.drop.")
        assert outcome.reason
    assert_one_outcome_each(extractor, article, outcomes)
