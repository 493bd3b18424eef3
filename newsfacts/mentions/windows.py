"""Token patterns matched only in small windows around the tokens that can anchor them.

spaCy's token ``Matcher`` starts every pattern at every token and evaluates each pattern's
predicates there (set membership, regular expressions, ``LIKE_NUM``): on news text most
of newsfacts' time went into trying money and period patterns at words such as "the".

``WindowedMatcher`` finds the same matches with less work. Each pattern gets a *key*: one
of its required tokens, chosen so that it matches as few common words as possible ("dlrs"
in "5 billion dlrs", "previous" in "the previous month"); patterns with the same key form
a group. Which groups a word is the key of depends on the word alone, so it is looked up
once per lexeme and cached, with one spaCy ``Matcher`` for the patterns of those groups
("dlrs" is the key of four). That matcher runs only on the stretch of tokens that a match
through the key could cover; a pattern that is its key token alone needs no matcher. A
pattern reaching far from its key (a range: "between 200 and 300 mln dlrs") is added to
the matcher only where its second-rarest required token, its *companion* ("between"), is
within reach of the key, so the common short amounts keep short windows.

The result is exactly the set of matches of one ``Matcher`` over the whole document: a
match lies inside the window of its own key token (and a far pattern's match holds its
companion there), and a match found inside a window is a match in the document, because
every predicate of a windowed pattern reads the token's lexeme only. Patterns for which
that cannot be shown (``*``/``+``/``{n,m}`` operators, attributes a pipeline sets per
token such as ``POS``, ``NORM``, ``SENT_START`` or extensions, no required token) run over
the whole document as before.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
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
# Operators under which a pattern token covers at most one document token.
ONE_TOKEN_OPS: frozenset[str | None] = frozenset({None, "1", "?", "!"})
REQUIRED_OPS: frozenset[str | None] = frozenset({None, "1"})
# A pattern is "near" its key when at most NEAR_BEFORE tokens come before the key and at
# most NEAR_AFTER tokens (key included) from it to the end; a farther-reaching pattern runs
# only where its second-rarest token is also in reach.
NEAR_BEFORE = 2
NEAR_AFTER = 3
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


def is_windowable(pattern: Sequence[dict[str, Any]]) -> bool:
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


def ranked_tokens(pattern: Sequence[dict[str, Any]], breadth: dict[str, int]) -> list[int]:
    """Indexes of the required tokens, the one most likely to be rare first.

    Rare means: matching few of ``FREQUENT_WORDS``, then allowing few values, then naming
    longer words ("representative" before "u.s."), then coming first.
    """
    required = [i for i, token in enumerate(pattern) if token_op(token) in REQUIRED_OPS]

    def rank(index: int) -> tuple[int, int, int, int]:
        spec = token_spec(pattern[index])
        return (breadth[spec_key(spec)], _alternatives(spec), -_shortest(spec), index)

    return sorted(required, key=rank)


def choose_key(pattern: Sequence[dict[str, Any]], breadth: dict[str, int]) -> int:
    """Index of the required token most likely to be rare: the pattern's key."""
    return ranked_tokens(pattern, breadth)[0]


def is_near(key: int, length: int) -> bool:
    """A pattern whose matches stay close to its key token."""
    return key <= NEAR_BEFORE and length - key <= NEAR_AFTER


@dataclass
class FarGroup:
    """Patterns of one key that reach far from it, with the same second-rarest token.

    Their matcher runs only where that *companion* token is in reach of the key: most
    amounts are not ranges, so "between … and … billion" need not be tried at each
    "billion".
    """

    companion: int  # the companion's spec id
    before: int = 0
    after: int = 1
    patterns: list[tuple[str, Pattern]] = field(default_factory=list)


@dataclass
class KeyGroup:
    """The patterns that share one key token, and how far their matches reach around it."""

    before: int = 0  # tokens a match may start before the key
    after: int = 1  # tokens from the key to a match's end, key included
    direct: list[int] = field(default_factory=list)  # match ids of one-token patterns
    patterns: list[tuple[str, Pattern]] = field(default_factory=list)
    far: dict[int, FarGroup] = field(default_factory=dict)  # by companion spec id


