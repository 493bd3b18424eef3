"""The scale and currency words of money.jsonl are generated from money.SCALES and
currencies.json (one source each, issue 13)."""

from __future__ import annotations

import json
from importlib import resources

import pytest
from spacy.language import Language

from newsfacts.mentions.money import SCALES
from newsfacts.mentions.records import read_mentions
from newsfacts.mentions.wordlists import (
    FILE,
    currency_words,
    is_currency_list,
    is_scale_list,
    scale_words,
    singular_words,
    synced_text,
)
from newsfacts.pipeline import build_pipeline


def test_money_jsonl_is_in_sync_with_scales() -> None:
    """Fails while a scale list of money.jsonl differs from its generated form: run
    ``python -m newsfacts.mentions.wordlists`` after editing ``money.SCALES``."""
    text = resources.files("newsfacts.patterns").joinpath(FILE).read_text(encoding="utf-8")
    assert synced_text(text) == text


def word_lists(text: str) -> list[list[str]]:
    """Every ``{"LOWER": {"IN": [...]}}`` list of the pattern file's text."""
    lists = []
    for line in text.splitlines():
        for token in json.loads(line)["pattern"]:
            lower = token.get("LOWER")
            words = lower.get("IN") if isinstance(lower, dict) else None
            if isinstance(words, list):
                lists.append(words)
    return lists


def money_patterns() -> str:
    return resources.files("newsfacts.patterns").joinpath(FILE).read_text(encoding="utf-8")


def test_every_scale_word_is_in_the_patterns() -> None:
    seen = {word for words in word_lists(money_patterns()) if is_scale_list(words)
            for word in words}
    assert seen == set(SCALES)


SYNC_CASES: list[tuple[list[str], list[str]]] = [
    # a list keeps its options ('k' only after a sign, dotted abbreviations) and gains the rest
    (["million", "bln"], scale_words(sign_only=False, dotted=False)),
    (["million", "k", "m."], scale_words(sign_only=True, dotted=True)),
    (["million", "m."], scale_words(sign_only=False, dotted=True)),
]


@pytest.mark.parametrize(("written", "generated"), SYNC_CASES)
def test_a_drifted_list_is_regenerated(written: list[str], generated: list[str]) -> None:
    line = json.dumps({"label": "MONEY", "id": "money.x",
                       "pattern": [{"LIKE_NUM": True}, {"LOWER": {"IN": written}}]})
    synced = json.loads(synced_text(line + "\n"))
    assert synced["pattern"][1]["LOWER"]["IN"] == generated
    assert "lacs" in generated and "thousands" in generated


def test_other_lists_are_left_alone() -> None:
    line = json.dumps({"label": "MONEY", "id": "money.x",
                       "pattern": [{"LOWER": {"IN": ["dlrs", "million"]}}]})
    assert synced_text(line + "\n") == line + "\n"


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_pipeline()


@pytest.mark.parametrize(("text", "value"), [("They paid 35 lacs rupees for it.", 3_500_000),
                                             ("A 2 lakh rupees loan.", 200_000)])
def test_scale_words_make_mentions(nlp: Language, text: str, value: int) -> None:
    doc = nlp(text, disable=["newsfacts_facts"])
    values = [m.money.value for m in read_mentions(doc) if m.money is not None]
    assert values == [value]


def test_every_currency_name_is_in_the_patterns() -> None:
    """Every one-word name and ISO code of currencies.json is read by a money pattern: the
    generated currency list or the singular pattern."""
    text = money_patterns()
    seen = set(singular_words(text)) | {
        word for words in word_lists(text) if is_currency_list(words) for word in words
    }
    assert set(currency_words(frozenset())) <= seen
    assert {"rouble", "koruna", "mark", "pound"} <= seen


def test_a_drifted_currency_list_is_regenerated() -> None:
    line = json.dumps({"label": "MONEY", "id": "money.x",
                       "pattern": [{"LIKE_NUM": True}, {"LOWER": {"IN": ["dlrs", "usd"]}}]})
    synced = json.loads(synced_text(line + "\n"))
    assert synced["pattern"][1]["LOWER"]["IN"] == currency_words(frozenset())


@pytest.mark.parametrize(("text", "currency"), [
    ("Russia's surplus rose to 100 billion rouble.", "RUB"),
    ("Exports rose to 5 billion koruna.", "CZK"),
])
def test_currency_names_make_mentions(nlp: Language, text: str, currency: str) -> None:
    doc = nlp(text, disable=["newsfacts_facts"])
    assert [m.money.currency for m in read_mentions(doc) if m.money is not None] == [currency]
