"""The rule layer: a document's mentions → draft facts, one clause at a time.

Each money amount in a clause is read against the nearest indicator phrase; its period,
places, change, qualifiers and modality come from the mentions around it. A figure after
"from", "against" or "compared with" is a comparison: it becomes the main figure's
``previous_value`` and a fact of its own. Every draft records the ids of the patterns and
assembly rules that made it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from spacy.tokens import Doc

from newsfacts.facts.clauses import (
    Clause,
    Cue,
    is_partner_place,
    iter_clauses,
    word_after,
    word_before,
)
from newsfacts.facts.context import DocContext, read_context
from newsfacts.facts.phrases import EXCLUDED, IndicatorPhrase, indicator_phrases
from newsfacts.facts.rules import RULES
from newsfacts.mentions.money import currency_families, resolve_family
from newsfacts.mentions.periods import (
    PeriodShift,
    fiscal_period,
    make_period,
    shift_months,
    shift_period,
)
from newsfacts.schema import Money, Period


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
    modality: str
    in_title: bool
    role: str = "main"
    main: Draft | None = None
    previous: Draft | None = None
    change_pct: Decimal | None = None
    qualifiers: set[str] = field(default_factory=set)
    seasonally_adjusted: bool | None = None
    flow: str | None = None
    basis: set[str] = field(default_factory=set)
    superseded: bool = False
    evidence: tuple[int, int] = (0, 0)
    rule_ids: list[str] = field(default_factory=list)

    @property
    def signed_value(self) -> Decimal:
        return self.value * self.sign


@dataclass
class SeparateChange:
    """'While the deficit narrowed by 18.5%, …': a change stated apart from its figure."""

    indicator: str
    reporter: str | None
    partner: str
    change: Decimal
    period: Period | None
    position: int
    rule_ids: list[str]


class ClauseReader:
    """Reads the drafts of one clause; ``context`` carries what the story said before."""

    def __init__(self, clause: Clause, doc: Doc, context: DocContext, in_title: bool) -> None:
        self.clause = clause
        self.doc = doc
        self.context = context
        self.in_title = in_title
        self.phrases = indicator_phrases(clause)
        self.monies = clause.of("money")
        self.drafts: list[Draft] = []
        self.assigned: dict[int, Draft] = {}

    # -- which phrase a figure belongs to ---------------------------------------------------
    def nearest_phrase(self, money: Cue) -> IndicatorPhrase | None:
        best: tuple[float, IndicatorPhrase] | None = None
        for phrase in self.phrases:
            if phrase.end <= money.start and self.in_aside(phrase, money):
                continue
            if phrase.end <= money.start:
                distance: float = money.start - phrase.end
            elif 0 <= phrase.start - money.end <= RULES.phrase_after_window and all(
                t.lower_ in RULES.words["trade_balance_markers"]
                for t in self.doc[money.end : phrase.start]
            ):
                distance = (
                    phrase.start - money.end
                ) * 2 + 1  # "a 14 billion dlr current account deficit"
            else:
                continue
            if best is None or distance < best[0]:
                best = (distance, phrase)
        return best[1] if best else None

    def in_aside(self, phrase: IndicatorPhrase, money: Cue) -> bool:
        """'The surplus with the U.S., which buys four-fifths of Canadian exports, grew to …':
        a phrase in a relative clause closed before the figure is not the figure's."""
        tokens = self.doc[self.clause.start : money.start]
        opening = [t.i for t in tokens if t.text == "," and t.i < phrase.start]
        closing = [t.i for t in tokens if t.text == "," and t.i >= phrase.end]
        if not opening or not closing:
            return False
        inside = self.doc[opening[-1] + 1 : phrase.start]
        return any(t.lower_ in RULES.words["relative_pronouns"] for t in inside)

    def indicator(self, phrase: IndicatorPhrase) -> str | None:
        """The phrase's indicator; a bare 'deficit' is the balance the story spoke of last."""
        if (
            "exclude_balance" in phrase.details
            and phrase.sign is not None
            and word_before(self.doc, phrase.start) in RULES.words["trade_balance_markers"]
        ):
            return "trade_balance"  # "the merchandise trade balance of payments deficit"
        indicator = phrase.indicator
        if indicator == "trade_balance" and phrase.balance_family(self.doc) is None:
            family = self.context.balance_before(phrase.start)
            return None if family == EXCLUDED else family
        return indicator

    def is_product_trade(self, phrase: IndicatorPhrase) -> bool:
        """'automobile product exports', 'exports of cars': one product's trade, not a total."""
        if phrase.indicator not in ("exports", "imports"):
            return False
        first = phrase.cues[0]
        index = first.start - 1
        while index >= self.clause.start and self.doc[index].is_space:
            index -= 1
        if index >= self.clause.start:
            token = self.doc[index]
            modifier = token.is_alpha  # "automobile product exports", "Coffee exports"
            if (
                modifier
                and token.lower_ not in RULES.words["trade_modifiers"]
                and not any(
                    c.end == index + 1 and c.kind in ("place", "period", "flow", "basis")
                    for c in self.clause.mentions
                )
            ):
                return True
        last = phrase.cues[-1]
        if word_after(self.doc, last.end) == "of":
            target = word_after(self.doc, last.end + 1)
            if target == "the":
                return False
            return target.isalpha() and target not in RULES.words["trade_of_objects"]
        return False

    def has_unknown_partner(self, phrase: IndicatorPhrase) -> bool:
        """'the deficit with Western Europe': a partner newsfacts cannot code is no total."""
        index = phrase.end
        if word_after(self.doc, index) not in RULES.words["partner_markers"]:
            return False
        while index < len(self.doc) and (
            self.doc[index].is_space
            or self.doc[index].lower_ in RULES.words["partner_markers"]
            or self.doc[index].lower_ == "the"
        ):
            index += 1
        if index >= len(self.doc) or not self.doc[index].is_title:
            return False
        return not any(
            c.kind in ("place", "money", "period") and c.start <= index < c.end
            for c in self.clause.mentions
        )

    def is_not_a_value(self, money: Cue) -> bool:
        """Prices and rates (no scale word, under a million) and bare numbers that go on from a
        volume ('7.9 million barrels a day, down from 8.4 million') are no trade values."""
        value: Money = money.value
        if value.scale is None and abs(value.value) < RULES.smallest_value:
            return True
        if value.currency is not None:
            return False
        before = [
            c
            for c in self.clause.mentions
            if c.kind in ("money", "quantity") and c.end <= money.start
        ]
        return bool(before) and before[-1].kind == "quantity"

    def is_conversion(self, money: Cue) -> bool:
        """An amount in parentheses: a conversion ('1.3 billion pounds ($2.17 billion)') or a
        breakdown ('industrial supplies ($2.0 billion)'), never a figure of its own."""
        return word_before(self.doc, money.start) == "("

    def is_change_amount(self, money: Cue) -> bool:
        """'imports increased $2.8 billion', 'rose by 1.2 billion dlrs': the figure is a change."""
        end = money.start
        # "rose by only $2 billion", "an increase of …"
        while end > 0 and (
            self.doc[end - 1].is_space
            or self.doc[end - 1].lower_ in RULES.words["change_amount_links"]
        ):
            end -= 1
        return any(cue.kind == "chg" and cue.end == end for cue in self.clause.mentions)

    # -- places ---------------------------------------------------------------------------
    def is_partner(self, place: Cue) -> bool:
        return is_partner_place(self.doc, place.start)

    def places(
        self, phrase: IndicatorPhrase, anchor: int, limit: int, search_from: int
    ) -> tuple[str | None, str, list[str]]:
        """Reporter and partner: 'Japan's surplus with the U.S.' → JPN, USA."""
        places = [cue for cue in self.clause.mentions if cue.kind == "place"]
        partner, rules = "WLD", []
        partners = [p for p in places if search_from <= p.start <= limit and self.is_partner(p)]
        if partners:
            chosen = min(
                partners, key=lambda p: (p.start < phrase.start, abs(p.start - phrase.end))
            )
            partner = str(chosen.value)
            rules.append(chosen.rule_id)
        reporter = None
        before = [p for p in places if p.end <= anchor and not self.is_partner(p)]
        if before and anchor - before[-1].end <= RULES.reporter_adjacent_window:
            reporter = str(before[-1].value)
            rules.append(before[-1].rule_id)
        elif before and self.context.reporter == partner:
            # "the U.S. … 7.4 billion dlr trade deficit with Seoul" in a Korean story
            reporter = str(before[-1].value)
            rules.append(before[-1].rule_id)
        elif self.context.reporter != partner:
            reporter = self.context.reporter
        if partner == "WLD" and RULES.words["bilateral"].intersection(
            t.lower_ for t in self.doc[max(0, phrase.start - 2) : phrase.start]
        ):
            # "under U.S. pressure to reduce its bilateral trade surplus": the other place named
            others = [p for p in places if str(p.value) != reporter]
            if others:
                partner = str(others[0].value)
                rules.append(others[0].rule_id)
        if reporter == partner:
            partner = "WLD"
        return reporter, partner, rules

    # -- periods --------------------------------------------------------------------------
    def period_cue(self, money: Cue, stop: int, start: int, compared: bool) -> Cue | None:
        """The period said with a figure: right after it, else just before, else earlier.

        Before a main figure, a period right after "from" belongs to the comparison
        ("dropped 9.7 per cent from November to $35.3 billion").
        """
        after = [
            c
            for c in self.clause.mentions
            if c.kind in ("period", "period_shift")
            and money.end <= c.start < stop
            and c.start - money.end <= RULES.period_after_window
            and not any(
                0 <= p.start - c.end <= 1 for p in self.phrases
            )  # "… and the February surplus"
            and word_before(self.doc, c.start) not in RULES.words["period_not_own"]
        ]  # "highest since October"
        before = [
            c
            for c in self.clause.mentions
            if (c.kind == "period" or (c.kind == "period_shift" and c.value.unit == "whole_year"))
            and start <= c.start
            and c.end <= money.start
            and not self.follows_money(c)
            and (
                word_before(self.doc, c.start) not in RULES.words["period_not_own"]
                or word_after(self.doc, c.end + 1) == "when"  # "since fiscal 1983, when the …"
            )
            and (
                compared
                or not any(k.kind == "cmp" and k.end == c.start for k in self.clause.mentions)
            )
        ]
        adjacent = before and money.start - before[-1].end <= RULES.period_adjacent_window
        if adjacent and (not after or after[0].start - money.end > 1):
            return before[-1]
        if after:
            return after[0]
        return before[-1] if before else None

    def follows_money(self, cue: Cue) -> bool:
        """'… 86 billion in 1985 and …', '… in February from 5.34 billion': a period said right
        after another figure, or right before a comparison, belongs to the figure before it
        (but not one after a comparison cue: '… higher than last year's 10.1 billion')."""
        after_figure = any(
            0 <= cue.start - m.end <= RULES.period_adjacent_window
            and not any(
                k.kind == "cmp" and m.end <= k.start < cue.start for k in self.clause.mentions
            )
            and "(" not in {t.text for t in self.doc[m.end : cue.start]}
            for m in self.monies
        )
        before_comparison = any(
            k.kind == "cmp" and 0 <= k.start - cue.end <= 1 for k in self.clause.mentions
        )
        return after_figure or before_comparison

    # -- change, qualifiers, flow ---------------------------------------------------------
    def change(self, start: int, stop: int) -> tuple[Decimal | None, list[str]]:
        for percent in (
            c
            for c in self.clause.mentions
            if c.kind == "percent" and start <= c.start and c.end <= stop
        ):
            if word_after(self.doc, percent.end) == "of":
                continue  # a share ("12 pct of exports"), not a change
            for cue in self.clause.of("chg"):
                before = 0 <= percent.start - cue.end <= RULES.change_cue_window
                after = 0 <= cue.start - percent.end <= 1
                if before or after:
                    direction = 1 if cue.detail == "up" else -1
                    return Decimal(percent.value.value) * direction, [percent.rule_id, cue.rule_id]
        return None, []

    def qualifiers(self, money: Cue) -> tuple[set[str], list[str]]:
        found: set[str] = set()
        rules: list[str] = []
        for cue in self.clause.of("qual"):
            if cue.detail == "revised-away":
                continue
            if min(self.monies, key=lambda m: _gap(cue, m)) is not money:
                continue
            before_ok = (
                cue.end <= money.start and money.start - cue.end <= RULES.qualifier_before_window
            )
            after_ok = (
                cue.start >= money.end and cue.start - money.end <= RULES.qualifier_after_window
            )
            if after_ok and any(
                0 <= p.start - cue.end <= RULES.qualifier_after_window for p in self.phrases
            ):
                continue  # "… as a record level of sales abroad": it qualifies that phrase
            if before_ok or after_ok:
                found.add(cue.detail)
                rules.append(cue.rule_id)
        return found, rules

    def flow(self, phrase: IndicatorPhrase) -> str | None:
        window = RULES.flow_window
        for cue in self.clause.of("flow"):
            if phrase.start - window <= cue.start and cue.end <= phrase.end + window:
                return cue.detail
        return None

    def adjustment(self, start: int, money: Cue) -> bool | None:
        """The adjustment said for this figure ('the adjusted surplus fell'), else the clause's."""
        cues = self.clause.of("sa")
        own = [c for c in cues if start <= c.start and c.end <= money.start]
        chosen = own[-1] if own else (cues[0] if cues else None)
        return None if chosen is None else chosen.detail == "true"

    def story_adjustment(self, period: Period | None) -> bool | None:
        """What the story says of all its figures ('the monthly figures are not seasonally
        adjusted'); it concerns monthly and quarterly figures, not annual totals."""
        if period is None or period.granularity not in ("month", "quarter", "months", "half"):
            return None
        return self.context.adjustment

    def modality(self, start: int, money: Cue, phrase: IndicatorPhrase) -> str | None:
        """'actual', a modality, or None where the figure is a threshold (not a fact)."""
        after = max(money.end, phrase.end if phrase.start >= money.end else money.end)
        for cue in self.clause.of("mod"):
            if cue.detail in ("forecast", "target") and 0 <= cue.start - after <= 1:
                return cue.detail  # "the 50 billion surplus forecast by …"
            if not (start <= cue.start and cue.end <= money.start):
                continue
            words = [t.lower_ for t in self.doc[max(0, cue.start - 3) : cue.start] if t.text != "-"]
            if words and words[-1] in ("than", "as"):
                continue  # "more than expected", "larger-than-expected": still an actual figure
            if cue.detail == "threshold":
                if money.start - cue.end <= RULES.threshold_window:
                    return None
                continue
            return cue.detail
        return "actual"

    def note_currency(self, money: Cue) -> None:
        """Remember the last currency the story wrote, for bare amounts after it."""
        value: Money = money.value
        if value.currency is not None:
            self.context.last_currency = self.currency(value, self.context.reporter)

    def currency(self, money: Money, reporter: str | None) -> str:
        currency = money.currency
        if currency is None:
            return self.context.last_currency or resolve_family(
                "dollar", reporter, self.context.named_dollar
            )
        if currency in currency_families():
            return resolve_family(currency, reporter, self.context.named_dollar)
        return currency

    # -- the clause -----------------------------------------------------------------------
    def read(self) -> list[Draft]:
        previous_end = last_amount_end = self.clause.start
        for position, money in enumerate(self.monies):
            following = (
                self.monies[position + 1].start
                if position + 1 < len(self.monies)
                else self.clause.end
            )
            self.note_currency(money)
            draft = self.read_money(money, previous_end, following, last_amount_end)
            if draft is not None:
                self.drafts.append(draft)
                self.context.remember(draft)
                previous_end = money.end  # a dropped amount (a change, a price) ends no context
            last_amount_end = money.end
        self.pair_from_to()
        return self.drafts

    def pair_from_to(self) -> None:
        """'slumping from 800 mln dlrs to 200 mln': the first figure is the second's previous."""
        for first, second in zip(self.drafts, self.drafts[1:], strict=False):
            if (
                first.role == "main"
                and second.role == "main"
                and first.indicator == second.indicator
                and word_before(self.doc, first.money.start) == "from"
                and word_before(self.doc, second.money.start) == "to"
                and self.monies.index(second.money) == self.monies.index(first.money) + 1
            ):
                first.role, first.main, second.previous = "comparison", second, first
                first.reporter, first.partner = second.reporter, second.partner
                if not first.period_explicit and second.period is not None:
                    first.period = shift_period(second.period, self.context.comparison_shift)
                first.rule_ids.append(RULES.ids["role.comparison"])

    def shift_between(self, start: int, end: int) -> Cue | None:
        """'from the year-ago month total of 8.5 billion': a relative period between a
        comparison cue and its figure."""
        shifts = [c for c in self.clause.of("period_shift") if start <= c.start and c.end <= end]
        if not shifts:
            return None
        between = [t.lower_ for t in self.doc[shifts[-1].end : end] if not t.is_space]
        return shifts[-1] if set(between) <= RULES.words["shift_to_figure"] else None

    def comparison_run(self, money: Cue) -> list[Cue]:
        """'compared with 1,326.5 billion and 971.7 billion': figures listed after one cue."""
        position = self.monies.index(money)
        run = [money]
        for following in self.monies[position + 1 :]:
            words = [t for t in self.doc[run[-1].end : following.start] if not t.is_space]
            if not all(t.lower_ in RULES.words["list_joiners"] for t in words):
                break
            run.append(following)
        return run

    def continued(self, money: Cue) -> Draft | None:
        """'It widened to 3.61 billion': a clause with no indicator goes on from the last figure."""
        if self.phrases or self.context.last_draft is None:
            return None
        words = [t.lower_ for t in self.doc[self.clause.start : money.start] if not t.is_space][:1]
        opening_flow = [c for c in self.clause.of("flow") if c.start < money.start]
        record = [  # "The previous monthly record was $16.46 billion in January"
            c
            for c in self.clause.of("qual")
            if c.detail == "record" and 0 <= money.start - c.end <= RULES.qualifier_before_window
        ]
        pronoun = set(words) & RULES.words["continuation_pronouns"]
        if not (pronoun or opening_flow or record):
            return None
        return self.context.last_draft  # also "Goods were $121.2 billion …" after "Exports …"

    def assign_parallel(self, money: Cue) -> None:
        """Figures listed after a comparison cue go, in order, to the figures listed before it."""
        run = self.comparison_run(money)
        mains = [d for d in self.drafts if d.role == "main"]
        if len(run) < 2 or not mains:
            return
        targets = mains[-len(run) :]
        if len(mains) >= len(run) and all(main.previous is None for main in targets):
            for figure, main in zip(run, targets, strict=True):
                self.assigned[figure.start] = main
        else:  # "1.45 billion compared with 1.32 billion in February and 1.02 billion in 1986"
            for figure in run:
                self.assigned[figure.start] = mains[-1]

    def read_money(
        self, money: Cue, previous_end: int, following: int, last_amount_end: int
    ) -> Draft | None:
        """A draft for one amount. ``previous_end`` ends the last figure read and
        ``last_amount_end`` the last amount of any kind: after a comparison cue, a forecast
        word before that amount no longer governs this one."""
        cmp_cues = [
            c
            for c in self.clause.of("cmp")
            if c.end <= money.start
            and c.start >= previous_end
            and word_before(self.doc, money.start) != "to"  # "from November to $35.3 billion"
            and (
                money.start - c.end <= RULES.comparison_window
                or self.shift_between(c.end, money.start) is not None
            )
        ]
        if cmp_cues and money.start not in self.assigned:
            self.assign_parallel(money)
        assigned = self.assigned.get(money.start)
        template = assigned or self.continued(money)
        phrase = template.phrase if template else self.nearest_phrase(money)
        indicator = template.indicator if template else (self.indicator(phrase) if phrase else None)
        if phrase is None or indicator is None or self.is_product_trade(phrase):
            return None
        if template is None and self.has_unknown_partner(phrase):
            return None
        window_start = max(previous_end, min(phrase.start, money.start))
        compared_since = any(
            last_amount_end <= c.start < money.start for c in self.clause.of("cmp")
        )  # "would end up 3 billion higher than last year's 10.1 billion": an actual figure
        modality = self.modality(last_amount_end if compared_since else previous_end, money, phrase)
        if modality is None:
            return None
        earlier = [d for d in self.drafts if d.phrase.start == phrase.start]
        if modality == "actual" and earlier and earlier[-1].modality != "actual":
            modality = earlier[-1].modality  # "will come to between $170 billion and $190 billion"
        if any(
            previous_end <= c.start < money.start
            for c in self.clause.of("qual")
            if c.detail == "revised-away"
        ):
            return None  # "originally reported at 533 mln": a superseded first estimate
        if self.is_not_a_value(money):
            return None  # "$17.62 a barrel", "124.35 yen", "8.4 million" after barrels
        if self.is_change_amount(money):
            return None  # "imports increased $2.8 billion": a change, not a level
        if self.is_conversion(money):
            self.context.conversions.add(abs(money.value.value))
            return None  # "1.3 billion pounds ($2.17 billion)": the same figure in another currency
        mains = [d for d in self.drafts if d.role == "main" and d.indicator == indicator]
        cut = [c.start for c in self.clause.of("cmp") if c.start >= money.end]
        period_cue = self.period_cue(money, min([following, *cut]), previous_end, bool(cmp_cues))
        if period_cue is None and cmp_cues:
            period_cue = self.shift_between(cmp_cues[-1].end, money.start)
        shifted = period_cue is not None and period_cue.kind == "period_shift"
        main = mains[-1] if mains and (cmp_cues or shifted) else None
        if assigned is not None:
            main = assigned
        bare = [
            p
            for p in self.phrases
            if previous_end <= p.start < phrase.start
            and phrase.start - p.end <= RULES.phrase_link_window
            and p.indicator == phrase.indicator
        ]
        limit = max(money.end, phrase.end) + RULES.partner_after_money
        search_from = max(previous_end, bare[0].start if bare else phrase.start)
        if phrase.end <= previous_end:
            search_from = previous_end  # "…, with Italy it was 70.4 billion"
        place_rules: list[str] = []
        if template is not None and assigned is None:
            reporter, partner = template.reporter, template.partner
        else:
            reporter, partner, place_rules = self.places(
                phrase, min(phrase.start, money.start), limit, search_from
            )
        money_value: Money = money.value
        draft = Draft(
            indicator=indicator,
            money=money,
            phrase=phrase,
            value=abs(money_value.value),
            currency=self.currency(money_value, reporter),
            sign=1,
            reporter=reporter,
            partner=partner,
            period=None,
            period_explicit=False,
            modality=modality,
            in_title=self.in_title,
            rule_ids=[money.rule_id, *phrase.rule_ids, *place_rules],
        )
        self.set_period(draft, period_cue, main)
        draft.period = self.fiscal_for(draft.period, draft.reporter)
        draft.sign = self.sign(draft, phrase, main, previous_end)
        if main is not None:
            self.link_comparison(draft, main)
        else:
            stop = min(following, money.end + RULES.change_after_window)
            draft.change_pct, change_rules = self.change(window_start, stop)
            draft.rule_ids.extend(change_rules)
        draft.qualifiers, qualifier_rules = self.qualifiers(money)
        draft.rule_ids.extend(qualifier_rules)
        draft.flow = self.flow(phrase)
        if template is not None and assigned is None:
            opening = [c.detail for c in self.clause.of("flow") if c.start < money.start]
            draft.flow = opening[0] if opening else template.flow
        draft.seasonally_adjusted = self.adjustment(previous_end, money)
        if main is not None and main.seasonally_adjusted is not None:
            draft.seasonally_adjusted = main.seasonally_adjusted  # compared on the same basis
        if draft.seasonally_adjusted is None:
            draft.seasonally_adjusted = self.story_adjustment(draft.period)
        draft.basis = {cue.detail for cue in self.clause.of("basis")}
        start = (
            phrase.start if 0 <= money.start - phrase.end <= RULES.evidence_reach else money.start
        )
        if main is not None:
            start = min([money.start, *[c.start for c in cmp_cues]])
        end = max(money.end, period_cue.end if period_cue and period_cue.start >= money.end else 0)
        draft.evidence = (min(start, money.start), end)
        return draft

    def set_period(self, draft: Draft, cue: Cue | None, main: Draft | None) -> None:
        period: Period | None = None
        if cue is not None:
            value = cue.value
            if isinstance(value, PeriodShift):
                anchor = main.period if main else self.context.period
                period = shift_period(anchor, value) if anchor else None
            elif (
                main is not None
                and main.period is not None
                and value.granularity == "year"
                and main.period.granularity not in ("year", "fiscal_year")
            ):
                # "to 3.58 billion in Jan-Aug from 3.18 billion in 1986 / last year": the same
                # months of that year
                period = shift_period(
                    main.period, PeriodShift("to_year", int(value.code), cue.span.text)
                )
            else:
                period = value
            if period is not None:
                draft.rule_ids.append(cue.rule_id)
        if (
            main is not None
            and period is not None
            and main.period is not None
            and period.code == main.period.code
            and not isinstance(cue and cue.value, PeriodShift)
        ):
            if not main.period_explicit:
                main.period, main.period_explicit = period, True
            period = (
                None  # "to 10.44 billion from 9.85 billion in February": February is the main's
            )
        if period is not None:
            draft.period, draft.period_explicit = self.year_to_date(period, draft), True
        elif main is not None and main.period is not None:
            draft.period = shift_period(main.period, self.context.comparison_shift)
            draft.rule_ids.append(RULES.ids["period.default-previous"])
        elif main is None and self.context.period is not None:
            draft.period = self.context.period
            draft.rule_ids.append(RULES.ids["period.default-context"])

    def fiscal_for(self, period: Period | None, reporter: str | None) -> Period | None:
        """A fiscal year the text did not bound ('fiscal 1987', '1986/87') in the reporter's
        own calendar (Australia's ends in June, the U.S. government's in September)."""
        if period is None or reporter is None or reporter not in RULES.fiscal_year_end:
            return period
        raw = period.raw.lower()
        if any(word in raw for word in ("end", "ended", "ending", " to ")):
            return period  # the text says when it ends
        end_month = RULES.fiscal_year_end[reporter]
        if period.granularity == "fiscal_year":
            return fiscal_period(int(period.code[2:]), end_month, period.raw)
        if period.granularity == "months" and ("fiscal" in raw or "financial" in raw):
            # "the first nine months of the 1995/96 financial year": from the year's start
            months = end_month - 3 - (0 if "/" in raw else 12)
            y1, m1 = (int(part) for part in period.start.split("-"))
            y2, m2 = (int(part) for part in period.end.split("-"))
            start, end = shift_months(y1, m1, months), shift_months(y2, m2, months)
            return make_period(start, end, period.raw)
        return period

    def year_to_date(self, period: Period, draft: Draft) -> Period:
        """'a surplus for 1987 of 180 mln' in March 1987: a figure so far this year."""
        published = self.doc._.nf_published
        now = self.context.period
        if (
            draft.modality != "actual"
            or published is None
            or now is None
            or period.granularity != "year"
            or int(period.code) != published.year
            or not now.end.startswith(period.code)
            or now.end.endswith("-12")
        ):
            return period
        return make_period(
            (published.year, 1),
            tuple(int(p) for p in now.end.split("-")),  # type: ignore[arg-type]
            period.raw,
        )

    def sign(self, draft: Draft, phrase: IndicatorPhrase, main: Draft | None, start: int) -> int:
        if draft.indicator in ("exports", "imports"):
            return 1
        if phrase.sign is not None:
            return phrase.sign
        for other in self.phrases:
            if (
                other is not phrase
                and start <= other.start
                and other.end <= draft.money.start
                and other.sign is not None
            ):
                return other.sign
        if main is not None:
            return main.sign
        return self.context.sign_of(draft.indicator, draft.reporter, draft.partner)

    def link_comparison(self, draft: Draft, main: Draft) -> None:
        draft.role, draft.main = "comparison", main
        draft.reporter, draft.partner = main.reporter, main.partner
        draft.rule_ids.append(RULES.ids["role.comparison"])
        revised = self.drafts[-1] if self.drafts else main  # the figure said just before
        cue_start = min(
            [
                c.start
                for c in self.clause.of("cmp")
                if revised.money.end <= c.start < draft.money.start
            ]
            or [draft.money.start]
        )
        superseding = [
            q
            for q in self.clause.of("qual")
            if revised.money.end <= q.start < cue_start
            and (
                q.detail == "revised-away"
                or (
                    q.detail == "revised"
                    and word_after(self.doc, q.end) in RULES.words["revision_from"]
                )
            )
        ]
        revised_to = "revised" in main.qualifiers and not draft.period_explicit
        if superseding or revised_to:
            # "revised from 10.5 billion", "was revised to 623 mln from 533 mln": the first
            # estimate is no fact; the figure that replaced it is marked revised
            draft.superseded = True
            (revised if superseding else main).qualifiers.add("revised")
        elif main.previous is None:
            main.previous = draft

    def separate_changes(self) -> list[SeparateChange]:
        used = {draft.phrase.start for draft in self.drafts}
        found: list[SeparateChange] = []
        for position, phrase in enumerate(self.phrases):
            indicator = self.indicator(phrase)
            if indicator is None or phrase.start in used or self.is_product_trade(phrase):
                continue
            stop = (
                self.phrases[position + 1].start
                if position + 1 < len(self.phrases)
                else self.clause.end
            )
            change, rules = self.change(phrase.start, stop)
            if change is None:
                continue
            reporter, partner, _ = self.places(phrase, phrase.start, stop, phrase.start)
            periods = [c.value for c in self.clause.of("period") if phrase.start <= c.start < stop]
            found.append(
                SeparateChange(
                    indicator,
                    reporter,
                    partner,
                    change,
                    periods[0] if periods else None,
                    phrase.start,
                    [*rules, RULES.ids["change.orphan"]],
                )
            )
        return found


