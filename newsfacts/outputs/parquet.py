"""Facts as Parquet (``newsfacts[archives]``): the CSV columns, typed, one row group per batch.

Facts and error records share one table as they share one CSV header: a fact leaves the
error columns null, an error record fills ``doc_id`` and its own columns. Money and
percentages are float64 (the numbers JSONL holds), tuples are lists of strings, offsets are
int64 and ``seasonally_adjusted`` is a nullable bool.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from newsfacts.errors import Errors
from newsfacts.outputs.table import CSV_COLUMNS
from newsfacts.schema import ErrorRecord, TradeFact

ROW_GROUP_SIZE = 10_000


def _pyarrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError as exc:
        raise Errors.PARQUET_NOT_INSTALLED() from exc
    return pyarrow


def _arrow_type(pa: Any, annotation: Any) -> Any:
    args = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType) and len(args) == 1:
        return _arrow_type(pa, args[0])
    if origin is tuple:
        return pa.list_(pa.string())
    if annotation is bool:
        return pa.bool_()
    if annotation is int:
        return pa.int64()
    name = str(annotation)
    if "Decimal" in name:
        return pa.float64()
    return pa.string()


def parquet_schema() -> Any:
    """The Arrow schema of a facts table: ``CSV_COLUMNS`` in order, every column nullable."""
    pa = _pyarrow()
    fields = {**ErrorRecord.model_fields, **TradeFact.model_fields}
    return pa.schema([pa.field(name, _arrow_type(pa, fields[name].annotation))
                      for name in CSV_COLUMNS])


def parquet_rows(records: Iterable[TradeFact | ErrorRecord]) -> dict[str, list[Any]]:
    """Records as columns (a dict of lists keyed by ``CSV_COLUMNS``)."""
    columns: dict[str, list[Any]] = {name: [] for name in CSV_COLUMNS}
    for record in records:
        data = record.model_dump(mode="json")
        for name, values in columns.items():
            value = data.get(name)
            values.append(list(value) if isinstance(value, (list, tuple)) else value)
    return columns


class ParquetFactWriter:
    """Writes batches of records to one Parquet file; ``close()`` writes the footer."""

    def __init__(self, path: str | Path) -> None:
        pa = _pyarrow()
        self._pa = pa
        self.schema = parquet_schema()
        self._writer = pa.parquet.ParquetWriter(str(path), self.schema)
        self.count = 0

    def write(self, records: Iterable[TradeFact | ErrorRecord]) -> int:
        columns = parquet_rows(records)
        rows = len(columns[CSV_COLUMNS[0]])
        if rows:
            table = self._pa.Table.from_pydict(columns, schema=self.schema)
            self._writer.write_table(table, row_group_size=ROW_GROUP_SIZE)
            self.count += rows
        return rows

    def close(self) -> None:
        self._writer.close()

    def __enter__(self) -> ParquetFactWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def write_parquet(records: Iterable[TradeFact | ErrorRecord], path: str | Path,
                  batch_size: int = ROW_GROUP_SIZE) -> int:
    """Write records to a Parquet file, ``batch_size`` at a time; returns the count."""
    batch: list[TradeFact | ErrorRecord] = []
    with ParquetFactWriter(path) as writer:
        for record in records:
            batch.append(record)
            if len(batch) >= batch_size:
                writer.write(batch)
                batch = []
        writer.write(batch)
        return writer.count


def read_parquet_records(path: str | Path) -> list[TradeFact | ErrorRecord]:
    """The records of a Parquet file written here, validated back into models."""
    pa = _pyarrow()
    result: list[TradeFact | ErrorRecord] = []
    for row in pa.parquet.read_table(str(path)).to_pylist():
        if row.get("error_code"):
            result.append(ErrorRecord.model_validate(
                {k: row[k] for k in ErrorRecord.model_fields}))
        else:
            # a file written before a field existed (``published``) lacks its column
            result.append(TradeFact.model_validate(
                {k: row[k] for k in TradeFact.model_fields if k in row}))
    return result
