"""No traceback from the public API: ``newsfacts.extract``, ``explain`` and ``validate`` return
their result or raise a ``NewsfactsError`` for any value of any type (see tests/fuzzing.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsfacts
from newsfacts.errors import NewsfactsError
from newsfacts.schema import MoneyOutcome, TradeFact
from newsfacts.validation import Verdict
from tests.conftest import SEED_TEXT
from tests.fuzzing import (
    fuzz_settings,
    odd_values,
    published_values,
    shared_extractor,
    texts,
    trade_texts,
)
from tests.validation.helpers import write_seed_store

doc_ids = st.one_of(st.just("doc"), st.text(max_size=20), odd_values)


@fuzz_settings(ci=1000)
@given(text=st.one_of(texts, odd_values), published=published_values, doc_id=doc_ids)
def test_extract(text: Any, published: Any, doc_id: Any) -> None:
    try:
        facts = newsfacts.extract(text, published=published, doc_id=doc_id,
                                  extractor=shared_extractor())
    except NewsfactsError:
        return
    assert isinstance(facts, list)
    for fact in facts:
        assert isinstance(fact, TradeFact)
        fact.model_dump_json()  # every fact can be written out


@fuzz_settings(ci=300)
@given(text=st.one_of(texts, odd_values), published=published_values, doc_id=doc_ids)
def test_explain(text: Any, published: Any, doc_id: Any) -> None:
    try:
        outcomes = newsfacts.explain(text, published=published, doc_id=doc_id,
                                     extractor=shared_extractor())
    except NewsfactsError:
        return
    assert all(isinstance(outcome, MoneyOutcome) for outcome in outcomes)


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_seed_store(tmp_path_factory.mktemp("fuzz-store"))


@pytest.fixture(scope="module")
def seed_facts() -> list[TradeFact]:
    facts = newsfacts.extract(SEED_TEXT, published=dt.date(1994, 5, 20),
                              extractor=shared_extractor())
    assert facts
    return facts


@fuzz_settings(ci=300)
@given(data=st.data())
def test_validate(data: st.DataObject, store_path: Path, seed_facts: list[TradeFact],
                  tmp_path_factory: pytest.TempPathFactory) -> None:
    folder = tmp_path_factory.mktemp("fuzz-validate")
    junk = folder / "junk.duckdb"
    junk.write_bytes(data.draw(st.binary(max_size=64)))
    reference = data.draw(st.one_of(
        st.just(store_path), st.just(str(store_path)), st.just(junk), st.just(folder),
        st.just(folder / "missing.duckdb"), odd_values))
    text = data.draw(trade_texts)
    extracted = newsfacts.extract(text, published=dt.date(1994, 5, 20),
                                  extractor=shared_extractor())
    facts = data.draw(st.one_of(
        st.just(seed_facts), st.just(extracted), st.just(seed_facts + extracted),
        st.lists(st.one_of(st.sampled_from(seed_facts), odd_values), max_size=3),
        odd_values))
    texts_by_id = data.draw(st.one_of(st.none(), st.just({"doc": text}),
                                      st.dictionaries(st.text(max_size=4), odd_values,
                                                      max_size=2), odd_values))
    try:
        verdicts = newsfacts.validate(facts, reference, texts_by_id)
    except NewsfactsError:
        return
    assert all(isinstance(verdict, Verdict) for verdict in verdicts)
