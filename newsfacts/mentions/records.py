"""A processed Doc's mentions as ``Mention`` records, for users outside the fact layer."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from newsfacts.mentions.component import SPANS_KEY
from newsfacts.schema import Mention, Money, Percent, Period, Place


def to_mention(span: Span) -> Mention:
    """One span of ``nf_mentions`` with its normalised value in the matching field."""
    value = span._.nf_value
    return Mention(
        label=span.label_,
        text=span.text,
        start_char=span.start_char,
        end_char=span.end_char,
        rule_id=span.id_,
        money=value if isinstance(value, Money) else None,
        percent=value if isinstance(value, Percent) else None,
        period=value if isinstance(value, Period) else None,
        place=Place(iso3=value, raw=span.text) if span.label_ == "PLACE" else None,
    )


def read_mentions(doc: Doc, spans_key: str = SPANS_KEY) -> list[Mention]:
    """Every mention newsfacts tagged in ``doc``, in text order."""
    spans = sorted(doc.spans.get(spans_key, []), key=lambda span: (span.start, span.end))
    return [to_mention(span) for span in spans]
