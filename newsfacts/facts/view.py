"""What every part of the rule layer sees of one clause."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from newsfacts.facts.clauses import CHANGE, MONEY, Clause, Cue, word_before
from newsfacts.facts.context import DocContext
from newsfacts.facts.drafts import Draft
from newsfacts.facts.phrases import indicator_phrases
from newsfacts.facts.rules import RULES


class ClauseView:
    """One clause, its document (and its words), and what the story said before (``context``)."""

    def __init__(
        self,
        clause: Clause,
        doc: Doc,
        context: DocContext,
        in_title: bool,
        words: Sequence[str],
    ) -> None:
        self.clause = clause
        self.doc = doc
        self.words = words  # read_words(doc): the lower-cased text of every token
        self.context = context
        self.in_title = in_title
        self.phrases = indicator_phrases(clause)
        self.monies = clause.of(MONEY)
        self.drafts: list[Draft] = []
        self.assigned: dict[int, Draft] = {}

    def after_verb(self, index: int) -> bool:
        """Whether the word before token ``index`` is a verb: a change cue ('fell', 'rose') or
        a participle ('pushed', 'boosting'). Blank English has no tagger; these forms (the
        ``verb_endings``) are the verbs that stand before a figure or a flow ('edged up to',
        'pushed imports')."""
        before = index - 1
        while before >= 0 and self.words[before].isspace():
            before -= 1
        if before < 0:
            return False
        return self.words[before].endswith(tuple(RULES.words["verb_endings"])) or any(
            cue.start <= before < cue.end for cue in self.clause.of(CHANGE)
        )

    def in_mention(self, index: int) -> bool:
        """Whether token ``index`` belongs to a mention of the clause (a place, a period …)."""
        return any(cue.start <= index < cue.end for cue in self.clause.mentions)

    def is_conversion(self, money: Cue) -> bool:
        """An amount in parentheses: a conversion ('1.3 billion pounds ($2.17 billion)') or a
        breakdown ('industrial supplies ($2.0 billion)'), never a figure of its own."""
        return word_before(self.words, money.start) == "("

    def past_worth(self, index: int) -> int:
        """The token after 'worth of <noun>' that starts at ``index`` ('500 mln dlrs worth of
        goods to the United States'), or ``index`` where it does not."""
        ahead = range(index, min(len(self.words), index + 8))
        found = [i for i in ahead if not self.words[i].isspace()]
        if len(found) < 3 or [self.words[i] for i in found[:2]] != ["worth", "of"]:
            return index
        return found[2] + 1
