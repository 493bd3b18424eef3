"""A document's mentions, grouped into clauses the rule layer reads one at a time."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any, NamedTuple

from spacy.attrs import LOWER
from spacy.tokens import Doc, Span

from newsfacts.facts.rules import RULES
from newsfacts.mentions.extensions import value_key

# The kinds of cue the rules ask for (``clause.of(CHANGE)``, ``cue.kind == PLACE``). A CUE
# span's kind is the first part of its rule id in patterns/cues.jsonl ('chg.up#1' → CHANGE,
# detail 'up'); any other mention's kind is its label, lower-cased (MONEY → MONEY).
INDICATOR = "ind"  # trade_balance.deficit, exports, current_account …
CHANGE = "chg"  # up, down, narrowed …
COMPARISON = "cmp"  # 'from', 'compared with', 'against'
QUALIFIER = "qual"  # record, revised, provisional …
MODALITY = "mod"  # forecast, target, estimate …
FLOW = "flow"  # goods, services
BASIS = "basis"  # cif, fob, customs …
ADJUSTMENT = "sa"  # seasonally adjusted or not
CUE_KINDS: frozenset[str] = frozenset({INDICATOR, CHANGE, COMPARISON, QUALIFIER, MODALITY, FLOW,
                                       BASIS, ADJUSTMENT})
MONEY = "money"
PERCENT = "percent"
POINTS = "points"
PERIOD = "period"
PERIOD_SHIFT = "period_shift"
PLACE = "place"
QUANTITY = "quantity"
MENTION_KINDS: frozenset[str] = frozenset({MONEY, PERCENT, POINTS, PERIOD, PERIOD_SHIFT, PLACE,
                                           QUANTITY})


class Cue(NamedTuple):
    """A mention seen by the rule layer; ``kind`` is one of ``CUE_KINDS`` or ``MENTION_KINDS``.

    A named tuple, not a frozen dataclass: one is made for every mention of every story.
    """

    label: str
    kind: str
    detail: str
    start: int
    end: int
    value: Any
    span: Span

    @property
    def rule_id(self) -> str:
        return self.span.id_


@dataclass
class Clause:
    start: int
    end: int
    mentions: list[Cue] = field(default_factory=list)
    _kinds: dict[str, tuple[Cue, ...]] | None = field(
        default=None, init=False, repr=False, compare=False
    )
    _indexed: int = field(default=-1, init=False, repr=False, compare=False)

    def of(self, kind: str) -> tuple[Cue, ...]:
        """The clause's mentions of one kind, in order.

        The rules ask this many times per figure: the mentions are grouped by kind once
        (again only if mentions were added since).
        """
        if self._kinds is None or self._indexed != len(self.mentions):
            kinds: dict[str, list[Cue]] = {}
            for mention in self.mentions:
                kinds.setdefault(mention.kind, []).append(mention)
            self._kinds = {name: tuple(cues) for name, cues in kinds.items()}
            self._indexed = len(self.mentions)
        return self._kinds.get(kind, ())


_UNSET = object()


def to_cue(span: Span, user_data: dict[Any, Any] | None = None) -> Cue:
    """A span as the rule layer sees it; ``user_data`` is its ``doc.user_data``.

    Its value (``span._.nf_value``) is read from ``doc.user_data`` under ``value_key``;
    a value not found there is read the usual way.
    """
    data: dict[Any, Any] = span.doc.user_data if user_data is None else user_data
    value = data.get(value_key(span.start_char, span.end_char), _UNSET)
    if value is _UNSET:
        value = span._.nf_value
    label = span.label_
    if label == "CUE":
        kind, _, detail = str(value).partition(".")
    else:
        kind, detail = label.lower(), ""
    return Cue(label, kind, detail, span.start, span.end, value, span)


def read_cues(doc: Doc, spans_key: str) -> list[Cue]:
    """The doc's mentions as cues, in token order (each span is read once)."""
    user_data = doc.user_data
    cues = [to_cue(span, user_data) for span in doc.spans.get(spans_key, [])]
    cues.sort(key=attrgetter("start"))
    return cues


def read_words(doc: Doc) -> list[str]:
    """Every token's lower-cased text (``token.lower_``), read once for the doc.

    The rules look at words around mentions many times; a list is cheaper than making
    a ``Token`` for each look. ``is_space`` is ``word.isspace()``, as lower-casing keeps it.
    """
    strings = doc.vocab.strings
    return [strings[key] for key in doc.to_array(LOWER).tolist()]


