"""Extraction as plain functions: text or Article → list of TradeFact (and, with ``explain``,
what became of each money mention)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cache
from itertools import islice
from typing import TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from newsfacts.errors import (
    Errors,
    NewsfactsError,
)
from newsfacts.facts.component import FactAssembler
from newsfacts.facts.explain import explain_doc
from newsfacts.facts.gate import GateComponent
from newsfacts.ingest.dates import parse_published
from newsfacts.ingest.files import require_unicode
from newsfacts.mentions.component import SPANS_KEY
from newsfacts.pipeline import build_pipeline
from newsfacts.schema import Article, ErrorRecord, MoneyOutcome, TradeFact
from newsfacts.settings import Settings

_Result = TypeVar("_Result")


# a break not after another and not before white space; CRLF and LF apart, so that each is
# replaced by a plain string (a callable replacement costs several times more)
_CRLF_BREAK = re.compile(r"(?<![\r\n])\r\n(?!\s)")
_LF_BREAK = re.compile(r"(?<![\r\n])\n(?!\s)")


def unwrap_lines(text: str) -> str:
    """Single line breaks → spaces, one character for one, so offsets stay the same.

    Wire copy wraps lines mid-phrase ("10.2\nbillion"); spaCy would keep the break as a
    token and the patterns would miss the amount. A break followed by white space (a blank
    line, an indented paragraph) is kept: it ends a clause.
    """
    if "\r" in text:
        text = _CRLF_BREAK.sub("  ", text)
    return _LF_BREAK.sub(" ", text)


class Extractor:
    """A loaded pipeline plus the settings to run it; reuse one for many documents."""

    def __init__(self, nlp: Language | None = None, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.nlp = nlp or build_pipeline(self.settings)
        # A loaded pipeline keeps spaCy's default max_length (1,000,000), below max_chars:
        # make_doc would raise a bare ValueError where Settings allow the document.
        if self.nlp.max_length <= self.settings.max_chars:
            self.nlp.max_length = self.settings.max_chars + 1

    def make_doc(self, article: Article) -> Doc:
        if len(article.text) > self.settings.max_chars:
            raise Errors.DOCUMENT_TOO_LARGE(
                doc_id=article.id,
                size=len(article.text),
                limit=self.settings.max_chars)
        doc = self.nlp.make_doc(unwrap_lines(article.text))
        doc._.nf_text = article.text
        doc._.nf_published = article.published
        doc._.nf_doc_id = article.id
        return doc

    def extract(self, article: Article) -> list[TradeFact]:
        doc = self.make_doc(article)
        for _, component in self.nlp.pipeline:
            doc = component(doc)
        return list(doc._.nf_facts or [])

    def explain(
        self,
        article: Article | str,
        published: str | dt.date | None = None,
        doc_id: str = "doc",
    ) -> list[MoneyOutcome]:
        """What became of every money mention, in text order: the fact it made (the facts
        ``extract`` gives, with their rule ids) or the rule that dropped it and why.

        ``article`` is an Article, or a text that ``published`` and ``doc_id`` date and name
        as for ``newsfacts.extract``; errors are those of ``extract``.
        """
        doc = self.make_doc(_as_article(article, published, doc_id))
        spans_key = SPANS_KEY
        for _, component in self.nlp.pipeline:
            if isinstance(component, FactAssembler):  # explain_doc does its work, and more
                spans_key = component.spans_key
                break
            doc = component(doc)
        outcomes = explain_doc(doc, spans_key)
        for _, component in self.nlp.pipeline:
            if isinstance(component, GateComponent):
                outcomes = component.explain(doc, outcomes)
        return outcomes

    def explain_many(
        self, articles: Iterable[Article | ErrorRecord]
    ) -> Iterator[tuple[Article | ErrorRecord, list[MoneyOutcome] | ErrorRecord]]:
        """Each input with its outcomes, or with an ErrorRecord, as ``extract_many``."""
        for article in articles:
            if isinstance(article, ErrorRecord):
                yield article, article
            else:
                yield article, _attempt(self.explain, article)

    def extract_many(
        self, articles: Iterable[Article | ErrorRecord], batch_size: int | None = None
    ) -> Iterator[tuple[Article | ErrorRecord, list[TradeFact] | ErrorRecord]]:
        """Each input with its facts, or with an ErrorRecord: documents in = results out.

        Documents go through the pipeline ``batch_size`` at a time (``Settings.batch_size``
        by default) with spaCy's ``pipe``; results come out in input order.
        """
        size = batch_size or self.settings.batch_size
        stream = iter(articles)
        while batch := list(islice(stream, size)):
            yield from zip(batch, self.extract_batch(batch), strict=True)

    def extract_batch(
        self, batch: Sequence[Article | ErrorRecord]
    ) -> list[list[TradeFact] | ErrorRecord]:
        """The facts of each document of ``batch`` (or its ErrorRecord), in order.

        The documents run through each component's ``pipe`` together. If a component raises,
        the batch is redone one document at a time, so that only the bad document becomes
        an error record (E300) and the others keep their facts. A subclass that overrides
        ``extract`` has it called for each document instead.
        """
        if type(self).extract is not Extractor.extract:
            each = self._extract_each(a for a in batch if isinstance(a, Article))
            return [a if isinstance(a, ErrorRecord) else next(each)[1] for a in batch]
        results: list[list[TradeFact] | ErrorRecord] = []
        docs: list[Doc] = []
        made: list[Article] = []
        slots: list[int] = []
        for article in batch:
            if isinstance(article, ErrorRecord):
                results.append(article)
                continue
            try:
                docs.append(self.make_doc(article))
            except Exception as exc:
                results.append(_failure(article, exc))
                continue
            made.append(article)
            slots.append(len(results))
            results.append([])
        if not docs:
            return results
        try:
            for _, component in self.nlp.pipeline:
                pipe = getattr(component, "pipe", None)
                if pipe is not None:
                    docs = list(pipe(docs, batch_size=len(docs)))
                else:
                    docs = [component(doc) for doc in docs]
            facts = [list(doc._.nf_facts or []) for doc in docs]
        except Exception:
            # a bug on some document of the batch: find it by running them one by one
            for slot, (_, result) in zip(slots, self._extract_each(made), strict=True):
                results[slot] = result
            return results
        for slot, found in zip(slots, facts, strict=True):
            results[slot] = found
        return results

    def _extract_each(
        self, articles: Iterable[Article]
    ) -> Iterator[tuple[Article, list[TradeFact] | ErrorRecord]]:
        for article in articles:
            yield article, _attempt(self.extract, article)


def _attempt(work: Callable[[Article], _Result], article: Article) -> _Result | ErrorRecord:
    """``work(article)``, or the ErrorRecord of what it raised: one bad document is one
    error record, never the end of a batch."""
    try:
        return work(article)
    except Exception as exc:
        return _failure(article, exc)


def _failure(article: Article, exc: Exception) -> ErrorRecord:
    """A NewsfactsError as it is; any other exception is a bug on this document (E300)."""
    if isinstance(exc, NewsfactsError):
        return _error_record(article, exc)
    failure = Errors.EXTRACTION_FAILED(doc_id=article.id, exception=type(exc).__name__, detail=exc)
    return _error_record(article, failure)


def _error_record(article: Article, exc: NewsfactsError) -> ErrorRecord:
    return ErrorRecord(
        doc_id=article.id, error_code=exc.code, error=exc.message, source=article.source
    )


def extract(
    text: str,
    published: str | dt.date | None = None,
    doc_id: str = "doc",
    extractor: Extractor | None = None,
) -> list[TradeFact]:
    """The trade facts of one text. ``published`` resolves "March", "last year" …

    A value that is no text, an empty ``doc_id`` or a lone surrogate raises InputError
    with what is wrong."""
    return (extractor or _default_extractor()).extract(_as_article(text, published, doc_id))


def explain(
    text: str,
    published: str | dt.date | None = None,
    doc_id: str = "doc",
    extractor: Extractor | None = None,
) -> list[MoneyOutcome]:
    """What became of every money mention of one text (see ``Extractor.explain``)."""
    return (extractor or _default_extractor()).explain(text, published, doc_id)


def _as_article(article: Article | str, published: str | dt.date | None, doc_id: str) -> Article:
    if isinstance(article, Article):
        if published is not None or doc_id != "doc":
            raise TypeError(
                "published and doc_id go with a text; an Article carries its own "
                f"(published={article.published!r}, id={article.id!r})"
            )
        return article
    if not isinstance(article, str):
        raise Errors.NOT_A_TEXT(name=type(article).__name__)
    if not isinstance(doc_id, str) or not doc_id:
        raise Errors.EMPTY_DOC_ID(doc_id=doc_id)
    require_unicode(doc_id, "doc_id", "id")
    require_unicode(article, doc_id, "text")
    return Article(id=doc_id, text=article, published=parse_published(published))


@cache
def _default_extractor() -> Extractor:
    """One shared default pipeline, built on first use (building takes about a second)."""
    return Extractor()
