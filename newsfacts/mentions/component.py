"""spaCy components that tag and normalise mentions into the span group ``nf_mentions``.

- ``newsfacts_mentions``: a span ruler (``MentionRuler``, which grows token patterns
  outwards from their rarest word, see ``newsfacts.mentions.keyed``) loaded with the
  package's pattern files (money, percentages, periods, cue words) and the place
  gazetteer; every span keeps its rule id in ``span.id_``.
- ``newsfacts_normaliser``: gives each span its value in ``span._.nf_value`` (``Money``,
  ``Percent``, ``Period``/``PeriodShift``, ISO3 code) and drops spans whose text cannot be
  normalised, so that later stages see only usable mentions; then reads what the words
  around money and percentages add (rates, ranges of two amounts, alternatives: see
  ``newsfacts.mentions.context``). Money and percent texts are parsed once and cached
  (``normalise_text``); a period is resolved by its pattern's id (``period_value``, cached
  too: see ``newsfacts.mentions.periods``).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import registry

from newsfacts.mentions.context import with_context
from newsfacts.mentions.extensions import declare_attributes, value_key, value_key_is_spacys
from newsfacts.mentions.money import parse_money
from newsfacts.mentions.percent import parse_percent
from newsfacts.mentions.periods import PERIOD_LABELS, Words, resolve_period
from newsfacts.mentions.places import place_patterns, resolve_place
from newsfacts.mentions.ruler import MentionRuler
from newsfacts.patterns import PATTERN_FILES, load_patterns

SPANS_KEY = "nf_mentions"
PHRASE_WORD = re.compile(r"[a-z]+|-")
LABELS: frozenset[str] = frozenset(
    {"MONEY", "QUANTITY", "PERCENT", "POINTS", "PERIOD", "PERIOD_SHIFT", "PLACE", "CUE"}
)
TEXT_LABELS: frozenset[str] = frozenset({"MONEY", "PERCENT", "POINTS"})
VALUE_CACHE_SIZE = 16_384


def package_patterns() -> list[dict[str, Any]]:
    """Every pattern newsfacts ships, place gazetteer included."""
    patterns: list[dict[str, Any]] = []
    for name in PATTERN_FILES:
        patterns.extend(load_patterns(name))
    patterns.extend(place_patterns())
    return patterns


def as_phrase(entry: dict[str, Any]) -> dict[str, Any]:
    """A pattern that is only a sequence of lower-case words becomes a phrase pattern.

    spaCy's PhraseMatcher finds such sequences in one pass over the document, where the
    token Matcher steps a state machine for every pattern; for the gazetteer and the cue
    words this is most of the matching time. The tokens are written with a space between
    them; the ruler tokenizes the phrase as it tokenizes documents and compares lower case.
    Only plain words qualify: "u.s." or "'s" are tokenized by case-sensitive exceptions, so
    a lower-case phrase would not split as the text does.
    """
    tokens = entry["pattern"]
    if isinstance(tokens, list) and tokens and all(
        isinstance(token, dict)
        and set(token) == {"LOWER"}
        and isinstance(token["LOWER"], str)
        and PHRASE_WORD.fullmatch(token["LOWER"])
        for token in tokens
    ):
        return {**entry, "pattern": " ".join(token["LOWER"] for token in tokens)}
    return entry


@Language.factory(
    "newsfacts_mentions",
    assigns=["doc.spans"],
    default_config={"spans_key": SPANS_KEY, "load_package_patterns": True},
)
def make_mentions(
    nlp: Language, name: str, spans_key: str, load_package_patterns: bool
) -> MentionRuler:
    ruler = MentionRuler(
        nlp,
        name,
        spans_key=spans_key,
        spans_filter=registry.misc.get("spacy.first_longest_spans_filter.v1")(),
        annotate_ents=False,
        ents_filter=registry.misc.get("spacy.first_longest_spans_filter.v1")(),
        phrase_matcher_attr="LOWER",
        matcher_fuzzy_compare=registry.misc.get("spacy.levenshtein_compare.v1")(),
        validate=False,
        overwrite=True,
        scorer=None,
    )
    if load_package_patterns:
        ruler.add_patterns([as_phrase(entry) for entry in package_patterns()])
    return ruler


def value_of(span: Span, label: str, published: dt.date | None) -> Any:
    """The value of a mention with this label; ``published`` resolves periods."""
    if label == "CUE":
        return span.id_.split("#", 1)[0]
    if label in PERIOD_LABELS:
        return period_value(span.id_, tuple(token.lower_ for token in span), span.text, published)
    if label in TEXT_LABELS:
        return normalise_text(label, span.text)
    if label == "PLACE":
        code = span.id_.removeprefix("place.").split(".")[0]
        return code if len(code) == 3 else resolve_place(span.text)
    return span.id_.split("#", 1)[0]


@lru_cache(maxsize=VALUE_CACHE_SIZE)
def normalise_text(label: str, text: str) -> Any:
    """The value of a money or percent text (``MONEY``, ``PERCENT``, ``POINTS``).

    Cached: news repeats its amounts, and the values are immutable records.
    """
    if label == "MONEY":
        return parse_money(text)
    return parse_percent(text)


@lru_cache(maxsize=VALUE_CACHE_SIZE)
def period_value(pattern_id: str, words: Words, text: str, published: dt.date | None) -> Any:
    """The ``Period`` or ``PeriodShift`` of a period span: its pattern's resolver reads its
    words (lower case) against the publication date.

    Cached: news repeats its periods ("1986", "last year", "a year earlier").
    """
    return resolve_period(pattern_id, words, text, published)


class MentionNormaliser:
    """Fills ``span._.nf_value`` for every mention and drops those that do not normalise."""

    def __init__(self, spans_key: str = SPANS_KEY) -> None:
        declare_attributes()
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        published = doc._.nf_published
        group = doc.spans.get(self.spans_key)
        spans = list(group) if group is not None else []
        valued: list[tuple[Span, Any]] = []
        for span in spans:
            value = value_of(span, span.label_, published)
            if value is not None:
                valued.append((span, value))
        valued = with_context(doc, valued)
        user_data: dict[Any, Any] | None = doc.user_data if value_key_is_spacys() else None
        for span, value in valued:
            if user_data is not None:
                user_data[value_key(span.start_char, span.end_char)] = value
            else:
                span._.nf_value = value
        kept = [span for span, _ in valued]
        if group is None or len(kept) != len(spans) or any(
            a is not b for a, b in zip(kept, spans, strict=True)
        ):  # else the group holds just these
            doc.spans[self.spans_key] = kept
        return doc


@Language.factory(
    "newsfacts_normaliser",
    assigns=["span._.nf_value"],
    requires=["doc.spans"],
    default_config={"spans_key": SPANS_KEY},
)
def make_normaliser(nlp: Language, name: str, spans_key: str) -> MentionNormaliser:
    return MentionNormaliser(spans_key)
