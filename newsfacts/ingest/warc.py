"""WARC and WARC.gz files (news crawls such as CC-NEWS) → Article, one response at a time.

Needs ``newsfacts[archives]`` (warcio, trafilatura). Every HTTP ``response`` record whose
content type is HTML becomes an article, its id the record's target URI; request, metadata
and non-HTML records are skipped, as they are not documents. A page that cannot be read
becomes an ``ErrorRecord`` and reading goes on; a damaged archive ends with one error record
naming the offset where reading stopped.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsfacts.errors import Errors, InputError
from newsfacts.extras import require
from newsfacts.ingest.files import error_record
from newsfacts.ingest.html_reader import article_from_html
from newsfacts.schema import Article, ErrorRecord

HTML_TYPES: tuple[str, ...] = ("text/html", "application/xhtml+xml")


def read_warc(path: str | Path) -> Iterator[Article | ErrorRecord]:
    """Articles from the HTML responses of a WARC file (gzipped or not)."""
    archive = require("warcio.archiveiterator", "archives", "reading WARC files")
    require("trafilatura", "archives", "reading WARC files")
    file = Path(path)
    try:
        handle = file.open("rb")
    except OSError as exc:
        yield error_record(str(file), Errors.CANNOT_OPEN(path=file, reason=exc.strerror or exc))
        return
    with handle:
        records = archive.ArchiveIterator(handle)
        count = yielded = 0
        while True:
            try:
                record = next(records)
            except StopIteration:
                if yielded == 0:
                    yield error_record(str(file), Errors.WARC_NO_HTML(path=file))
                return
            except Exception as exc:  # warcio raises its own and zlib errors on damage
                where = f"{file}#record{count + 1}"
                yield error_record(where, Errors.WARC_DAMAGED(
                    where=where,
                    exception=type(exc).__name__,
                    detail=exc))
                return
            count += 1
            article = _article(record, file)
            if article is not None:
                yielded += 1
                yield article


def _article(record: Any, file: Path) -> Article | ErrorRecord | None:
    if record.rec_type != "response":
        return None
    http = record.http_headers
    content_type = (http.get_header("Content-Type") or "") if http else ""
    if not content_type.lower().startswith(HTML_TYPES):
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    doc_id = uri or record.rec_headers.get_header("WARC-Record-ID") or "?"
    where = f"{file}:{doc_id}"
    try:
        page = record.content_stream().read()
        return article_from_html(_decoded(page, content_type), doc_id, where, url=uri or None)
    except InputError as exc:
        return error_record(doc_id, exc)
    except Exception as exc:  # a broken record body (bad chunking, bad gzip)
        return error_record(doc_id, Errors.WARC_RECORD(
            where=where,
            exception=type(exc).__name__,
            detail=exc))


def _decoded(page: bytes, content_type: str) -> bytes | str:
    """Bytes in the charset the server declared, else left to UTF-8."""
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            try:
                return page.decode(value.strip().strip('"'))
            except (LookupError, UnicodeDecodeError):
                return page
    return page
