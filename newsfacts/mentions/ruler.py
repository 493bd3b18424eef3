"""``MentionRuler``: spaCy's span ruler, with its token patterns matched in windows."""

from __future__ import annotations

from typing import Any

from spacy.matcher import Matcher
from spacy.pipeline import SpanRuler
from spacy.tokens import Doc, Span

from newsfacts.mentions.windows import WindowedMatcher


class MentionRuler(SpanRuler):
    """spaCy's ``SpanRuler`` whose token patterns run through a ``WindowedMatcher``.

    Patterns, serialisation, filters and results are the span ruler's; only the search for
    token-pattern matches is cheaper (see ``newsfacts.mentions.windows``). ``self.matcher``
    still holds every token pattern, for callers that use it directly.
    """

    _windowed: WindowedMatcher | None = None
    _span_labels: dict[int, tuple[int, int]] | None = None

    def _patterns_changed(self) -> None:
        self._windowed = None
        self._span_labels = None

    def clear(self) -> None:
        super().clear()
        self._patterns_changed()

    def add_patterns(self, patterns: list[dict[str, Any]]) -> None:
        super().add_patterns(patterns)
        self._patterns_changed()

    def remove(self, label: str) -> None:
        super().remove(label)
        self._patterns_changed()

    def remove_by_id(self, pattern_id: str) -> None:
        super().remove_by_id(pattern_id)
        self._patterns_changed()

    @property
    def windowed(self) -> WindowedMatcher:
        """The token patterns' matcher, built on first use after the patterns change."""
        if self._windowed is None:
            self._windowed = WindowedMatcher(
                self.nlp.vocab,
                [
                    (repr((entry["label"], entry.get("id", ""))), entry["pattern"])
                    for entry in self.patterns
                    if isinstance(entry["pattern"], list)
                ],
                self._new_matcher,
            )
        return self._windowed

    @property
    def span_labels(self) -> dict[int, tuple[int, int]]:
        """Match id → the hashes of its span's label and id (cheaper to give ``Span``)."""
        if self._span_labels is None:
            strings = self.nlp.vocab.strings
            self._span_labels = {
                match_id: (strings.add(entry["label"]), strings.add(entry["id"]))
                for match_id, entry in self._match_label_id_map.items()
            }
        return self._span_labels

    def _new_matcher(self) -> Matcher:
        return Matcher(
            self.nlp.vocab, validate=self.validate, fuzzy_compare=self.matcher_fuzzy_compare
        )

    def match(self, doc: Doc) -> list[Span]:
        """The ruler's matches, as ``SpanRuler.match`` finds them."""
        self._require_patterns()  # W036 where the ruler has no patterns at all
        matches = self.windowed(doc) + list(self.phrase_matcher(doc))
        labels = self.span_labels
        # sorted as tuples, then made: the order of sorting the Spans (start and end
        # character, label, kb_id, id) at a fraction of the cost
        found = sorted((start, end, *labels[m_id]) for m_id, start, end in set(matches)
                       if start != end)
        return [Span(doc, start, end, label=label, span_id=span_id)
                for start, end, label, span_id in found]
