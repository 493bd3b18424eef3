"""Money amounts as news writes them: the normaliser, and the spans the patterns make.

Cases are forms taken from wire stories and newspapers (Reuters 1987, modern business news).
Known gaps are strict xfails: when one starts to pass, the test says so.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import spacy
from spacy.language import Language

from newsfacts.mentions import component as _component  # noqa: F401  (registers the factories)
from newsfacts.mentions.money import (
    currency_families,
    currency_tables,
    parse_money,
    parse_money_amounts,
    parse_money_range,
    parse_number,
    resolve_family,
)
from newsfacts.mentions.quantities import extract_quantities
from newsfacts.mentions.tokenizer import customize_tokenizer
from newsfacts.patterns import load_patterns
from newsfacts.schema import Money
from tests.conftest import load_benchmark

B = 10**9
M = 10**6

# (text, value in whole currency units, currency: ISO code, family word or None)
CASES: list[tuple[str, int | str, str | None]] = [
    # wire style (Reuters 1987)
    ("7.46 bln dlrs", "7.46e9", "dollar"),
    ("1.25 billion Canadian dlrs", "1.25e9", "CAD"),
    ("500 mln stg", 500 * M, "GBP"),
    ("1,234 billion yen", 1234 * B, "JPY"),
    ("2.3 trillion yen", "2.3e12", "JPY"),
    ("10.5 billion marks", "10.5e9", "DEM"),
    ("4.5 billion ECUs", "4.5e9", "XEU"),
    ("354.8 billion", "354.8e9", None),
    ("189 mln dlr", 189 * M, "dollar"),
    ("300 mln mark", 300 * M, "DEM"),
    ("11.9 billion franc", "11.9e9", "franc"),
    ("12.2 billion dirhams", "12.2e9", "AED"),
    ("43.8 billion forints", "43.8e9", "HUF"),
    ("0.38 Egyptian pounds", "0.38", "EGP"),
    ("10-billion-dlr", 10 * B, "dollar"),
    ("a billion dlrs", B, "dollar"),
    ("six billion dollars", 6 * B, "dollar"),
    ("twenty-five billion dollars", 25 * B, "dollar"),
    ("half a billion dollars", B // 2, "dollar"),
    ("a quarter million us dollars", 250_000, "USD"),
    # symbols and prefixes
    ("$7.46 billion", "7.46e9", "dollar"),
    ("$1.2bn", "1.2e9", "dollar"),
    ("$1.762bn", "1.762e9", "dollar"),
    ("$1tn", 10**12, "dollar"),
    ("$ 75 million", 75 * M, "dollar"),
    ("$25k", 25_000, "dollar"),
    ("$94,000", 94_000, "dollar"),
    ("US$5m", 5 * M, "USD"),
    ("U.S.$1.2 billion", "1.2e9", "USD"),
    ("A$3.2 billion", "3.2e9", "AUD"),
    ("HK$216,925", 216_925, "HKD"),
    ("HK $3.7 billion", "3.7e9", "HKD"),
    ("c $ 16.4 million", "16.4e6", "CAD"),
    ("S$1.5m", "1.5e6", "SGD"),
    ("NZ$2bn", 2 * B, "NZD"),
    ("$US55,931,000", 55_931_000, "USD"),
    ("$A82,615,680", 82_615_680, "AUD"),
    ("usd$ 15", 15, "USD"),
    ("€5 million", 5 * M, "EUR"),
    ("5 million euros", 5 * M, "EUR"),
    ("1,200€", 1200, "EUR"),
    ("£1,000", 1000, "GBP"),
    ("£5.3bn", "5.3e9", "GBP"),
    ("¥1.2tn", "1.2e12", "JPY"),
    ("Y=590 billion", 590 * B, "JPY"),
    ("RM23.50", "23.50", "MYR"),
    ("RM3.06mil", "3.06e6", "MYR"),
    ("PS8.1bn", "8.1e9", "GBP"),
    ("Rs 500 crore", 5 * B, "rupee"),
    ("35 lakh rupees", 3_500_000, "rupee"),
    ("12,34,567.89 rupees", "1234567.89", "rupee"),
    ("100₾", 100, "GEL"),
    # ISO codes
    ("USD 200", 200, "USD"),
    ("EUR 50m", 50 * M, "EUR"),
    ("USD10m", 10 * M, "USD"),
    ("500 USD", 500, "USD"),
    ("75 USD million", 75 * M, "USD"),
    ("30 MUSD", 30 * M, "USD"),
    ("MSEK 150", 150 * M, "SEK"),
    ("100 chinese yuan", 100, "CNY"),
    ("10 us dollar", 10, "USD"),
    # signs and brackets
    ("$-50.8bn", "-50.8e9", "dollar"),
    ("($3.1 million)", "3.1e6", "dollar"),
    ("a record $42.17 billion", "42.17e9", "dollar"),
    # dollars and cents
    ("3 dollars 50 cents", "3.50", "dollar"),
    ("thirteen dollars and forty-five cents", "13.45", "dollar"),
    # a range gives its last amount, the one written in full
    ("$10 to $15 billion", 15 * B, "dollar"),
    ("5-6 billion dlrs", 6 * B, "dollar"),
    ("between 200 and 300 mln dlrs", 300 * M, "dollar"),
    ("15 TO 20 BILLION DLR", 20 * B, "dollar"),
    # compound amounts: the cents unnamed, or written out
    ("15 dollars 50", "15.50", "dollar"),
    ("15 dollars and 50", "15.50", "dollar"),
    ("17 USD 25", "17.25", "USD"),
    ("thirteen dollars forty five", "13.45", "dollar"),
    ("c $ 100 and fifty", "100.50", "CAD"),
    ("10 $ 30 cent", "10.30", "dollar"),
    # minor units, in major units
    ("19 cents", "0.19", "dollar"),
    ("12-cent", "0.12", "dollar"),
    ("470 pence", "4.70", "GBP"),
    ("one penny", "0.01", "GBP"),
    ("sen 100,000", 1000, "MYR"),
    ("2 satoshis", "2E-8", "BTC"),
    # crypto, and signs or codes written after the number
    ("6.25 BTC", "6.25", "BTC"),
    ("10000 bitcoins", 10000, "BTC"),
    ("₿21,000,000", 21_000_000, "BTC"),
    ("150 kn", 150, "HRK"),
    ("100,000 ரூ", 100_000, "LKR"),
    ("108.79 JPY=", "108.79", "JPY"),
    ("35 lacs rupees", 35 * 100_000, "rupee"),
    ("1.91 billion Taka", "1.91e9", "BDT"),
    ("100 mln dls", 100 * M, "dollar"),
    ("12 mln kyats", 12 * M, "MMK"),
]

KNOWN_GAPS: list[tuple[str, int | str, str | None]] = [
    ("tens of millions of dollars", 10 * M, "dollar"),  # vague amounts
    ("one kuai and five mao five", "1.55", "CNY"),  # spoken Chinese money words
]


def _decimal(value: int | str) -> Decimal:
    return Decimal(value)


@pytest.mark.parametrize(("text", "value", "currency"), CASES)
def test_parse_money(text: str, value: int | str, currency: str | None) -> None:
    money = parse_money(text)
    assert isinstance(money, Money)
    assert money.value == _decimal(value)
    assert money.currency == currency
    assert money.raw == text


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [pytest.param(*case, marks=pytest.mark.xfail(strict=True)) for case in KNOWN_GAPS],
)
def test_known_gaps(text: str, value: int | str, currency: str | None) -> None:
    money = parse_money(text)
    assert money is not None
    assert (money.value, money.currency) == (_decimal(value), currency)


RANGES: list[tuple[str, int | str, int | str]] = [
    ("$10 to $15 billion", 10 * B, 15 * B),
    ("$5-6 million", 5 * M, 6 * M),
    ("5-6 billion dlrs", 5 * B, 6 * B),
    ("between 200 and 300 mln dlrs", 200 * M, 300 * M),
    ("30 to 40 billion", 30 * B, 40 * B),
    # the first amount is complete on its own: it keeps its own size
    ("$200 to $4 million", 200, 4 * M),
    ("$800,000 to $1.3 million", 800_000, "1.3e6"),
    ("$920 to $1730", 920, 1730),
]


@pytest.mark.parametrize(("text", "low", "high"), RANGES)
def test_parse_money_range(text: str, low: int | str, high: int | str) -> None:
    ends = parse_money_range(text)
    assert ends is not None
    assert (ends[0].value, ends[1].value) == (_decimal(low), _decimal(high))
    assert ends[0].currency == ends[1].currency
    one = parse_money(text)  # one record: the last end as its value, both ends kept
    assert one is not None
    assert (one.value, one.low, one.high) == (_decimal(high), _decimal(low), _decimal(high))


def test_one_amount_is_no_range() -> None:
    assert parse_money_range("$7.46 billion") is None
    assert len(parse_money_amounts("$7.46 billion")) == 1


@pytest.mark.parametrize("text", ["", "dollars", "$", "billion", "the deficit", "--", "1/0 dlrs"])
def test_odd_input_returns_none(text: str) -> None:
    assert parse_money(text) is None


NUMBERS: list[tuple[str, str | None]] = [
    ("1,234.5", "1234.5"),
    ("12,34,567", "1234567"),
    (".5", "0.5"),
    ("six", "6"),
    ("twenty-five", "25"),
    ("two hundred fifty", "250"),
    ("7 3/4", "7.75"),
    ("7-3/4", "7.75"),
    ("3/4", "0.75"),
    ("half", "0.5"),
    ("three quarters", "0.75"),
    ("a", None),
    ("x", None),
    ("1,2,3", None),
]


@pytest.mark.parametrize(("text", "expected"), NUMBERS)
def test_parse_number(text: str, expected: str | None) -> None:
    assert parse_number(text) == (None if expected is None else Decimal(expected))


def test_families_resolve_by_context() -> None:
    assert "dollar" in currency_families()
    assert resolve_family("dollar", None) == "USD"
    assert resolve_family("dollar", "CAN", named_dollar="CAD") == "CAD"
    assert resolve_family("crown", "SWE") == "SEK"
    assert resolve_family("franc", "CHE") == "CHF"
    assert resolve_family("rupee", None) == "INR"


def test_currency_table_values_are_codes_or_families() -> None:
    tables = currency_tables()
    families = currency_families()
    for value in [*tables.symbols.values(), *tables.codes.values()]:
        assert value in families or (len(value) == 3 and value.isupper()), value


# --------------------------------------------------------------------------- spans


@pytest.fixture(scope="module")
def nlp() -> Language:
    """Blank English with newsfacts' tokenizer rules and mention components only."""
    pipeline = spacy.blank("en")
    customize_tokenizer(pipeline)
    pipeline.add_pipe("newsfacts_mentions")
    pipeline.add_pipe("newsfacts_normaliser")
    return pipeline


