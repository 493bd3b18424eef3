"""Text files with sidecar metadata and JSONL records → Article, one at a time.

A record that cannot be read becomes an ``ErrorRecord`` naming the file, line and
problem, so that a batch run accounts for every document it was given.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import re
import zlib
from collections.abc import Callable, Iterable, Iterator
from functools import wraps
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, ParamSpec

from newsfacts.errors import DateError, EncodingError, InputError, RecordError
from newsfacts.schema import Article, ErrorRecord

if TYPE_CHECKING:
    from newsfacts.ingest.csv_reader import CsvColumns

TEXT_SUFFIXES: tuple[str, ...] = (".txt", ".txt.gz")
JSONL_SUFFIXES: tuple[str, ...] = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
CSV_SUFFIXES: tuple[str, ...] = (".csv", ".csv.gz", ".tsv", ".tsv.gz")
SGML_SUFFIXES: tuple[str, ...] = (".sgm", ".sgm.gz", ".sgml", ".sgml.gz")
HTML_SUFFIXES: tuple[str, ...] = (".html", ".htm", ".html.gz", ".htm.gz")
WARC_SUFFIXES: tuple[str, ...] = (".warc", ".warc.gz")
READABLE_SUFFIXES: tuple[str, ...] = (TEXT_SUFFIXES + JSONL_SUFFIXES + CSV_SUFFIXES
                                      + SGML_SUFFIXES + HTML_SUFFIXES + WARC_SUFFIXES)
ID_KEYS: tuple[str, ...] = ("doc_id", "id", "newid")
DATE_KEYS: tuple[str, ...] = ("published", "date")
# What reading a file can raise after it opened: a read error, or a .gz file that is cut
# short (EOFError) or corrupt (zlib.error, gzip.BadGzipFile).
BROKEN_READ: tuple[type[Exception], ...] = (OSError, EOFError, zlib.error)
P = ParamSpec("P")
TEXT_KEYS: tuple[str, ...] = ("body", "text")
REUTERS_DATE_FORMATS: tuple[str, ...] = ("%d-%b-%Y %H:%M:%S.%f", "%d-%b-%Y %H:%M:%S", "%d-%b-%Y")
# Some Reuters-21578 dates carry stray letters after the time ('27-MAR-1987 01:35:42.65RM'),
# a garbled time ('31-MAR-1987 605:12:19.12') or an editor's comment ('9-APR-1987
# 00:00:00.00    # date added by S Finch as guesswork'): the day is still plain.
_REUTERS_DATE_WITH_TAIL = re.compile(
    r"^(\d{1,2}-[A-Za-z]{3}-\d{4}) \d{1,3}:\d\d:\d\d(?:\.\d+)?(?:[A-Z ]*|\s+#.*)$")


FIRST_YEAR, LAST_YEAR = 1001, 9998  # "last year" and "next year" stay four-digit years


def news_year(date: dt.date, where: str) -> dt.date:
    """``date``, or DateError where its year is one no period code can name."""
    if not FIRST_YEAR <= date.year <= LAST_YEAR:
        raise DateError(f"{where}: periods are named by four-digit years, so a publication "
                        f"date lies between {FIRST_YEAR} and {LAST_YEAR}")
    return date


def parse_date(value: Any, where: str) -> dt.date | None:
    """ISO dates ('1994-05-20', with or without time) and Reuters-21578 dates."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise DateError(f"{where}: date {excerpt(value)} is not a string")
    text = value.strip()
    try:
        return news_year(dt.date.fromisoformat(text[:10]), where)
    except ValueError:
        pass
    for layout in REUTERS_DATE_FORMATS:
        try:
            return news_year(dt.datetime.strptime(text, layout).date(), where)
        except ValueError:
            continue
    tailed = _REUTERS_DATE_WITH_TAIL.match(text)
    if tailed:
        try:
            return news_year(dt.datetime.strptime(tailed.group(1), "%d-%b-%Y").date(), where)
        except ValueError:
            pass
    raise DateError(
        f"{where}: date {excerpt(value)} is neither ISO (1994-05-20) nor Reuters (26-FEB-1987)"
    )


def _open_text(path: Path) -> IO[str]:
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8", errors="strict")
    return path.open("r", encoding="utf-8", errors="strict")


