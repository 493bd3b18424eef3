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
from newsfacts.schema import JsonDecimal, Money, Percent, Record

QuantityKind = Literal["money", "percent", "points"]
QUANTITY_LABELS: frozenset[str] = frozenset({"MONEY", "PERCENT", "POINTS"})


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
    per: str | None = Field(
        default=None, description="a rate's denominator ('share', 'barrel', 'year'), else None"
    )
    text: str
    start_char: int = Field(ge=0)
    end_char: int = Field(ge=0)
    rule_id: str


def _to_quantity(span: Span) -> Quantity | None:
    value = span._.nf_value
    kind: QuantityKind
    if isinstance(value, Money):
        kind, unit = "money", value.currency
    elif isinstance(value, Percent):
        kind = unit = value.kind
    else:
        return None
    ranged = value.low is not None and value.high is not None
    first, second = (value.low, value.high) if ranged else (value.value, None)
    return Quantity(kind=kind, value=first, range_end=second, unit=unit, per=value.per,
                    text=span.text, start_char=span.start_char, end_char=span.end_char,
                    rule_id=span.id_)


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
