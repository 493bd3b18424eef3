"""The per-document reads of the rule layer agree with reading spaCy's objects directly."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from spacy.tokens import Doc

from newsfacts.extractor import Extractor
from newsfacts.facts.clauses import (
    CUE_KINDS,
    MENTION_KINDS,
    Clause,
    clause_bounds,
    read_cues,
    read_words,
    to_cue,
    word_after,
    word_before,
)
from newsfacts.facts.rules import RULES
from newsfacts.mentions.component import LABELS
from newsfacts.schema import Article
from tests.facts.helpers import tagged

PATTERNS = Path(__file__).resolve().parents[2] / "newsfacts" / "patterns"

TEXTS: tuple[str, ...] = (
    "JAPAN TRADE SURPLUS WIDENS\n\n  TOKYO, March 3 - Japan's trade surplus widened to 5.2 "
    "billion dlrs in February; exports rose 3.2 pct: imports fell.\n  The ministry said so.",
    "Exports: 1.2 billion dlrs.  Imports rose.\n\n\nThe deficit with the U.S. narrowed.",
    "; : starts with breaks\n",
    "",
)


def token_walk_bounds(doc: Doc) -> list[tuple[int, int]]:
    """clause_bounds as first written: a walk over every token of every sentence."""
    bounds: list[tuple[int, int]] = []
    sentences = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
    for sentence in sentences:
        start = sentence.start
        for token in sentence:
            is_break = token.text in RULES.words["clause_breaks"] or (
                token.is_space and "\n" in token.text
            )
            if is_break and token.i > start:
                bounds.append((start, token.i))
                start = token.i + 1
        if start < sentence.end:
            bounds.append((start, sentence.end))
    return bounds


@pytest.mark.parametrize("text", TEXTS)
def test_words_are_the_tokens_lower_text(extractor: Extractor, text: str) -> None:
    doc = tagged(extractor, text)
    words = read_words(doc)
    assert words == [token.lower_ for token in doc]
    assert [word.isspace() for word in words] == [token.is_space for token in doc]


@pytest.mark.parametrize("text", TEXTS)
def test_clause_bounds_match_a_token_walk(extractor: Extractor, text: str) -> None:
    doc = tagged(extractor, text)
    assert clause_bounds(doc) == token_walk_bounds(doc)
    assert clause_bounds(doc, read_words(doc)) == token_walk_bounds(doc)


def test_clause_bounds_without_sentences(extractor: Extractor) -> None:
    doc = extractor.make_doc(Article(id="t", text=TEXTS[0], published=dt.date(1987, 4, 1)))
    assert not doc.has_annotation("SENT_START")
    assert clause_bounds(doc) == token_walk_bounds(doc)


def test_words_around_a_token(extractor: Extractor) -> None:
    doc = tagged(extractor, "Exports rose \n  from 3 billion")
    words = read_words(doc)
    index = [token.text for token in doc].index("from")
    assert word_before(words, index) == "rose"
    assert word_after(words, index - 1) == "from"
    assert word_before(words, 0) == ""
    assert word_after(words, len(doc)) == ""


def test_cues_carry_the_span_values(extractor: Extractor) -> None:
    doc = tagged(extractor, TEXTS[0])
    spans = sorted(doc.spans["nf_mentions"], key=lambda span: span.start)
    cues = read_cues(doc, "nf_mentions")
    assert [cue.span for cue in cues] == spans
    assert [cue.value for cue in cues] == [span._.nf_value for span in spans]
    assert {cue.kind for cue in cues} >= {"money", "place", "period", "ind"}


def test_a_value_not_in_user_data_is_read_through_the_extension(extractor: Extractor) -> None:
    doc = tagged(extractor, TEXTS[0])
    span = next(span for span in doc.spans["nf_mentions"] if span.label_ == "MONEY")
    assert to_cue(span).value == span._.nf_value
    assert to_cue(span, {}).value == span._.nf_value  # the key is missing: read as usual


def test_clause_kinds_follow_added_mentions(extractor: Extractor) -> None:
    doc = tagged(extractor, TEXTS[0])
    cues = read_cues(doc, "nf_mentions")
    clause = Clause(0, len(doc))
    assert clause.of("money") == ()
    clause.mentions.extend(cues)
    assert clause.of("money") == tuple(cue for cue in cues if cue.kind == "money")
    assert clause.of("money")


def test_cue_kinds_are_the_id_prefixes_of_the_cue_patterns() -> None:
    ids = [json.loads(line)["id"] for line in
           (PATTERNS / "cues.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    assert {rule_id.split("#")[0].split(".")[0] for rule_id in ids} == CUE_KINDS


def test_mention_kinds_are_the_other_labels_lower_cased() -> None:
    assert {label.lower() for label in LABELS - {"CUE"}} == MENTION_KINDS
    assert not CUE_KINDS & MENTION_KINDS
