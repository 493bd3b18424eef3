"""Token patterns matched outward from a rare token of theirs, the *key*, on lexeme sets.

spaCy's token ``Matcher`` starts every pattern at every token and evaluates each pattern's
predicates there (set membership, regular expressions, ``LIKE_NUM``): on news text most
of newsfacts' time went into trying money and period patterns at words such as "the".

``KeyedMatcher`` finds the same matches with less work. Most patterns read only what a
token's lexeme fixes (its text, lower case, shape, ``LIKE_NUM`` ...) and cover one token
per pattern token (no ``*``, ``+`` or ``{n,m}``). For those, every distinct token spec gets
an id, and which specs a word matches is worked out once per lexeme and cached. Each
pattern gets a key: one of its required tokens, chosen so that it matches as few common
words as possible ("dlrs" in "5 billion dlrs", "previous" in "the previous month"). Where
a word matches a key, each pattern of that key is grown from it: its tokens before the
key leftwards, those after it rightwards, each step a look-up of a spec id in a word's
cached set (an optional token may be skipped, a negated one must not match). Most tries
end at the first neighbour.

The result is exactly the set of matches of one ``Matcher`` over the whole document: a
match holds its key token, so it is found from there, and every step reads the token's
lexeme only, as the pattern does. Patterns for which that cannot be shown (``*``/``+``/
``{n,m}`` operators, attributes a pipeline sets per token such as ``POS``, ``NORM``,
``SENT_START`` or extensions, no required token) run through a spaCy ``Matcher`` over
the whole document as before.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.attrs import ORTH
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

Pattern = list[dict[str, Any]]
Match = tuple[int, int, int]

# Attributes whose value is fixed by a token's text, the same for every token of one lexeme.
# Left out: NORM (tokenizer exceptions and components set it per token) and IS_STOP/IS_OOV
# (users edit stop words; OOV follows the vectors loaded).
LEXICAL_ATTRS: frozenset[str] = frozenset({
    "ORTH", "TEXT", "LOWER", "LENGTH", "SHAPE", "PREFIX", "SUFFIX", "LIKE_NUM", "LIKE_URL",
    "LIKE_EMAIL", "IS_ALPHA", "IS_ASCII", "IS_DIGIT", "IS_LOWER", "IS_UPPER", "IS_TITLE",
    "IS_PUNCT", "IS_SPACE", "IS_BRACKET", "IS_QUOTE", "IS_LEFT_PUNCT", "IS_RIGHT_PUNCT",
    "IS_CURRENCY",
})
# Operators under which a pattern token covers at most one document token ("!": one token
# that does not match).
ONE_TOKEN_OPS: frozenset[str | None] = frozenset({None, "1", "?", "!"})
REQUIRED_OPS: frozenset[str | None] = frozenset({None, "1"})
# Words a key should not match: frequent in any English text. Used only to rank keys, so
# the choice changes speed, never results.
_DIGIT_SAMPLES: tuple[str, ...] = (
    "1", "2", "3", "10", "12", "25", "100", "1.5", "3.2", "12.5", "1,000", "1987", "2004",
)
_PUNCTUATION: tuple[str, ...] = (
    ",", ".", "-", "'s", "'", '"', "(", ")", ":", ";", "--", "\n", "\n\n", " ", "/", "&",
)
FREQUENT_WORDS: tuple[str, ...] = (
    *sorted(STOP_WORDS),
    *sorted(word.title() for word in STOP_WORDS),
    *_PUNCTUATION,
    *_DIGIT_SAMPLES,
)


def token_spec(token: dict[str, Any]) -> dict[str, Any]:
    """A pattern token without its operator: what one document token must satisfy."""
    return {name: value for name, value in token.items() if name.upper() != "OP"}


def token_op(token: dict[str, Any]) -> str | None:
    """The token's operator ("?", "*" ...), None where it has none."""
    for name, value in token.items():
        if name.upper() == "OP":
            return str(value)
    return None


def word_values(spec: dict[str, Any]) -> tuple[str, tuple[str, ...]] | None:
    """``("LOWER", ("dlrs",))`` for ``{"LOWER": "dlrs"}`` or ``{"LOWER": {"IN": [...]}}``
    (``ORTH`` and its synonym ``TEXT`` alike): a spec a word's text decides by look-up;
    None for any other spec."""
    if len(spec) != 1:
        return None
    [(name, value)] = spec.items()
    attr = {"LOWER": "LOWER", "ORTH": "ORTH", "TEXT": "ORTH"}.get(name.upper())
    if attr is None:
        return None
    if isinstance(value, str):
        return attr, (value,)
    if (isinstance(value, dict) and list(value) == ["IN"] and isinstance(value["IN"], list)
            and all(isinstance(item, str) for item in value["IN"])):
        return attr, tuple(value["IN"])
    return None


def spec_key(spec: dict[str, Any]) -> str:
    return json.dumps(spec, sort_keys=True, ensure_ascii=False)


