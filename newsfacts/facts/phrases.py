"""Indicator phrases: adjacent indicator cues read together ("current account deficit")."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsfacts.facts.clauses import Clause, Cue

PHRASE_GAP = 2


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
        if "exclude" in details:
            return None
        if {"exports", "imports"} <= details:
            return None  # two-way trade totals are not facts
        if "exports" in details and not details & {"trade_balance.deficit", "trade_balance.surplus"}:
            return "exports"
        if "imports" in details and not details & {"trade_balance.deficit", "trade_balance.surplus"}:
            return "imports"
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

    @property
    def rule_ids(self) -> list[str]:
        return [cue.rule_id for cue in self.cues]


def indicator_phrases(clause: Clause) -> list[IndicatorPhrase]:
    phrases: list[IndicatorPhrase] = []
    for cue in clause.of("ind"):
        if phrases and cue.start - phrases[-1].end <= PHRASE_GAP:
            phrases[-1].cues.append(cue)
            phrases[-1].end = cue.end
        else:
            phrases.append(IndicatorPhrase(cue.start, cue.end, [cue]))
    return phrases
