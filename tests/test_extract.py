"""unwrap_lines: wrapped lines joined, offsets kept, paragraph breaks left alone; explain: what
became of each money mention, with the input handling and errors of extract."""

from __future__ import annotations

import datetime as dt
import importlib
import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError
from spacy.tokens import Doc

import newsfacts
from newsfacts.errors import DateError, DocumentTooLargeError
from newsfacts.extractor import Extractor, unwrap_lines
from newsfacts.schema import Article, ErrorRecord, MoneyOutcome
from newsfacts.settings import Settings
from tests.conftest import SEED_PUBLISHED, SEED_TEXT

newsfacts_extract = importlib.import_module("newsfacts.extractor")

# the definition, as one pattern: a break (LF or CRLF) not after another break and not
# before white space becomes as many spaces
DEFINITION = re.compile(r"(?<![\r\n])\r?\n(?!\s)")


def by_definition(text: str) -> str:
    return DEFINITION.sub(lambda match: " " * len(match.group()), text)


def test_wrapped_lines_are_joined_and_paragraphs_kept() -> None:
    text = "rose 10.2\nbillion dlrs.\n\n  Exports\r\nfell.\n"
    assert unwrap_lines(text) == "rose 10.2 billion dlrs.\n\n  Exports  fell. "


@given(st.text(alphabet=st.sampled_from(["a", " ", "\n", "\r", "\t", "\u00a0", "."]),
               max_size=40))
def test_unwrap_lines_keeps_offsets_and_follows_the_definition(text: str) -> None:
    unwrapped = unwrap_lines(text)
    assert len(unwrapped) == len(text)
    assert unwrapped == by_definition(text)


# --------------------------------------------------------------------------- explain

SEED_DROPS = SEED_TEXT + " Imports rose $2.8 billion, more than expected."


def test_explain_a_text_or_an_article(extractor: Extractor) -> None:
    by_text = newsfacts.explain(SEED_DROPS, SEED_PUBLISHED, doc_id="seed", extractor=extractor)
    article = Article(id="seed", text=SEED_DROPS, published=dt.date(1994, 5, 20))
    assert extractor.explain(article) == by_text
    assert extractor.explain(SEED_DROPS, SEED_PUBLISHED, "seed") == by_text
    fact, change = by_text
    assert (fact.outcome, fact.fact_index, fact.text) == ("fact", 0, "$7.46 billion")
    assert fact.fact == extractor.extract(article)[0]
    assert fact.money is not None and fact.money.value == 7460000000  # "$" is a dollar
    assert (change.outcome, change.rule_id) == ("dropped", "assemble.drop.change-amount")
    assert change.reason and change.fact is None
    assert SEED_DROPS[change.start_char:change.end_char] == "$2.8 billion"
    assert json.loads(change.model_dump_json())["money"]["value"] == 2800000000


def test_explain_rejects_what_extract_rejects(extractor: Extractor) -> None:
    with pytest.raises(DateError, match="'1994-13-01'"):
        newsfacts.explain(SEED_TEXT, "1994-13-01", extractor=extractor)
    small = Extractor(nlp=extractor.nlp, settings=Settings(max_chars=60))
    with pytest.raises(DocumentTooLargeError, match="'long'"):
        small.explain(Article(id="long", text=SEED_TEXT))
    with pytest.raises(TypeError, match="published and doc_id go with a text"):
        extractor.explain(Article(id="a", text=SEED_TEXT), published=SEED_PUBLISHED)


def test_explain_of_text_without_money_is_empty(extractor: Extractor) -> None:
    assert newsfacts.explain("", extractor=extractor) == []
    assert newsfacts.explain("The cat sat on the mat.", extractor=extractor) == []


def test_explain_many_keeps_one_result_a_document(
    extractor: Extractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    unreadable = ErrorRecord(doc_id="bad.txt", error_code="E102", error="not UTF-8")
    articles: list[Article | ErrorRecord] = [
        Article(id="bug", text=SEED_TEXT, source="docs/bug.txt"),
        unreadable,
        Article(id="fine", text=SEED_TEXT, published=dt.date(1994, 5, 20)),
    ]
    real = newsfacts_extract.explain_doc

    def failing(doc: Doc, spans_key: str) -> list[MoneyOutcome]:
        if doc._.nf_doc_id == "bug":
            raise KeyError("iso_codes")
        return real(doc, spans_key)

    monkeypatch.setattr(newsfacts_extract, "explain_doc", failing)
    bug, passed, fine = (result for _, result in extractor.explain_many(articles))
    assert isinstance(bug, ErrorRecord)
    assert (bug.error_code, bug.error) == ("E300", "document 'bug': KeyError: 'iso_codes'")
    assert passed == unreadable
    assert isinstance(fine, list) and [o.outcome for o in fine] == ["fact"]


def test_money_outcome_holds_one_outcome(extractor: Extractor) -> None:
    [outcome] = newsfacts.explain(SEED_TEXT, SEED_PUBLISHED, extractor=extractor)
    data = outcome.model_dump()
    with pytest.raises(ValidationError, match="needs rule_id and reason"):
        MoneyOutcome.model_validate({**data, "outcome": "dropped"})
    with pytest.raises(ValidationError, match="needs fact and fact_index"):
        MoneyOutcome.model_validate({**data, "fact": None})
    with pytest.raises(ValidationError, match="extra"):
        MoneyOutcome.model_validate({**data, "note": "x"})
