"""A figure's other attributes: places, change, qualifiers, flow, adjustment, modality,
currency and sign."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from newsfacts.facts.clauses import (
    ADJUSTMENT,
    CHANGE,
    FLOW,
    INDICATOR,
    MODALITY,
    PERCENT,
    PLACE,
    QUALIFIER,
    Cue,
    is_partner_place,
    token_gap,
    word_after,
    word_before,
    words_between,
)
from newsfacts.facts.drafts import Draft
from newsfacts.facts.phrases import IndicatorPhrase
from newsfacts.facts.rules import RULES
from newsfacts.facts.view import ClauseView
from newsfacts.mentions.money import currency_families, resolve_family
from newsfacts.schema import Money, Period


class AttributeRules(ClauseView):
    """Places, change, qualifiers, flow, adjustment, modality, currency and sign."""

    def is_partner(self, place: Cue) -> bool:
        """A place named as the other side ('with Japan'); not one right before its own
        indicator ('to curb the U.S. trade deficit') unless the marker stands right before it
        ('exports to the U.S. trade …' is rare, 'exports to the U.S. rose' is not)."""
        if not is_partner_place(self.doc, self.words, place.start):
            return False
        before = word_before(self.words, place.start)
        if before == "the":
            before = word_before(self.words, place.start - 1)
        if before in RULES.words["partner_markers"]:
            return True
        return not any(
            0 <= cue.start - place.end <= RULES.owner_window for cue in self.clause.of(INDICATOR)
        )

    def places(
        self,
        phrase: IndicatorPhrase,
        anchor: int,
        limit: int,
        search_from: int,
        money: Cue | None = None,
    ) -> tuple[str | None, str, list[str]]:
        """Reporter and partner: 'Japan's surplus with the U.S.' → JPN, USA.

        In a list the partner goes with its own figure: '$22.2 billion with Canada, $13.1
        billion with Taiwan', 'deficits with its Asian partners -- South Korea 7.1 billion
        dlrs, Hong Kong 6.4 billion'."""
        places = [cue for cue in self.clause.mentions if cue.kind == PLACE]
        partner, rules = "WLD", []
        partners = [p for p in places if search_from <= p.start <= limit and self.is_partner(p)]
        own = self.listed_partner(places, phrase, money) if money is not None else None
        if own is not None:
            partner = str(own.value)
            rules.append(own.rule_id)
        elif partners:
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
            self.words[max(0, phrase.start - RULES.bilateral_window) : phrase.start]
        ):
            # "under U.S. pressure to reduce its bilateral trade surplus": the other place named
            others = [p for p in places if str(p.value) != reporter]
            if others:
                partner = str(others[0].value)
                rules.append(others[0].rule_id)
        if reporter == partner:
            partner = "WLD"
        return reporter, partner, rules

    def listed_partner(
        self, places: list[Cue], phrase: IndicatorPhrase, money: Cue
    ) -> Cue | None:
        """The partner written with this figure of a list: right after it ('… billion with
        Canada') where another figure of the clause has its own partner too, or right before
        it ('South Korea 7.1 billion dlrs') after 'deficits with …'."""
        monies = self.monies
        if len(monies) < 2:
            return None
        for place in places:
            gap = words_between(self.words, money.end, place.start)
            near = 0 < len(gap) <= RULES.listed_partner_gap
            if near and gap[0] in RULES.words["partner_markers"] and self.is_partner(place):
                return place  # "$22.2 billion with Canada"
        before = [p for p in places if p.end <= money.start]
        if not before or phrase.start >= money.start:
            return None
        gap = words_between(self.words, before[-1].end, money.start)
        after_phrase = words_between(self.words, phrase.end, before[-1].start)
        openers, marks = RULES.words["partner_list_openers"], RULES.words["partner_list_marks"]
        if len(gap) <= 1 and after_phrase[:1] and after_phrase[0] in openers and set(gap) <= marks:
            return before[-1]  # "deficits with three partners -- South Korea 7.1 billion"
        return None

    def change(self, start: int, stop: int) -> tuple[Decimal | None, list[str]]:
        for percent in (
            c
            for c in self.clause.mentions
            if c.kind == PERCENT and start <= c.start and c.end <= stop
        ):
            if word_after(self.words, percent.end) == "of":
                continue  # a share ("12 pct of exports"), not a change
            cue = next(
                (
                    c for c in self.clause.of(CHANGE)
                    if 0 <= percent.start - c.end <= RULES.change_cue_window
                    or 0 <= c.start - percent.end <= 1
                ),
                None,
            )
            if cue is None and word_before(self.words, percent.start) in RULES.words[
                "restated_change_links"
            ]:
                # "Imports increased $2.8 billion during the last quarter, or 3%, to total …":
                # the percent restates the change an amount said before it
                earlier = [c for c in self.clause.of(CHANGE) if c.end <= percent.start]
                cue = earlier[-1] if earlier else None
            if cue is not None:
                direction = 1 if cue.detail == "up" else -1
                return Decimal(percent.value.value) * direction, [percent.rule_id, cue.rule_id]
        return None, []

    def qualifiers(self, money: Cue) -> tuple[set[str], list[str]]:
        found: set[str] = set()
        rules: list[str] = []
        for cue in self.clause.of(QUALIFIER):
            if cue.detail == "revised-away":
                continue
            if min(self.monies, key=lambda m: token_gap(cue, m)) is not money:
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
        for cue in self.clause.of(FLOW):
            if phrase.start - window <= cue.start and cue.end <= phrase.end + window:
                return cue.detail
        return None

    def adjustment(self, start: int, money: Cue) -> bool | None:
        """The adjustment said for this figure ('the adjusted surplus fell'), else the clause's."""
        cues = self.clause.of(ADJUSTMENT)
        own = [c for c in cues if start <= c.start and c.end <= money.start]
        chosen = own[-1] if own else (cues[0] if cues else None)
        return None if chosen is None else chosen.detail == "true"

    def story_adjustment(self, period: Period | None) -> bool | None:
        """What the story says of all its figures ('the monthly figures are not seasonally
        adjusted'); it concerns monthly and quarterly figures, not annual totals."""
        if period is None or period.granularity not in RULES.words["adjustment_granularities"]:
            return None
        return self.context.adjustment

    def modality(self, start: int, money: Cue, phrase: IndicatorPhrase) -> str | None:
        """'actual', what a modality cue says ('forecast', 'target', 'estimate', 'annualised'),
        or None where the figure is a threshold (not a fact)."""
        after = max(money.end, phrase.end if phrase.start >= money.end else money.end)
        for cue in self.clause.of(MODALITY):
            if cue.detail in RULES.words["modality_after_figure"] and 0 <= cue.start - after <= 1:
                return cue.detail  # "the 50 billion surplus forecast by …"
            if not (start <= cue.start and cue.end <= money.start):
                continue
            reach = max(0, cue.start - RULES.comparative_window)
            words = [w for w in self.words[reach : cue.start] if w != "-"]
            if words and words[-1] in RULES.words["comparative_words"]:
                continue  # "more than expected", "larger-than-expected": still an actual figure
            if cue.detail == "threshold":
                if cue.span.text.lower() in RULES.words["level_after_verb"] and self.after_verb(
                    cue.start
                ):
                    continue  # "exports edged up to $21.8 billion": a level reached
                if money.start - cue.end <= RULES.threshold_window:
                    return None
                continue
            return cue.detail
        return "actual"

    def is_reported(self, draft: Draft, stated: str, comparison: bool) -> bool:
        """A figure for a period that is over is a reported statistic, whatever the modality
        words around it say ("the deficit, which hit 169 billion dlrs last year, is expected
        to narrow"; "a provisional 12.1 billion"): an estimate as soon as its period is over,
        a comparison figure too, any other figure with a period of its own once that period
        ended ``reported_lag`` months before publication (before that, "expected the January
        deficit to …" may still be a forecast of a month not yet reported). Annualised rates
        stay estimates."""
        published: dt.date | None = self.doc._.nf_published
        if draft.period is None or published is None or stated == "annualised":
            return False
        if not (comparison or draft.period_explicit):
            return False  # the story's period, not one said with this figure
        year, month = (int(part) for part in draft.period.end.split("-")[:2])
        lag = (published.year - year) * 12 + published.month - month
        if stated == "estimate" or comparison:
            return lag >= 1
        return lag >= RULES.reported_lag

    def is_future(self, draft: Draft) -> bool:
        """A period that starts after the month the story was published cannot be reported."""
        published: dt.date | None = self.doc._.nf_published
        if draft.period is None or published is None:
            return False
        return draft.period.start > f"{published.year:04d}-{published.month:02d}"

    def listed_after(self, money: Cue, phrase: IndicatorPhrase) -> Draft | None:
        """The clause's last draft, where it is not actual and this figure is listed after it
        with nothing between but joiners and this figure's indicator ('… expected to total 50
        billion and imports 30 billion')."""
        if not self.drafts or self.drafts[-1].modality == "actual":
            return None
        last = self.drafts[-1]
        inside = {i for cue in phrase.cues for i in range(cue.start, cue.end)}
        between = [
            word
            for i, word in enumerate(self.words[last.money.end : money.start], last.money.end)
            if not word.isspace() and i not in inside
        ]
        joiners = RULES.words["list_joiners"]
        return last if between and all(word in joiners for word in between) else None

    def apply_favour(self, draft: Draft, money: Cue) -> None:
        """'51.48 billion dlrs in Japan's favour': Japan's surplus, with the other side as
        partner."""
        if draft.indicator not in ("trade_balance", "current_account"):
            return
        for place in self.clause.of(PLACE):
            gap = words_between(self.words, money.end, place.start)
            after = words_between(self.words, place.end, place.end + 4)[:2]
            if gap == ["in"] and after and after[-1] in RULES.words["favour_words"]:
                favoured = str(place.value)
                other = draft.reporter if draft.reporter != favoured else draft.partner
                draft.reporter, draft.sign = favoured, 1
                if other not in (None, favoured):
                    draft.partner = other
                draft.rule_ids.append(RULES.ids["balance.favour"])
                return

    def own_currency_twin(self, money: Cue, draft: Draft) -> Cue | None:
        """The same figure in the reporter's own currency, in parentheses right after a U.S.
        dollar amount: '$2.9 billion (1.61 billion pounds)' is a British fact in pounds
        (SCHEMA.md: a figure in two currencies is one fact, in the reporter's own)."""
        if draft.currency != "USD" or draft.reporter in (None, "USA"):
            return None
        position = self.monies.index(money)
        if position + 1 >= len(self.monies):
            return None
        twin = self.monies[position + 1]
        between = words_between(self.words, money.end, twin.start)
        if between != ["("]:
            return None
        own = self.currency(twin.value, draft.reporter)
        return twin if own != "USD" else None

    def note_currency(self, money: Cue) -> None:
        """Remember the last currency the story wrote, for bare amounts after it; a
        conversion in parentheses ('26 billion euro ($33.9 billion)') is not the story's."""
        value: Money = money.value
        if value.currency is not None and not self.is_conversion(money):
            self.context.last_currency = self.currency(value, self.context.reporter)

    def currency(self, money: Money, reporter: str | None) -> str:
        currency = money.currency
        if currency is None:
            return self.context.last_currency or resolve_family(
                "dollar", reporter, self.context.named_dollar
            )
        if (
            currency == "dollar"
            and money.raw.lstrip().startswith("$")
            and reporter is not None
            and reporter == self.context.reporter
            and self.context.named_dollar is None
            and reporter in RULES.local_dollar_signs
        ):
            return RULES.local_dollar_signs[reporter]  # "$1 billion" from Statistics Canada
        if currency in currency_families():
            return resolve_family(currency, reporter, self.context.named_dollar)
        return currency

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
        after = next((other for other in self.phrases if other.start >= draft.money.end), None)
        if after is not None and after.sign is not None and not any(
            not word.isspace() for word in self.words[draft.money.end : after.start]
        ):
            return after.sign  # "the trade balance was 2.3 billion surplus"
        if main is not None:
            return main.sign
        return self.context.sign_of(draft.indicator, draft.reporter, draft.partner)
