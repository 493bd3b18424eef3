"""A document's mentions, grouped into clauses the rule layer reads one at a time."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span

from newsfacts.facts.rules import RULES

CLAUSE_BREAKS: frozenset[str] = frozenset({";", ":"})


@dataclass(frozen=True)
class Cue:
    """A mention seen by the rule layer; ``kind`` is its rule id's first part (``ind``, ``chg``)."""

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

    def of(self, kind: str) -> list[Cue]:
        return [m for m in self.mentions if m.kind == kind]


def to_cue(span: Span) -> Cue:
    label = span.label_
    if label == "CUE":
        kind, _, detail = str(span._.nf_value).partition(".")
    else:
        kind, detail = label.lower(), ""
    return Cue(label, kind, detail, span.start, span.end, span._.nf_value, span)


def clause_bounds(doc: Doc) -> list[tuple[int, int]]:
    """Sentences, cut again at semicolons, colons and line breaks.

    Titles end without a stop, and wire paragraphs start on a new indented line; the
    extractor has already joined lines wrapped mid-sentence.
    """
    bounds: list[tuple[int, int]] = []
    sentences = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
    for sentence in sentences:
        start = sentence.start
        for token in sentence:
            is_break = token.text in CLAUSE_BREAKS or (token.is_space and "\n" in token.text)
            if is_break and token.i > start:
                bounds.append((start, token.i))
                start = token.i + 1
        if start < sentence.end:
            bounds.append((start, sentence.end))
    return bounds


def iter_clauses(doc: Doc, spans_key: str) -> Iterator[Clause]:
    cues = sorted((to_cue(span) for span in doc.spans.get(spans_key, [])), key=lambda c: c.start)
    index = 0
    for start, end in clause_bounds(doc):
        clause = Clause(start, end)
        while index < len(cues) and cues[index].start < end:
            if cues[index].start >= start:
                clause.mentions.append(cues[index])
            index += 1
        yield clause


def word_before(doc: Doc, index: int) -> str:
    """The lower-cased word before token ``index``, skipping spaces."""
    index -= 1
    while index >= 0 and doc[index].is_space:
        index -= 1
    return doc[index].lower_ if index >= 0 else ""


def word_after(doc: Doc, index: int) -> str:
    """The lower-cased word at or after token ``index``, skipping spaces."""
    while index < len(doc) and doc[index].is_space:
        index += 1
    return doc[index].lower_ if index < len(doc) else ""


PARTNER_LOOKBACK = 4


def is_partner_place(doc: Doc, start: int) -> bool:
    """A place named as the other side of trade: 'with (the) (export-minded) Japan'."""
    index = start - 1
    for _ in range(PARTNER_LOOKBACK):
        while index >= 0 and doc[index].is_space:
            index -= 1
        if index < 0:
            return False
        word = doc[index]
        if word.lower_ in RULES.words["partner_markers"]:
            return True
        if not (word.is_lower or word.text == "-" or word.lower_ == "the"):
            return False
        index -= 1
    return False


def token_gap(cue: Cue, other: Cue) -> int:
    """Tokens between two mentions (0 where they touch or overlap)."""
    if cue.end <= other.start:
        return other.start - cue.end
    return max(0, cue.start - other.end)
