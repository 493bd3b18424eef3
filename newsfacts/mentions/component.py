"""spaCy components that tag and normalise mentions into the span group ``nf_mentions``.

- ``newsfacts_mentions``: a span ruler loaded with the package's pattern files (money,
  percentages, periods, cue words) and the place gazetteer; every span keeps its rule id
  in ``span.id_``.
- ``newsfacts_normaliser``: gives each span its value in ``span._.nf_value`` (``Money``,
  ``Percent``, ``Period``/``PeriodShift``, ISO3 code) and drops spans whose text cannot be
  normalised, so that later stages see only usable mentions.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.language import Language
from spacy.pipeline import SpanRuler
from spacy.tokens import Doc, Span
from spacy.util import registry

from newsfacts.mentions.attributes import declare_attributes
from newsfacts.mentions.money import parse_money
from newsfacts.mentions.percent import parse_percent
from newsfacts.mentions.periods import parse_period
from newsfacts.mentions.places import place_patterns, resolve_place
from newsfacts.patterns import PATTERN_FILES, load_patterns

SPANS_KEY = "nf_mentions"
PHRASE_WORD = re.compile(r"[a-z]+|-")
LABELS: frozenset[str] = frozenset(
    {"MONEY", "QUANTITY", "PERCENT", "POINTS", "PERIOD", "PERIOD_SHIFT", "PLACE", "CUE"}
)


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
) -> SpanRuler:
    ruler = SpanRuler(
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


def normalise_span(span: Span, doc: Doc) -> Any:
    """The value of one mention, or ``None`` where its text does not normalise."""
    label = span.label_
    if label == "MONEY":
        return parse_money(span.text)
    if label in ("PERCENT", "POINTS"):
        return parse_percent(span.text)
    if label in ("PERIOD", "PERIOD_SHIFT"):
        return parse_period(span.text, doc._.nf_published)
    if label == "PLACE":
        code = span.id_.removeprefix("place.").split(".")[0]
        return code if len(code) == 3 else resolve_place(span.text)
    return span.id_.split("#", 1)[0]


class MentionNormaliser:
    """Fills ``span._.nf_value`` for every mention and drops those that do not normalise."""

    def __init__(self, spans_key: str = SPANS_KEY) -> None:
        declare_attributes()
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        kept: list[Span] = []
        for span in doc.spans.get(self.spans_key, []):
            value = normalise_span(span, doc)
            if value is None:
                continue
            span._.nf_value = value
            kept.append(span)
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
