"""Which amounts are figures, and which indicator phrase each belongs to.

A trade figure is an aggregate value next to an indicator phrase; product trade ("coffee
exports"), changes ("rose $2 billion"), prices, conversions in parentheses and partners
newsfacts cannot code are not.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from newsfacts.facts.clauses import (
    CHANGE,
    INDICATOR,
    MONEY,
    PERIOD,
    PLACE,
    QUANTITY,
    Cue,
    is_partner_place,
    word_after,
    word_before,
    words_between,
)
from newsfacts.facts.drafts import Draft
from newsfacts.facts.phrases import EXCLUDED, IndicatorPhrase
from newsfacts.facts.rules import RULES
from newsfacts.facts.view import ClauseView
from newsfacts.schema import Money


class Excess(NamedTuple):
    """A balance said as one flow's excess over the other, and its sign."""

    phrase: IndicatorPhrase
    sign: int


def last_unit_is_volume(cues: Iterable[Cue]) -> bool | None:
    """Of amounts read last to first, whether the first one with a unit is a volume (True) or
    money in a currency (False); None where none has a unit."""
    for cue in cues:
        if cue.kind == QUANTITY:
            return True
        if cue.kind == MONEY and cue.value.currency is not None:
            return False
    return None


class FigureRules(ClauseView):
    """Which amounts are figures, and the phrase each belongs to."""

    def nearest_phrase(self, money: Cue) -> IndicatorPhrase | None:
        best: tuple[float, IndicatorPhrase] | None = None
        for phrase in self.phrases:
            if phrase.end <= money.start and self.in_aside(phrase, money):
                continue
            if phrase.end <= money.start:
                distance: float = money.start - phrase.end
            elif 0 <= phrase.start - money.end <= RULES.phrase_after_window + (
                owner := self.place_between(money.end, phrase.start)
            ) and all(
                word in RULES.words["trade_balance_markers"]
                for word in self.words[money.end + owner : phrase.start]
            ):  # "a 14 billion dlr current account deficit", "the 170 billion dlr U.S. deficit"
                distance = (phrase.start - money.end - owner) * 2 + 1
            else:
                continue
            if best is None or distance < best[0]:
                best = (distance, phrase)
        if best is None:
            return None
        return self.balance_between(best[1], money) or best[1]

    def balance_between(self, flow: IndicatorPhrase, money: Cue) -> IndicatorPhrase | None:
        """'The gap between what the U.S. sells abroad and what it imports rose to …': a flow
        inside a 'gap between' or 'difference between' before the figure is the balance's part;
        the balance is the figure's phrase."""
        if flow.indicator not in ("exports", "imports") or flow.start > money.start:
            return None
        return next(
            (
                p for p in self.phrases
                if p.end <= flow.start
                and self.words[p.end - 1] == "between"
                and not any(p.end <= m.start < flow.start for m in self.monies)
            ),
            None,
        )

    def excess_balance(self, money: Cue) -> Excess | None:
        """'imports exceeded exports by $458 million' (a deficit), 'exports outpaced imports
        by 5.2 billion dlrs' (a surplus): a balance stated as one flow's excess over the other."""
        if word_before(self.words, money.start) != "by":
            return self.more_than_balance(money)
        flows = [
            c for c in self.clause.of(INDICATOR)
            if c.detail in ("exports", "imports") and c.end <= money.start
        ]
        if len(flows) < 2 or flows[-2].detail == flows[-1].detail:
            return None
        first, second = flows[-2], flows[-1]
        verbs = RULES.words["excess_verbs"]
        if not verbs.intersection(self.words[first.end : second.start]):
            return None
        if money.start - second.end > RULES.excess_by_window:
            return None
        phrase = IndicatorPhrase(first.start, second.end, [first, second])
        return Excess(phrase, -1 if first.detail == "imports" else 1)

    def more_than_balance(self, money: Cue) -> Excess | None:
        """'bought $17.6 billion more in goods from abroad than it sold' (a deficit), 'exported
        5 billion dlrs more than it imported' (a surplus): the second flow, after 'than', says
        which flow is the larger."""
        if word_after(self.words, money.end) != "more":
            return None
        second = next(
            (
                c for c in self.clause.of(INDICATOR)
                if c.detail in ("exports", "imports")
                and c.start > money.end
                and self.words[c.start] == "than"
                and c.start - money.end <= RULES.excess_by_window + 4
            ),
            None,
        )
        if second is None:
            return None
        phrase = IndicatorPhrase(second.start, second.end, [second])
        return Excess(phrase, -1 if second.detail == "exports" else 1)

    def place_between(self, start: int, end: int) -> int:
        """The length of a place named right at ``start``, before ``end`` ('the 170 billion
        dlr U.S. trade deficit': the owner between the figure and its phrase), else 0."""
        for cue in self.clause.of(PLACE):
            if cue.start == start and cue.end <= end:
                return cue.end - cue.start
        return 0

    def in_aside(self, phrase: IndicatorPhrase, money: Cue) -> bool:
        """'The surplus with the U.S., which buys four-fifths of Canadian exports, grew to …':
        a phrase in a relative clause closed before the figure is not the figure's."""
        commas = [i for i in range(self.clause.start, money.start) if self.words[i] == ","]
        opening = [i for i in commas if i < phrase.start]
        closing = [i for i in commas if i >= phrase.end]
        if not opening or not closing:
            return False
        inside = self.words[opening[-1] + 1 : phrase.start]
        return any(word in RULES.words["relative_pronouns"] for word in inside)

    def partner_cue_without_place(self, phrase: IndicatorPhrase) -> bool:
        """A flow cue that ends in a partner word ('shipments to', 'purchases from') names a
        flow only where a place follows it."""
        for cue in phrase.cues:
            last_word = self.words[cue.end - 1]
            if cue.kind != INDICATOR or last_word not in RULES.words["partner_markers"]:
                continue
            index = cue.end
            while index < len(self.words) and (
                self.words[index].isspace() or self.words[index] == "the"
            ):
                index += 1
            if not any(
                c.kind == PLACE and c.start == index for c in self.clause.mentions
            ):
                return True
        return False

    def indicator(self, phrase: IndicatorPhrase) -> str | None:
        """The phrase's indicator; a bare 'deficit' is the balance the story spoke of last."""
        if (
            "exclude_balance" in phrase.details
            and phrase.sign is not None
            and word_before(self.words, phrase.start) in RULES.words["trade_balance_markers"]
        ):
            return "trade_balance"  # "the merchandise trade balance of payments deficit"
        indicator = phrase.indicator
        if indicator in ("exports", "imports") and self.partner_cue_without_place(phrase):
            return None  # "sales to rise to 100 mln dlrs", "the sales to date": no partner
        if indicator == "trade_balance" and phrase.balance_family(self.words) is None:
            if self.trade_subject_before(phrase):
                return "trade_balance"  # "visible trade was in deficit by 8.3 billion stg"
            family = self.context.balance_before(phrase.start, self.sentence_end(phrase.start))
            if family is None and self.names_partner(phrase):
                family = "trade_balance"  # "the surplus with Japan": a balance of trade
            return None if family in (None, EXCLUDED) else family
        return indicator

    def is_product_trade(self, phrase: IndicatorPhrase, money: Cue | None = None) -> bool:
        """One product's or sector's trade, not a total: 'automobile product exports', 'exports
        of cars', 'the energy deficit', 'Farm and food trade showed a 2 billion surplus'."""
        indicator = phrase.indicator
        if indicator not in ("exports", "imports", "trade_balance"):
            return False
        if money is not None and (self.is_worth_of_product(money) or self.values_a_volume(
            phrase, money
        )):
            return True
        # a balance names its sector from a list; for exports and imports any content word
        # names a product ("coffee exports")
        sector = RULES.words["sector_words"] if indicator == "trade_balance" else None
        if self.has_sector_before(phrase.cues[0].start, sector):
            return True
        if sector is not None and self.names_sector_after(phrase.cues[-1].end, sector):
            return True
        if self.in_product_aside(phrase.start):
            return True  # "machines (1986 imports worth 180 mln dlrs)"
        if indicator != "trade_balance":
            if self.context.product_story and not self.has_total_word_before(phrase.cues[0].start):
                return True  # "exports fell to 1.80 mln" in a story titled "… CAR OUTPUT, EXPORTS"
            last = phrase.cues[-1]
            if word_after(self.words, last.end) != "of":
                return False
            target = word_after(self.words, last.end + 1)
            return target != "the" and target.isalpha() and (
                target not in RULES.words["trade_of_objects"]
            )
        # the clause's subject is its first 'trade' word before the balance (or before the
        # figure, for a balance named after it): "Farm and food trade showed a two billion
        # franc surplus after a surplus of 2.4 billion in January"
        end = phrase.start if money is None else max(phrase.start, money.start)
        trade = [i for i in range(self.clause.start, end) if self.words[i] == "trade"]
        return bool(trade) and self.has_sector_before(trade[0], sector)

    def in_product_aside(self, start: int) -> bool:
        """'Automatic data processing machines (1986 imports worth 180 mln dlrs)': a flow
        inside a parenthesis that follows a noun is that thing's trade. The parenthesis opens
        in the clause before ``start`` and holds only a period or spaces before it."""
        index = start - 1
        while index >= self.clause.start and (
            self.words[index].isspace()
            or any(c.start <= index < c.end for c in self.clause.of(PERIOD))
        ):
            index -= 1
        if index <= self.clause.start or self.words[index] != "(":
            return False
        owner = self.doc[index - 1]
        return owner.is_alpha and not owner.is_stop and not self.in_mention(index - 1)

    def names_sector_after(self, end: int, sector: frozenset[str]) -> bool:
        """'the surplus on oil trade', 'the deficit on non-oil trade', 'a deficit in farm
        goods': a balance whose sector follows it."""
        if word_after(self.words, end) not in RULES.words["sector_links"]:
            return False
        words = words_between(self.words, end, end + 6)[1:]
        while words and words[0] in ("non", "-", "the"):
            words = words[1:]
        return bool(words) and words[0] in sector

    def values_a_volume(self, phrase: IndicatorPhrase, money: Cue) -> bool:
        """'imported 546 mln gallons of orange juice worth 622 mln dlrs': the amount values a
        volume of one product, not the economy's trade."""
        return any(
            min(phrase.end, money.start) <= q.start < money.start
            for q in self.clause.of(QUANTITY)
        )

    def is_worth_of_product(self, money: Cue) -> bool:
        """'exported two billion Canadian dlrs worth of steel': one product's trade ('worth of
        goods' is a total)."""
        end = self.past_worth(money.end)
        if end == money.end:
            return False
        target = self.words[end - 1]
        return target.isalpha() and target not in RULES.words["trade_of_objects"]

    def has_total_word_before(self, start: int) -> bool:
        """'total exports', 'merchandise imports': a word of totals right before ``start`` in
        the clause."""
        word = word_before(self.words[self.clause.start : start], start - self.clause.start)
        return word in RULES.words["trade_of_objects"] or word in RULES.words[
            "trade_balance_markers"
        ]

    def trade_subject_before(self, phrase: IndicatorPhrase) -> bool:
        """'visible trade was in deficit', 'trade showed a surplus': the word 'trade' among the
        ``trade_subject_window`` words before a bare balance (no comma or other cue between)
        makes it a trade balance, whatever balance the story spoke of before."""
        start = max([self.clause.start, *[c.end for c in self.clause.mentions
                                          if c.kind == INDICATOR and c.end <= phrase.start]])
        words = words_between(self.words, start, phrase.start)
        words = words[-RULES.trade_subject_window :]
        return "trade" in words and "," not in words[words.index("trade") :]

    def has_sector_before(self, start: int, sector: frozenset[str] | None) -> bool:
        """Whether a product or sector word stands right before token ``start``: one of
        ``sector``, or where that is None a content word of its own, not a function word
        ('against exports'), a modifier of totals ('merchandise', 'visible'), a verb ('pushed
        imports') or another mention. Balances take the list: an adjective ('the persistent
        deficit') cannot be told from a noun without a tagger."""
        index = start - 1
        while index >= self.clause.start and self.words[index].isspace():
            index -= 1
        if index < self.clause.start:
            return False
        if self.words[index] == "trade":  # "the energy trade deficit"
            return self.has_sector_before(index, sector)
        if sector is None and self.words[index] == "-" and index > self.clause.start and (
            self.words[index - 1] in RULES.words["component_prefixes"]
        ):  # "re-exports": a part of exports, but "exports, including re-exports" are whole
            return word_before(self.words, index - 1) not in RULES.words["component_asides"]
        if sector is not None:
            return self.words[index] in sector
        token = self.doc[index]
        return (
            token.is_alpha
            and not token.is_stop
            and not self.after_verb(start)
            and token.lower_ not in RULES.words["trade_modifiers"]
            and not self.in_mention(index)
        )

    def has_organisation_subject(self, end: int) -> bool:
        """A company's or bank's figure: 'the group's balance sheet total rose to …', a
        ticker ('<TOYO.T>') or an unknown name's possessive ('Toyota's') before ``end`` in the
        clause, with no speaker or place after it ('USX Corp chairman … called for a
        correction in the U.S. trade deficit'). The central bank, the World Bank … report
        trade and do not count."""
        organisations = RULES.words["organisation_words"]
        not_after = RULES.words["organisation_not_after"]
        speakers = RULES.words["speaker_words"]
        places = {cue.start for cue in self.clause.of(PLACE)}
        previous, owner = "", False
        for index in range(self.clause.start, end):
            word = self.words[index]
            if word.isspace():
                continue
            if word in speakers or index in places:
                owner = False  # a speaker ('USX Corp chairman'), or a place that owns
            elif word.startswith("<") or (word in organisations and previous not in not_after):
                owner = True
            elif (
                word in RULES.words["possessive_marks"]
                or (word == "'" and previous.endswith("s"))  # "Northrops' sales to"
            ) and self.is_unknown_name(index - 1):
                owner = True  # "Toyota's exports to the U.S. rose to 1.01 mln"
            previous = word
        return owner

    def is_unknown_name(self, index: int) -> bool:
        """A capitalised word that no mention knows (not a place, month or institution): in
        'Toyota's exports' the owner is a firm, not an economy."""
        if index < 0 or not self.doc[index].is_title or self.doc[index].is_stop:
            return False
        return not self.in_mention(index)

    def sentence_end(self, index: int) -> int:
        return int(self.doc[index].sent.end) if self.doc.has_annotation("SENT_START") else len(
            self.doc
        )

    def names_partner(self, phrase: IndicatorPhrase) -> bool:
        """'the surplus with Japan', 'the deficit with the United States'."""
        return any(
            cue.kind == PLACE
            and 0 <= cue.start - phrase.end <= RULES.balance_partner_window
            and is_partner_place(self.doc, self.words, cue.start)
            for cue in self.clause.mentions
        )

    def has_unknown_partner(self, phrase: IndicatorPhrase) -> bool:
        """'the deficit with Western Europe': a partner newsfacts cannot code is no total."""
        index = phrase.end
        if word_after(self.words, index) not in RULES.words["partner_markers"]:
            return False
        while index < len(self.words) and (
            self.words[index].isspace()
            or self.words[index] in RULES.words["partner_markers"]
            or self.words[index] == "the"
        ):
            index += 1
        if index >= len(self.words) or not self.doc[index].is_title:
            return False
        return not any(
            c.kind in (PLACE, MONEY, PERIOD) and c.start <= index < c.end
            for c in self.clause.mentions
        )

    def is_not_a_value(self, money: Cue) -> bool:
        """Prices and rates (an amount with a denominator, ``Money.per``: '$10 billion a
        month'; no scale word, under a million), bare numbers that go on from a volume ('7.9
        million barrels a day, down from 8.4 million'; 'exports to dip to 4.8 mln from around
        5.0 mln' after bags) and amounts of a stock ('68 billion dollars of commercial debt')
        are no trade values."""
        value: Money = money.value
        if value.per is not None:  # '$10 billion a month', '$52 a barrel': a rate or a price
            return True
        if value.scale is None and abs(value.value) < RULES.smallest_value:
            return True
        if word_after(self.words, money.end) == "of" and any(
            cue.kind == INDICATOR and cue.detail.startswith("exclude")
            and 0 < cue.start - money.end <= RULES.stock_after_window
            for cue in self.clause.mentions
        ):
            return True
        if value.currency is not None:
            return False
        volume = last_unit_is_volume(  # the unit the bare number goes on from
            cue for cue in reversed(self.clause.mentions) if cue.end <= money.start
        )  # else the story's: "… 1.8 mln short tons. Exports were 1.2 mln"
        return self.context.after_volume if volume is None else volume

    def is_change_amount(self, money: Cue) -> bool:
        """'imports increased $2.8 billion', 'rose by 1.2 billion dlrs': the figure is a change."""
        end = money.start
        # "rose by only $2 billion", "an increase of …"
        while end > 0 and (
            self.words[end - 1].isspace()
            or self.words[end - 1] in RULES.words["change_amount_links"]
        ):
            end -= 1
        return any(
            cue.kind == CHANGE
            and cue.end == end
            # "racked up a 51.5 billion dlr surplus": 'up' of a verb, no change
            and not (cue.span.text.lower() in ("up", "down") and self.after_verb(cue.start))
            for cue in self.clause.mentions
        )

    def is_monthly_average(self, draft: Draft, start: int) -> bool:
        """'Brazil's monthly surplus had declined to some 150 mln dlrs in the final three
        months': a monthly figure for a period of several months is their average."""
        period = draft.period
        if period is None or period.start == period.end:
            return False
        words = self.words[max(start, self.clause.start) : draft.money.start]
        return bool(RULES.words["per_month_words"].intersection(words))

    def is_average(self, money: Cue, start: int) -> bool:
        """'surpluses averaging one billion dlrs', 'a monthly average of $9.9 billion during
        the whole year': an average over a period is no period's figure. An average word
        among the few words before the amount (after ``start``, the figure before) says so."""
        words = words_between(self.words, max(start, self.clause.start), money.start)
        return bool(RULES.words["average_words"].intersection(words[-RULES.average_window :])) or (
            word_after(self.words, money.end) in RULES.words["average_words"]
        )  # "the 12 billion dollars average recorded in 1984 and 1985"