def _spans(nlp: Language, text: str) -> list[tuple[str, str]]:
    doc = nlp(text)
    return [(span.label_, span.text) for span in doc.spans["nf_mentions"]
            if span.label_ in ("MONEY", "QUANTITY")]


SPANS: list[tuple[str, list[tuple[str, str]]]] = [
    ("The deficit was 7.46 bln dlrs in March.", [("MONEY", "7.46 bln dlrs")]),
    ("Exports were 1.2 mln tonnes.", [("QUANTITY", "1.2 mln tonnes")]),
    ("from 1 to 1.2 mln tonnes", [("QUANTITY", "1 to 1.2 mln tonnes")]),
    ("It fell to 354.8 billion.", [("MONEY", "354.8 billion")]),
    ("a record $42.17 billion deficit", [("MONEY", "$42.17 billion")]),
    ("net income ($3.1 million)", [("MONEY", "$3.1 million")]),
    ("HK $3.7 billion (US $473 million)", [("MONEY", "HK $3.7 billion"),
                                           ("MONEY", "US $473 million")]),
    ("worth up to PS2.7m.", [("MONEY", "PS2.7m.")]),
    ("the PS5 console", []),
    ("the first £100 player", [("MONEY", "£100")]),
    ("a 300 mln mark deficit", [("MONEY", "300 mln mark")]),
    ("crossed the 10,000 mark", []),
    ("a 275 pound-feet engine", []),
    ("$10 to $15 billion", [("MONEY", "$10 to $15 billion")]),
    ("rose in 1986 to 97.2 billion dlrs", [("MONEY", "97.2 billion dlrs")]),
]


