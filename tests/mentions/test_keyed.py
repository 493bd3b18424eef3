"""The keyed token matcher finds exactly what spaCy's Matcher finds over the whole doc."""

from __future__ import annotations

import pickle
import warnings
from typing import Any

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import SpanRuler
from spacy.tokens import Span
from spacy.util import filter_chain_spans, filter_spans

from newsfacts.mentions.component import as_phrase, package_patterns
from newsfacts.mentions.keyed import (
    FREQUENT_WORDS,
    KeyedMatcher,
    choose_key,
    count_frequent,
    is_keyable,
    token_spec,
    word_values,
)
from newsfacts.mentions.ruler import MentionRuler, first_longest
from newsfacts.mentions.tokenizer import customize_tokenizer

Pattern = list[dict[str, Any]]

TEXTS: tuple[str, ...] = (
    "Japan's trade surplus with the U.S. widened to 5.2 billion dlrs in February 1987.",
    "The deficit narrowed 18.5% to $7.46 billion in March, from $9.1 billion a year earlier.",
    "Exports rose 3.2 pct in the first nine months of 1986/87 to 12.34 bln dlrs.",
    "HK $3.7 billion, C$ 16.4 million, Y=28,030 and between 200 and 300 mln dlrs.",
    "In the same month of last year the U.S. Trade Representative said half a billion dollars.",
    "dlrs",  # a key word alone, at the start and end of the doc
    "5 billion",
    "March",
    "",
    "The fiscal year ended March 31, 1987 and the previous month, the whole year.",
    "Twenty-five million Hong Kong dlrs, 1.5 percentage points, minus 2.3 pct, 7-3/4 pct.",
)


@pytest.fixture(scope="module")
def nlp() -> Language:
    pipeline = spacy.blank("en")
    customize_tokenizer(pipeline)
    return pipeline


def whole_doc_matches(nlp: Language, patterns: list[tuple[str, Pattern]], text: str
                      ) -> set[tuple[int, int, int]]:
    matcher = Matcher(nlp.vocab)
    for key, pattern in patterns:
        matcher.add(key, [pattern])
    return set(matcher(nlp.make_doc(text)))


def keyed_matches(nlp: Language, patterns: list[tuple[str, Pattern]], text: str
                  ) -> set[tuple[int, int, int]]:
    keyed = KeyedMatcher(nlp.vocab, patterns, lambda: Matcher(nlp.vocab))
    return set(keyed(nlp.make_doc(text)))


# ------------------------------------------------------------------- which patterns

KEYABLE: list[tuple[Pattern, bool]] = [
    ([{"LIKE_NUM": True}, {"LOWER": "dlrs"}], True),
    ([{"LOWER": "the", "OP": "?"}, {"TEXT": {"REGEX": r"^\d+$"}}], True),
    ([{"LOWER": "a"}, {"LOWER": "b", "OP": "!"}, {"LOWER": "c"}], True),
    ([{"LOWER": "a"}, {"OP": "*"}, {"LOWER": "c"}], False),  # unbounded
    ([{"LOWER": "a"}, {"LOWER": "b", "OP": "+"}], False),
    ([{"LOWER": "a"}, {"LOWER": "b", "OP": "{1,3}"}], False),
    ([{"LOWER": "a"}, {"LOWER": "b", "op": "*"}], False),  # operator key in lower case
    ([{"POS": "NOUN"}, {"LOWER": "b"}], False),  # set per token by a tagger
    ([{"NORM": "dollar"}], False),  # tokenizer exceptions set NORM per token
    ([{"IS_STOP": True}, {"LOWER": "b"}], False),  # users edit stop words
    ([{"_": {"flag": True}}, {"LOWER": "b"}], False),
    ([{"IS_SENT_START": True}, {"LOWER": "b"}], False),
    ([{"LOWER": "a", "OP": "?"}], False),  # no required token to key on
    ([], False),
]


@pytest.mark.parametrize(("pattern", "expected"), KEYABLE)
def test_is_keyable(pattern: Pattern, expected: bool) -> None:
    assert is_keyable(pattern) is expected


KEYS: list[tuple[Pattern, int]] = [
    # 'the' is a common word; 'previous' and 'month' are not: the one allowing fewer values
    ([{"LOWER": "the"}, {"LOWER": {"IN": ["previous", "prior"]}},
      {"LOWER": {"IN": ["month", "quarter", "period"]}}], 1),
    # a number is common ('one', '10'); a currency word is not
    ([{"LIKE_NUM": True}, {"LOWER": {"IN": ["million", "billion"]}, "OP": "?"},
      {"LOWER": {"IN": ["dlrs", "dollars", "yen"]}}], 2),
    # an optional token is never the key
    ([{"LIKE_NUM": True}, {"LOWER": "billion", "OP": "?"}], 0),
    # equal otherwise, the longer word is taken to be the rarer one
    ([{"LOWER": "u.s."}, {"LOWER": "trade"}, {"LOWER": "representative"}], 2),
]