def _gap(cue: Cue, money: Cue) -> int:
    if cue.end <= money.start:
        return money.start - cue.end
    return max(0, cue.start - money.end)


def attach_changes(changes: list[SeparateChange], drafts: list[Draft]) -> None:
    """Give each separately stated change to the closest fitting main figure."""
    for change in changes:
        fitting = [
            d
            for d in drafts
            if d.role == "main"
            and d.change_pct is None
            and d.indicator == change.indicator
            and d.reporter == change.reporter
            and d.partner == change.partner
            and d.modality == "actual"
            and (change.period is None or d.period is None or d.period.code == change.period.code)
        ]
        if fitting:
            target = min(fitting, key=lambda d: abs(d.money.start - change.position))
            target.change_pct = change.change
            target.rule_ids.extend(change.rule_ids)


def assemble_drafts(doc: Doc, spans_key: str) -> tuple[list[Draft], DocContext]:
    """The drafts of a document, and what was learnt of the story on the way."""
    clauses = list(iter_clauses(doc, spans_key))
    context = read_context(doc, clauses)
    title_end = _title_end(doc)
    drafts: list[Draft] = []
    changes: list[SeparateChange] = []
    for clause in clauses:
        reader = ClauseReader(clause, doc, context, in_title=clause.end <= title_end)
        drafts.extend(reader.read())
        changes.extend(reader.separate_changes())
    attach_changes(changes, drafts)
    return drafts, context


def _title_end(doc: Doc) -> int:
    """The token where the body starts: after the first blank line (0 where there is none)."""
    for token in doc:
        if token.is_space and "\n\n" in token.text:
            return token.i
    return 0