def open_bytes(path: Path) -> io.BufferedIOBase:
    """A file's bytes, gunzipped on the fly for ``.gz``."""
    if path.suffix == ".gz":
        return gzip.open(path, "rb")
    return path.open("rb")


_open_bytes = open_bytes


def _read_whole(path: Path) -> str:
    try:
        with _open_text(path) as handle:
            return handle.read()
    except UnicodeDecodeError as exc:
        raise EncodingError(f"{path}: not UTF-8 text (byte {exc.start}: {exc.reason})") from exc
    except BROKEN_READ as exc:
        raise InputError(f"{path}: cannot read ({broken_read_reason(exc)})") from exc


def broken_read_reason(exc: BaseException) -> str:
    if isinstance(exc, EOFError):
        return "the compressed file is cut short"
    if isinstance(exc, zlib.error):
        return f"the compressed data is damaged: {exc}"
    if isinstance(exc, OSError):
        return str(exc.strerror or exc)
    return str(exc)


def reads_to_the_end(reader: Callable[P, Iterator[Article | ErrorRecord]]
                     ) -> Callable[P, Iterator[Article | ErrorRecord]]:
    """A reader (first argument: the file) whose file breaks off midway yields what it read
    and then one ErrorRecord for the rest, instead of raising out of the run."""
    @wraps(reader)
    def guarded(*args: P.args, **kwargs: P.kwargs) -> Iterator[Article | ErrorRecord]:
        try:
            yield from reader(*args, **kwargs)
        except BROKEN_READ as exc:
            file = args[0] if args else kwargs.get("path")
            yield error_record(str(file), InputError(
                f"{file}: cannot read to the end ({broken_read_reason(exc)})"))
    return guarded


def _sidecar(path: Path) -> dict[str, Any]:
    """``name.json`` beside ``name.txt``, else ``meta.json`` in the same folder, else {}."""
    stem = path.name.removesuffix(".gz").removesuffix(".txt")
    for candidate in (path.with_name(f"{stem}.json"), path.with_name("meta.json")):
        if candidate.is_file():
            try:
                data = json.loads(candidate.read_text(encoding="utf-8"))
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                raise RecordError(f"{candidate}: sidecar is not valid JSON ({exc})") from exc
            if not isinstance(data, dict):
                raise RecordError(f"{candidate}: sidecar must be a JSON object")
            return data
    return {}


def read_text_file(path: str | Path, published: dt.date | None = None) -> Article:
    """One article from a text file; its date from ``published`` or the sidecar."""
    file = Path(path)
    text = _read_whole(file)
    meta = _sidecar(file)
    date = published or parse_date(_first(meta, DATE_KEYS), str(file))
    doc_id = str(_first(meta, ID_KEYS) or file.name.removesuffix(".gz").removesuffix(".txt"))
    title, source = meta.get("title"), meta.get("source")
    for name, value in (("title", title), ("source", source)):
        if value is not None and not isinstance(value, str):
            raise RecordError(f"{file}: the sidecar's {name} must be a string, got "
                              f"{type(value).__name__}")
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


EXCERPT_CHARS = 60


def excerpt(value: Any, limit: int = EXCERPT_CHARS) -> str:
    """``repr(value)`` for a message, cut to about ``limit`` characters with the full length
    said, so that an error record does not copy a 2 MB field."""
    if isinstance(value, str) and len(value) > limit:
        return f"{value[:limit]!r}… ({len(value):,} characters)"
    shown = repr(value)
    return shown if len(shown) <= limit + 2 else f"{shown[:limit]}… ({len(shown):,} characters)"


def printable(text: str) -> str:
    """``text`` with lone surrogates (a file name that is not UTF-8, a JSON '\\udc80') written
    as backslash escapes, so that an error record can name it."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def require_unicode(value: str, where: str, what: str) -> str:
    """``value``, or EncodingError (E102) where it holds a lone surrogate no UTF-8 can hold."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise EncodingError(f"{printable(where)}: the {what} holds a lone surrogate at "
                            f"character {exc.start}, which is no Unicode text") from None
    return value


