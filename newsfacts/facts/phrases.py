"""Indicator phrases: adjacent indicator cues read together ("current account deficit")."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from newsfacts.facts.clauses import INDICATOR, Clause, Cue, word_before
from newsfacts.facts.rules import RULES

EXCLUDED = "excluded"
SIGNED_BALANCE: frozenset[str] = frozenset({"trade_balance.deficit", "trade_balance.surplus"})


@dataclass
class IndicatorPhrase:
    """One or more indicator cues naming one statistic; ``sign`` is None where not said."""

    start: int
    end: int
    cues: list[Cue] = field(default_factory=list)

    @property
    def details(self) -> set[str]:
        return {cue.detail for cue in self.cues}

    @property
    def indicator(self) -> str | None:
        """The SCHEMA indicator, or None for phrases that are not trade facts."""
        details = self.details
        if "current_account" in details:
            return "current_account"
        if details & {"exclude", "exclude_balance"}:
            return None
        if {"exports", "imports"} <= details:
            # "the export-import shortfall", "the gap between imports and exports" is a
            # balance; without a balance word, a two-way trade total (not a fact)
            return "trade_balance" if any(d.startswith("trade_balance") for d in details) else None
        if not details & SIGNED_BALANCE:  # "export surplus" is a balance
            for flow in ("exports", "imports"):
                if flow in details:
                    return flow
        return "trade_balance"

    @property
    def is_bare_balance(self) -> bool:
        """Only 'deficit', 'surplus', 'gap' …: which balance it is, the story has said before."""
        return all(cue.detail.startswith("trade_balance") for cue in self.cues)

    @property
    def sign(self) -> int | None:
        details = self.details
        if "trade_balance.deficit" in details:
            return -1
        if "trade_balance.surplus" in details:
            return 1
        return None

    def balance_family(self, words: Sequence[str]) -> str | None:
        """Which balance a phrase names: 'trade_balance', 'current_account', EXCLUDED (balance of
        payments, budget …), or None for a bare 'deficit' that leaves it to the story.

        ``words`` is ``read_words(doc)``."""
        excluded = "exclude_balance" in self.details or (
            # "the deficit on transfers", "the balance on payments transfers"
            "exclude" in self.details
            and any(cue.detail.startswith("trade_balance") for cue in self.cues)
        )
        if excluded and "current_account" not in self.details:
            return EXCLUDED
        indicator = self.indicator
        if indicator != "trade_balance":
            return indicator if indicator == "current_account" else None
        if not self.is_bare_balance:
            return indicator
        markers = RULES.words["trade_balance_markers"]
        around = [word_before(words, self.start)]  # "the trade position": its own words too
        for word in words[self.start : self.end + RULES.flow_window]:
            if word in RULES.words["list_joiners"]:
                break  # "a surplus and the trade account …": another subject
            around.append(word)
        return indicator if markers.intersection(around) else None

    @property
    def rule_ids(self) -> list[str]:
        return [cue.rule_id for cue in self.cues]


def indicator_phrases(clause: Clause) -> list[IndicatorPhrase]:
    phrases: list[IndicatorPhrase] = []
    for cue in clause.of(INDICATOR):
        if (
            phrases
            and cue.start - phrases[-1].end <= RULES.phrase_gap
            and not _opens_another_balance(phrases[-1], cue)
        ):
            phrases[-1].cues.append(cue)
            phrases[-1].end = cue.end
        else:
            phrases.append(IndicatorPhrase(cue.start, cue.end, [cue]))
    return phrases


def _opens_another_balance(previous: IndicatorPhrase, cue: Cue) -> bool:
    """'a 6.85 billion mark surplus and the trade account a 6.84 billion surplus': a balance
    that names its own kind after a joiner is another subject, not the same phrase."""
    named = cue.detail == "current_account" or cue.detail == "trade_balance.neutral"
    balance = any(
        c.detail == "current_account" or c.detail.startswith("trade_balance") for c in previous.cues
    )
    if not (named and balance):
        return False
    between = cue.span.doc[previous.end : cue.start]
    return any(token.lower_ in RULES.words["list_joiners"] for token in between)
