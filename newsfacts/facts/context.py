"""What the rule layer remembers across a document: its country, currency and period."""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from spacy.tokens import Doc

from newsfacts.facts.clauses import (
    ADJUSTMENT,
    COMPARISON,
    INDICATOR,
    MODALITY,
    MONEY,
    PERIOD,
    PLACE,
    QUALIFIER,
    Clause,
    Cue,
    bounds_another_period,
    is_change_base,
    is_partner_place,
    read_words,
    word_before,
)
from newsfacts.facts.drafts import Draft, Drop
from newsfacts.facts.phrases import indicator_phrases
from newsfacts.facts.rules import RULES
from newsfacts.periods import PeriodShift, shift_period
from newsfacts.schema import Money, Period

YEAR_BACK = PeriodShift("year", -1, "a year earlier")
PREVIOUS_STEP = PeriodShift("step", -1, "the previous period")
# Economies whose trade figures come in their own dollar: naming that dollar ("the
# Australian dollar rose …") makes a bare "dlrs" in the story that dollar. The names and
# their codes are ``dollars.named`` in assembly.json.
NAMED_DOLLAR = re.compile(
    r"\b(" + "|".join(map(re.escape, RULES.named_dollars)) + r")\s+(?:dollar|dlr)s?\b",
    re.IGNORECASE,
)
# A word every match of NAMED_DOLLAR holds, lower-cased: each name's last word
NAMED_DOLLAR_HINTS: tuple[str, ...] = tuple(
    dict.fromkeys(name.split()[-1] for name in RULES.named_dollars)
)


@dataclass
class DocContext:
    reporter: str | None = None
    named_dollar: str | None = None
    period: Period | None = None
    last_currency: str | None = None
    product_story: bool = False  # the title names a product and no balance
    after_volume: bool = False  # the last amount with a unit the story wrote was a volume
    balances: list[tuple[int, str]] = field(default_factory=list)
    last_draft: Draft | None = None
    comparison_shift: PeriodShift = field(default=PREVIOUS_STEP)
    signs: dict[tuple[str, str | None, str], int] = field(default_factory=dict)
    conversions: set[Decimal] = field(default_factory=set)
    adjustment: bool | None = None
    first_trade_word: int = sys.maxsize  # the first word of trade the story says ('trade',
    # 'exports', 'current account', 'merchandise'); sys.maxsize where it says none
    # why each money mention (by its first token) that made no draft, or whose draft was
    # merged away, made no fact
    drops: dict[int, Drop] = field(default_factory=dict)

    def drop(self, money_start: int, rule: str, kept: Draft | None = None) -> None:
        """Record that the money mention at token ``money_start`` makes no fact, and by which
        ``drop.*`` rule (``kept``: the draft a duplicate was merged into)."""
        self.drops[money_start] = Drop(rule, kept)

    def sign_of(self, indicator: str, reporter: str | None, partner: str) -> int:
        """The sign the story gave this balance before (a deficit where it never said)."""
        for key in ((indicator, reporter, partner), (indicator, reporter, "WLD")):
            if key in self.signs:
                return self.signs[key]
        return -1

    def balance_before(self, position: int, sentence_end: int) -> str | None:
        """The balance the story last named before ``position``; where it named none, the
        trade balance if the story has spoken of trade by the end of this sentence, else
        None: a bare 'deficit' in a story without trade is a company's, a budget's, a money
        market's ("Balance sheet total fell to 9.7 billion marks")."""
        family = "trade_balance" if self.first_trade_word < sentence_end else None
        for start, named in self.balances:
            if start >= position:
                break
            family = named
        return family

    def remember(self, draft: Draft) -> None:
        """Carry a figure's sign, currency and (main, stated) period to the next clauses; a
        forecast is only the figure a pronoun after it goes on from ('The deficit was seen at
        934 mln dlrs in 1987. It was 696 mln dlrs in 1986')."""
        if draft.role == "main":
            self.last_draft = draft
        if draft.modality != "actual":
            return
        main = draft.main
        if (
            draft.role == "comparison"
            and draft.period_explicit
            and main
            and main.period
            and draft.period
            and main.previous is draft
        ):
            # a figure's first stated comparison sets the story's habit for the figures after it
            year_back = shift_period(main.period, YEAR_BACK).code == draft.period.code
            self.comparison_shift = YEAR_BACK if year_back else PREVIOUS_STEP
        if draft.phrase.sign is not None and draft.flow in (None, "goods", "goods_and_services"):
            self.signs[(draft.indicator, draft.reporter, draft.partner)] = draft.phrase.sign
        if (
            draft.role == "main"
            and draft.period_explicit
            and draft.period is not None
            and (self.period is None or draft.period.end >= self.period.end)
        ):
            self.period = draft.period  # the story's "now"; records of the past do not move it


