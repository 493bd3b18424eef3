"""Extraction as plain functions: text or Article → list of TradeFact."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from newsfacts.errors import (
    DateError,
    DocumentTooLargeError,
    ExtractionError,
    NewsfactsError,
)
from newsfacts.pipeline import build_pipeline
from newsfacts.schema import Article, ErrorRecord, TradeFact
from newsfacts.settings import Settings


def parse_published(value: str | dt.date | dt.datetime | None) -> dt.date | None:
    """'1994-05-20' → date; a datetime → its date; None stays None; anything else → DateError."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
        try:
            return dt.datetime.fromisoformat(text).date()
        except ValueError:
            pass
    raise DateError(f"published={value!r} is not a date; give an ISO date such as '1994-05-20'")


_LINE_BREAK = re.compile(r"(?<![\r\n])\r?\n(?![\s])")


def unwrap_lines(text: str) -> str:
    """Single line breaks → spaces, one character for one, so offsets stay the same.

    Wire copy wraps lines mid-phrase ("10.2\nbillion"); spaCy would keep the break as a
    token and the patterns would miss the amount. Blank lines (paragraphs) are kept.
    """
    return _LINE_BREAK.sub(lambda match: " " * len(match.group()), text)


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
            raise DocumentTooLargeError(
                f"document {article.id!r} has {len(article.text):,} characters; the limit is "
                f"{self.settings.max_chars:,} (Settings.max_chars); split it into articles"
            )
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

    def extract_many(
        self, articles: Iterable[Article | ErrorRecord]
    ) -> Iterator[tuple[Article | ErrorRecord, list[TradeFact] | ErrorRecord]]:
        """Each input with its facts, or with an ErrorRecord: documents in = results out."""
        for article in articles:
            if isinstance(article, ErrorRecord):
                yield article, article
                continue
            try:
                facts = self.extract(article)
            except NewsfactsError as exc:
                yield article, _error_record(article, exc)
            except Exception as exc:  # a bug costs its document, not the batch (E300)
                failure = ExtractionError(f"document {article.id!r}: {type(exc).__name__}: {exc}")
                yield article, _error_record(article, failure)
            else:
                yield article, facts


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
    """The trade facts of one text. ``published`` resolves "March", "last year" …"""
    article = Article(id=doc_id, text=text, published=parse_published(published))
    return (extractor or _default_extractor()).extract(article)


_EXTRACTORS: dict[str, Extractor] = {}


def _default_extractor() -> Extractor:
    """One shared default pipeline, built on first use (building takes about a second)."""
    if "default" not in _EXTRACTORS:
        _EXTRACTORS["default"] = Extractor()
    return _EXTRACTORS["default"]
