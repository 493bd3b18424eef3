"""What the words around a money or percentage mention add to its value.

The parsers (``money.py``, ``percent.py``) read a mention's own text; these functions read
the document around it, after the span ruler, and return the spans with their values:

- **rates and prices**: the denominator after the amount goes into ``per``
  ('$52 a barrel', '$14.95 a month', '5 percent a year'); after a parenthesis it is the
  amount's before it ('C $6 (US $4.46) per share': C $6 a share; the amount in the
  parenthesis, a conversion, keeps none, as NewsQuant reads it);
- **ranges of two amounts**: 'between $48,000 and $90,000', 'from $800,000 to $1.3 million',
  '$3 billion to $5 billion', '5% to 10%' become one span with both ends (``low``, ``high``)
  and a ``*.range-join`` rule id, so that the rule layer drops it as it drops every range.
  Not after a change word ('rose from $5 to $6 billion', 'fell 2 billion dlrs to 5 billion')
  nor after a verb other than the range verbs of ``money_units.json`` ('slumping from around
  800 mln dlrs to 200 mln'): there the first amount is a previous value or a change, the
  second a level;
- **compound amounts**: '15 dollars 50', '15 dollars and 50', '17 USD 25' are one amount
  (15.50) when no unit follows the second number; the span grows to it, rule id
  ``money.compound``;
- **alternatives**: 'eight or nine euros', '5 or 6 pct' are two amounts, the currency shared,
  each keeping the span's range rule id;
- a range span right after a month ('March 4 to 2.3 billion dlrs') is a date and an amount:
  it keeps its value and loses its ends.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from spacy.tokens import Doc, Span

from newsfacts.mentions.money import SCALES, currency_tables, parse_money_amounts
from newsfacts.mentions.percent import parse_percent_values
from newsfacts.mentions.periods import MONTHS
from newsfacts.mentions.units import RATE_OPENERS, rate_after, unit_tables
from newsfacts.schema import Money, Percent

RANGE_CONNECTORS: frozenset[str] = frozenset({"to", "-", "\u2013"})
CHANGE_CUE_PREFIX = "chg."
CHANGE_CUE_REACH = 3  # a change cue ending this close before a pair's first amount
RATE_REACH = 6  # words read after an amount (or after its parenthesis) for a rate
ASIDE_REACH = 12  # 'C $6 (US $4.46) per share': a parenthesis this long is skipped

COMPOUND_ID = "money.compound"
CENTS_DIGITS = re.compile(r"\d{1,2}")
PERCENT_WORDS: frozenset[str] = frozenset({"%", "pct", "percent", "per", "pc"})

Valued = tuple[Span, Any]


def with_context(doc: Doc, valued: Sequence[Valued]) -> list[Valued]:
    """The mentions with what their context says: rates, joined ranges, alternatives."""
    out: list[Valued] = []
    amounts = 0
    for span, value in valued:
        if isinstance(value, Money | Percent):
            amounts += 1
            if isinstance(value, Money):
                if " or " in value.raw.lower() and span.label_ == "MONEY":
                    out.extend(_alternatives(span, value))
                    continue
                span, value = _with_cents(doc, span, value)
            value = _dated(span, value)
            value = _rated(doc, span, value)
        out.append((span, value))
    return _joined(doc, out) if amounts > 1 else out


def _with_cents(doc: Doc, span: Span, value: Money) -> tuple[Span, Money]:
    """'15 dollars 50', '15 dollars and 50', '17 USD 25': a whole amount written with a
    currency word after it, then a number under 100 that no unit follows, is one amount
    ('50 dollar 50 dollar' and '50 dollar 40 rmb' are two)."""
    if value.scale is not None or value.low is not None or value.currency is None:
        return span, value
    if span.end >= len(doc) or not doc[span.end].text[:1].isalnum() or not span[0].like_num:
        return span, value
    if value.value != value.value.to_integral_value() or not _is_currency_word(span[-1].lower_):
        return span, value
    index = span.end
    if index < len(doc) and doc[index].lower_ == "and":
        index += 1
    if index >= len(doc) or not CENTS_DIGITS.fullmatch(doc[index].text):
        return span, value
    if index + 1 < len(doc) and _is_unit(doc[index + 1].lower_):
        return span, value
    joined = Span(doc, span.start, index + 1, label=span.label_, span_id=COMPOUND_ID)
    cents = Decimal(doc[index].text) / 100
    amount = value.value + cents if value.value >= 0 else value.value - cents
    return joined, value.model_copy(update={"value": amount, "raw": joined.text})


def _is_currency_word(word: str) -> bool:
    tables = currency_tables()
    return word in tables.codes or word in tables.iso_codes or word in unit_tables().crypto


def _is_unit(word: str) -> bool:
    """A word after a number that makes it an amount of its own ('50 dollar', '40 rmb',
    '50 billion', '50 %')."""
    return (
        word in SCALES
        or word in PERCENT_WORDS
        or _is_currency_word(word)
        or word in currency_tables().symbols
        or word in unit_tables().minor
    )


def _dated(span: Span, value: Money | Percent) -> Money | Percent:
    if value.low is None or span.start == 0:
        return value
    before = span.doc[span.start - 1].lower_.rstrip(".")
    if before in MONTHS:
        return value.model_copy(update={"low": None, "high": None})
    return value


def _rated(doc: Doc, span: Span, value: Money | Percent) -> Money | Percent:
    start = span.end
    if start < len(doc) and doc[start].text == "(":
        close = next(
            (i for i in range(start + 1, min(len(doc), start + ASIDE_REACH)) if doc[i].text == ")"),
            None,
        )
        if close is None:
            return value
        start = close + 1
    if start >= len(doc):
        return value
    first = doc[start].lower_
    if first != "-" and first not in RATE_OPENERS and first.split("-", 1)[0] not in RATE_OPENERS:
        return value
    per = rate_after([token.lower_ for token in doc[start : start + RATE_REACH]])
    return value if per is None else value.model_copy(update={"per": per})


def _alternatives(span: Span, value: Money | Percent) -> list[Valued]:
    """'eight or nine euros' → 'eight' (8 euros) and 'nine euros' (9 euros)."""
    amounts: Sequence[Money | Percent] = (
        parse_money_amounts(span.text) if isinstance(value, Money) else parse_percent_values(
            span.text
        )
    )
    split = next(i for i, token in enumerate(span) if token.lower_ == "or")
    if len(amounts) != 2 or split == 0 or split == len(span) - 1:
        return [(span, value)]
    doc = span.doc
    parts = (doc[span.start : span.start + split], doc[span.start + split + 1 : span.end])
    out: list[Valued] = []
    for part, amount in zip(parts, amounts, strict=True):
        sub = Span(doc, part.start, part.end, label=span.label_, span_id=span.id_)
        out.append((sub, _rated(doc, sub, amount.model_copy(update={"raw": sub.text}))))
    return out


def _joined(doc: Doc, valued: list[Valued]) -> list[Valued]:
    """Join 'between A and B', 'from A to B' and 'A to B' into one range mention."""
    out: list[Valued] = []
    index = 0
    while index < len(valued):
        span, value = valued[index]
        following = valued[index + 1] if index + 1 < len(valued) else None
        if (
            following is not None
            and following[0].start == span.end + 1
            and _is_range_pair(doc, (span, value), following, out)
        ):
            out.append(_range_of(doc, (span, value), following))
            index += 2
            continue
        out.append((span, value))
        index += 1
    return out


def _is_range_pair(doc: Doc, first: Valued, second: Valued, before: list[Valued]) -> bool:
    (a, va), (b, vb) = first, second
    if not isinstance(va, Money | Percent) or type(va) is not type(vb) or a.label != b.label:
        return False
    if va.low is not None or vb.low is not None or va.per is not None:
        return False
    if (
        isinstance(va, Money)
        and isinstance(vb, Money)
        and va.currency
        and vb.currency
        and va.currency != vb.currency
    ):
        return False
    connector = doc[a.end].lower_
    start = a.start
    approximators = unit_tables().approximators
    while start > 0 and doc[start - 1].lower_ in approximators:
        start -= 1
    opener = doc[start - 1].lower_ if start > 0 else ""
    if connector == "and":
        return opener == "between"
    if connector not in RANGE_CONNECTORS or opener == "by" or _is_change_verb(opener):
        return False  # 'added 15 sen to RM2.70': a change and a level
    if opener == "from" and start > 1 and _is_change_verb(doc[start - 2].lower_):
        return False  # 'slumping from around 800 mln dlrs to 200 mln': a change
    return not any(
        span.label_ == "CUE"
        and span.id_.startswith(CHANGE_CUE_PREFIX)
        and a.start - CHANGE_CUE_REACH <= span.end <= a.start
        for span, _ in before[-4:]
    )


def _is_change_verb(word: str) -> bool:
    """A verb (a word ending in -ed or -ing) that does not open a range ('ranging')."""
    return word.endswith(("ed", "ing")) and word not in unit_tables().range_verbs


def _range_of(doc: Doc, first: Valued, second: Valued) -> Valued:
    (a, va), (b, vb) = first, second
    label = a.label_
    span = Span(doc, a.start, b.end, label=label, span_id=f"{label.lower()}.range-join")
    update: dict[str, Any] = {"low": va.value, "high": vb.value, "raw": span.text}
    if isinstance(va, Money) and isinstance(vb, Money) and vb.currency is None:
        update["currency"] = va.currency
    return span, vb.model_copy(update=update)