def is_keyable(pattern: Sequence[dict[str, Any]]) -> bool:
    """Every token covers at most one document token and reads lexeme attributes only."""
    if not pattern or not any(token_op(token) in REQUIRED_OPS for token in pattern):
        return False
    return all(
        token_op(token) in ONE_TOKEN_OPS
        and all(name.upper() in LEXICAL_ATTRS for name in token_spec(token))
        for token in pattern
    )


def _alternatives(spec: dict[str, Any]) -> int:
    """How many values a token spec allows (fewer is better)."""
    count = 1
    for value in spec.values():
        if isinstance(value, dict):
            count *= len(value.get("IN", ())) or 1_000
        elif isinstance(value, bool):
            count *= 1_000
    return count


def _shortest(spec: dict[str, Any]) -> int:
    """The length of the shortest word a spec names: longer words are rarer words."""
    words = [value for value in spec.values() if isinstance(value, str)]
    for value in spec.values():
        if isinstance(value, dict):
            words.extend(str(word) for word in value.get("IN", ()))
    return min((len(word) for word in words), default=0)


def count_frequent(vocab: Vocab, matcher: Matcher, specs: Iterable[dict[str, Any]]
                   ) -> dict[str, int]:
    """For each token spec (by ``spec_key``), how many of ``FREQUENT_WORDS`` it matches.

    ``matcher`` is an empty matcher to use.
    """
    unique = {spec_key(spec): spec for spec in specs}
    for key, spec in unique.items():
        matcher.add(key, [[spec]])
    counts = dict.fromkeys(unique, 0)
    if unique:
        for match_id, _, _ in matcher(Doc(vocab, words=list(FREQUENT_WORDS))):
            counts[vocab.strings[match_id]] += 1
    return counts


def choose_key(pattern: Sequence[dict[str, Any]], breadth: dict[str, int]) -> int:
    """Index of the required token most likely to be rare: the pattern's key.

    Rare means: matching few of ``FREQUENT_WORDS`` (``breadth``, by ``spec_key``), then
    allowing few values, then naming longer words ("representative" before "u.s."), then
    coming first.
    """
    required = [i for i, token in enumerate(pattern) if token_op(token) in REQUIRED_OPS]

    def rank(index: int) -> tuple[int, int, int, int]:
        spec = token_spec(pattern[index])
        return (breadth[spec_key(spec)], _alternatives(spec), -_shortest(spec), index)

    return min(required, key=rank)


@dataclass(frozen=True)
class Step:
    """One pattern token as a step away from the key: the spec id a word must (or, negated,
    must not) match, and whether the step may be skipped."""

    spec: int
    optional: bool
    negated: bool


@dataclass(frozen=True)
class KeyedPattern:
    """A pattern split at its key: the steps before it (nearest first) and after it."""

    match_id: int
    before: tuple[Step, ...]
    after: tuple[Step, ...]


Lexeme = tuple[tuple[KeyedPattern, ...] | None, frozenset[int]]
"""A word's patterns (those of every key it matches; None if none) and every spec it
matches."""


