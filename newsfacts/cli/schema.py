"""``newsfacts schema``: the JSON Schema of a record, as newsfacts writes it."""

from __future__ import annotations

import json
from enum import Enum
from typing import Annotated, Any

import typer

from newsfacts.schema import Article, ErrorRecord, MoneyOutcome, Record, TradeFact


class RecordKind(str, Enum):
    trade_fact = "trade-fact"
    article = "article"
    error = "error"
    money_outcome = "money-outcome"


MODELS: dict[RecordKind, type[Record]] = {
    RecordKind.trade_fact: TradeFact,
    RecordKind.article: Article,
    RecordKind.error: ErrorRecord,
    RecordKind.money_outcome: MoneyOutcome,
}


def record_schema(kind: RecordKind = RecordKind.trade_fact) -> dict[str, Any]:
    """JSON Schema of the record as serialised (money as numbers, tuples as arrays)."""
    return MODELS[kind].model_json_schema(mode="serialization")


def schema_cli(
    record: Annotated[RecordKind, typer.Option(
        "--record", "-r", case_sensitive=False, help="Which record.")] = RecordKind.trade_fact,
) -> None:
    """Print the JSON Schema of a record model."""
    typer.echo(json.dumps(record_schema(record), indent=2))
