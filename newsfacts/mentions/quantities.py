"""Money and percentage mentions of a processed ``Doc`` as flat ``Quantity`` records.

``extract_quantities`` reads the span group that ``newsfacts_mentions`` and
``newsfacts_normaliser`` fill and keeps what a caller needs to compare the mentions with
another extractor: kind, value, unit, character offsets and the rule that made each one.
It reads spans only, so it works on any pipeline built by ``build_pipeline``.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field
from spacy.tokens import Doc, Span

from newsfacts.mentions.component import SPANS_KEY
from newsfacts.mentions.money import parse_money_range
from newsfacts.mentions.percent import parse_percent_range
from newsfacts.schema import JsonDecimal, Money, Percent, Record

QuantityKind = Literal["money", "percent", "points"]
QUANTITY_LABELS: frozenset[str] = frozenset({"MONEY", "PERCENT", "POINTS"})
# 'in the week ended March 4 to 2.3 billion dlrs': a day of a month, not a range's first end.
_MONTHS: tuple[str, ...] = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
)
_DATE_WORDS: frozenset[str] = frozenset(_MONTHS) | {f"{month}." for month in _MONTHS}


class Quantity(Record):
    """One money amount or percentage as written in a document."""

    kind: QuantityKind
    value: JsonDecimal = Field(
        description="money in whole currency units, or the percentage; a range's first end"
    )
    range_end: JsonDecimal | None = Field(
        default=None,
        description="a range's second end as written ('$5-6 million' → 6000000); None if one",
    )
    unit: str | None = Field(
        description="money: ISO 4217 code, a currency family word ('dollar', 'crown' ...) or "
        "None where no currency is written; 'percent' or 'points' otherwise"
    )
    text: str
    start_char: int = Field(ge=0)
    end_char: int = Field(ge=0)
    rule_id: str


def _range_allowed(span: Span) -> bool:
    before = span.doc[span.start - 1].lower_ if span.start > 0 else ""
    return before not in _DATE_WORDS


def _to_quantity(span: Span) -> Quantity | None:
    value = span._.nf_value
    kind: QuantityKind
    ends: tuple[Money, Money] | tuple[Percent, Percent] | None
    if isinstance(value, Money):
        kind, unit = "money", value.currency
        ends = parse_money_range(span.text) if _range_allowed(span) else None
    elif isinstance(value, Percent):
        kind = unit = value.kind
        ends = parse_percent_range(span.text) if _range_allowed(span) else None
    else:
        return None
    first, second = (ends[0].value, ends[1].value) if ends is not None else (value.value, None)
    return Quantity(kind=kind, value=first, range_end=second, unit=unit, text=span.text,
                    start_char=span.start_char, end_char=span.end_char, rule_id=span.id_)


def extract_quantities(doc: Doc, spans_key: str = SPANS_KEY) -> list[Quantity]:
    """The money and percentage mentions of ``doc`` in text order.

    ``doc`` must have been through ``newsfacts_mentions`` and ``newsfacts_normaliser``;
    spans that carry no ``Money``/``Percent`` value are skipped, never raised on.
    """
    quantities: list[Quantity] = []
    for span in doc.spans.get(spans_key, []):
        if span.label_ not in QUANTITY_LABELS:
            continue
        quantity = _to_quantity(span)
        if quantity is not None:
            quantities.append(quantity)
    return sorted(quantities, key=lambda q: (q.start_char, q.end_char))
