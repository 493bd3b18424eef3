"""Files and folders → Articles: each file read by the reader its suffix names."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path

from newsfacts.errors import Errors, InputError
from newsfacts.ingest.csv_reader import CsvColumns, read_csv
from newsfacts.ingest.files import error_record, printable
from newsfacts.ingest.html_reader import read_html_file
from newsfacts.ingest.readers import read_jsonl, read_text_file
from newsfacts.ingest.reuters import read_reuters_sgml
from newsfacts.ingest.warc import read_warc
from newsfacts.schema import Article, ErrorRecord

TEXT_SUFFIXES: tuple[str, ...] = (".txt", ".txt.gz")
JSONL_SUFFIXES: tuple[str, ...] = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
CSV_SUFFIXES: tuple[str, ...] = (".csv", ".csv.gz", ".tsv", ".tsv.gz")
SGML_SUFFIXES: tuple[str, ...] = (".sgm", ".sgm.gz", ".sgml", ".sgml.gz")
HTML_SUFFIXES: tuple[str, ...] = (".html", ".htm", ".html.gz", ".htm.gz")
WARC_SUFFIXES: tuple[str, ...] = (".warc", ".warc.gz")
READABLE_SUFFIXES: tuple[str, ...] = (TEXT_SUFFIXES + JSONL_SUFFIXES + CSV_SUFFIXES
                                      + SGML_SUFFIXES + HTML_SUFFIXES + WARC_SUFFIXES)


def read_paths(paths: Iterable[str | Path], published: dt.date | None = None,
               csv_columns: CsvColumns | None = None) -> Iterator[Article | ErrorRecord]:
    """Articles from files and folders, in name order, each file read by its suffix.

    Text files (with sidecars; ``published`` overrides their dates), JSONL, CSV (columns
    mapped by ``csv_columns``), Reuters-21578 SGML, HTML pages and WARC archives; every
    format may be gzipped. HTML and WARC need ``newsfacts[archives]``.
    """
    if isinstance(published, dt.datetime):
        published = published.date()
    elif published is not None and not isinstance(published, dt.date):
        raise Errors.PUBLISHED_WRONG_TYPE(
            kind=type(published).__name__,
            value=printable(repr(published))[:60])
    for path in paths:
        file = Path(path)
        name = file.name.lower()
        if printable(str(file)) != str(file):  # a name that is not UTF-8 ('caf\xe9.txt')
            yield error_record(str(file), Errors.FILE_NAME_NOT_UTF8(file=printable(str(file))))
            continue
        if file.is_dir():
            children = sorted(p for p in file.rglob("*") if p.is_file() and _readable(p))
            if not children:
                empty = Errors.FOLDER_EMPTY(path=file)
                yield ErrorRecord(doc_id=str(file), error_code=empty.code, error=empty.message,
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
                yield error_record(str(file), exc)


def _readable(path: Path) -> bool:
    return path.name.lower().endswith(READABLE_SUFFIXES)