@pytest.mark.parametrize(("pattern", "expected"), KEYS)
def test_choose_key(nlp: Language, pattern: Pattern, expected: int) -> None:
    breadth = count_frequent(nlp.vocab, Matcher(nlp.vocab),
                             (token_spec(token) for token in pattern))
    assert choose_key(pattern, breadth) == expected


def test_frequent_words_include_stop_words_numbers_and_punctuation() -> None:
    assert {"the", "The", "one", "10", "1987", ","} <= set(FREQUENT_WORDS)


# ------------------------------------------------------------------- same matches

EDGE_PATTERNS: list[tuple[str, Pattern]] = [
    ("num-dlrs", [{"LIKE_NUM": True}, {"LOWER": "billion", "OP": "?"}, {"LOWER": "dlrs"}]),
    ("dlrs-tail", [{"LOWER": "dlrs"}, {"LOWER": "in", "OP": "?"}, {"LOWER": "february"}]),
    ("dlrs-alone", [{"LOWER": "dlrs"}]),
    ("not-the", [{"LOWER": "the", "OP": "!"}, {"LOWER": "u.s."}]),
    ("lead-optional", [{"LOWER": "in", "OP": "?"}, {"ORTH": "March"}]),
    ("trailing-optional", [{"ORTH": "March"}, {"ORTH": ",", "OP": "?"}]),
    ("year", [{"TEXT": {"REGEX": r"^(19|20)\d\d$"}}]),
    ("unbounded", [{"LOWER": "from"}, {"OP": "*"}, {"LIKE_NUM": True}]),  # whole doc
    ("far-range", [{"LOWER": "between"}, {"LIKE_NUM": True}, {"LOWER": "and"},
                   {"LIKE_NUM": True}, {"LOWER": "mln", "OP": "?"}, {"LOWER": "dlrs"}]),
]


@pytest.mark.parametrize("text", TEXTS)
def test_edge_patterns_match_as_the_whole_doc_matcher(nlp: Language, text: str) -> None:
    assert keyed_matches(nlp, EDGE_PATTERNS, text) == whole_doc_matches(
        nlp, EDGE_PATTERNS, text)


def test_edge_patterns_find_something(nlp: Language) -> None:
    found = {nlp.vocab.strings[m] for text in TEXTS
             for m, _, _ in keyed_matches(nlp, EDGE_PATTERNS, text)}
    assert {"num-dlrs", "dlrs-tail", "dlrs-alone", "lead-optional", "trailing-optional",
            "year", "unbounded", "far-range"} <= found


@pytest.mark.parametrize("text", TEXTS)
def test_package_patterns_match_as_the_whole_doc_matcher(nlp: Language, text: str) -> None:
    patterns = [(repr((p["label"], p.get("id", ""))), p["pattern"])
                for p in package_patterns() if isinstance(p["pattern"], list)]
    assert keyed_matches(nlp, patterns, text) == whole_doc_matches(nlp, patterns, text)


WORDS = ["dlrs", "Dlrs", "DLRS", "billion", "March", "march", "MARCH", "1987", "2031", "%",
         "pct", "yen", "Japan", "trade", "the", "12", "1.5", "mln", "Mln", "deficit", "€", "x"]


@pytest.mark.parametrize(("spec", "expected"), [
    ({"LOWER": "dlrs"}, ("LOWER", ("dlrs",))),
    ({"TEXT": {"IN": ["March", "April"]}}, ("ORTH", ("March", "April"))),
    ({"orth": "U.S."}, ("ORTH", ("U.S.",))),
    ({"TEXT": {"REGEX": "^19"}}, None),
    ({"LOWER": {"NOT_IN": ["a"]}}, None),
    ({"LOWER": "a", "IS_TITLE": True}, None),
    ({"LIKE_NUM": True}, None),
])
def test_word_values(spec: dict[str, Any], expected: object) -> None:
    assert word_values(spec) == expected


