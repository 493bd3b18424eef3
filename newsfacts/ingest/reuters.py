"""Reuters-21578 SGML files (``reut2-000.sgm`` …) → Article, one story at a time.

Each story lies between a ``<REUTERS … NEWID="n">`` line and a ``</REUTERS>`` line; its
date is in ``<DATE>``, its text in ``<TITLE>`` and ``<BODY>`` (or, for ``TYPE="UNPROC"``
stories, directly in ``<TEXT>``). The article text is built as ``read_jsonl`` builds it from
the JSONL export: title, blank line, body, SGML entities decoded, the dateline left out, so
ids (``reuters-<newid>``) and offsets agree between the two forms. The file is read line by
line; a story with bad bytes or no NEWID becomes an ``ErrorRecord`` and reading goes on.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

from newsfacts.errors import Errors, InputError
from newsfacts.ingest.dates import parse_date
from newsfacts.ingest.files import error_record, open_bytes, reads_to_the_end
from newsfacts.schema import Article, ErrorRecord

_OPEN = re.compile(rb"^\s*<REUTERS\b[^>]*>")
_CLOSE = re.compile(rb"</REUTERS>\s*$")
_NEWID = re.compile(r'\bNEWID="?(\d+)"?')
_TAGS = re.compile(r"<[^>]+>")
_ELEMENT = {name: re.compile(rf"<{name}\b[^>]*>(.*?)</{name}>", re.S)
            for name in ("DATE", "TITLE", "BODY", "TEXT", "DATELINE")}


def _element(name: str, story: str) -> str | None:
    found = _ELEMENT[name].search(story)
    return found.group(1) if found else None


def _decode(markup: str) -> str:
    """Entities decoded and control characters (``&#3;`` ends every story) dropped."""
    return "".join(ch for ch in html.unescape(markup) if ch >= " " or ch in "\n\t")


def article_from_sgml(story: str, where: str, id_prefix: str = "reuters-") -> Article:
    """One ``<REUTERS>…</REUTERS>`` element → Article; RecordError/DateError if unusable."""
    newid = _NEWID.search(story[: story.find(">") + 1])
    if newid is None:
        raise Errors.REUTERS_NO_NEWID(where=where)
    doc_id = f"{id_prefix}{newid.group(1)}"
    raw_title, raw_body = _element("TITLE", story), _element("BODY", story)
    title = _decode(raw_title) if raw_title else None
    body = _decode(raw_body) if raw_body else None
    if not title and not body:
        raw_text = _element("TEXT", story)
        # an UNPROC story: the text as it stands, inner tags dropped
        body = _decode(_TAGS.sub("", raw_text)) if raw_text else None
        body = body if body and body.strip() else None
    if not title and not body:
        raise Errors.REUTERS_NO_TEXT(where=where, story=doc_id)
    date = _element("DATE", story)  # entities too: '27-MAR-1987 00:02:59.13&#5;&#5;&#5;RM'
    date = _decode(date) if date else None
    text = "\n\n".join(part for part in (title, body) if part)
    return Article(id=doc_id, text=text, published=parse_date(date and date.strip(), where),
                   title=title, source=where.rsplit(":", 1)[0])


@reads_to_the_end
def read_reuters_sgml(path: str | Path, id_prefix: str = "reuters-"
                      ) -> Iterator[Article | ErrorRecord]:
    """Articles from a Reuters-21578 SGML file (``.gz`` too); bad stories → ErrorRecord."""
    file = Path(path)
    try:
        handle = open_bytes(file)
    except OSError as exc:
        yield error_record(str(file), Errors.CANNOT_OPEN(path=file, reason=exc.strerror or exc))
        return
    lines: list[bytes] = []
    start = 0
    with handle:
        for number, raw in enumerate(handle, start=1):
            if not lines:
                if _OPEN.match(raw):
                    lines, start = [raw], number
                    if _CLOSE.search(raw):
                        yield _story(lines, f"{file}:{start}", id_prefix)
                        lines = []
                continue
            lines.append(raw)
            if _CLOSE.search(raw):
                yield _story(lines, f"{file}:{start}", id_prefix)
                lines = []
    if lines:
        where = f"{file}:{start}"
        yield error_record(where, Errors.REUTERS_NOT_CLOSED(where=where))


def _story(lines: list[bytes], where: str, id_prefix: str) -> Article | ErrorRecord:
    data = b"".join(lines)
    try:
        story = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        newid = _NEWID.search(data[:200].decode("ascii", "replace"))
        doc_where = f"{where} (NEWID {newid.group(1)})" if newid else where
        return error_record(where, Errors.NOT_UTF8(
            where=doc_where,
            start=exc.start,
            reason=exc.reason))
    try:
        return article_from_sgml(story, where, id_prefix)
    except InputError as exc:
        return error_record(where, exc)
