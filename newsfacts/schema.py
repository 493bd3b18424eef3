"""Records in flow order: Article → mentions (Money, Percent, Period, Place) → TradeFact
(and MoneyOutcome: what became of each money mention).

All records are frozen pydantic models that forbid unknown fields. Money is ``Decimal``;
in JSON it is written as a number so that downstream tools need no parsing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, model_validator


def _decimal_to_number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


JsonDecimal = Annotated[Decimal, PlainSerializer(_decimal_to_number, when_used="json")]

Indicator = Literal["trade_balance", "exports", "imports", "current_account"]
Flow = Literal["goods", "services", "goods_and_services"]
Modality = Literal["actual", "forecast", "target", "estimate"]
Qualifier = Literal["record", "rank", "lowest", "revised"]
Granularity = Literal["month", "quarter", "half", "year", "fiscal_year", "months"]
Basis = Literal["seasonally_adjusted", "not_seasonally_adjusted", "cif", "fob", "customs"]

INDICATORS: tuple[str, ...] = ("trade_balance", "exports", "imports", "current_account")


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Article(Record):
    """One document: ``text`` is what offsets point into (title, blank line, body)."""

    id: str = Field(min_length=1)
    text: str
    published: dt.date | None = None
    title: str | None = None
    source: str | None = None


class Money(Record):
    """An amount of money as written, in major units of its currency.

    A range ('$10 to $15 billion', 'between $62 and $68') keeps both ends in ``low`` and
    ``high`` (as written: 'from $36,040 to $34,935' has ``low`` 36040, ``high`` 34935);
    its ``value`` is the last end written, the one the rule layer read before ranges had
    ends. A rate or price ('$52 a barrel', '$14.95 a month') names its denominator in
    ``per``. A minor unit ('19 cents', '470 pence', '2 satoshis') is converted to major
    units (0.19, 4.70, 0.00000002 BTC); ``raw`` keeps the text as written.
    """

    value: JsonDecimal
    currency: str | None = Field(
        default=None,
        description="ISO 4217 (BTC for bitcoin), a family word ('dollar', 'crown' ...) where "
        "the text does not fix the code, or None where the text names no currency",
    )
    raw: str
    scale: str | None = Field(default=None, description="the scale word as written")
    low: JsonDecimal | None = Field(
        default=None, description="a range's first end as written; None for one amount"
    )
    high: JsonDecimal | None = Field(
        default=None, description="a range's second end as written; None for one amount"
    )
    per: str | None = Field(
        default=None,
        description="a rate's or price's denominator, a singular noun ('share', 'barrel', "
        "'month', 'year'); None for an amount",
    )


class Percent(Record):
    """A percentage or percentage points; ranges and rates as for ``Money`` ('between 5% and
    6%': ``low`` 5, ``high`` 6, ``value`` 6; 'five percent a year': ``per`` 'year')."""

    value: JsonDecimal
    kind: Literal["percent", "points"]
    raw: str
    low: JsonDecimal | None = Field(
        default=None, description="a range's first end as written; None for one value"
    )
    high: JsonDecimal | None = Field(
        default=None, description="a range's second end as written; None for one value"
    )
    per: str | None = Field(
        default=None, description="a rate's denominator ('year' for 'a year', 'per annum')"
    )


class Period(Record):
    """A period in the SCHEMA.md canonical form, plus its granularity and month range."""

    code: str = Field(description="YYYY-MM, YYYY-Qn, YYYY, FYyyyy or YYYY-MM/YYYY-MM")
    granularity: Granularity
    start: str = Field(description="first month, YYYY-MM")
    end: str = Field(description="last month, YYYY-MM")
    raw: str


class Place(Record):
    iso3: str = Field(pattern=r"^[A-Z]{3}$")
    raw: str


class Mention(Record):
    """A tagged span of the article, with the id of the rule that found it."""

    label: str
    text: str
    start_char: int
    end_char: int
    rule_id: str
    money: Money | None = None
    percent: Percent | None = None
    period: Period | None = None
    place: Place | None = None


class TradeFact(Record):
    """A trade statistic stated in the text. The first fields are those of SCHEMA.md."""

    doc_id: str
    indicator: Indicator
    flow: Flow | None = None
    reporter: str = Field(pattern=r"^[A-Z]{3}$")
    partner: str = Field(pattern=r"^[A-Z]{3}$")
    period: str | None = None
    value: JsonDecimal
    currency: str = Field(pattern=r"^[A-Z]{3}$")
    change_pct: JsonDecimal | None = None
    previous_value: JsonDecimal | None = None
    previous_period: str | None = None
    qualifiers: tuple[Qualifier, ...] = ()
    seasonally_adjusted: bool | None = None
    evidence: str
    # newsfacts' own fields
    modality: Modality = "actual"
    evidence_start: int = Field(ge=0)
    evidence_end: int = Field(ge=0)
    sentence: str = ""
    rule_ids: tuple[str, ...] = ()
    basis: tuple[Basis, ...] = ()
    period_granularity: Granularity | None = None
    published: dt.date | None = Field(
        default=None,
        description="the publication date of the document the fact was read from (its "
        "Article's `published`), None where unknown; validation uses it to tell whether "
        "revisions made since may explain a gap from today's official figures",
    )

    def to_gold(self) -> dict[str, Any]:
        """The fact in the SCHEMA.md gold format (numbers as floats)."""
        data = self.model_dump(mode="json", include=set(GOLD_FIELDS))
        for key in ("value", "change_pct", "previous_value"):
            if data[key] is not None:
                data[key] = float(data[key])
        data["qualifiers"] = list(data["qualifiers"])
        return {key: data[key] for key in GOLD_FIELDS}


GOLD_FIELDS: tuple[str, ...] = (
    "doc_id",
    "indicator",
    "flow",
    "reporter",
    "partner",
    "period",
    "value",
    "currency",
    "change_pct",
    "previous_value",
    "previous_period",
    "qualifiers",
    "seasonally_adjusted",
    "evidence",
)


class MoneyOutcome(Record):
    """What became of one money mention of an article (``newsfacts explain``): the fact it
    made, with that fact's rule ids, or the rule that dropped it and why."""

    doc_id: str
    text: str = Field(description="the mention as written")
    start_char: int = Field(ge=0)
    end_char: int = Field(ge=0)
    money_rule_id: str = Field(description="the id of the money pattern that found it")
    money: Money | None = Field(default=None, description="its normalised value and currency")
    outcome: Literal["fact", "dropped"]
    fact_index: int | None = Field(
        default=None, ge=0, description="a fact's place in the article's facts, as extracted"
    )
    fact: TradeFact | None = Field(default=None, description="the fact it made")
    rule_id: str | None = Field(default=None, description="the rule that dropped it")
    reason: str | None = Field(default=None, description="why that rule drops it, in a line")
    merged_into: int | None = Field(
        default=None, ge=0, description="a duplicate's fact: its fact_index"
    )
    gate_score: float | None = Field(
        default=None, ge=0, le=1,
        description="the trade gate's score for the fact it made or would have made (a fact "
        "below the gate's threshold is dropped); None where the gate did not read it",
    )

    @model_validator(mode="after")
    def _one_outcome(self) -> MoneyOutcome:
        """A fact has its fact and no drop rule; a drop has its rule and reason and no fact."""
        if self.outcome == "fact":
            complete = self.fact is not None and self.fact_index is not None
            clean = self.rule_id is None and self.reason is None and self.merged_into is None
        else:
            complete = self.rule_id is not None and self.reason is not None
            clean = self.fact is None and self.fact_index is None
        if not (complete and clean):
            raise ValueError(
                f"outcome={self.outcome!r} needs "
                + ("fact and fact_index, and no rule_id, reason or merged_into"
                   if self.outcome == "fact" else "rule_id and reason, and no fact or fact_index")
            )
        return self


class ErrorRecord(Record):
    """What a batch run writes for a document it could not process."""

    doc_id: str
    error_code: str
    error: str
    source: str | None = None
