"""Text files with sidecar metadata and JSONL records → Article, one at a time.

A record that cannot be read becomes an ``ErrorRecord`` naming the file, line and
problem, so that a batch run accounts for every document it was given.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsfacts.errors import Errors, InputError
from newsfacts.ingest.dates import parse_date
from newsfacts.ingest.files import (
    error_record,
    open_bytes,
    read_whole,
    reads_to_the_end,
    require_unicode,
)
from newsfacts.schema import Article, ErrorRecord

__all__ = ["article_from_record", "parse_date", "read_jsonl", "read_text_file"]

ID_KEYS: tuple[str, ...] = ("doc_id", "id", "newid")
DATE_KEYS: tuple[str, ...] = ("published", "date")
TEXT_KEYS: tuple[str, ...] = ("body", "text")


def _sidecar(path: Path) -> dict[str, Any]:
    """``name.json`` beside ``name.txt``, else ``meta.json`` in the same folder, else {}."""
    stem = path.name.removesuffix(".gz").removesuffix(".txt")
    for candidate in (path.with_name(f"{stem}.json"), path.with_name("meta.json")):
        if candidate.is_file():
            try:
                data = json.loads(candidate.read_text(encoding="utf-8"))
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                raise Errors.SIDECAR_NOT_JSON(path=candidate, reason=exc) from exc
            if not isinstance(data, dict):
                raise Errors.SIDECAR_NOT_OBJECT(path=candidate)
            return data
    return {}


def read_text_file(path: str | Path, published: dt.date | None = None) -> Article:
    """One article from a text file; its date from ``published`` or the sidecar."""
    file = Path(path)
    text = read_whole(file)
    meta = _sidecar(file)
    date = published or parse_date(_first(meta, DATE_KEYS), str(file))
    doc_id = str(_first(meta, ID_KEYS) or file.name.removesuffix(".gz").removesuffix(".txt"))
    title, source = meta.get("title"), meta.get("source")
    for name, value in (("title", title), ("source", source)):
        if value is not None and not isinstance(value, str):
            raise Errors.SIDECAR_FIELD_TYPE(path=file, field=name, kind=type(value).__name__)
        if value:
            require_unicode(value, str(file), name)
    require_unicode(doc_id, str(file), "id")
    return Article(id=doc_id, text=text, published=date, title=title,
                   source=source or str(file))


def _first(record: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        if record.get(key) not in (None, ""):
            return record[key]
    return None


def article_from_record(record: Any, where: str, id_prefix: str = "") -> Article:
    """A JSON record with an id, a date and a title and/or body (text = title, blank line, body)."""
    if not isinstance(record, dict):
        raise Errors.NOT_A_JSON_OBJECT(where=where, kind=type(record).__name__)
    raw_id = _first(record, ID_KEYS)
    if raw_id is None:
        raise Errors.NO_ID(where=where, id_keys=', '.join(ID_KEYS))
    doc_id = f"{id_prefix}{raw_id}" if "newid" in record and "doc_id" not in record else str(raw_id)
    title = record.get("title")
    body = _first(record, TEXT_KEYS)
    for name, value in (("title", title), ("body", body)):
        if value is not None and not isinstance(value, str):
            raise Errors.FIELD_TYPE(where=where, field=name, kind=type(value).__name__)
    if not title and not body:
        raise Errors.NO_TEXT(where=where)
    require_unicode(doc_id, where, "id")
    text = require_unicode("\n\n".join(part for part in (title, body) if part), where, "text")
    return Article(id=doc_id, text=text, published=parse_date(_first(record, DATE_KEYS), where),
                   title=title, source=where.rsplit(":", 1)[0])


@reads_to_the_end
def read_jsonl(path: str | Path, id_prefix: str = "reuters-") -> Iterator[Article | ErrorRecord]:
    """Articles from a JSONL file; a bad line becomes an ErrorRecord and reading goes on.

    Records with a Reuters ``newid`` (and no ``doc_id``) get ids ``reuters-<newid>``.
    """
    file = Path(path)
    try:
        handle = open_bytes(file)
    except OSError as exc:
        failure = Errors.CANNOT_OPEN(path=file, reason=exc.strerror or exc)
        yield ErrorRecord(doc_id=str(file), error_code=failure.code, error=failure.message,
                          source=str(file))
        return
    with handle:
        # Lines are decoded one by one, so a bad byte costs its own line and no other.
        for number, raw in enumerate(handle, start=1):
            where = f"{file}:{number}"
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield error_record(where, Errors.NOT_UTF8(
                    where=where,
                    start=exc.start,
                    reason=exc.reason))
                continue
            if not line.strip():
                continue
            try:
                yield article_from_record(json.loads(line), where, id_prefix)
            except json.JSONDecodeError as exc:
                yield error_record(where, Errors.NOT_JSON(where=where, reason=exc.msg))
            except InputError as exc:
                yield error_record(where, exc)
