"""newsfacts' tokenizer rules: currency prefixes and scale suffixes split off numbers."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from newsfacts.mentions.tokenizer import customize_tokenizer


@pytest.fixture(scope="module")
def nlp() -> Language:
    pipeline = spacy.blank("en")
    customize_tokenizer(pipeline)
    return pipeline


SPLITS: list[tuple[str, list[str]]] = [
    # scale suffixes
    ("$1.2bn", ["$", "1.2", "bn"]),
    ("1.2bln", ["1.2", "bln"]),
    ("500mln", ["500", "mln"]),
    ("5mn", ["5", "mn"]),
    ("£5m", ["£", "5", "m"]),
    ("¥1.2tn", ["¥", "1.2", "tn"]),
    ("$25k", ["$", "25", "k"]),
    ("RM3.06mil", ["RM", "3.06", "mil"]),
    ("2.3pct", ["2.3", "pct"]),
    ("5pc", ["5", "pc"]),
    ("$103B", ["$", "103", "B"]),  # headline capitals
    ("$40M", ["$", "40", "M"]),
    # currency prefixes
    ("US$5m", ["US$", "5", "m"]),
    ("U.S.$12", ["U.S.$", "12"]),
    ("HK$216,925", ["HK$", "216,925"]),
    ("A$3.2", ["A$", "3.2"]),
    ("Can$5", ["Can$", "5"]),
    ("nzd$15", ["nzd$", "15"]),
    ("$US55,931,000", ["$US", "55,931,000"]),
    ("$A82.6m", ["$A", "82.6", "m"]),
    ("USD10m", ["USD", "10", "m"]),
    ("EUR50m", ["EUR", "50", "m"]),
    ("Rs500", ["Rs", "500"]),
    ("Rs.500", ["Rs.", "500"]),
    ("RM23.50", ["RM", "23.50"]),
    ("PS2.7m", ["PS", "2.7", "m"]),
    ("Y=28,030", ["Y=", "28,030"]),
    # currency suffixes
    ("115USD", ["115", "USD"]),
    ("100元", ["100", "元"]),
    ("1,200€", ["1,200", "€"]),
    # with punctuation around
    ("($3.1bn)", ["(", "$", "3.1", "bn", ")"]),
    ("$5bn.", ["$", "5", "bn", "."]),
]


@pytest.mark.parametrize(("text", "tokens"), SPLITS)
def test_splits(nlp: Language, text: str, tokens: list[str]) -> None:
    assert [t.text for t in nlp(text)] == tokens


KEPT: list[str] = [
    "1987",
    "1985/86",
    "B-52",
    "COVID-19",
    "MP3",
    "usd",
    "Rsm",
    "US$",
    "bn",
]


@pytest.mark.parametrize("text", KEPT)
def test_words_stay_whole(nlp: Language, text: str) -> None:
    assert [t.text for t in nlp(text)] == [text]


def test_rules_survive_a_save(tmp_path_factory: pytest.TempPathFactory) -> None:
    pipeline = spacy.blank("en")
    customize_tokenizer(pipeline)
    path = tmp_path_factory.mktemp("tok") / "nlp"
    pipeline.to_disk(path)
    loaded = spacy.load(path)
    assert [t.text for t in loaded("HK$216,925 and $1.2bn")] == ["HK$", "216,925", "and", "$",
                                                                 "1.2", "bn"]
