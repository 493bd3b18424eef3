"""Percentages and percentage points as news writes them; known gaps are strict xfails."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
import spacy
from spacy.language import Language

from newsfacts.mentions import component as _component  # noqa: F401  (registers the factories)
from newsfacts.mentions.percent import parse_percent, parse_percent_range, parse_percent_values
from newsfacts.mentions.quantities import extract_quantities
from newsfacts.mentions.tokenizer import customize_tokenizer
from newsfacts.patterns import load_patterns
from newsfacts.schema import Percent

# (text, value, kind)
CASES: list[tuple[str, str, str]] = [
    ("18.5%", "18.5", "percent"),
    ("15 %", "15", "percent"),
    ("2.3 pct", "2.3", "percent"),
    ("1.9 PCT", "1.9", "percent"),
    ("5pc", "5", "percent"),
    ("7 per cent", "7", "percent"),
    ("0.4 percent", "0.4", "percent"),
    ("five percent", "5", "percent"),
    ("twenty-five per cent", "25", "percent"),
    ("a half pct", "0.5", "percent"),
    ("7 3/4 pct", "7.75", "percent"),
    ("7-3/4 pct", "7.75", "percent"),
    ("10-1/2 pct", "10.5", "percent"),
    ("9-13/16 pct", "9.8125", "percent"),
    ("-1.3%", "-1.3", "percent"),
    ("minus 0.4 pct", "-0.4", "percent"),
    ("1.5 percentage points", "1.5", "points"),
    ("0.5 pct point", "0.5", "points"),
    ("two per cent points", "2", "points"),
    # a range gives its last value
    ("6.5 to 9.5 pct", "9.5", "percent"),
    ("5-10%", "10", "percent"),
    ("between 16 and 18 pct", "18", "percent"),
    ("2.5 or three pct", "3", "percent"),
    ("TWO TO 1.9 PCT", "1.9", "percent"),
]

KNOWN_GAPS: list[tuple[str, str, str]] = [
    ("one and a half pct", "1.5", "percent"),  # reads as 1
    ("60 basis points", "0.6", "points"),  # basis points are not read as points
]


@pytest.mark.parametrize(("text", "value", "kind"), CASES)
def test_parse_percent(text: str, value: str, kind: str) -> None:
    percent = parse_percent(text)
    assert isinstance(percent, Percent)
    assert (percent.value, percent.kind, percent.raw) == (Decimal(value), kind, text)


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [pytest.param(*case, marks=pytest.mark.xfail(strict=True)) for case in KNOWN_GAPS],
)
def test_known_gaps(text: str, value: str, kind: str) -> None:
    percent = parse_percent(text)
    assert percent is not None
    assert (percent.value, percent.kind) == (Decimal(value), kind)


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        ("6.5 to 9.5 pct", "6.5", "9.5"),
        ("5-10%", "5", "10"),
        ("between eight and 10 pct", "8", "10"),
        ("from 4.8 to 4.7 percent", "4.8", "4.7"),
        ("0.5 to 1 percentage point", "0.5", "1"),
    ],
)
def test_parse_percent_range(text: str, first: str, second: str) -> None:
    ends = parse_percent_range(text)
    assert ends is not None
    assert (ends[0].value, ends[1].value) == (Decimal(first), Decimal(second))
    assert ends[0].kind == ends[1].kind
    one = parse_percent(text)  # one record: the last end as its value, both ends kept
    assert one is not None
    assert (one.value, one.low, one.high) == (Decimal(second), Decimal(first), Decimal(second))


def test_one_value_is_no_range() -> None:
    assert parse_percent_range("7-3/4 pct") is None
    assert len(parse_percent_values("18.5%")) == 1
    one = parse_percent("18.5%")
    assert one is not None and (one.low, one.high, one.per) == (None, None, None)


@pytest.mark.parametrize("text", ["", "pct", "%", "per cent", "x pct", "-"])
def test_odd_input_returns_none(text: str) -> None:
    assert parse_percent(text) is None


@pytest.fixture(scope="module")
def nlp() -> Language:
    pipeline = spacy.blank("en")
    customize_tokenizer(pipeline)
    pipeline.add_pipe("newsfacts_mentions")
    pipeline.add_pipe("newsfacts_normaliser")
    return pipeline


SPANS: list[tuple[str, list[tuple[str, str]]]] = [
    ("The deficit narrowed 18.5% in March.", [("PERCENT", "18.5%")]),
    ("exports rose 2.3 pct", [("PERCENT", "2.3 pct")]),
    ("up 1.5 percentage points", [("POINTS", "1.5 percentage points")]),
    ("a yield of 7-3/4 pct", [("PERCENT", "7-3/4 pct")]),
    ("growth of between 16 and 18 pct", [("PERCENT", "between 16 and 18 pct")]),
    ("in 1985/86 to 4.5 pct", [("PERCENT", "4.5 pct")]),
    ("in 1987 to 4.5 pct", [("PERCENT", "4.5 pct")]),
    ("twenty-five percent", [("PERCENT", "twenty-five percent")]),
    ("Stoxx 50 -1.3% FTSE -0.6%", [("PERCENT", "-1.3%"), ("PERCENT", "-0.6%")]),
]


@pytest.mark.parametrize(("text", "expected"), SPANS)
def test_percent_spans(nlp: Language, text: str, expected: list[tuple[str, str]]) -> None:
    doc = nlp(text)
    found = [(s.label_, s.text) for s in doc.spans["nf_mentions"]
             if s.label_ in ("PERCENT", "POINTS")]
    assert found == expected


def test_percent_quantities(nlp: Language) -> None:
    doc = nlp("Prices rose 5 to 10 pct, or 1.5 percentage points.")
    found = [(q.kind, q.value, q.range_end, q.unit) for q in extract_quantities(doc)]
    assert found == [
        ("percent", Decimal(5), Decimal(10), "percent"),
        ("points", Decimal("1.5"), None, "points"),
    ]


def _choices(token: dict[str, Any]) -> list[str]:
    if "LIKE_NUM" in token or any(isinstance(token.get(key), dict) and "REGEX" in token[key]
                                  for key in ("TEXT", "LOWER")):
        return ["5"]
    value = token.get("LOWER", token.get("ORTH"))
    if isinstance(value, str):
        return [value]
    assert isinstance(value, dict) and "IN" in value, token
    return list(value["IN"])


def test_every_word_of_the_percent_patterns_reads() -> None:
    """Each pattern, with each word it accepts, gives a value of its label's kind."""
    wrong: list[str] = []
    for entry in load_patterns("percent.jsonl"):
        tokens = [t for t in entry["pattern"] if t.get("OP") != "?"]
        base = [_choices(t)[0] for t in tokens]
        kind = "points" if entry["label"] == "POINTS" else "percent"
        for index, token in enumerate(tokens):
            for word in _choices(token):
                words = [*base[:index], word, *base[index + 1 :]]
                text = " ".join(words).replace(" - ", "-")
                percent = parse_percent(text)
                if percent is None or percent.kind != kind:
                    wrong.append(f"{entry['id']}: {text!r} → {percent}")
    assert wrong == []
