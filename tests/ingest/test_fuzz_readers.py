"""No traceback from the readers: any file (name, suffix, bytes, encoding, gzip or not, with
or without a sidecar) read through ``read_paths`` yields Articles and ErrorRecords, or raises a
``NewsfactsError``; ``parse_date`` returns a date, None or a DateError (see tests/fuzzing.py)."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from newsfacts.errors import DateError, NewsfactsError
from newsfacts.ingest import CsvColumns, read_paths
from newsfacts.ingest.dates import parse_date
from newsfacts.schema import Article, ErrorRecord
from tests.fuzzing import any_chars, date_strings, fuzz_settings, odd_values, texts

SUFFIXES = (".txt", ".txt.gz", ".jsonl", ".jsonl.gz", ".csv", ".csv.gz", ".sgm", ".sgm.gz",
            ".html", ".htm.gz", ".warc", ".warc.gz", ".json", "", ".TXT", ".JsonL")
FIELDS = ("id", "newid", "doc_id", "text", "body", "title", "published", "date", "source",
          "story", "day")

json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
              texts, any_chars, date_strings),
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(st.text(max_size=5), inner, max_size=3)),
    max_leaves=6)
records = st.dictionaries(st.sampled_from(FIELDS), json_values, max_size=6)


def jsonl(lines: list[Any]) -> str:
    return "".join((json.dumps(line) if not isinstance(line, str) else line) + "\n"
                   for line in lines)


def sgml(stories: list[tuple[str, str, str, str]]) -> str:
    return "".join(f'<REUTERS TOPICS="YES" NEWID="{newid}">\n<DATE>{date}</DATE>\n'
                   f"<TEXT><TITLE>{title}</TITLE>\n<BODY>{body}</BODY></TEXT>\n</REUTERS>\n"
                   for newid, date, title, body in stories)


def csv_text(header: list[str], rows: list[list[str]]) -> str:
    return "\n".join(",".join(row) for row in [header, *rows]) + "\n"


contents = st.one_of(
    st.binary(max_size=300),
    texts,
    st.lists(st.one_of(records, st.text(max_size=40), json_values), max_size=5).map(jsonl),
    st.lists(st.tuples(st.one_of(st.integers(0, 99999).map(str), st.text(max_size=5)),
                       date_strings, st.text(max_size=30), texts), max_size=3).map(sgml),
    st.builds(csv_text, st.lists(st.sampled_from(FIELDS), min_size=1, max_size=4),
              st.lists(st.lists(st.one_of(texts, date_strings), max_size=4), max_size=3)),
    texts.map(lambda t: f"<html><head><title>T</title></head><body><p>{t}</p></body></html>"),
)
encodings = st.sampled_from(["utf-8", "latin-1", "utf-16", "utf-8-sig", "cp1252", "raw"])
names = st.one_of(st.text(st.characters(blacklist_characters="/\x00"), min_size=1,
                          max_size=20),
                  st.just(os.fsdecode(b"caf\xe9")), st.just("\u202eevil"), st.just("-x"))


def encoded(content: str | bytes, encoding: str) -> bytes:
    if isinstance(content, bytes):
        return content
    if encoding in ("raw", "utf-8"):  # "raw": lone surrogates written as their bytes
        return content.encode("utf-8", "surrogatepass" if encoding == "raw" else "replace")
    return content.encode(encoding, "replace")


def column_specs() -> st.SearchStrategy[CsvColumns | None]:
    spec = st.dictionaries(st.sampled_from(("id", "text", "published", "title", "source")),
                           st.sampled_from(FIELDS), max_size=4)
    return st.one_of(st.none(), spec.map(CsvColumns.parse))


@fuzz_settings(ci=600)
@given(name=names, suffix=st.sampled_from(SUFFIXES), content=contents, encoding=encodings,
       gzipped=st.sampled_from(["as named", "no", "truncated"]),
       sidecar=st.one_of(st.none(), st.binary(max_size=40), records.map(json.dumps)),
       published=st.one_of(st.none(), st.dates(), odd_values), columns=column_specs(),
       as_folder=st.booleans())
def test_read_paths(name: str, suffix: str, content: str | bytes, encoding: str, gzipped: str,
                    sidecar: str | bytes | None, published: Any, columns: CsvColumns | None,
                    as_folder: bool) -> None:
    data = encoded(content, encoding)
    if suffix.lower().endswith(".gz") and gzipped != "no":
        data = gzip.compress(data)
        if gzipped == "truncated":
            data = data[: len(data) // 2]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{name}{suffix}"
        try:
            path.write_bytes(data)
        except (OSError, UnicodeEncodeError):
            return  # a name this file system refuses: nothing to read
        if sidecar is not None:
            side = Path(folder) / f"{name}.json"
            side.write_bytes(sidecar if isinstance(sidecar, bytes) else sidecar.encode())
        target = Path(folder) if as_folder else path
        try:
            results = list(read_paths([target], published=published, csv_columns=columns))
        except NewsfactsError:
            return
    for result in results:
        assert isinstance(result, (Article, ErrorRecord))
        result.model_dump_json()  # every record can be written out
        if isinstance(result, ErrorRecord):
            assert result.error_code.startswith("E") and result.error


@fuzz_settings(ci=600)
@given(value=st.one_of(date_strings, odd_values, texts))
def test_parse_date(value: Any) -> None:
    try:
        date = parse_date(value, "here")
    except DateError:
        return
    assert date is None or isinstance(date, dt.date)
