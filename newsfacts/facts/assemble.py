"""The rule layer: a document's mentions → draft facts, one clause at a time.

Each money amount in a clause is read against the nearest indicator phrase; its period,
places, change, qualifiers and modality come from the mentions around it. A figure after
"from", "against" or "compared with" is a comparison: it becomes the main figure's
``previous_value`` and a fact of its own. Every draft records the ids of the patterns and
assembly rules that made it. The rules live in three parts: ``figures`` (which amounts are
figures), ``timing`` (periods) and ``attributes`` (the rest).
"""

from __future__ import annotations

from spacy.tokens import Doc

from newsfacts.facts.attributes import AttributeRules
from newsfacts.facts.clauses import (
    BASIS,
    CHANGE,
    COMPARISON,
    FLOW,
    PERIOD,
    PERIOD_SHIFT,
    PLACE,
    QUALIFIER,
    Cue,
    iter_clauses,
    read_words,
    word_after,
    word_before,
    words_between,
)
from newsfacts.facts.context import DocContext, read_context
from newsfacts.facts.drafts import Draft, SeparateChange
from newsfacts.facts.figures import FigureRules, last_unit_is_volume
from newsfacts.facts.phrases import IndicatorPhrase
from newsfacts.facts.rules import RULES
from newsfacts.facts.timing import PeriodRules
from newsfacts.periods import shift_period
from newsfacts.schema import Money

__all__ = ["ClauseReader", "Draft", "assemble_drafts"]


# drops for what a figure is about: a comparison with such a figure is about the same
SUBJECT_DROPS: frozenset[str] = frozenset({
    "drop.product-trade", "drop.organisation", "drop.not-trade", "drop.region", "drop.no-indicator",
})