def test_specs_of_new_words_are_the_matchers(nlp: Language) -> None:
    """Looked up by text (most specs) or matched (the rest), a new word gets the specs a
    matcher of every spec gives it."""
    patterns = [(repr((p["label"], p.get("id", ""))), p["pattern"])
                for p in package_patterns() if isinstance(p["pattern"], list)]
    keyed = KeyedMatcher(nlp.vocab, patterns, lambda: Matcher(nlp.vocab))
    assert any(word_values(spec) is None for spec in keyed.specs)  # both paths are taken
    reference = Matcher(nlp.vocab)
    for spec_id, spec in enumerate(keyed.specs):
        reference.add(f"spec-{spec_id}", [[spec]])
    doc = nlp.make_doc(" ".join(WORDS))
    expected: list[set[int]] = [set() for _ in doc]
    for match_id, start, _ in reference(doc):
        expected[start].add(int(nlp.vocab.strings[match_id].removeprefix("spec-")))
    found = keyed.lexemes_of([token.orth for token in doc], nlp.vocab)
    assert [set(spec_ids) for _, spec_ids in found] == expected
    assert any(expected)


def test_key_words_are_looked_up_once_per_lexeme(nlp: Language) -> None:
    patterns = [("num-dlrs", EDGE_PATTERNS[0][1]), ("yen", [{"LOWER": "yen"}])]
    keyed = KeyedMatcher(nlp.vocab, patterns, lambda: Matcher(nlp.vocab))
    doc = nlp.make_doc("5 dlrs and 6 dlrs or yen")
    dlrs, and_, yen = (nlp.vocab.strings[word] for word in ("dlrs", "and", "yen"))
    first = keyed.patterns_of([dlrs, and_, yen])
    assert first[1] is None
    assert first[0] is not None and [p.match_id for p in first[0]] == [
        nlp.vocab.strings["num-dlrs"]]
    assert first[2] is not None and not first[2][0].before and not first[2][0].after
    assert keyed.patterns_of([dlrs])[0] is first[0]  # cached
    assert len(keyed(doc)) == 3


def test_a_pattern_is_split_at_its_key(nlp: Language) -> None:
    """'5 billion dlrs': keyed on 'dlrs', grown leftwards (optional 'billion' first)."""
    keyed = KeyedMatcher(nlp.vocab, [EDGE_PATTERNS[0]], lambda: Matcher(nlp.vocab))
    [(key, [pattern])] = keyed.by_key.items()
    assert keyed.specs[key] == {"LOWER": "dlrs"}
    assert [(keyed.specs[s.spec], s.optional, s.negated) for s in pattern.before] == [
        ({"LOWER": "billion"}, True, False), ({"LIKE_NUM": True}, False, False)]
    assert pattern.after == ()


# Random patterns over a few words, with every operator a keyed pattern may have, matched
# on random texts of those words: the keyed matcher finds what spaCy's Matcher finds.
RANDOM_WORDS = ("a", "b", "c", "5")
RANDOM_SPECS: list[dict[str, Any]] = [
    {"LOWER": "a"}, {"ORTH": "B"}, {"LOWER": {"IN": ["b", "c"]}}, {"LIKE_NUM": True},
    {"TEXT": {"REGEX": "^[ab]$"}}, {},
]
random_token = st.builds(
    lambda spec, op: {**spec, "OP": op} if op else dict(spec),
    st.sampled_from(RANDOM_SPECS), st.sampled_from([None, None, "?", "!"]))
random_text = st.lists(st.sampled_from([*RANDOM_WORDS, "A", "B"]), max_size=12).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(random_token, min_size=1, max_size=5), min_size=1, max_size=4),
       random_text)
def test_random_patterns_match_as_the_whole_doc_matcher(
        nlp: Language, patterns: list[Pattern], text: str) -> None:
    named = [(f"random-{i}", pattern) for i, pattern in enumerate(patterns)]
    assert keyed_matches(nlp, named, text) == whole_doc_matches(nlp, named, text)


# ------------------------------------------------------------------- the ruler


def span_key(span: Span) -> tuple[int, int, str, str]:
    return span.start, span.end, span.label_, span.id_


@pytest.fixture(scope="module")
def rulers(nlp: Language) -> tuple[MentionRuler, SpanRuler]:
    patterns = [as_phrase(entry) for entry in package_patterns()]
    patterns.append({"label": "NO_ID", "pattern": [{"LIKE_NUM": True}, {"LOWER": "pct"}]})
    ours = MentionRuler(nlp, "ours", spans_key="nf")
    ours.add_patterns(patterns)
    theirs = SpanRuler(nlp, "theirs", spans_key="nf")
    theirs.add_patterns(patterns)
    return ours, theirs


