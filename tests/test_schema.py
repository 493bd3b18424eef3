"""The record model: frozen, strict about fields, money as numbers in JSON, gold mapping."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from pydantic import ValidationError

from newsfacts.schema import GOLD_FIELDS, Article, ErrorRecord, Money, TradeFact


def fact_data(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "doc_id": "seed", "indicator": "trade_balance", "reporter": "USA", "partner": "JPN",
        "period": "1994-03", "value": Decimal("-5800000000.00"), "currency": "USD",
        "change_pct": Decimal("25.4"), "qualifiers": ("rank",),
        "evidence": "the imbalance with Japan grew by 25.4% to $5.8 billion",
        "evidence_start": 10, "evidence_end": 64, "modality": "actual",
    }
    data.update(changes)
    return data


def test_fact_is_frozen() -> None:
    fact = TradeFact(**fact_data())
    with pytest.raises(ValidationError, match="frozen"):
        setattr(fact, "value", Decimal(1))  # noqa: B010 (the assignment under test)


def test_unknown_field_is_refused() -> None:
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        TradeFact(**fact_data(confidence=0.9))


@pytest.mark.parametrize(("name", "value"), [
    ("reporter", "usa"),
    ("partner", "JAPAN"),
    ("currency", "$"),
    ("indicator", "trade"),
    ("flow", "oil"),
    ("qualifiers", ("biggest",)),
    ("modality", "rumour"),
    ("evidence_start", -1),
])
def test_bad_values_are_refused(name: str, value: Any) -> None:
    with pytest.raises(ValidationError, match=name):
        TradeFact(**fact_data(**{name: value}))


def test_to_gold_has_the_schema_fields_in_order() -> None:
    gold = TradeFact(**fact_data()).to_gold()
    assert tuple(gold) == GOLD_FIELDS
    assert gold["value"] == -5.8e9
    assert isinstance(gold["value"], float)
    assert gold["change_pct"] == 25.4
    assert gold["previous_value"] is None
    assert gold["qualifiers"] == ["rank"]
    assert gold["flow"] is None


def test_money_is_a_json_number() -> None:
    data = json.loads(TradeFact(**fact_data()).model_dump_json())
    assert data["value"] == -5800000000 and isinstance(data["value"], int)
    assert data["change_pct"] == 25.4 and isinstance(data["change_pct"], float)
    assert Money(value=Decimal("7.46"), currency="USD", raw="$7.46").model_dump(
        mode="json")["value"] == 7.46


def test_json_round_trip_keeps_the_value() -> None:
    fact = TradeFact(**fact_data())
    back = TradeFact.model_validate_json(fact.model_dump_json())
    assert back == fact
    assert back.value == Decimal("-5800000000")


def test_article_needs_an_id() -> None:
    with pytest.raises(ValidationError, match="id"):
        Article(id="", text="x")


def test_error_record_fields() -> None:
    record = ErrorRecord(doc_id="a", error_code="E103", error="too long")
    assert record.model_dump() == {"doc_id": "a", "error_code": "E103", "error": "too long",
                                   "source": None}


def test_serialised_json_schema_names_numbers() -> None:
    schema = TradeFact.model_json_schema(mode="serialization")
    value_types = {option["type"] for option in schema["properties"]["value"]["anyOf"]}
    assert value_types == {"integer", "number"}
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) >= {"doc_id", "indicator", "reporter", "partner", "value",
                                       "currency", "evidence"}
