"""assembly.json and its schema: the shipped file loads as ``RULES``; a file with an unknown,
missing or mistyped key is refused with PatternError (E240) naming the file and the key; and
every key is described in the file's ``_doc`` or in newsfacts/patterns/README.md."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from newsfacts.errors import Errors, PatternError
from newsfacts.facts.rules import RULES, AssemblyFile, read_rules
from newsfacts.patterns import load_json

SHIPPED: dict[str, Any] = load_json("assembly.json")
GUIDE = (Path(__file__).resolve().parents[2] / "newsfacts" / "patterns" / "README.md").read_text(
    encoding="utf-8"
)


def shipped() -> dict[str, Any]:
    return copy.deepcopy(SHIPPED)


def refusal(change: Callable[[dict[str, Any]], object]) -> str:
    """The message a changed copy of the shipped file is refused with."""
    data = shipped()
    change(data)
    with pytest.raises(PatternError) as raised:
        read_rules(data)
    assert raised.value.code == Errors.ASSEMBLY_FILE.code == "E240"
    message = str(raised.value)
    assert message.startswith("[E240] assembly.json: ")
    return message


def test_the_shipped_file_validates() -> None:
    AssemblyFile.model_validate(SHIPPED)
    assert read_rules(shipped()) == RULES


def test_rules_keep_their_shape() -> None:
    assert RULES.flow_window == SHIPPED["windows"]["flow_window"]
    assert RULES.phrase_gap == 2 and RULES.lead_clauses == 3
    assert RULES.words["negations"] == frozenset({"not", "neither", "nor", "no", "never"})
    assert all(isinstance(words, frozenset) for words in RULES.words.values())
    assert RULES.ids["role.main"] == "assemble.main"
    assert RULES.fiscal_year_end["AUS"] == 6
    assert RULES.headline_rounding == Decimal("0.05")
    assert RULES.named_dollars["new zealand"] == "NZD"
    assert "TWD" in RULES.specific_dollars
    with pytest.raises(ValueError, match="frozen"):
        RULES.flow_window = 9  # type: ignore[misc]


@pytest.mark.parametrize(
    ("where", "key", "allowed"),
    [
        ((), "windowz", "windows"),
        (("windows",), "phrase_gapp", "phrase_gap"),
        (("words",), "negation", "negations"),
        (("dollars",), "names", "named"),
    ],
)
def test_an_unknown_key_is_refused(where: tuple[str, ...], key: str, allowed: str) -> None:
    def change(data: dict[str, Any]) -> None:
        for part in where:
            data = data[part]
        data[key] = [] if where == ("words",) else 1

    message = refusal(change)
    path = ".".join([*where, key])
    assert f"{path}: unknown key;" in message
    assert re.search(rf"allows [^;]*\b{allowed}\b", message), message


@pytest.mark.parametrize(
    ("where", "key"),
    [((), "words"), ((), "_doc"), (("windows",), "owner_window"), (("words",), "trade_words")],
)
def test_a_missing_key_is_refused(where: tuple[str, ...], key: str) -> None:
    def change(data: dict[str, Any]) -> None:
        for part in where:
            data = data[part]
        del data[key]

    assert f"{'.'.join([*where, key])}: missing" in refusal(change)


def test_a_negative_window_is_refused() -> None:
    message = refusal(lambda data: data["windows"].update(flow_window=-1))
    assert "windows.flow_window: Input should be greater than or equal to 0, got -1" in message


@pytest.mark.parametrize("value", ["4", 4.0, True, None])
def test_a_window_that_is_no_whole_number_is_refused(value: object) -> None:
    message = refusal(lambda data: data["windows"].update(flow_window=value))
    assert "windows.flow_window: Input should be a valid integer" in message


def test_a_word_entry_that_is_no_list_is_refused() -> None:
    message = refusal(lambda data: data["words"].update(negations="not"))
    assert "words.negations: Input should be a valid list, got 'not'" in message
    assert "a list of non-empty lower-case strings" in message


@pytest.mark.parametrize(
    ("words", "problem"),
    [(["Not"], "words.negations.0: not lower case"), (["not", ""], "words.negations.1: String"),
     (["not", 1], "words.negations.1: Input should be a valid string")],
)
def test_a_bad_word_is_refused(words: list[object], problem: str) -> None:
    assert problem in refusal(lambda data: data["words"].update(negations=words))


def test_every_problem_is_named() -> None:
    def change(data: dict[str, Any]) -> None:
        data["windows"]["flow_window"] = -1
        data["words"]["negations"] = "not"
        data["extra"] = 1

    message = refusal(change)
    assert all(key in message for key in ("windows.flow_window", "words.negations", "extra"))


def test_other_sections_are_checked() -> None:
    assert "fiscal_year_end.AUS: Input should be less than or equal to 12" in refusal(
        lambda data: data["fiscal_year_end"].update(AUS=13))
    assert "fiscal_year_end.aus (the key): String should match pattern" in refusal(
        lambda data: data["fiscal_year_end"].update(aus=6))
    assert "words.adjustment_granularities.0: Input should be 'month'" in refusal(
        lambda data: data["words"].update(adjustment_granularities=["week"]))
    assert "dollars.named.NZ (the key): not lower case" in refusal(
        lambda data: data["dollars"]["named"].update(NZ="NZD"))
    assert "headline_rounding: Input should be less than 1" in refusal(
        lambda data: data.update(headline_rounding=1.5))


def test_every_drop_rule_has_a_reason() -> None:
    assert "ids.drop.threshold: no reason in 'reasons'" in refusal(
        lambda data: data["reasons"].pop("drop.threshold"))
    assert "reasons.drop.nothing: no 'drop.*' key in 'ids'" in refusal(
        lambda data: data["reasons"].update({"drop.nothing": "a reason"}))


def _keys() -> list[str]:
    """Every key of the file but ids and reasons (which describe themselves)."""
    keys = [key for key in SHIPPED if key != "_doc"]
    for section in ("windows", "words", "dollars"):
        keys += list(SHIPPED[section])
    return keys


@pytest.mark.parametrize("key", _keys())
def test_every_key_is_described(key: str) -> None:
    assert f"'{key}'" in SHIPPED["_doc"] or f"`{key}`" in GUIDE, (
        f"assembly.json key {key!r}: say what it does in the file's _doc or in "
        "newsfacts/patterns/README.md"
    )