@pytest.mark.parametrize(("text", "expected"), SPANS)
def test_money_spans(nlp: Language, text: str, expected: list[tuple[str, str]]) -> None:
    assert _spans(nlp, text) == expected


def test_quantities_of_a_doc(nlp: Language) -> None:
    doc = nlp("Exports rose 5-6 billion dlrs, or 4.5 pct, to $7.46 billion.")
    found = [(q.kind, q.value, q.range_end, q.unit) for q in extract_quantities(doc)]
    assert found == [
        ("money", Decimal(5 * B), Decimal(6 * B), "dollar"),
        ("percent", Decimal("4.5"), None, "percent"),
        ("money", Decimal("7.46e9"), None, "dollar"),
    ]
    first = extract_quantities(doc)[0]
    assert doc.text[first.start_char : first.end_char] == first.text
    assert first.rule_id == "money.range-word"


def test_a_date_before_is_no_range(nlp: Language) -> None:
    doc = nlp("in the week ended March 4 to 2.3 billion dlrs")
    (quantity,) = extract_quantities(doc)
    assert (quantity.value, quantity.range_end) == (Decimal("2.3e9"), None)


def _choices(token: dict[str, Any]) -> list[str]:
    """The words a pattern token accepts; a number stands for any numeric token."""
    if "LIKE_NUM" in token or any(isinstance(token.get(key), dict) and "REGEX" in token[key]
                                  for key in ("TEXT", "LOWER")):
        return ["5"]
    for key in ("LOWER", "ORTH"):
        value = token.get(key)
        if isinstance(value, str):
            return [value]
        if isinstance(value, dict) and "IN" in value:
            return list(value["IN"])
    raise AssertionError(f"unexpected pattern token {token}")


