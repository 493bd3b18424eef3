"""Appendable outputs for batch runs: each ``commit`` makes a batch durable (flush + fsync)."""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Protocol, TextIO

from newsfacts.errors import Errors
from newsfacts.outputs import CSV_COLUMNS, ParquetFactWriter, csv_row
from newsfacts.schema import ErrorRecord, TradeFact

FORMATS: tuple[str, ...] = ("jsonl", "csv", "parquet")


class Sink(Protocol):
    def write(self, records: Iterable[TradeFact | ErrorRecord]) -> None: ...

    def commit(self) -> int:
        """Make everything written durable; returns the output's size in bytes."""
        ...

    def close(self) -> None: ...


class TextSink:
    """JSONL or CSV into a path (truncated to ``resume_at`` bytes, or created) or a stream."""

    def __init__(self, target: str | Path | TextIO, output_format: str,
                 resume_at: int | None = None) -> None:
        self.output_format = output_format
        self._owned = isinstance(target, (str, Path))
        self._name = str(target) if isinstance(target, (str, Path)) else None
        fresh = True
        if isinstance(target, (str, Path)):
            path = Path(target)
            if resume_at is not None:
                size = path.stat().st_size if path.exists() else -1
                if size < resume_at:
                    raise Errors.RESUME_OUTPUT_CHANGED(
                        path=path,
                        size=max(size, 0),
                        resume_at=resume_at)
                with path.open("r+b") as raw:  # drop what the last checkpoint did not cover
                    raw.truncate(resume_at)
                fresh = resume_at == 0
                self._handle: TextIO = path.open("a", encoding="utf-8", newline="")
            else:
                self._handle = path.open("w", encoding="utf-8", newline="")
        else:
            self._handle = target
        self._csv = (csv.DictWriter(self._handle, fieldnames=CSV_COLUMNS, lineterminator="\n")
                     if output_format == "csv" else None)
        if self._csv is not None and fresh:
            self._csv.writeheader()

    def write(self, records: Iterable[TradeFact | ErrorRecord]) -> None:
        try:
            if self._csv is not None:
                self._csv.writerows(csv_row(record) for record in records)
            else:
                self._handle.write("".join(record.model_dump_json() + "\n"
                                           for record in records))
        except OSError as exc:
            raise _named(exc, self._name) from exc

    def commit(self) -> int:
        try:
            self._handle.flush()
            if not self._owned:
                return 0
            os.fsync(self._handle.fileno())
            return os.fstat(self._handle.fileno()).st_size
        except OSError as exc:
            raise _named(exc, self._name) from exc

    def close(self) -> None:
        try:
            if self._owned:
                self._handle.close()
            else:
                self._handle.flush()
        except OSError as exc:
            raise _named(exc, self._name) from exc


def _named(exc: OSError, name: str | None) -> OSError:
    """A write error that names the output ('Input/output error' alone says too little)."""
    if exc.filename or name is None:
        return exc
    return OSError(exc.errno, f"cannot write the output ({exc.strerror or exc})", name)


class ParquetSink:
    """One Parquet file, a row group per batch; complete only once closed (no resume)."""

    def __init__(self, target: str | Path | TextIO) -> None:
        if not isinstance(target, (str, Path)):
            raise Errors.PARQUET_NEEDS_FILE()
        self._writer = ParquetFactWriter(target)

    def write(self, records: Iterable[TradeFact | ErrorRecord]) -> None:
        self._writer.write(records)

    def commit(self) -> int:
        return 0

    def close(self) -> None:
        self._writer.close()


def open_sink(target: str | Path | TextIO, output_format: str,
              resume_at: int | None = None) -> Sink:
    """The sink for ``output_format`` (one of ``FORMATS``)."""
    if output_format == "parquet":
        if resume_at is not None:
            raise Errors.RESUME_PARQUET()
        return ParquetSink(target)
    if output_format not in FORMATS:
        raise Errors.OUTPUT_FORMAT(output_format=output_format, formats=', '.join(FORMATS))
    return TextSink(target, output_format, resume_at)

