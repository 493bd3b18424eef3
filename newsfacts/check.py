"""Extract and validate in one step: articles → their facts and one verdict per fact.

What ``newsfacts check``, ``newsfacts export claimreview``, the HTML report and the local page
all do first; it belongs to no one of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from newsfacts.extractor import Extractor
from newsfacts.schema import Article, ErrorRecord, TradeFact
from newsfacts.validation import ReferenceStore, Verdict, validate


@dataclass(frozen=True)
class CheckedArticle:
    """One article, the facts found in it and one verdict per fact (same order)."""

    article: Article
    facts: tuple[TradeFact, ...]
    verdicts: tuple[Verdict, ...]


def check_articles(articles: Iterable[Article | ErrorRecord], store: ReferenceStore | None,
                   extractor: Extractor | None = None
                   ) -> Iterator[CheckedArticle | ErrorRecord]:
    """Extract and validate each article; one result per input, errors as ErrorRecords.

    With no ``store`` the facts come back unchecked (no verdicts).
    """
    runner = extractor or Extractor()
    for article, result in runner.extract_many(articles):
        if isinstance(result, ErrorRecord):
            yield result
        elif isinstance(article, ErrorRecord):  # extract_many passes errors through
            yield article
        else:
            verdicts = (validate(result, store, {article.id: article.text})
                        if store is not None else [])
            yield CheckedArticle(article, tuple(result), tuple(verdicts))