@pytest.mark.parametrize("text", TEXTS)
def test_ruler_matches_as_span_ruler(nlp: Language, rulers: tuple[MentionRuler, SpanRuler],
                                     text: str) -> None:
    ours, theirs = rulers
    doc = nlp.make_doc(text)
    assert [span_key(s) for s in ours.match(doc)] == [span_key(s) for s in theirs.match(doc)]


def test_ruler_sees_patterns_added_and_removed_after_use(nlp: Language) -> None:
    ruler = MentionRuler(nlp, "r", spans_key="nf")
    ruler.add_patterns([{"label": "MONEY", "id": "m", "pattern": [{"LIKE_NUM": True},
                                                                   {"LOWER": "dlrs"}]}])
    doc = nlp.make_doc("5 dlrs in March")
    assert [s.text for s in ruler.match(doc)] == ["5 dlrs"]
    ruler.add_patterns([{"label": "PERIOD", "id": "period.month", "pattern": [{"ORTH": "March"}]}])
    assert [s.text for s in ruler.match(doc)] == ["5 dlrs", "March"]
    ruler.remove_by_id("m")
    assert [s.text for s in ruler.match(doc)] == ["March"]
    ruler.remove("PERIOD")
    ruler.add_patterns([{"label": "X", "pattern": [{"LOWER": "in"}]}])
    assert [s.text for s in ruler.match(doc)] == ["in"]
    ruler.clear()
    ruler.add_patterns([{"label": "Y", "pattern": [{"LOWER": "dlrs"}]}])
    assert [s.label_ for s in ruler.match(doc)] == ["Y"]


def test_ruler_round_trips_through_bytes(nlp: Language,
                                         rulers: tuple[MentionRuler, SpanRuler]) -> None:
    ours, _ = rulers
    loaded = MentionRuler(nlp, "loaded", spans_key="nf").from_bytes(ours.to_bytes())
    doc = nlp.make_doc(TEXTS[1])
    assert [span_key(s) for s in loaded.match(doc)] == [span_key(s) for s in ours.match(doc)]


def test_ruler_reads_docs_of_another_vocab_copy(nlp: Language,
                                                rulers: tuple[MentionRuler, SpanRuler]) -> None:
    """A pickled ruler (as spaCy's multiprocessing sends it) reads docs with unseen words."""
    ours, theirs = rulers
    copy = pickle.loads(pickle.dumps(ours))
    doc = nlp.make_doc("Zorblatt exports rose to 5.2 quintillion-ish, or 7.1 bln dlrs.")
    assert [span_key(s) for s in copy.match(doc)] == [span_key(s) for s in theirs.match(doc)]


@pytest.mark.parametrize("pattern", ["x y", [{"LOWER": "z"}]])
def test_ruler_with_one_kind_of_pattern_does_not_warn(nlp: Language, pattern: Any) -> None:
    ruler = MentionRuler(nlp, "one-kind", spans_key="nf")
    ruler.add_patterns([{"label": "A", "pattern": pattern}])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert len(ruler.match(nlp.make_doc("x y z"))) == 1


@pytest.mark.parametrize("overwrite", [True, False])
@pytest.mark.parametrize("text", TEXTS)
def test_ruler_annotates_as_span_ruler_with_the_first_longest_filter(
        nlp: Language, text: str, overwrite: bool) -> None:
    """newsfacts' configuration (filtered before Spans are made) and another (spaCy's own
    path) leave the doc's spans as spaCy's span ruler does."""
    patterns = [as_phrase(entry) for entry in package_patterns()]
    docs = []
    for ruler_class in (MentionRuler, SpanRuler):
        ruler = ruler_class(nlp, "r", spans_key="nf", spans_filter=filter_chain_spans,
                            overwrite=overwrite)
        ruler.add_patterns(patterns)
        doc = nlp.make_doc(text)
        doc.spans["nf"] = [Span(doc, 0, 1, label="OLD")] if len(doc) else []
        docs.append(ruler(doc))
    ours, theirs = ([span_key(s) for s in doc.spans["nf"]] for doc in docs)
    assert ours == theirs


@given(st.lists(st.tuples(st.integers(0, 12), st.integers(1, 4), st.sampled_from("ABC")),
                max_size=15))
def test_first_longest_is_spacys_filter_spans(nlp: Language,
                                              items: list[tuple[int, int, str]]) -> None:
    doc = nlp.make_doc(" ".join(["w"] * 16))
    found = sorted((start, start + size, nlp.vocab.strings.add(label), 0)
                   for start, size, label in items)
    spans = [Span(doc, start, end, label=label) for start, end, label, _ in found]
    assert [(s.start, s.end, s.label) for s in filter_spans(spans)] == [
        item[:3] for item in first_longest(found)]