@dataclass
class KeySet:
    """What a match through one word may be: the patterns of every group it is the key of."""

    groups: tuple[int, ...]
    before: int
    after: int
    direct: list[int]
    patterns: list[tuple[str, Pattern]]  # the near ones
    far: list[FarGroup]
    # matcher and window for each choice of far groups whose companion is in reach
    runners: dict[tuple[int, ...], Runner] = field(default_factory=dict)

    @property
    def reach(self) -> tuple[int, int]:
        """How far before and after the key a far group's companion may be."""
        return (max((far.before for far in self.far), default=0),
                max((far.after for far in self.far), default=0))

    def runner(self, chosen: tuple[int, ...], make_matcher: Callable[[], Matcher]) -> Runner:
        """The matcher for the near patterns and the ``chosen`` far groups, and its window."""
        runner = self.runners.get(chosen)
        if runner is None:
            fars = [self.far[index] for index in chosen]
            patterns = self.patterns + [entry for far in fars for entry in far.patterns]
            matcher = None
            if patterns:
                matcher = make_matcher()
                for match_key, pattern in patterns:
                    matcher.add(match_key, [pattern])
            runner = self.runners[chosen] = Runner(
                matcher,
                max([self.before, *(far.before for far in fars)]),
                max([self.after, *(far.after for far in fars)]),
            )
        return runner


@dataclass(frozen=True)
class Runner:
    """A matcher, and the window around a key token it runs on."""

    matcher: Matcher | None
    before: int
    after: int


Lexeme = tuple[KeySet | None, frozenset[int]]  # its key set, and every spec id it matches


