"""The period of a figure: said with it, before it, relative to another, or the story's."""

from __future__ import annotations

import re

from newsfacts.facts.clauses import (
    COMPARISON,
    MONEY,
    PERIOD,
    PERIOD_SHIFT,
    Cue,
    bounds_another_period,
    is_change_base,
    pair_before,
    word_after,
    word_before,
    words_between,
)
from newsfacts.facts.drafts import Draft
from newsfacts.facts.rules import RULES
from newsfacts.facts.view import ClauseView
from newsfacts.periods import (
    PeriodShift,
    fiscal_period,
    make_period,
    shift_months,
    shift_period,
)
from newsfacts.schema import Period

_NAMES_YEAR = re.compile(r"\d{4}|'\d\d|\byears?\b", re.IGNORECASE)


class PeriodRules(ClauseView):
    """The period a figure is for."""

    def period_cue(self, money: Cue, stop: int, start: int, compared: bool) -> Cue | None:
        """The period said with a figure: right after it, else just before, else earlier.

        Before a main figure, a period right after "from" belongs to the comparison
        ("dropped 9.7 per cent from November to $35.3 billion").
        """
        # "66 billion euro ($86.2 billion) in 2011", "500 mln dlrs worth of goods … in March"
        reach = self.past_worth(self.past_aside(money.end))
        after = [
            c
            for c in self.clause.mentions
            if (
                c.kind == PERIOD
                or (
                    c.kind == PERIOD_SHIFT
                    and (c.value.unit != "year_to_date" or self.is_year_to_date(c))
                )
            )
            and money.end <= c.start < stop
            and c.start - reach <= RULES.period_after_window
            and not any(
                0 <= p.start - c.end <= 1 for p in self.phrases
            )  # "… and the February surplus"
            and word_before(self.words, c.start) not in RULES.words["period_not_own"]
            and not bounds_another_period(self.words, c)
            and not is_change_base(self.words, c)
            and not self.compared_between(money.end, c.start)
            and not self.opens_aside_item(money, c)
        ]  # "highest since October"
        before = [
            c
            for c in self.clause.mentions
            if (
                c.kind == PERIOD
                or (c.kind == PERIOD_SHIFT and c.value.unit == "whole_year")
                or (c.kind == PERIOD_SHIFT and self.is_year_to_date(c))
                # "the deficit for the previous three months was revised to …"
                or (c.kind == PERIOD_SHIFT and word_before(self.words, c.start) == "for")
            )
            and start <= c.start
            and c.end <= money.start
            and not self.follows_money(c)
            and not self.ends_earlier_item(c, money)
            and not bounds_another_period(self.words, c)
            and (
                word_before(self.words, c.start) not in RULES.words["period_not_own"]
                or word_after(self.words, c.end + 1) == "when"  # "since fiscal 1983, when the …"
            )
            and (
                compared
                or not any(k.kind == COMPARISON and k.end == c.start for k in self.clause.mentions)
            )
        ]
        owner = [  # "last year's record imbalance of $375.7 billion", "from 1986's 9.5 billion"
            c
            for c in self.clause.of(PERIOD)
            if start <= c.start
            and 0 <= money.start - c.end <= RULES.phrase_link_window
            and self.is_possessive(c)
            and not any(  # "November's deficit was up from $10.2 billion in October"
                c.end <= k.start < money.start
                for k in self.clause.mentions
                if k.kind in (MONEY, COMPARISON)
            )
        ]
        if owner:
            return owner[-1]
        adjacent = before and money.start - before[-1].end <= RULES.period_adjacent_window
        if adjacent and (not after or after[0].start - reach > 1):
            return before[-1]
        if after:
            return after[0]
        if before:
            return before[-1]
        return None if compared else self.fronted_period(money)

    def opens_aside_item(self, money: Cue, cue: Cue) -> bool:
        """'current account surplus 7.38 billion dlrs (Jan 4.95 billion surplus)': a period
        inside a parenthesis opened after the figure, before another amount in it, is that
        amount's."""
        words = self.words
        between = words[money.end : cue.start]
        if "(" not in between or ")" in between[len(between) - between[::-1].index("(") :]:
            return False  # no parenthesis open at the period
        close = next(
            (i for i in range(cue.end, self.clause.end) if words[i] in (")", "(")),
            self.clause.end,
        )
        return any(cue.end <= m.start < close for m in self.monies)

    def fronted_period(self, money: Cue) -> Cue | None:
        """'In February 1986 the current account had shown …, and the trade account a 6.84
        billion surplus': a period that opens the clause is every figure's there."""
        index = self.clause.start
        while index < money.start and (
            self.words[index].isspace() or self.words[index] in RULES.words["enclosing_links"]
        ):
            index += 1
        return next(
            (c for c in self.clause.of(PERIOD) if c.start == index and c.end <= money.start),
            None,
        )

    def compared_between(self, start: int, end: int) -> bool:
        """'42.56 billion marks, 0.5 pct less than in February 1986': a comparison between a
        figure and a period after it makes the period the comparison's."""
        return bool(
            RULES.words["comparative_words"].intersection(self.words[start:end])
        ) or any(c.kind == COMPARISON and start <= c.start < end for c in self.clause.mentions)

    def is_possessive(self, cue: Cue) -> bool:
        """'last year's', '1986's', 'December's': the period owns the figure after it."""
        return word_after(self.words, cue.end) in RULES.words["possessive_marks"]

    def is_whole_of(self, cue: Cue) -> bool:
        """'the whole of 1985', 'all of 1985': the whole period, whatever the months compared."""
        whole, link = pair_before(self.words, cue, 3)
        return link == "of" and whole in RULES.words["whole_of_words"]

    def is_year_to_date(self, cue: Cue) -> bool:
        """'so far this year' as a figure's period, not after a superlative ('the best so far
        this year' ranks a month's figure)."""
        if cue.value.unit != "year_to_date":
            return False
        before = words_between(self.words, cue.start - 3, cue.start)
        return not any(w.endswith("est") or w in RULES.words["superlatives"] for w in before)

    def ends_earlier_item(self, cue: Cue, money: Cue) -> bool:
        """'a $43-billion deficit for the fourth quarter and a $171.2-billion shortfall for
        all of 1987': a period after an earlier figure of the clause, parted from this one
        by 'and', closes that figure's item (a comma does not: 'the largest since 1987, when
        it was $159.6 billion')."""
        if not any(m.end <= cue.start for m in self.monies if m is not money):
            return False
        return "and" in self.words[cue.end : money.start]

    def follows_money(self, cue: Cue) -> bool:
        """'… 86 billion in 1985 and …', '… in February from 5.34 billion': a period said right
        after another figure, or right before a comparison, belongs to the figure before it
        (but not one after a comparison cue: '… higher than last year's 10.1 billion')."""
        after_figure = any(
            0 <= cue.start - self.past_aside(m.end) <= RULES.period_adjacent_window
            and not any(
                k.kind == COMPARISON and m.end <= k.start < cue.start for k in self.clause.mentions
            )
            and "(" not in self.words[self.past_aside(m.end) : cue.start]
            for m in self.monies
            if not self.is_conversion(m)
        )
        before_comparison = any(
            k.kind == COMPARISON and 0 <= k.start - cue.end <= 1 for k in self.clause.mentions
        )
        names_phrase = any(
            p.start >= cue.end and all(w.isspace() for w in self.words[cue.end : p.start])
            for p in self.phrases
        )
        return (after_figure and not names_phrase) or before_comparison  # "…, while May imports"

    def past_aside(self, index: int) -> int:
        """The token after a parenthesis with an amount in it that opens at ``index`` (a
        conversion: '($86.2 billion)'), or ``index`` where none opens there."""
        words = self.words
        start = index
        while start < self.clause.end and words[start].isspace():
            start += 1
        if start >= self.clause.end or words[start] != "(":
            return index
        for end in range(start + 1, min(self.clause.end, start + RULES.aside_window)):
            if words[end] == ")":
                inside = any(start < m.start < end for m in self.monies)
                return end + 1 if inside else index
        return index

    def shift_between(self, start: int, end: int) -> Cue | None:
        """'from the year-ago month total of 8.5 billion': a relative period between a
        comparison cue and its figure."""
        shifts = [c for c in self.clause.of(PERIOD_SHIFT) if start <= c.start and c.end <= end]
        if not shifts:
            return None
        between = words_between(self.words, shifts[-1].end, end)
        return shifts[-1] if set(between) <= RULES.words["shift_to_figure"] else None

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
                and not self.is_possessive(cue)  # "last year's $105.1 billion": the year's
                and not self.is_whole_of(cue)  # "for the whole of 1985"
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
            draft.period = self.enclosing(self.context.period)
            draft.rule_ids.append(RULES.ids["period.default-context"])

    def ahead_for_forecast(self, draft: Draft) -> None:
        """'exports in the April-June quarter are expected to rise to 12.03 billion' in a story
        of March 1987: a forecast's period named without a year is the coming one (1987's
        second quarter), not the last that began before publication, where the coming one
        begins within ``forecast_ahead_months`` of the publication month."""
        published = self.doc._.nf_published
        period = draft.period
        if (
            draft.modality not in ("forecast", "target")
            or period is None
            or published is None
            or not draft.period_explicit
            or period.granularity not in ("month", "months", "quarter")
            or _NAMES_YEAR.search(period.raw)
        ):
            return
        year, month = (int(part) for part in period.start.split("-"))
        ahead = (year + 1 - published.year) * 12 + month - published.month
        if 0 <= ahead <= RULES.forecast_ahead_months:
            draft.period = shift_period(period, PeriodShift("year", 1, period.raw))
            draft.rule_ids.append(RULES.ids["period.forecast-ahead"])

    def enclosing(self, period: Period) -> Period:
        """The story's period, or the quarter or year around it where the clause says 'for the
        quarter', 'in the year' ('its surplus with the Americans for the quarter rose to …')."""
        words = words_between(self.words, self.clause.start, self.clause.end)
        spans = RULES.words["enclosing_spans"]
        said = {
            words[i + 2]
            for i in range(len(words) - 2)
            if words[i] in RULES.words["enclosing_links"] and words[i + 1] == "the"
            and words[i + 2] in spans
            and (i + 3 >= len(words) or words[i + 3] not in RULES.words["period_span_ends"])
            # not "0.8 pct in the year": year on year
            and (i == 0 or words[i - 1] not in RULES.words["percent_words"])
        }
        year, month = (int(part) for part in period.end.split("-")[:2])
        if "quarter" in said and period.granularity == "month":
            first = (month - 1) // 3 * 3 + 1
            return make_period((year, first), (year, first + 2), period.raw)
        if "year" in said and period.granularity in ("month", "quarter", "months"):
            return make_period((year, 1), (year, 12), period.raw)
        return period

    def cumulative(self, period: Period | None, money: Cue) -> Period | None:
        """'The cumulative trade position in July showed a 1.85 billion dlr deficit, after
        1.33 billion in June': a month's figure said to be cumulative runs from January."""
        if period is None or period.granularity != "month":
            return period
        words = self.words[self.clause.start : money.start]
        if not RULES.words["cumulative_words"].intersection(words):
            return period
        year, month = (int(part) for part in period.end.split("-"))
        return make_period((year, 1), (year, month), period.raw)

    def fiscal_for(self, period: Period | None, reporter: str | None) -> Period | None:
        """A fiscal year the text did not bound ('fiscal 1987', '1986/87') in the reporter's
        own calendar (Australia's ends in June, the U.S. government's in September)."""
        if period is None or reporter is None or reporter not in RULES.fiscal_year_end:
            return period
        raw = period.raw.lower()
        if any(word in raw for word in RULES.words["fiscal_end_words"]):
            return period  # the text says when it ends
        end_month = RULES.fiscal_year_end[reporter]
        if period.granularity == "fiscal_year":
            return fiscal_period(int(period.code[2:]), end_month, period.raw)
        if period.granularity == "months" and any(w in raw for w in RULES.words["fiscal_words"]):
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
