"""Drafts → frozen ``TradeFact`` records: comparison links, duplicates merged, evidence cut."""

from __future__ import annotations

from decimal import Decimal

from spacy.tokens import Doc

from newsfacts.facts.assemble import Draft
from newsfacts.facts.context import PREVIOUS_STEP
from newsfacts.facts.drafts import Drop
from newsfacts.facts.rules import RULES
from newsfacts.mentions.places import region_code
from newsfacts.periods import shift_period
from newsfacts.schema import TradeFact

QUALIFIER_ORDER: tuple[str, ...] = ("record", "rank", "lowest", "revised")
BASIS_WORDS: frozenset[str] = frozenset({"cif", "fob", "customs"})


def _key(draft: Draft) -> tuple[object, ...]:
    return (draft.indicator, draft.reporter, draft.partner, draft.signed_value, draft.currency)


def _merge(kept: Draft, other: Draft) -> None:
    kept.qualifiers |= other.qualifiers
    kept.change_pct = kept.change_pct if kept.change_pct is not None else other.change_pct
    kept.previous = kept.previous or other.previous
    kept.flow = kept.flow or other.flow
    if kept.seasonally_adjusted is None:
        kept.seasonally_adjusted = other.seasonally_adjusted
    if not kept.period_explicit and other.period_explicit:
        kept.period, kept.period_explicit = other.period, True
    kept.rule_ids.append(RULES.ids["merge.duplicate"])


def _headline_twin(kept: list[Draft], draft: Draft) -> Draft | None:
    """A headline's rounded figure ('SURPLUS 1.2 BILLION') and the body's exact one (1.25)."""
    for other in kept:
        if not (other.in_title or draft.in_title) or other.in_title == draft.in_title:
            continue
        if _key(other)[:3] != _key(draft)[:3] or other.sign != draft.sign:
            continue
        larger = max(other.value, draft.value)
        if larger and abs(other.value - draft.value) / larger <= RULES.headline_rounding:
            return other
    return None


def merge_duplicates(
    drafts: list[Draft],
    conversions: set[Decimal] | None = None,
    drops: dict[int, Drop] | None = None,
) -> list[Draft]:
    """A figure said twice (headline and body, or main and comparison) is one fact.

    A headline figure that the body gives only as a currency conversion is dropped.
    ``drops`` (``DocContext.drops``) gets why each draft left out makes no fact.
    """
    kept: list[Draft] = []
    for draft in drafts:
        if draft.superseded or draft.reporter is None:
            if drops is not None:
                rule = "drop.superseded" if draft.superseded else "drop.no-reporter"
                drops[draft.money.start] = Drop(rule)
            continue
        if region_code() in (draft.reporter, draft.partner):
            if drops is not None:
                drops[draft.money.start] = Drop("drop.region")
            continue  # "Latin American countries' exports fell to 80 billion dlrs"
        if draft.in_title and conversions and draft.value in conversions:
            if drops is not None:
                drops[draft.money.start] = Drop("drop.headline-conversion")
            continue
        twin = next(
            (
                k
                for k in kept
                if _key(k) == _key(draft)
                and (
                    k.period is None
                    or draft.period is None
                    or not (k.period_explicit and draft.period_explicit)
                    or k.period.code == draft.period.code
                )
            ),
            None,
        )
        merged_away = draft.money
        if twin is None and (twin := _headline_twin(kept, draft)) is not None and twin.in_title:
            merged_away = twin.money  # the headline's rounded figure
            twin.value, twin.money = draft.value, draft.money  # the body's exact figure
        if twin is None:
            kept.append(draft)
        else:
            if twin.role == "comparison" and draft.role == "main":
                twin.role, twin.main = "main", None
            if twin.in_title and not draft.in_title:
                twin.evidence, twin.in_title = draft.evidence, False  # the body says it in full
            _merge(twin, draft)
            if drops is not None:
                drops[merged_away.start] = Drop("drop.duplicate", twin)
    return kept


def link_story_previous(drafts: list[Draft]) -> None:
    """'The U.S. trade deficit narrowed to $11.5 billion in October … In September, the
    difference between imports and exports was $15.55 billion': a figure said as a change
    with no comparison of its own takes as its previous value the story's figure of the same
    statistic for the period before."""
    for draft in drafts:
        if not draft.changed or draft.previous is not None or draft.period is None:
            continue
        before = shift_period(draft.period, PREVIOUS_STEP).code
        draft.previous = next(
            (
                other
                for other in drafts
                if other is not draft
                and other.modality == draft.modality == "actual"
                and other.period is not None
                and other.period.code == before
                and (other.indicator, other.reporter, other.partner, other.flow)
                == (draft.indicator, draft.reporter, draft.partner, draft.flow)
            ),
            None,
        )
        if draft.previous is not None:
            draft.rule_ids.append(RULES.ids["previous.story"])


def to_fact(draft: Draft, doc: Doc, doc_id: str) -> TradeFact:
    start_token, end_token = draft.evidence
    span = doc[start_token:end_token]
    source = doc._.nf_text or doc.text  # the text as given, line breaks and all
    sentence_span = span.sent if doc.has_annotation("SENT_START") else span
    sentence = source[sentence_span.start_char : sentence_span.end_char]
    previous = draft.previous
    basis = sorted(draft.basis & BASIS_WORDS)
    if draft.seasonally_adjusted is not None:
        basis.insert(
            0, "seasonally_adjusted" if draft.seasonally_adjusted else "not_seasonally_adjusted"
        )
    return TradeFact(
        doc_id=doc_id,
        indicator=draft.indicator,  # type: ignore[arg-type]
        flow=draft.flow,  # type: ignore[arg-type]
        reporter=draft.reporter or "",
        partner=draft.partner,
        period=draft.period.code if draft.period else None,
        value=draft.signed_value,
        currency=draft.currency,
        change_pct=draft.change_pct,
        previous_value=previous.signed_value if previous else None,
        previous_period=previous.period.code if previous and previous.period else None,
        qualifiers=tuple(q for q in QUALIFIER_ORDER if q in draft.qualifiers),  # type: ignore[misc]
        seasonally_adjusted=draft.seasonally_adjusted,
        evidence=source[span.start_char : span.end_char],
        modality=draft.modality,  # type: ignore[arg-type]
        evidence_start=span.start_char,
        evidence_end=span.end_char,
        sentence=sentence,
        rule_ids=tuple(dict.fromkeys([RULES.ids[f"role.{draft.role}"], *draft.rule_ids])),
        basis=tuple(basis),  # type: ignore[arg-type]
        period_granularity=draft.period.granularity if draft.period else None,
        published=doc._.nf_published,
    )


def build_facts(
    drafts: list[Draft],
    doc: Doc,
    doc_id: str,
    conversions: set[Decimal] | None = None,
    drops: dict[int, Drop] | None = None,
) -> list[TradeFact]:
    return [to_fact(draft, doc, doc_id) for draft in settle_drafts(drafts, conversions, drops)]


def settle_drafts(
    drafts: list[Draft],
    conversions: set[Decimal] | None = None,
    drops: dict[int, Drop] | None = None,
) -> list[Draft]:
    """The drafts that become facts: duplicates merged, previous values linked across the
    story (``extract`` and ``explain`` both build from these)."""
    kept = merge_duplicates(drafts, conversions, drops)
    link_story_previous(kept)
    return kept
