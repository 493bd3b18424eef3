"""What the article says about a figure's flow where the fact leaves it open.

A figure "in a sentence about goods", next to "exports of goods", or whose balance
arithmetic closes with goods figures of the same article (exports - imports = balance within
rounding) is about goods, and is compared with goods series; a figure in a sentence about
services alone is about services. ``article_flow`` returns the flow and the reason, which the
verdict repeats.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from newsfacts.schema import TradeFact
from newsfacts.validation.tolerance import stated_half_unit

_BOTH = re.compile(r"goods\s+and\s+services|goods\s*&\s*services|goods\s+or\s+services",
                   re.IGNORECASE)
_GOODS = re.compile(r"\b(?:goods|merchandise)\b", re.IGNORECASE)
_SERVICES = re.compile(r"\bservices?\b", re.IGNORECASE)
# a full stop ends a sentence, but not the one of "U.S." ("U.S. exports of goods")
_SENTENCE_END = re.compile(r"(?<=[.!?])(?<!\.[A-Z]\.)[\"\u201d\u2019]?\s+")


def _mentions(text: str) -> tuple[bool, bool]:
    """(speaks of goods, speaks of services), "goods and services" counting as neither."""
    rest = _BOTH.sub(" ", text)
    return bool(_GOODS.search(rest)), bool(_SERVICES.search(rest))


def _nearest_flow_word(sentence: str, evidence: str) -> str | None:
    """The flow named last before the figure in its sentence: "goods were $121.2 billion
    ..., and services were $49.6 billion" → services for the second figure."""
    at = sentence.find(evidence) if evidence else -1
    if at < 0:
        return None
    digit = re.search(r"\d", evidence)
    prefix = _BOTH.sub(" both ", sentence[:at + (digit.start() if digit else 0)])
    words = re.findall(r"\b(goods|merchandise|services?|both)\b", prefix, re.IGNORECASE)
    if not words:
        return None
    last = words[-1].lower()
    return {"goods": "goods", "merchandise": "goods", "both": "goods_and_services"}.get(
        last, "services")


def _sentence_before(sentence: str, text: str | None) -> str:
    if not text or not sentence:
        return ""
    at = text.find(sentence)
    if at <= 0:
        return ""
    parts = [part for part in _SENTENCE_END.split(text[:at].rstrip()) if part.strip()]
    return parts[-1] if parts else ""


def _closes(balance: TradeFact, exports: TradeFact, imports: TradeFact) -> bool:
    room = (stated_half_unit(exports.value, exports.evidence)
            + stated_half_unit(imports.value, imports.evidence)
            + stated_half_unit(balance.value, balance.evidence))
    return abs(exports.value - imports.value - balance.value) <= room + Decimal(0)


def article_flow(fact: TradeFact, siblings: Sequence[TradeFact],
                 text: str | None = None) -> tuple[str, str] | None:
    """(flow, why) where the article fixes the flow of a fact that names none, or names
    another flow just before the figure than the fact carries."""
    if fact.indicator not in ("exports", "imports", "trade_balance"):
        return None
    sentence = fact.sentence or fact.evidence
    nearest = _nearest_flow_word(sentence, fact.evidence)
    if nearest is not None and nearest != fact.flow:
        return nearest, (f"the sentence names {nearest.replace('_', ' ')} last before the "
                         "figure")
    if fact.flow is not None:
        return None
    same = [other for other in siblings if other is not fact and other.doc_id == fact.doc_id
            and other.period == fact.period and other.partner == fact.partner
            and other.reporter == fact.reporter and other.currency == fact.currency]
    roles = {"exports", "imports", "trade_balance"} - {fact.indicator}
    for first in same:
        for second in same:
            if first is second or {first.indicator, second.indicator} != roles:
                continue
            if "goods" not in (first.flow, second.flow) or "goods_and_services" in (
                    first.flow, second.flow) or "services" in (first.flow, second.flow):
                continue
            trio = {fact.indicator: fact, first.indicator: first, second.indicator: second}
            if _closes(trio["trade_balance"], trio["exports"], trio["imports"]):
                return "goods", ("exports - imports = balance closes, within rounding, with the "
                                 "article's goods figures")
    before = _sentence_before(fact.sentence, text)
    goods_before, services_before = _mentions(before)
    if goods_before and not services_before and fact.indicator != "trade_balance" and any(
            other.flow == "goods" and other.indicator != fact.indicator for other in same):
        return "goods", "it continues a sentence about goods (\"exports of goods\" beside it)"
    return None
