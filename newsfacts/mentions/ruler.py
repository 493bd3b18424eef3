"""``MentionRuler``: spaCy's span ruler, with its token patterns matched from their keys."""

from __future__ import annotations

from typing import Any

from spacy.matcher import Matcher
from spacy.pipeline import SpanRuler
from spacy.tokens import Doc, Span
from spacy.util import filter_chain_spans

from newsfacts.mentions.keyed import KeyedMatcher
from newsfacts.mentions.periods import check_period_ids

Found = tuple[int, int, int, int]  # a match as (start, end, label hash, id hash)


class MentionRuler(SpanRuler):
    """spaCy's ``SpanRuler`` whose token patterns run through a ``KeyedMatcher``.

    Patterns, serialisation, filters and results are the span ruler's; only the search for
    token-pattern matches is cheaper (see ``newsfacts.mentions.keyed``). ``self.matcher``
    still holds every token pattern, for callers that use it directly.
    """

    _keyed: KeyedMatcher | None = None
    _span_labels: dict[int, tuple[int, int]] | None = None

    def _patterns_changed(self) -> None:
        self._keyed = None
        self._span_labels = None

    def clear(self) -> None:
        super().clear()
        self._patterns_changed()

    def add_patterns(self, patterns: list[dict[str, Any]]) -> None:
        """As ``SpanRuler.add_patterns``; a period pattern whose id has no resolver is
        refused (``PatternError``), also when a saved pipeline loads its patterns."""
        patterns = list(patterns)  # from_disk passes a generator
        check_period_ids(patterns)
        super().add_patterns(patterns)
        self._patterns_changed()

    def remove(self, label: str) -> None:
        super().remove(label)
        self._patterns_changed()

    def remove_by_id(self, pattern_id: str) -> None:
        super().remove_by_id(pattern_id)
        self._patterns_changed()

    @property
    def keyed(self) -> KeyedMatcher:
        """The token patterns' matcher, built on first use after the patterns change."""
        if self._keyed is None:
            self._keyed = KeyedMatcher(
                self.nlp.vocab,
                [
                    (repr((entry["label"], entry.get("id", ""))), entry["pattern"])
                    for entry in self.patterns
                    if isinstance(entry["pattern"], list)
                ],
                self._new_matcher,
            )
        return self._keyed

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
        return self._spans(doc, self._found(doc))

    def __call__(self, doc: Doc) -> Doc:
        """As ``SpanRuler.__call__``; where the ruler keeps the first longest spans in
        ``doc.spans`` in place of what was there (newsfacts' configuration), it filters
        the matches before making them Spans, with the same result."""
        if not (self.overwrite and self.key and not self.annotate_ents
                and self.spans_filter is filter_chain_spans):
            return super().__call__(doc)
        try:
            doc.spans[self.key] = self._spans(doc, first_longest(self._found(doc)))
            return doc
        except Exception as exc:
            return self.get_error_handler()(self.name, self, [doc], exc)

    def _found(self, doc: Doc) -> list[Found]:
        """The matches as (start, end, label, id) in the order of sorting their Spans
        (start and end character, label, kb_id, id), duplicates kept, at a fraction of the
        cost of making and sorting the Spans."""
        self._require_patterns()  # W036 where the ruler has no patterns at all
        matches = self.keyed(doc) + list(self.phrase_matcher(doc))
        labels = self.span_labels
        return sorted((start, end, *labels[m_id]) for m_id, start, end in set(matches)
                      if start != end)

    @staticmethod
    def _spans(doc: Doc, found: list[Found]) -> list[Span]:
        return [Span(doc, start, end, label=label, span_id=span_id)
                for start, end, label, span_id in found]


def first_longest(found: list[Found]) -> list[Found]:
    """spaCy's ``filter_spans`` on (start, end, …) tuples: the longest (first) of
    overlapping matches, in token order."""
    by_length = sorted(found, key=lambda item: (item[1] - item[0], -item[0]), reverse=True)
    kept: list[Found] = []
    seen: set[int] = set()
    for item in by_length:
        start, end = item[0], item[1]
        if start not in seen and end - 1 not in seen:
            kept.append(item)
            seen.update(range(start, end))
    kept.sort(key=lambda item: item[0])
    return kept
