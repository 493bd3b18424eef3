"""The rule layer: a document's mentions → trade facts, one clause at a time.

Each money amount in a clause is read against the nearest indicator phrase; its period,
places, change, qualifiers and modality come from the mentions around it. A figure after
"from", "against" or "compared with" is a comparison: it becomes the main figure's
``previous_value`` and, where its period is fixed, a fact of its own. Every fact records
the ids of the patterns and assembly rules that made it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from spacy.tokens import Doc

from newsfacts.facts.clauses import Clause, Cue, iter_clauses
from newsfacts.facts.context import DocContext, read_context
from newsfacts.facts.phrases import IndicatorPhrase, indicator_phrases
from newsfacts.facts.rules import RULES
from newsfacts.mentions.money import resolve_family
from newsfacts.mentions.periods import PeriodShift, shift_period
from newsfacts.schema import Money, Period

PARTNER_MARKERS: frozenset[str] = frozenset(
    {"with", "to", "from", "toward", "towards", "vis-a-vis", "into", "against"}
)
FAMILIES_WITH_CODES: frozenset[str] = frozenset({"dollar", "crown", "franc", "peso", "rupee", "dinar"})


@dataclass
class Draft:
    """A fact in the making, before it becomes a frozen TradeFact."""

    indicator: str
    money: Cue
    phrase: IndicatorPhrase
    value: Decimal
    currency: str
    sign: int
    reporter: str | None
    partner: str
    period: Period | None
    period_explicit: bool
    role: str = "main"
    main: Draft | None = None
    previous: Draft | None = None
    change_pct: Decimal | None = None
    qualifiers: set[str] = field(default_factory=set)
    seasonally_adjusted: bool | None = None
    flow: str | None = None
    modality: str = "actual"
    basis: set[str] = field(default_factory=set)
    superseded: bool = False
    evidence: tuple[int, int] = (0, 0)
    rule_ids: list[str] = field(default_factory=list)

    @property
    def signed_value(self) -> Decimal:
        return self.value * self.sign


def _between(clause: Clause, kind: str, start: int, end: int) -> list[Cue]:
    return [cue for cue in clause.mentions if cue.kind == kind and start <= cue.start and cue.end <= end]


def _nearest_phrase(phrases: list[IndicatorPhrase], money: Cue) -> IndicatorPhrase | None:
    best: tuple[float, IndicatorPhrase] | None = None
    for phrase in phrases:
        if phrase.end <= money.start:
            distance: float = money.start - phrase.end
        elif phrase.start >= money.end and phrase.start - money.end <= RULES.phrase_after_window:
            distance = (phrase.start - money.end) * 2 + 1
        else:
            continue
        if best is None or distance < best[0]:
            best = (distance, phrase)
    return best[1] if best else None


def _place_is_partner(doc: Doc, place: Cue) -> bool:
    index = place.start - 1
    if index >= 0 and doc[index].lower_ == "the":
        index -= 1
    return index >= 0 and doc[index].lower_ in PARTNER_MARKERS


def _places(clause: Clause, doc: Doc, phrase: IndicatorPhrase, limit: int,
            context: DocContext, search_from: int | None = None) -> tuple[str | None, str, list[str]]:
    """Reporter and partner of a phrase: 'Japan's surplus with the U.S.' → JPN, USA.

    The partner may be named from ``search_from`` on (an earlier phrase that has no figure
    of its own: "the imbalance with Japan persists as the gap hits $5.8 billion").
    """
    search_from = phrase.start if search_from is None else search_from
    places = [cue for cue in clause.mentions if cue.kind == "place"]
    partner = "WLD"
    rules: list[str] = []
    for place in places:
        if search_from <= place.start <= limit and _place_is_partner(doc, place):
            partner = str(place.value)
            rules.append(place.rule_id)
            break
    reporter = None
    before = [p for p in places if p.end <= phrase.start and not _place_is_partner(doc, p)]
    if before and phrase.start - before[-1].end <= RULES.reporter_adjacent_window:
        reporter = str(before[-1].value)
        rules.append(before[-1].rule_id)
    elif before:
        reporter = str(before[0].value)
        rules.append(before[0].rule_id)
    if reporter is None:
        reporter = context.reporter
    if reporter == partner:
        partner = "WLD"
    return reporter, partner, rules


def _currency(money: Money, reporter: str | None, context: DocContext) -> str:
    currency = money.currency
    if currency is None:
        return context.last_currency or resolve_family("dollar", reporter, context.named_dollar)
    if currency in FAMILIES_WITH_CODES:
        return resolve_family(currency, reporter, context.named_dollar)
    return currency


def _period_after(clause: Clause, money: Cue, stop: int) -> Cue | None:
    for cue in clause.mentions:
        if cue.kind in ("period", "period_shift") and money.end <= cue.start < stop:
            if cue.start - money.end <= RULES.period_after_window:
                return cue
    return None


def _period_before(clause: Clause, start: int, money: Cue) -> Cue | None:
    candidates = [c for c in clause.mentions if c.kind == "period" and start <= c.start and c.end <= money.start]
    return candidates[-1] if candidates else None


def _change(clause: Clause, doc: Doc, start: int, stop: int) -> tuple[Decimal | None, list[str]]:
    for percent in _between(clause, "percent", start, stop):
        after = doc[percent.end].lower_ if percent.end < len(doc) else ""
        if after == "of":
            continue  # a share ("12 pct of exports"), not a change
        direction = None
        for cue in clause.mentions:
            if cue.kind != "chg":
                continue
            if 0 <= percent.start - cue.end <= RULES.change_cue_window or 0 <= cue.start - percent.end <= 1:
                direction = 1 if cue.detail == "up" else -1
                rule = cue.rule_id
        if direction is not None:
            return Decimal(percent.value.value) * direction, [percent.rule_id, rule]
    return None, []


def _qualifiers(clause: Clause, money: Cue, monies: list[Cue],
                phrases: list[IndicatorPhrase]) -> tuple[set[str], list[str]]:
    found: set[str] = set()
    rules: list[str] = []
    for cue in clause.of("qual"):
        if cue.detail == "revised-away":
            continue
        nearest = min(monies, key=lambda m: _gap(cue, m))
        if nearest is not money:
            continue
        before_ok = cue.end <= money.start and money.start - cue.end <= RULES.qualifier_before_window
        after_ok = cue.start >= money.end and cue.start - money.end <= RULES.qualifier_after_window
        if after_ok and any(0 <= p.start - cue.end <= RULES.qualifier_after_window for p in phrases):
            continue  # "… in March as a record level of sales abroad": it qualifies that phrase
        if before_ok or after_ok:
            found.add(cue.detail)
            rules.append(cue.rule_id)
    return found, rules


def _gap(cue: Cue, money: Cue) -> int:
    if cue.end <= money.start:
        return money.start - cue.end
    return max(0, cue.start - money.end)


def _flow(clause: Clause, phrase: IndicatorPhrase) -> str | None:
    window = RULES.flow_window
    for cue in clause.of("flow"):
        if phrase.start - window <= cue.start and cue.end <= phrase.end + window:
            return cue.detail
    return None


def _adjustment(clause: Clause) -> bool | None:
    for cue in clause.of("sa"):
        return cue.detail == "true"
    return None


def _modality(clause: Clause, doc: Doc, start: int, money: Cue) -> str | None:
    """'actual', a modality, or None where the figure is a threshold (not a fact)."""
    for cue in _between(clause, "mod", start, money.start):
        previous = doc[cue.start - 1].lower_ if cue.start > 0 else ""
        if previous in ("than", "as"):
            continue  # "narrowed more than expected to …" is still an actual figure
        if cue.detail == "threshold":
            if money.start - cue.end <= RULES.threshold_window:
                return None
            continue
        return cue.detail
    return "actual"


def _basis(clause: Clause) -> set[str]:
    return {cue.detail for cue in clause.of("basis")}


def assemble_clause(clause: Clause, doc: Doc, context: DocContext) -> list[Draft]:
    phrases = indicator_phrases(clause)
    monies = clause.of("money")
    drafts: list[Draft] = []
    previous_end = clause.start
    for position, money in enumerate(monies):
        next_start = monies[position + 1].start if position + 1 < len(monies) else clause.end
        phrase = _nearest_phrase(phrases, money)
        indicator = phrase.indicator if phrase else None
        if phrase is None or indicator is None:
            previous_end = money.end
            continue
        modality = _modality(clause, doc, max(previous_end, phrase.start if phrase.end <= money.start else previous_end), money)
        if modality is None:
            previous_end = money.end
            continue
        cmp_cues = [c for c in clause.of("cmp") if c.end <= money.start and money.start - c.end <= RULES.comparison_window and c.start >= previous_end]
        mains = [d for d in drafts if d.role == "main" and d.indicator == indicator]
        after = _period_after(clause, money, next_start)
        is_comparison = bool(mains) and (bool(cmp_cues) or (after is not None and after.kind == "period_shift"))
        limit = max(money.end + RULES.partner_after_money, phrase.end)
        bare = [p for p in phrases if previous_end <= p.start < phrase.start]
        reporter, partner, place_rules = _places(
            clause, doc, phrase, limit, context, bare[0].start if bare else None)
        money_value: Money = money.value
        currency = _currency(money_value, reporter, context)
        rule_ids = [money.rule_id, *phrase.rule_ids, *place_rules]
        main = mains[-1] if is_comparison else None
        period: Period | None = None
        explicit = False
        if after is not None:
            if isinstance(after.value, PeriodShift):
                anchor = main.period if main else None
                period = shift_period(anchor, after.value) if anchor else None
            else:
                period = after.value
            explicit = period is not None
            rule_ids.append(after.rule_id)
        elif (before := _period_before(clause, main.money.end if main else clause.start, money)) is not None:
            period, explicit = before.value, True
            rule_ids.append(before.rule_id)
        if period is None and main is not None and main.period is not None:
            period = shift_period(main.period, PeriodShift("step", -1, "default"))
            rule_ids.append(RULES.ids["period.default-previous"])
        elif period is None and main is None:
            period = context.period
            rule_ids.append(RULES.ids["period.default-context"])
        sign = phrase.sign
        own_cues = [p for p in phrases if p.end <= money.start and p.start >= previous_end and p is not phrase]
        if sign is None:
            sign = next((p.sign for p in own_cues if p.sign is not None), None)
        if sign is None and indicator in ("trade_balance", "current_account"):
            sign = context.signs.get((indicator, reporter), main.sign if main else -1)
        if indicator in ("exports", "imports"):
            sign = 1
        draft = Draft(
            indicator=indicator,
            money=money,
            phrase=phrase,
            value=abs(money_value.value),
            currency=currency,
            sign=sign or 1,
            reporter=reporter,
            partner=partner,
            period=period,
            period_explicit=explicit,
            modality=modality,
            rule_ids=rule_ids,
        )
        if main is not None:
            draft.role = "comparison"
            draft.main = main
            draft.reporter, draft.partner = main.reporter, main.partner
            draft.rule_ids.append(RULES.ids["role.comparison"])
            supersede = [q for q in clause.of("qual") if q.detail in ("revised", "revised-away") and main.money.end <= q.start < money.start]
            if supersede:
                draft.superseded = True
                main.qualifiers.add("revised")
            elif main.previous is None:
                main.previous = draft
        else:
            draft.change_pct, change_rules = _change(clause, doc, max(previous_end, min(phrase.start, money.start)), min(next_start, money.end + RULES.change_after_window))
            draft.rule_ids.extend(change_rules)
        draft.qualifiers, qual_rules = _qualifiers(clause, money, monies, phrases)
        draft.rule_ids.extend(qual_rules)
        draft.flow = _flow(clause, phrase)
        draft.seasonally_adjusted = _adjustment(clause)
        draft.basis = _basis(clause)
        start = phrase.start if 0 <= money.start - phrase.end <= RULES.evidence_reach else money.start
        if main is not None:
            start = min([money.start, *[c.start for c in cmp_cues]])
        end = money.end
        if after is not None:
            end = max(end, after.end)
        draft.evidence = (min(start, money.start), end)
        drafts.append(draft)
        context.remember(draft.indicator, draft.reporter, draft.sign if phrase.sign is not None else None, currency, period if draft.role == "main" and explicit else None)
        previous_end = money.end
    return drafts


def assemble_drafts(doc: Doc, spans_key: str, published: dt.date | None) -> list[Draft]:
    clauses = list(iter_clauses(doc, spans_key))
    context = read_context(doc, clauses)
    drafts: list[Draft] = []
    for clause in clauses:
        clause_drafts = assemble_clause(clause, doc, context)
        _attach_separate_changes(clause, doc, context, clause_drafts, drafts)
        drafts.extend(clause_drafts)
    return drafts


def _attach_separate_changes(clause: Clause, doc: Doc, context: DocContext,
                             clause_drafts: list[Draft], drafts: list[Draft]) -> None:
    """'While the deficit narrowed by 18.5%, …': a change stated apart from its figure
    goes to the latest figure of the same indicator, reporter and partner."""
    used = {draft.phrase.start for draft in clause_drafts}
    phrases = indicator_phrases(clause)
    for position, phrase in enumerate(phrases):
        indicator = phrase.indicator
        if indicator is None or phrase.start in used:
            continue
        stop = phrases[position + 1].start if position + 1 < len(phrases) else clause.end
        change, rules = _change(clause, doc, phrase.start, stop)
        if change is None:
            continue
        reporter, partner, _ = _places(clause, doc, phrase, stop, context)
        for draft in reversed(drafts):
            if (draft.role == "main" and draft.change_pct is None and draft.indicator == indicator
                    and draft.reporter == reporter and draft.partner == partner):
                draft.change_pct = change
                draft.rule_ids.extend([*rules, RULES.ids["change.orphan"]])
                break
