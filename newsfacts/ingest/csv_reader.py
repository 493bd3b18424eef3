"""CSV files → Article, one row at a time, with a mapping from roles to column names.

A row that cannot be read (bad bytes, no id, no text, a bad date, a field over the csv
module's size limit) becomes an ``ErrorRecord`` naming the file and row, and reading goes on.
"""

from __future__ import annotations

import csv
import gzip
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import IO

from pydantic import BaseModel, ConfigDict

from newsfacts.errors import Errors, InputError
from newsfacts.ingest.dates import parse_date
from newsfacts.ingest.files import error_record, excerpt, reads_to_the_end
from newsfacts.schema import Article, ErrorRecord


class CsvColumns(BaseModel):
    """Which column holds each part of an article; ``text`` and ``title`` may both be set."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = "id"
    text: str = "text"
    published: str | None = "published"
    title: str | None = "title"
    source: str | None = "source"

    @classmethod
    def parse(cls, spec: str | Mapping[str, str] | None) -> CsvColumns:
        """``"id=story_id,text=body,published=date"`` (or a mapping) → CsvColumns.

        Raises RecordError naming a role that is not one of id, text, published, title, source.
        """
        if spec is None:
            return cls()
        pairs: dict[str, str] = {}
        items = spec.items() if isinstance(spec, Mapping) else (
            part.split("=", 1) if "=" in part else (part, "") for part in spec.split(",")
            if part.strip())
        for role, column in items:
            role, column = role.strip(), column.strip()
            if role not in cls.model_fields or not column:
                raise Errors.CSV_COLUMN_MAPPING(
                    role=role,
                    column=column,
                    model_fields=', '.join(cls.model_fields))
            pairs[role] = column
        return cls(**pairs)


def _open(path: Path) -> IO[str]:
    # surrogateescape keeps bad bytes as lone surrogates, so one bad row costs only itself
    if path.name.endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8", errors="surrogateescape", newline="")
    return path.open("r", encoding="utf-8", errors="surrogateescape", newline="")


def _has_bad_bytes(values: Mapping[str, str | None]) -> bool:
    return any(value is not None and any("\udc80" <= ch <= "\udcff" for ch in value)
               for value in values.values())


@reads_to_the_end
def read_csv(path: str | Path, columns: CsvColumns | None = None
             ) -> Iterator[Article | ErrorRecord]:
    """Articles from a CSV file with a header row (tab-separated for ``.tsv``)."""
    file = Path(path)
    roles = columns or CsvColumns()
    try:
        handle = _open(file)
    except OSError as exc:
        yield error_record(str(file), Errors.CANNOT_OPEN(path=file, reason=exc.strerror or exc))
        return
    delimiter = "\t" if ".tsv" in file.name else ","
    with handle:
        reader = csv.DictReader(handle, delimiter=delimiter)
        try:
            header = reader.fieldnames or []
        except (csv.Error, UnicodeError) as exc:
            yield error_record(str(file), Errors.CSV_NO_HEADER(path=file, reason=exc))
            return
        missing = [c for c in (roles.id, roles.text) if c not in header]
        if missing:
            yield error_record(str(file), Errors.CSV_NO_COLUMN(
                path=file,
                column=', '.join(map(repr, missing)),
                header=excerpt(header, 200)))
            return
        row_number = 1
        while True:
            row_number += 1
            where = f"{file}:{row_number}"
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield error_record(where, Errors.CSV_MALFORMED_ROW(where=where, reason=exc))
                continue
            yield _article(row, roles, where, str(file))


def _article(row: dict[str, str | None], roles: CsvColumns, where: str,
             source: str) -> Article | ErrorRecord:
    if _has_bad_bytes(row):
        return error_record(where, Errors.CSV_NOT_UTF8(where=where))
    try:
        doc_id = (row.get(roles.id) or "").strip()
        if not doc_id:
            raise Errors.CSV_EMPTY_ID(where=where, id=roles.id)
        title = (row.get(roles.title) or None) if roles.title else None
        body = row.get(roles.text) or None
        if not title and not body:
            raise Errors.CSV_EMPTY_TEXT(where=where, text=roles.text)
        text = "\n\n".join(part for part in (title, body) if part)
        published = parse_date(row.get(roles.published), where) if roles.published else None
        origin = (row.get(roles.source) or None) if roles.source else None
        return Article(id=doc_id, text=text, published=published, title=title,
                       source=origin or source)
    except InputError as exc:
        return error_record(where, exc)