def article_from_record(record: Any, where: str, id_prefix: str = "") -> Article:
    """A JSON record with an id, a date and a title and/or body (text = title, blank line, body)."""
    if not isinstance(record, dict):
        raise RecordError(f"{where}: expected a JSON object, got {type(record).__name__}")
    raw_id = _first(record, ID_KEYS)
    if raw_id is None:
        raise RecordError(f"{where}: no id (one of {', '.join(ID_KEYS)})")
    doc_id = f"{id_prefix}{raw_id}" if "newid" in record and "doc_id" not in record else str(raw_id)
    title = record.get("title")
    body = _first(record, TEXT_KEYS)
    for name, value in (("title", title), ("body", body)):
        if value is not None and not isinstance(value, str):
            raise RecordError(f"{where}: {name} must be a string, got {type(value).__name__}")
    if not title and not body:
        raise RecordError(f"{where}: neither title nor body/text")
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
        handle = _open_bytes(file)
    except OSError as exc:
        yield ErrorRecord(doc_id=str(file), error_code=InputError.code,
                          error=f"{file}: cannot open ({exc.strerror or exc})", source=str(file))
        return
    with handle:
        # Lines are decoded one by one, so a bad byte costs its own line and no other.
        for number, raw in enumerate(handle, start=1):
            where = f"{file}:{number}"
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield _error(where, EncodingError(
                    f"{where}: not UTF-8 (byte {exc.start}: {exc.reason})"))
                continue
            if not line.strip():
                continue
            try:
                yield article_from_record(json.loads(line), where, id_prefix)
            except json.JSONDecodeError as exc:
                yield _error(where, RecordError(f"{where}: not valid JSON ({exc.msg})"))
            except InputError as exc:
                yield _error(where, exc)


def error_record(where: str, exc: InputError) -> ErrorRecord:
    """The ErrorRecord of a document that could not be read; ``where`` is its id and source."""
    where = printable(where)
    return ErrorRecord(doc_id=where, error_code=exc.code, error=printable(exc.message),
                       source=where)


_error = error_record


def read_paths(paths: Iterable[str | Path], published: dt.date | None = None,
               csv_columns: CsvColumns | None = None) -> Iterator[Article | ErrorRecord]:
    """Articles from files and folders, in name order, each file read by its suffix.

    Text files (with sidecars; ``published`` overrides their dates), JSONL, CSV (columns
    mapped by ``csv_columns``), Reuters-21578 SGML, HTML pages and WARC archives; every
    format may be gzipped. HTML and WARC need ``newsfacts[archives]``.
    """
    from newsfacts.ingest.csv_reader import read_csv
    from newsfacts.ingest.html_reader import read_html_file
    from newsfacts.ingest.reuters import read_reuters_sgml
    from newsfacts.ingest.warc import read_warc

    if isinstance(published, dt.datetime):
        published = published.date()
    elif published is not None and not isinstance(published, dt.date):
        raise DateError(f"published must be a date, not {type(published).__name__} "
                        f"{printable(repr(published))[:60]}")
    for path in paths:
        file = Path(path)
        name = file.name.lower()
        if printable(str(file)) != str(file):  # a name that is not UTF-8 ('caf\xe9.txt')
            yield _error(str(file), EncodingError(
                f"{printable(str(file))}: the file name is not UTF-8; rename the file"))
            continue
        if file.is_dir():
            children = sorted(p for p in file.rglob("*") if p.is_file() and _readable(p))
            if not children:
                yield ErrorRecord(doc_id=str(file), error_code=InputError.code,
                                  error=f"{file}: folder holds no .txt or .jsonl files (nor "
                                        "CSV, Reuters SGML, HTML or WARC files)",
                                  source=str(file))
            yield from read_paths(children, published, csv_columns)
        elif name.endswith(JSONL_SUFFIXES):
            yield from read_jsonl(file)
        elif name.endswith(CSV_SUFFIXES):
            yield from read_csv(file, csv_columns)
        elif name.endswith(SGML_SUFFIXES):
            yield from read_reuters_sgml(file)
        elif name.endswith(WARC_SUFFIXES):
            yield from read_warc(file)
        elif name.endswith(HTML_SUFFIXES):
            yield read_html_file(file)
        else:
            try:
                yield read_text_file(file, published)
            except InputError as exc:
                yield _error(str(file), exc)


def _readable(path: Path) -> bool:
    return path.name.lower().endswith(READABLE_SUFFIXES)