def _phrase(words: list[str]) -> str:
    return " ".join(words).replace(" - ", "-")


def test_every_word_of_the_money_patterns_reads() -> None:
    """Each word a MONEY pattern accepts, put in its pattern, gives an amount with a currency.

    A word the patterns match but the normaliser does not know would make a span that is
    dropped (or one with no currency): the two data files must agree.
    """
    wrong: list[str] = []
    for entry in load_patterns("money.jsonl"):
        if entry["label"] != "MONEY":
            continue
        tokens = [t for t in entry["pattern"] if t.get("OP") != "?"]
        base = [_choices(t)[0] for t in tokens]
        bare = "bare-scale" in entry["id"]
        for index, token in enumerate(tokens):
            for word in _choices(token):
                text = _phrase([*base[:index], word, *base[index + 1 :]])
                money = parse_money(text)
                if money is None or (money.currency is None) != bare:
                    wrong.append(f"{entry['id']}: {text!r} → {money}")
    assert wrong == []


# --------------------------------------------------------------------------- benchmark


@pytest.mark.shared
@pytest.mark.parametrize(("set_name", "target"), [("NewsQuant", 92.0), ("currency-model", 90.0)])
def test_newsquant_money_and_percent_f1(shared_dir: Path, set_name: str, target: float) -> None:
    """The referee's money + percentage value+unit F1 (every gold quantity counted) stays at
    the issue's target; the figures benchmarks/newsquant.py prints."""
    bench: Any = load_benchmark("newsquant")
    folder = shared_dir / "benchmarks" / "newsquant" / "referee"
    assert (folder / "cqe_score.py").exists(), f"{folder} has no referee"
    referee = bench.Referee.load(folder)
    rows, _ = bench.score(referee, "newsfacts", referee.newsfacts(), set_name)
    (row,) = bench.pick(rows, "subset", "paper")
    assert row.n_gold == {"NewsQuant": 369, "currency-model": 212}[set_name]
    assert row.f1 >= target, f"{set_name}: F1 {row.f1:.1f} below {target}"
