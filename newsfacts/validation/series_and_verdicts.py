"""The records of the validation stage: the series a store holds (their description and
observations), and the checks and verdicts on facts.

They follow the conventions of ``newsfacts.schema``: frozen pydantic models that forbid
unknown fields, money as ``Decimal`` (written as a number in JSON).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from pydantic import Field

from newsfacts.schema import Flow, Indicator, JsonDecimal, Record, TradeFact

Status = Literal["confirmed", "revised", "contradicted", "unverifiable"]
CheckStatus = Literal["consistent", "revised", "inconsistent", "unverifiable"]
SeriesBasis = Literal["census", "census_cif", "bop", "national"]
Frequency = Literal["M", "Q", "A"]

STATUSES: tuple[str, ...] = ("confirmed", "revised", "contradicted", "unverifiable")


class SeriesInfo(Record):
    """What one official series measures. Values in the store are in whole currency units."""

    series_id: str
    indicator: Indicator
    flow: Flow
    basis: SeriesBasis
    reporter: str = Field(pattern=r"^[A-Z]{3}$")
    partner: str = Field(pattern=r"^[A-Z]{3}$")
    seasonally_adjusted: bool
    frequency: Frequency
    currency: str = Field(pattern=r"^[A-Z]{3}$")
    unit: str = Field(description="the unit as published, e.g. 'USD millions'")
    source: str
    file: str = ""
    vintage_inferred: bool = Field(
        default=False, description="True where the file gives no vintage and it was inferred")
    estimate: str = Field(
        default="", description="empty for a published series; else how it was estimated "
                                "from published ones ('sa-estimate', 'cif-bridge'), see "
                                "newsfacts.validation.derived and `source`")


class Observation(Record):
    """One published value: ``half_unit`` is half the last digit the source printed."""

    period: str
    vintage: dt.date
    value: JsonDecimal
    half_unit: JsonDecimal = Decimal(0)
    error: JsonDecimal = Field(
        default=Decimal(0), description="an estimated value's back-tested error (90th "
                                        "percentile), whole currency units; 0 if published")


class Check(Record):
    """A check beyond the value: change, previous value, record/rank, article consistency."""

    name: Literal["change_pct", "previous_value", "record", "rank", "article_balance",
                  "article_change"]
    status: CheckStatus
    stated: str
    reference: str | None = None
    explanation: str


class Verdict(Record):
    """Whether the official figures confirm one fact, with the figures that say so."""

    doc_id: str
    fact_index: int = Field(ge=0, description="position of the fact in the input")
    indicator: Indicator
    reporter: str
    partner: str
    period: str | None
    value: JsonDecimal
    evidence: str
    status: Status
    explanation: str
    series_id: str | None = None
    source: str | None = None
    flow: Flow | None = None
    basis: SeriesBasis | None = None
    seasonally_adjusted: bool | None = None
    vintage: dt.date | None = Field(
        default=None, description="vintage of the reference value compared")
    reference_value: JsonDecimal | None = None
    latest_vintage: dt.date | None = None
    latest_value: JsonDecimal | None = None
    abs_difference: JsonDecimal | None = Field(
        default=None, description="|value - reference_value|, whole currency units")
    rel_difference: float | None = Field(
        default=None, description="abs_difference / |reference_value|")
    tolerance: JsonDecimal | None = Field(
        default=None, description="what the stated precision and the source's rounding allow")
    revision_band: float | None = Field(
        default=None, description="relative revision size of this kind of series in the store")
    revision_band_basis: str | None = None
    selection: str | None = Field(
        default=None, description="the rule that chose the series where the text left it open")
    estimated: bool = Field(
        default=False, description="True where the series compared is an estimate made from "
                                   "published ones (its `source` says how), not a published one")
    checks: tuple[Check, ...] = ()
    published: dt.date | None = Field(
        default=None, description="the fact's publication date (TradeFact.published)")
    timing: Literal["after", "before", "undated"] | None = Field(
        default=None, description="when the claim was made against the latest vintage of the "
        "series compared: 'after' (on or after it: no revision range), 'before' (revisions "
        "since may explain a gap), 'undated' (judged as a claim about today's figures, no "
        "revision range); None where no series was compared")

    @classmethod
    def for_fact(cls, fact: TradeFact, index: int, **fields: object) -> Verdict:
        return cls.model_validate({
            "doc_id": fact.doc_id, "fact_index": index, "indicator": fact.indicator,
            "reporter": fact.reporter, "partner": fact.partner, "period": fact.period,
            "value": fact.value, "evidence": fact.evidence, "published": fact.published,
            **fields})