def clause_bounds(doc: Doc, words: Sequence[str] | None = None) -> list[tuple[int, int]]:
    """Sentences, cut again at the ``clause_breaks`` words (; :) and at line breaks.

    Titles end without a stop, and wire paragraphs start on a new indented line; the
    extractor has already joined lines wrapped mid-sentence. ``words`` is ``read_words(doc)``.
    """
    if words is None:
        words = read_words(doc)
    clause_breaks = RULES.words["clause_breaks"]
    breaks = [
        i
        for i, word in enumerate(words)
        if word in clause_breaks or (word.isspace() and "\n" in word)
    ]
    bounds: list[tuple[int, int]] = []
    sentences = doc.sents if doc.has_annotation("SENT_START") else [doc[:]]
    position = 0
    for sentence in sentences:
        start = sentence.start
        while position < len(breaks) and breaks[position] < start:
            position += 1
        while position < len(breaks) and breaks[position] < sentence.end:
            if breaks[position] > start:
                bounds.append((start, breaks[position]))
                start = breaks[position] + 1
            position += 1
        if start < sentence.end:
            bounds.append((start, sentence.end))
    return bounds


def iter_clauses(
    doc: Doc,
    spans_key: str,
    cues: list[Cue] | None = None,
    words: Sequence[str] | None = None,
) -> Iterator[Clause]:
    """The doc's clauses with their mentions; ``cues`` is ``read_cues(doc, spans_key)``."""
    if cues is None:
        cues = read_cues(doc, spans_key)
    index = 0
    for start, end in clause_bounds(doc, words):
        clause = Clause(start, end)
        while index < len(cues) and cues[index].start < end:
            if cues[index].start >= start:
                clause.mentions.append(cues[index])
            index += 1
        yield clause


def word_before(words: Sequence[str], index: int) -> str:
    """The lower-cased word before token ``index``, skipping spaces (``words``: ``read_words``)."""
    index -= 1
    while index >= 0 and words[index].isspace():
        index -= 1
    return words[index] if index >= 0 else ""


def words_between(words: Sequence[str], start: int, end: int) -> list[str]:
    """The words of tokens ``start`` to ``end`` (``start`` clipped at 0), spaces left out."""
    return [word for word in words[max(0, start) : end] if not word.isspace()]


def word_after(words: Sequence[str], index: int) -> str:
    """The lower-cased word at or after token ``index``, skipping spaces."""
    while index < len(words) and words[index].isspace():
        index += 1
    return words[index] if index < len(words) else ""


def pair_before(words: Sequence[str], cue: Cue, reach: int) -> tuple[str, str]:
    """The two words right before ``cue`` among its ``reach`` tokens before it (spaces
    skipped), or empty strings where there are fewer."""
    before = words_between(words, cue.start - reach, cue.start)
    return (before[-2], before[-1]) if len(before) >= 2 else ("", "")


def bounds_another_period(words: Sequence[str], cue: Cue) -> bool:
    """'fiscal 1986, which began in April', 'beginning on July 1': a period that says when
    another one starts or ends, not a figure's own."""
    verb, link = pair_before(words, cue, 4)
    return link in ("in", "on") and verb in RULES.words["period_clause_verbs"]


def is_change_base(words: Sequence[str], cue: Cue) -> bool:
    """'imports up 2.9 pct on 1986 to 247.51 billion': the period a change is measured
    against, not a figure's own."""
    percent, link = pair_before(words, cue, 3)
    return link == "on" and percent in RULES.words["percent_words"]


def is_partner_place(doc: Doc, words: Sequence[str], start: int) -> bool:
    """A place named as the other side of trade: 'with (the) (export-minded) Japan'."""
    index = start - 1
    for _ in range(RULES.partner_lookback):
        while index >= 0 and words[index].isspace():
            index -= 1
        if index < 0:
            return False
        word = words[index]
        if word in RULES.words["partner_markers"]:
            return True
        if not (word == "-" or word == "the" or doc[index].is_lower):
            return False
        index -= 1
    return False


def token_gap(cue: Cue, other: Cue) -> int:
    """Tokens between two mentions (0 where they touch or overlap)."""
    if cue.end <= other.start:
        return other.start - cue.end
    return max(0, cue.start - other.end)