def read_context(doc: Doc, clauses: list[Clause], words: Sequence[str] | None = None) -> DocContext:
    """The story's country, its named dollar and its lead period.

    The country is the place most often named as the owner of a figure ("the U.S. trade
    deficit", "Japan's surplus"), then the place most named in the lead; places named as
    partners ("with Japan") do not count. ``words`` is ``read_words(doc)``.
    """
    if words is None:
        words = read_words(doc)
    context = DocContext()
    owner: Counter[str] = Counter()
    lead: Counter[str] = Counter()
    everywhere: Counter[str] = Counter()
    context.first_trade_word = _first_trade_word(words, clauses)
    for index, clause in enumerate(clauses):
        indicator_starts = [cue.start for cue in clause.mentions if cue.kind == INDICATOR]
        for phrase in indicator_phrases(clause):
            family = phrase.balance_family(words)
            if family is not None:
                context.balances.append((phrase.start, family))
        for cue in clause.mentions:
            if cue.kind == PLACE:
                code = str(cue.value)
                if is_partner_place(doc, words, cue.start):
                    continue
                everywhere[code] += 1
                if index < RULES.lead_clauses:
                    lead[code] += 1
                if any(
                    0 <= start - cue.end <= RULES.story_owner_window for start in indicator_starts
                ):
                    owner[code] += 1
            elif cue.kind == ADJUSTMENT and not clause.of(MONEY) and context.adjustment is None:
                context.adjustment = _stated_adjustment(words, clause, cue)
            elif cue.kind == MONEY and context.named_dollar is None:
                money: Money = cue.value
                if money.currency in RULES.specific_dollars:
                    context.named_dollar = money.currency
            elif (
                cue.kind == PERIOD
                and context.period is None
                and _is_past(cue.value, doc)
                and (clause.of(MONEY) or (index < RULES.lead_clauses and clause.of(INDICATOR)))
                and word_before(words, cue.start) not in RULES.words["lead_period_not_own"]
                and not any(c.kind == COMPARISON and c.end == cue.start for c in clause.mentions)
                and not _of_an_earlier_figure(clause, cue)
                and not bounds_another_period(words, cue)
                and not is_change_base(words, cue)
            ):
                context.period = cue.value  # the lead's period, until a figure says another
    if context.period is None:  # a lead with no figure: its first period sets the scene
        lead_periods = [
            cue.value
            for clause in clauses[: RULES.lead_clauses]
            for cue in clause.of(PERIOD)
            if _is_past(cue.value, doc)
            and word_before(words, cue.start) not in RULES.words["lead_period_not_own"]
            and not bounds_another_period(words, cue)
            and not is_change_base(words, cue)
        ]
        context.period = lead_periods[0] if lead_periods else None
    if context.named_dollar is None:
        # the text as given: line breaks where ``doc.text`` has spaces, which ``\s`` matches
        text = doc._.nf_text or doc.text
        # the regex is slow, and most stories name none of these words (in ASCII text
        # ``lower()`` is what ``re.IGNORECASE`` matches)
        lowered = text.lower()
        maybe = not text.isascii() or any(word in lowered for word in NAMED_DOLLAR_HINTS)
        named = NAMED_DOLLAR.search(text) if maybe else None
        if named:
            context.named_dollar = RULES.named_dollars[re.sub(r"\s+", " ", named.group(1).lower())]
    for ranked in (owner, lead, everywhere):
        if ranked:
            top = max(ranked.values())
            context.reporter = next(code for code in _first_seen(clauses) if ranked[code] == top)
            break
    return context


def _of_an_earlier_figure(clause: Clause, cue: Cue) -> bool:
    """A period after a clause's second figure, where a comparison, record or threshold word
    introduces that figure ('was $137.3 billion, below the old record of $153.3 billion set
    in 1987'): the period of a figure of the past, not the story's."""
    amounts = [m for m in clause.of(MONEY) if m.end <= cue.start]
    if len(amounts) < 2:
        return False
    first, last = amounts[-2], amounts[-1]
    return any(
        c.kind in (COMPARISON, QUALIFIER, MODALITY) and first.end <= c.start < last.start
        for c in clause.mentions
    )


def _stated_adjustment(words: Sequence[str], clause: Clause, cue: Cue) -> bool:
    """'Neither the trade nor current account figures are seasonally adjusted' → False."""
    adjusted = cue.detail == "true"
    negated = any(word in RULES.words["negations"] for word in words[clause.start : cue.start])
    return adjusted != negated


def _is_past(period: Period, doc: Doc) -> bool:
    published = doc._.nf_published
    return published is None or period.end <= f"{published.year:04d}-{published.month:02d}"


def _first_seen(clauses: list[Clause]) -> list[str]:
    seen: list[str] = []
    for clause in clauses:
        for cue in clause.mentions:
            if cue.kind == PLACE and str(cue.value) not in seen:
                seen.append(str(cue.value))
    return seen


def _first_trade_word(words: Sequence[str], clauses: list[Clause]) -> int:
    """The first token that speaks of an economy's trade: one of ``trade_words`` or an
    exports, imports or current-account cue (a bare 'deficit' or 'balance' is not one)."""
    trade_words = RULES.words["trade_words"]
    trade_cues = RULES.words["trade_cue_details"]
    first = next((i for i, word in enumerate(words) if word in trade_words), sys.maxsize)
    for clause in clauses:
        if clause.start >= first:
            break
        flows = [cue.start for cue in clause.of(INDICATOR) if cue.detail in trade_cues]
        if flows:
            return min(first, flows[0])
    return first