class ClauseReader(FigureRules, PeriodRules, AttributeRules):
    """Reads the drafts of one clause; ``context`` carries what the story said before."""

    # -- the clause -----------------------------------------------------------------------
    def read(self) -> list[Draft]:
        previous_end = last_amount_end = self.clause.start
        for position, money in enumerate(self.monies):
            following = next(  # a conversion in parentheses ends no figure's reach
                (m.start for m in self.monies[position + 1 :] if not self.is_conversion(m)),
                self.clause.end,
            )
            self.note_currency(money)
            draft = self.read_money(money, previous_end, following, last_amount_end)
            if draft is not None:
                self.drafts.append(draft)
                self.context.remember(draft)
                previous_end = money.end  # a dropped amount (a change, a price) ends no context
            last_amount_end = money.end
        self.pair_from_to()
        self.note_last_unit()
        return self.drafts

    def note_last_unit(self) -> None:
        """Remember whether the clause's last amount with a unit was a volume or money."""
        volume = last_unit_is_volume(reversed(self.clause.mentions))
        if volume is not None:
            self.context.after_volume = volume

    def pair_from_to(self) -> None:
        """'slumping from 800 mln dlrs to 200 mln': the first figure is the second's previous."""
        for first, second in zip(self.drafts, self.drafts[1:], strict=False):
            if (
                first.role == "main"
                and second.role == "main"
                and first.indicator == second.indicator
                and word_before(self.words, first.money.start) == "from"
                and word_before(self.words, second.money.start) == "to"
                and self.adjacent_figures(first.money, second.money)
            ):
                first.role, first.main, second.previous = "comparison", second, first
                if second.partner == "WLD":  # "exports to China rose from … to …"
                    second.reporter, second.partner = first.reporter, first.partner
                first.reporter, first.partner = second.reporter, second.partner
                if not first.period_explicit and second.period is not None:
                    first.period = shift_period(second.period, self.context.comparison_shift)
                first.rule_ids.append(RULES.ids["role.comparison"])

    def adjacent_figures(self, first: Cue, second: Cue) -> bool:
        """No amount stands between the two but conversions in parentheses."""
        between = self.monies[self.monies.index(first) + 1 : self.monies.index(second)]
        return self.monies.index(second) > self.monies.index(first) and all(
            self.is_conversion(m) for m in between
        )

    def dropped_subject(self, money: Cue, cue: Cue) -> str | None:
        """The drop rule of the figure a comparison compares with, where it was dropped for
        its subject (a product's, a firm's, a region's, no trade figure): the
        comparison figure is of the same subject."""
        drops = self.context.drops
        earlier = [
            m for m in self.monies
            if m.end <= cue.start
            and (m.start not in drops or drops[m.start].rule != "drop.conversion")
        ]
        if not earlier or any(d.money.start > earlier[-1].start for d in self.drafts):
            return None
        dropped = drops.get(earlier[-1].start)
        return dropped.rule if dropped and dropped.rule in SUBJECT_DROPS else None

    def comparison_run(self, money: Cue) -> list[Cue]:
        """'compared with 1,326.5 billion and 971.7 billion': figures listed after one cue."""
        position = self.monies.index(money)
        run = [money]
        for following in self.monies[position + 1 :]:
            words = words_between(self.words, run[-1].end, following.start)
            if not all(w in RULES.words["list_joiners"] for w in words):
                break
            run.append(following)
        return run

    def continued(self, money: Cue) -> Draft | None:
        """'It widened to 3.61 billion', 'In the second quarter, it stood at …': a clause with no
        indicator goes on from the last figure."""
        if (
            self.context.last_draft is None
            or any(p.start < money.start for p in self.phrases)
            or self.nearest_phrase(money) is not None  # "This compares with a 1.5 billion deficit"
        ):
            return None  # but "It widened to 622 mln … compared with a deficit of …" goes on
        first_word = next(
            (i for i in range(self.clause.start, money.start) if not self.words[i].isspace()), -1
        )
        openers = [first_word] if first_word >= 0 else []
        comma = next(  # "In the second quarter, it stood at 23.2 billion pounds"
            (i for i in range(self.clause.start, money.start) if self.words[i] == ","), -1
        )
        if comma >= 0 and any(c.end <= comma for c in self.clause.of(PERIOD)):
            openers.append(comma + 1)
        opening_flow = [
            c for c in self.clause.of(FLOW) if c.start == first_word
        ]  # "Goods were …"
        record = [  # "The previous monthly record was $16.46 billion in January"
            c
            for c in self.clause.of(QUALIFIER)
            if c.detail == "record" and 0 <= money.start - c.end <= RULES.qualifier_before_window
        ]
        pronoun = any(self.opens_continuation(index) for index in openers)
        if not (pronoun or opening_flow or record):
            return None
        if pronoun and not (opening_flow or record) and self.sentence_between(
            self.context.last_draft.money.end, self.clause.start
        ):
            return None  # "… growing domestic investment. It is expected to rise to …"
        return self.context.last_draft  # also "Goods were $121.2 billion …" after "Exports …"

    def clause_partner(
        self, indicator: str, reporter: str | None, phrase: IndicatorPhrase
    ) -> str | None:
        """The partner of the clause's earlier figure of the same reporter, for a flow with
        none of its own ('the deficit with Japan …, with exports hitting a record …')."""
        if indicator not in ("exports", "imports") or self.has_total_word_before(phrase.start):
            return None
        earlier = [d for d in self.drafts if d.reporter == reporter and d.partner != "WLD"]
        return earlier[-1].partner if earlier else None

    def definite_balance_of(self, phrase: IndicatorPhrase, indicator: str) -> Draft | None:
        """'Taiwan's trade surplus with the U.S. hit 13.6 billion dlrs last year. The surplus
        widened …': a balance named only by 'the' and its word at the start of a sentence,
        with no place in its clause, is the balance of the sentence before, partner and all."""
        last = self.context.last_draft
        first = next((i for i in range(self.clause.start, phrase.start)
                      if not self.words[i].isspace()), -1)
        if (
            last is None
            or last.partner == "WLD"
            or last.indicator != indicator
            or self.words[first] != "the"
            or first != self.clause.start or not self.doc[first].is_sent_start
            or any(not w.isspace() for w in self.words[first + 1 : phrase.start])
            or self.clause.of(PLACE)
            or self.sentence_between(last.money.end, self.clause.start)
        ):
            return None
        return last

    def sentence_between(self, start: int, end: int) -> bool:
        """A whole sentence lies between tokens ``start`` and ``end``: a pronoun after it
        names something of that sentence, not a figure before it."""
        doc = self.doc
        starts = sum(1 for i in range(start, min(end + 1, len(doc))) if doc[i].is_sent_start)
        return starts >= 2

    def opens_continuation(self, index: int) -> bool:
        """'it', 'this' or 'the number' at or after token ``index`` (spaces skipped): the
        clause goes on from the figure before."""
        while index < len(self.words) and self.words[index].isspace():
            index += 1
        word = self.words[index] if index < len(self.words) else ""
        if word in RULES.words["continuation_pronouns"]:
            return word_after(self.words, index + 1) not in RULES.words["speech_verbs"]
        return word == "the" and word_after(self.words, index + 1) in RULES.words[
            "continuation_nouns"
        ]

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
            for c in self.clause.of(COMPARISON)
            if c.end <= money.start
            and c.start >= previous_end
            and word_before(self.words, money.start) != "to"  # "from November to $35.3 billion"
            and (
                money.start - c.end <= RULES.comparison_window
                or self.shift_between(c.end, money.start) is not None
            )
        ]
        if cmp_cues and (inherited := self.dropped_subject(money, cmp_cues[0])) is not None:
            self.context.drop(money.start, inherited)
            return None  # "Coffee accounted for 320 mln dlrs of exports, up from 222 mln"
        if cmp_cues and money.start not in self.assigned:
            self.assign_parallel(money)
        assigned = self.assigned.get(money.start)
        template = assigned or self.continued(money)
        excess = None if template else self.excess_balance(money)
        phrase: IndicatorPhrase | None
        indicator: str | None
        if excess is not None:  # "imports exceeded exports by $458 million"
            phrase, indicator = excess.phrase, "trade_balance"
        else:
            phrase = template.phrase if template else self.nearest_phrase(money)
            indicator = (
                template.indicator if template else (self.indicator(phrase) if phrase else None)
            )
        if (
            phrase is None
            or indicator is None
            or (excess is None and self.is_product_trade(phrase, money))
        ):
            rule = (
                "drop.no-indicator"
                if phrase is None
                else "drop.not-trade" if indicator is None else "drop.product-trade"
            )
            self.context.drop(money.start, rule)
            return None
        if template is None and self.has_unknown_partner(phrase):
            self.context.drop(money.start, "drop.unknown-partner")
            return None
        if self.has_organisation_subject(min(phrase.start, money.start)):
            self.context.drop(money.start, "drop.organisation")
            return None
        window_start = max(previous_end, min(phrase.start, money.start))
        compared_since = any(
            last_amount_end <= c.start < money.start for c in self.clause.of(COMPARISON)
        )  # "would end up 3 billion higher than last year's 10.1 billion": an actual figure
        modality_from = last_amount_end if compared_since else previous_end
        if excess is not None:
            modality_from = max(modality_from, phrase.end)  # its 'exceeded' is no threshold
        stated = self.modality(modality_from, money, phrase)
        if stated is None:
            self.context.drop(money.start, "drop.threshold")
            return None
        if money.rule_id.startswith(RULES.range_pattern_prefix):
            self.context.drop(money.start, "drop.range")
            return None  # "between 200 and 300 mln dlrs": a bracket, no reported figure
        modality = "estimate" if stated == "annualised" else stated
        earlier = [d for d in self.drafts if d.phrase.start == phrase.start]
        if modality == "actual" and earlier and earlier[-1].modality != "actual":
            modality = earlier[-1].modality  # "will come to between $170 billion and $190 billion"
        elif modality == "actual" and (listed := self.listed_after(money, phrase)) is not None:
            modality = listed.modality  # "exports are expected to total 50 billion and imports 30"
        if any(
            previous_end <= c.start < money.start
            for c in self.clause.of(QUALIFIER)
            if c.detail == "revised-away"
        ):
            self.context.drop(money.start, "drop.revised-away")
            return None  # "originally reported at 533 mln": a superseded first estimate
        if self.is_not_a_value(money):
            self.context.drop(money.start, "drop.not-a-value")
            return None  # "$17.62 a barrel", "124.35 yen", "8.4 million" after barrels
        if self.is_average(money, previous_end):
            self.context.drop(money.start, "drop.average")
            return None  # "a monthly average of $9.9 billion"
        if self.is_change_amount(money):
            self.context.drop(money.start, "drop.change-amount")
            return None  # "imports increased $2.8 billion": a change, not a level
        if self.is_conversion(money):
            self.context.conversions.add(abs(money.value.value))
            self.context.drop(money.start, "drop.conversion")
            return None  # "1.3 billion pounds ($2.17 billion)": the same figure in another currency
        mains = [d for d in self.drafts if d.role == "main" and d.indicator == indicator]
        cut = [c.start for c in self.clause.of(COMPARISON) if c.start >= money.end]
        period_cue = self.period_cue(money, min([following, *cut]), previous_end, bool(cmp_cues))
        if period_cue is None and cmp_cues:
            period_cue = self.shift_between(cmp_cues[-1].end, money.start)
        shifted = period_cue is not None and period_cue.kind == PERIOD_SHIFT
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
        limit = max(self.past_worth(money.end), phrase.end) + RULES.partner_after_money
        search_from = max(previous_end, bare[0].start if bare else phrase.start)
        if phrase.end <= previous_end:
            search_from = previous_end  # "…, with Italy it was 70.4 billion"
        place_rules: list[str] = []
        if template is not None and assigned is None:
            reporter, partner = template.reporter, template.partner
        else:
            anchor = min(phrase.start, money.start)
            if phrase.start > money.start and self.place_between(money.end, phrase.start):
                anchor = phrase.start  # "an 18 billion dlr EC deficit": the EC's
            reporter, partner, place_rules = self.places(
                phrase, anchor, limit, search_from, money
            )
            clause_partner = self.clause_partner(indicator, reporter, phrase)
            if partner == "WLD" and clause_partner is not None:
                partner = clause_partner
                place_rules.append(RULES.ids["partner.clause"])
            elif partner == "WLD" and (
                before := self.definite_balance_of(phrase, indicator)
            ) is not None:
                reporter, partner = before.reporter, before.partner
                place_rules.append(RULES.ids["partner.sentence-before"])
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
        own = self.own_currency_twin(money, draft)
        if own is not None:  # "$2.9 billion (1.61 billion pounds)" in a British story
            own_value: Money = own.value
            draft.value = abs(own_value.value)
            draft.currency = self.currency(own_value, reporter)
            draft.rule_ids.append(RULES.ids["currency.own"])
        self.set_period(draft, period_cue, main)
        draft.period = self.fiscal_for(draft.period, draft.reporter)
        draft.period = self.cumulative(draft.period, money)
        self.ahead_for_forecast(draft)
        if self.is_monthly_average(draft, previous_end):
            self.context.drop(money.start, "drop.average")
            return None  # "a monthly one billion in the first nine months"
        if draft.modality != "actual" and self.is_reported(draft, stated, main is not None):
            draft.modality = "actual"
            draft.rule_ids.append(RULES.ids["modality.reported"])
        elif draft.modality == "actual" and self.is_future(draft):
            draft.modality = "forecast"
            draft.rule_ids.append(RULES.ids["modality.future"])
        draft.sign = self.sign(draft, phrase, main, previous_end)
        if excess is not None:
            draft.sign = excess.sign
            draft.rule_ids.append(RULES.ids["balance.excess"])
        self.apply_favour(draft, money)
        if main is not None:
            self.link_comparison(draft, main)
        else:
            stop = min(following, money.end + RULES.change_after_window)
            draft.change_pct, change_rules = self.change(window_start, stop)
            draft.rule_ids.extend(change_rules)
            draft.changed = not self.clause.of(PERIOD_SHIFT) and (
                draft.change_pct is not None
                or any(window_start <= c.start < stop for c in self.clause.of(CHANGE))
            )
        draft.qualifiers, qualifier_rules = self.qualifiers(money)
        draft.rule_ids.extend(qualifier_rules)
        draft.flow = self.flow(phrase)
        if template is not None and assigned is None:
            opening = [c.detail for c in self.clause.of(FLOW) if c.start < money.start]
            draft.flow = opening[-1] if opening else template.flow  # the nearest before it
        if draft.flow is None and main is not None and main.indicator == draft.indicator:
            draft.flow = main.flow  # "a merchandise trade deficit of $34.39 billion, from $29.31"
        draft.seasonally_adjusted = self.adjustment(previous_end, money)
        if main is not None and main.seasonally_adjusted is not None:
            draft.seasonally_adjusted = main.seasonally_adjusted  # compared on the same basis
        if draft.seasonally_adjusted is None:
            draft.seasonally_adjusted = self.story_adjustment(draft.period)
        draft.basis = {cue.detail for cue in self.clause.of(BASIS)}
        start = (
            phrase.start if 0 <= money.start - phrase.end <= RULES.evidence_reach else money.start
        )
        if main is not None:
            start = min([money.start, *[c.start for c in cmp_cues]])
        end = max(money.end, period_cue.end if period_cue and period_cue.start >= money.end else 0)
        draft.evidence = (min(start, money.start), end)
        return draft

    def link_comparison(self, draft: Draft, main: Draft) -> None:
        draft.role, draft.main = "comparison", main
        draft.reporter, draft.partner = main.reporter, main.partner
        draft.rule_ids.append(RULES.ids["role.comparison"])
        revised = self.drafts[-1] if self.drafts else main  # the figure said just before
        cue_start = min(
            [
                c.start
                for c in self.clause.of(COMPARISON)
                if revised.money.end <= c.start < draft.money.start
            ]
            or [draft.money.start]
        )
        superseding = [
            q
            for q in self.clause.of(QUALIFIER)
            if revised.money.end <= q.start < cue_start
            and (
                q.detail == "revised-away"
                or (
                    q.detail == "revised"
                    and word_after(self.words, q.end) in RULES.words["revision_from"]
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
            # "the July deficit was 43 percent higher than the June imbalance": the period
            # right before the phrase is its own; one after a comparison is the other figure's
            own = [
                c.value for c in self.clause.of(PERIOD)
                if 0 <= phrase.start - c.end <= RULES.period_adjacent_window
            ]
            compared = self.compared_between(phrase.start, stop)
            periods = own or [
                c.value for c in self.clause.of(PERIOD)
                if phrase.start <= c.start < stop
                and not (compared and self.compared_between(phrase.start, c.start))
            ]
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


def assemble_drafts(
    doc: Doc, spans_key: str, cues: list[Cue] | None = None
) -> tuple[list[Draft], DocContext]:
    """The drafts of a document, and what was learnt of the story on the way.

    ``cues`` is ``read_cues(doc, spans_key)`` where the caller has read them already.
    """
    words = read_words(doc)
    clauses = list(iter_clauses(doc, spans_key, cues, words))
    context = read_context(doc, clauses, words)
    title_end = _title_end(words)
    context.product_story = _names_a_product(words[:title_end])
    drafts: list[Draft] = []
    changes: list[SeparateChange] = []
    for clause in clauses:
        reader = ClauseReader(clause, doc, context, clause.end <= title_end, words)
        drafts.extend(reader.read())
        changes.extend(reader.separate_changes())
    attach_changes(changes, drafts)
    return drafts, context


def _names_a_product(title: list[str]) -> bool:
    """A title that names a product or industry and no balance ('W.GERMAN CAR OUTPUT,
    EXPORTS RISE'): the story's bare exports and imports are that product's."""
    lowered = {word.lower() for word in title}
    return bool(lowered & RULES.words["product_titles"]) and not (
        lowered & RULES.words["story_trade_titles"]
    )


def _title_end(words: list[str]) -> int:
    """The token where the body starts: after the first blank line (0 where there is none)."""
    for index, word in enumerate(words):
        if "\n\n" in word and word.isspace():
            return index
    return 0