class KeyedMatcher:
    """All matches of ``patterns`` in a doc, as one spaCy ``Matcher`` would find them.

    ``patterns`` are ``(match key, token pattern)`` pairs; a match id is the key's hash in
    ``vocab.strings``, as with ``Matcher.add``. ``make_matcher`` gives an empty spaCy
    ``Matcher`` (for the patterns that cannot be keyed and for specs that are not looked up
    by text). Results come in no particular order and may hold a match twice.
    """

    def __init__(
        self,
        vocab: Vocab,
        patterns: Iterable[tuple[str, Pattern]],
        make_matcher: Callable[[], Matcher],
    ) -> None:
        self.vocab = vocab
        self.specs: list[dict[str, Any]] = []  # every token spec of the keyed patterns
        self._spec_ids: dict[str, int] = {}
        self.by_key: dict[int, list[KeyedPattern]] = {}  # by the key's spec id
        self.whole_doc: Matcher | None = None
        keyed: list[tuple[str, Pattern]] = []
        for match_key, pattern in patterns:
            if is_keyable(pattern):
                keyed.append((match_key, pattern))
            else:
                self.whole_doc = self.whole_doc or make_matcher()
                self.whole_doc.add(match_key, [pattern])
        self._split_at_keys(keyed, make_matcher())
        # a new word's specs: those on its text or lower case looked up, the rest (regular
        # expressions, LIKE_NUM ...) through a matcher over the doc's new words
        self._by_word: dict[tuple[str, str], list[int]] = {}
        self._spec_matcher = make_matcher()
        self._spec_of_match: dict[int, int] = {}
        for spec_id, spec in enumerate(self.specs):
            words = word_values(spec)
            if words is None:
                self._spec_matcher.add(str(spec_id), [[spec]])
                self._spec_of_match[self.vocab.strings.as_int(str(spec_id))] = spec_id
                continue
            attr, values = words
            for value in values:
                self._by_word.setdefault((attr, value), []).append(spec_id)
        self._patterns_of_keys: dict[tuple[int, ...], tuple[KeyedPattern, ...]] = {}
        self._lexemes: dict[int, Lexeme] = {}

    def _split_at_keys(self, keyed: list[tuple[str, Pattern]], empty: Matcher) -> None:
        required = (
            token_spec(token)
            for _, pattern in keyed
            for token in pattern
            if token_op(token) in REQUIRED_OPS
        )
        breadth = count_frequent(self.vocab, empty, required)
        for match_key, pattern in keyed:
            key = choose_key(pattern, breadth)
            steps = [self._step(token) for token in pattern]
            self.by_key.setdefault(steps[key].spec, []).append(KeyedPattern(
                self.vocab.strings.add(match_key), tuple(reversed(steps[:key])),
                tuple(steps[key + 1:])))

    def _step(self, token: dict[str, Any]) -> Step:
        spec = token_spec(token)
        key = spec_key(spec)
        if key not in self._spec_ids:
            self._spec_ids[key] = len(self.specs)
            self.specs.append(spec)
        op = token_op(token)
        return Step(self._spec_ids[key], optional=op == "?", negated=op == "!")

    def lexemes_of(self, orths: Iterable[int], vocab: Vocab | None = None) -> list[Lexeme]:
        """For each lexeme, its patterns and the specs it matches (cached per lexeme).

        ``vocab`` (the doc's; this matcher's by default) knows the lexemes' strings.
        """
        vocab = vocab or self.vocab
        cache = self._lexemes
        orths = list(orths)
        try:
            return list(map(cache.__getitem__, orths))  # once the vocabulary is seen
        except KeyError:
            pass
        unseen = list({orth for orth in orths if orth not in cache})
        found: dict[int, set[int]] = {}
        by_word = self._by_word
        for orth in unseen:
            lexeme = vocab[orth]
            found[orth] = {*by_word.get(("ORTH", lexeme.orth_), ()),
                           *by_word.get(("LOWER", lexeme.lower_), ())}
        if self._spec_of_match:
            words = Doc(vocab, words=[vocab.strings[orth] for orth in unseen])
            for match_id, start, _ in self._spec_matcher(words):
                found[unseen[start]].add(self._spec_of_match[match_id])
        for orth, spec_ids in found.items():
            keys = tuple(sorted(spec_ids & self.by_key.keys()))
            cache[orth] = (self._patterns_of(keys) if keys else None, frozenset(spec_ids))
        return list(map(cache.__getitem__, orths))

    def patterns_of(self, orths: Iterable[int], vocab: Vocab | None = None
                    ) -> list[tuple[KeyedPattern, ...] | None]:
        """For each lexeme, the patterns keyed on it (cached per lexeme)."""
        return [patterns for patterns, _ in self.lexemes_of(orths, vocab)]

    def _patterns_of(self, keys: tuple[int, ...]) -> tuple[KeyedPattern, ...]:
        """The patterns of these keys ('dlrs' is the key of several), one tuple per choice."""
        patterns = self._patterns_of_keys.get(keys)
        if patterns is None:
            patterns = self._patterns_of_keys[keys] = tuple(
                pattern for key in keys for pattern in self.by_key[key])
        return patterns

    def __call__(self, doc: Doc) -> list[Match]:
        matches: list[Match] = list(self.whole_doc(doc)) if self.whole_doc else []
        lexemes = self.lexemes_of(doc.to_array(ORTH).tolist(), doc.vocab)
        specs = [spec_ids for _, spec_ids in lexemes]
        for position, (patterns, _) in enumerate(lexemes):
            if patterns is None:
                continue
            for pattern in patterns:
                starts = _grow(specs, position, pattern.before, -1)
                if starts:
                    ends = _grow(specs, position + 1, pattern.after, 1)
                    matches.extend((pattern.match_id, start, end)
                                   for start in starts for end in ends)
        return matches


def _grow(specs: Sequence[frozenset[int]], edge: int, steps: tuple[Step, ...], direction: int
          ) -> list[int]:
    """Where a match may start (``direction`` -1) or end (1) when ``steps`` are taken from
    ``edge``, the key's own start or end: each step takes the next word outwards if it
    matches (negated: does not match) the step's spec; an optional step may also be
    skipped. Empty if no way through."""
    edges = [edge]
    length = len(specs)
    for step in steps:
        reached: list[int] = []
        for at in edges:
            if step.optional and at not in reached:
                reached.append(at)
            word = at if direction > 0 else at - 1
            if 0 <= word < length and (step.spec in specs[word]) is not step.negated:
                outer = at + direction
                if outer not in reached:
                    reached.append(outer)
        if not reached:
            return reached
        edges = reached
    return edges
