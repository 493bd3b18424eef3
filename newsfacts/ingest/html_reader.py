"""HTML pages → Article: main text, title and date found by trafilatura (``newsfacts[archives]``).

``article_from_html`` serves both saved pages (``read_html_file``) and WARC responses
(``newsfacts.ingest.warc``). A page with no main text is an ``E156`` record; a page whose
date trafilatura cannot find gets ``published=None`` (``--require-date`` turns that into an
error).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from newsfacts.errors import DateError, Errors, InputError
from newsfacts.extras import require
from newsfacts.ingest.dates import parse_date
from newsfacts.ingest.files import BROKEN_READ, broken_read_reason, error_record, open_bytes
from newsfacts.schema import Article, ErrorRecord


def _trafilatura() -> Any:
    return require("trafilatura", "archives", "reading HTML pages")


def article_from_html(page: bytes | str, doc_id: str, where: str,
                      url: str | None = None) -> Article:
    """The main text of one page; RecordError if trafilatura finds none."""
    trafilatura = _trafilatura()
    if isinstance(page, bytes):
        try:
            page = page.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise Errors.NOT_UTF8(where=where, start=exc.start, reason=exc.reason) from exc
    try:
        document = trafilatura.bare_extraction(page, url=url, with_metadata=True,
                                               include_comments=False, include_tables=False)
        found = document.as_dict() if hasattr(document, "as_dict") else document
    except Exception as exc:  # the parser failing on one page costs that page only
        raise Errors.HTML_UNPARSABLE(where=where, exception=type(exc).__name__, detail=exc) from exc
    if not found or not (found.get("text") or "").strip():
        raise Errors.HTML_NO_TEXT(where=where)
    title = found.get("title") or None
    body = found["text"]
    # trafilatura's text often opens with the headline already
    text = body if not title or body.startswith(title) else f"{title}\n\n{body}"
    return Article(id=doc_id, text=text, published=_page_date(found.get("date"), where),
                   title=title, source=url or where)


def _page_date(value: Any, where: str) -> dt.date | None:
    try:
        return parse_date(value, where)
    except DateError:
        return None  # trafilatura's guess is unusable: treat the date as unknown


def read_html_file(path: str | Path) -> Article | ErrorRecord:
    """One saved page (``.html``, ``.htm``, ``.gz`` too); its id is the file name."""
    file = Path(path)
    doc_id = file.name.removesuffix(".gz").rsplit(".", 1)[0]
    try:
        with open_bytes(file) as handle:
            page = handle.read()
        return article_from_html(page, doc_id, str(file))
    except BROKEN_READ as exc:
        return error_record(str(file), Errors.CANNOT_READ(
            path=file,
            reason=broken_read_reason(exc)))
    except InputError as exc:
        return error_record(str(file), exc)
