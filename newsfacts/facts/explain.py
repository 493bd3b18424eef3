"""What became of each money mention of a doc: the fact it made, or the rule that dropped it.

The rule layer records a ``Drop`` (a ``drop.*`` rule key) wherever it decides that a money
mention makes no fact (``ClauseReader.read_money``, ``settle_drafts``); this module reads
the facts and those records back into one ``MoneyOutcome`` for every MONEY mention.
"""

from __future__ import annotations

from spacy.tokens import Doc

from newsfacts.facts.assemble import assemble_drafts
from newsfacts.facts.build import settle_drafts, to_fact
from newsfacts.facts.clauses import MONEY, Cue, read_cues
from newsfacts.facts.drafts import Drop
from newsfacts.facts.rules import RULES
from newsfacts.mentions.component import SPANS_KEY
from newsfacts.schema import Money, MoneyOutcome, TradeFact

NOT_READ = Drop("drop.not-read")  # a mention no clause holds: the rule layer never saw it


def explain_doc(doc: Doc, spans_key: str = SPANS_KEY) -> list[MoneyOutcome]:
    """One outcome for every money mention of a doc whose mentions are tagged and
    normalised, in text order; the facts are those ``extract_doc_facts`` gives.

    A figure said twice is one fact: of its mentions, the one inside the fact's evidence
    (else the one whose draft was kept) made the fact, the others are duplicates merged
    into it.
    """
    cues = read_cues(doc, spans_key)
    monies = [cue for cue in cues if cue.kind == MONEY]
    if not monies:
        return []
    drafts, context = assemble_drafts(doc, spans_key, cues)
    drops = context.drops
    kept = settle_drafts(drafts, context.conversions, drops)
    doc_id = doc._.nf_doc_id or "doc"
    facts = [to_fact(draft, doc, doc_id) for draft in kept]
    index_of = {id(draft): index for index, draft in enumerate(kept)}
    merged: dict[int, list[int]] = {}  # fact index → the starts of its duplicates
    for start, drop in drops.items():
        if drop.kept is not None and id(drop.kept) in index_of:
            merged.setdefault(index_of[id(drop.kept)], []).append(start)
    by_start = {cue.start: cue for cue in monies}
    made: dict[int, int] = {}  # money start → the index of the fact it made
    for index, (draft, fact) in enumerate(zip(kept, facts, strict=True)):
        candidates = [draft.money.start, *merged.get(index, [])]
        inside = [
            start
            for start in candidates
            if start in by_start and _within(by_start[start], fact)
        ]
        chosen = inside[0] if inside else draft.money.start
        made[chosen] = index
        for start in candidates:
            if start != chosen:  # the kept draft's own mention where another holds the evidence
                drops[start] = Drop("drop.duplicate", draft)
    source: str = doc._.nf_text or doc.text
    outcomes: list[MoneyOutcome] = []
    for cue in monies:
        if cue.start in made:
            index = made[cue.start]
            outcomes.append(_outcome(cue, doc_id, source, fact_index=index, fact=facts[index]))
        else:
            drop = drops.get(cue.start, NOT_READ)
            merged_into = None if drop.kept is None else index_of.get(id(drop.kept))
            outcomes.append(_outcome(cue, doc_id, source, drop=drop, merged_into=merged_into))
    return outcomes


def _outcome(
    cue: Cue,
    doc_id: str,
    source: str,
    *,
    fact_index: int | None = None,
    fact: TradeFact | None = None,
    drop: Drop | None = None,
    merged_into: int | None = None,
) -> MoneyOutcome:
    start_char, end_char = cue.span.start_char, cue.span.end_char
    return MoneyOutcome(
        doc_id=doc_id,
        text=source[start_char:end_char],
        start_char=start_char,
        end_char=end_char,
        money_rule_id=cue.rule_id,
        money=cue.value if isinstance(cue.value, Money) else None,
        outcome="fact" if drop is None else "dropped",
        fact_index=fact_index,
        fact=fact,
        rule_id=None if drop is None else RULES.ids[drop.rule],
        reason=None if drop is None else RULES.reasons[drop.rule],
        merged_into=merged_into,
    )


def _within(cue: Cue, fact: TradeFact) -> bool:
    return fact.evidence_start <= cue.span.start_char and cue.span.end_char <= fact.evidence_end