class WindowedMatcher:
    """All matches of ``patterns`` in a doc, as one spaCy ``Matcher`` would find them.

    ``patterns`` are ``(match key, token pattern)`` pairs; a match id is the key's hash in
    ``vocab.strings``, as with ``Matcher.add``. Results come in no particular order, and
    overlapping windows may give a match twice.
    """

    def __init__(
        self,
        vocab: Vocab,
        patterns: Iterable[tuple[str, Pattern]],
        make_matcher: Callable[[], Matcher],
    ) -> None:
        self.vocab = vocab
        self._make_matcher = make_matcher
        self.specs: list[dict[str, Any]] = []  # key and companion token specs, by id
        self._spec_ids: dict[str, int] = {}
        self.groups: dict[int, KeyGroup] = {}  # by the key's spec id
        self.whole_doc: Matcher | None = None
        windowed: list[tuple[str, Pattern]] = []
        for match_key, pattern in patterns:
            if is_windowable(pattern):
                windowed.append((match_key, pattern))
            else:
                self.whole_doc = self.whole_doc or make_matcher()
                self.whole_doc.add(match_key, [pattern])
        self._build_groups(windowed)
        # a new word's specs: those on its text or lower-case form looked up, the rest
        # (regular expressions...) through a matcher over the doc's new words
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
        self._key_sets: dict[tuple[int, ...], KeySet] = {}
        self._lexemes: dict[int, Lexeme] = {}

    def _build_groups(self, windowed: list[tuple[str, Pattern]]) -> None:
        required = (
            token_spec(token)
            for _, pattern in windowed
            for token in pattern
            if token_op(token) in REQUIRED_OPS
        )
        breadth = count_frequent(self.vocab, self._make_matcher(), required)
        for match_key, pattern in windowed:
            ranked = ranked_tokens(pattern, breadth)
            key = ranked[0]
            group = self.groups.setdefault(self._add_spec(pattern[key]), KeyGroup())
            if len(pattern) == 1:
                group.direct.append(self.vocab.strings.add(match_key))
            elif is_near(key, len(pattern)) or len(ranked) == 1:
                group.before = max(group.before, key)
                group.after = max(group.after, len(pattern) - key)
                group.patterns.append((match_key, pattern))
            else:
                companion = self._add_spec(pattern[ranked[1]])
                far = group.far.setdefault(companion, FarGroup(companion))
                far.before = max(far.before, key)
                far.after = max(far.after, len(pattern) - key)
                far.patterns.append((match_key, pattern))

    def _add_spec(self, token: dict[str, Any]) -> int:
        """The id of the token's spec among the specs looked up per lexeme."""
        spec = token_spec(token)
        key = spec_key(spec)
        if key not in self._spec_ids:
            self._spec_ids[key] = len(self.specs)
            self.specs.append(spec)
        return self._spec_ids[key]

    def lexemes_of(self, orths: Iterable[int], vocab: Vocab | None = None) -> list[Lexeme]:
        """For each lexeme, its key set and the specs it matches (cached per lexeme).

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
            keys = tuple(sorted(spec_ids & self.groups.keys()))
            cache[orth] = (self._key_set(keys) if keys else None, frozenset(spec_ids))
        return list(map(cache.__getitem__, orths))

    def key_sets_of(self, orths: Iterable[int], vocab: Vocab | None = None
                    ) -> list[KeySet | None]:
        """For each lexeme, the groups it can be the key token of (cached per lexeme)."""
        return [key_set for key_set, _ in self.lexemes_of(orths, vocab)]

    def _key_set(self, groups: tuple[int, ...]) -> KeySet:
        """What a word that is the key of these groups starts ('dlrs': four groups)."""
        key_set = self._key_sets.get(groups)
        if key_set is None:
            members = [self.groups[spec_id] for spec_id in groups]
            key_set = self._key_sets[groups] = KeySet(
                groups=groups,
                before=max(group.before for group in members),
                after=max(group.after for group in members),
                direct=[match_id for group in members for match_id in group.direct],
                patterns=[entry for group in members for entry in group.patterns],
                far=[far for group in members for far in group.far.values()],
            )
        return key_set

    def __call__(self, doc: Doc) -> list[Match]:
        matches: list[Match] = list(self.whole_doc(doc)) if self.whole_doc else []
        lexemes = self.lexemes_of(doc.to_array(ORTH).tolist(), doc.vocab)
        hits: dict[int, tuple[KeySet, list[int]]] = {}
        for position, (key_set, _) in enumerate(lexemes):
            if key_set is not None:
                hits.setdefault(id(key_set), (key_set, []))[1].append(position)
        length = len(doc)
        for key_set, positions in hits.values():
            for match_id in key_set.direct:
                matches.extend((match_id, position, position + 1) for position in positions)
            by_choice: dict[tuple[int, ...], list[int]] = {}
            before, after = key_set.reach
            for position in positions:
                chosen: tuple[int, ...] = ()
                if key_set.far:
                    nearby = frozenset().union(*(
                        lexemes[index][1]
                        for index in range(max(0, position - before),
                                           min(length, position + after))
                    ))
                    chosen = tuple(index for index, far in enumerate(key_set.far)
                                   if far.companion in nearby)
                by_choice.setdefault(chosen, []).append(position)
            for chosen, chosen_positions in by_choice.items():
                runner = key_set.runner(chosen, self._make_matcher)
                if runner.matcher is not None:
                    matches.extend(_run(runner.matcher, doc, runner.before, runner.after,
                                        chosen_positions))
        return matches


def _run(matcher: Matcher, doc: Doc, before: int, after: int, positions: list[int]
         ) -> list[Match]:
    """``matcher``'s matches in the windows around ``positions``, as offsets in ``doc``."""
    return [
        (match_id, start + first, start + last)
        for start, end in windows(positions, before, after, len(doc))
        for match_id, first, last in matcher(doc[start:end])
    ]


def windows(positions: Sequence[int], before: int, after: int, length: int
            ) -> list[tuple[int, int]]:
    """``[p - before, p + after)`` for each sorted position, clipped; overlaps merged."""
    merged: list[tuple[int, int]] = []
    for position in positions:
        start, end = max(0, position - before), min(length, position + after)
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
