"""Facts as CSV: the SCHEMA.md gold columns first, then newsfacts' own, then the error columns.

One header serves both record types, so a batch's facts and its error records stream into
one file: a fact leaves the error columns empty, an error record fills ``doc_id`` and its
own columns. Tuples are joined with ``;``, ``None`` is an empty cell, booleans are
``true``/``false`` and money is written as the number JSONL holds.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any

from newsfacts.outputs.target import Target, open_target
from newsfacts.schema import GOLD_FIELDS, ErrorRecord, TradeFact

LIST_SEPARATOR = ";"
FACT_COLUMNS: tuple[str, ...] = GOLD_FIELDS + tuple(
    name for name in TradeFact.model_fields if name not in GOLD_FIELDS
)
ERROR_COLUMNS: tuple[str, ...] = tuple(
    name for name in ErrorRecord.model_fields if name not in FACT_COLUMNS
)
CSV_COLUMNS: tuple[str, ...] = FACT_COLUMNS + ERROR_COLUMNS


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(str(item) for item in value)
    return str(value)


def csv_row(record: TradeFact | ErrorRecord) -> dict[str, str]:
    """The record as a row keyed by ``CSV_COLUMNS``, every cell a string."""
    data = record.model_dump(mode="json")
    return {column: _cell(data.get(column)) for column in CSV_COLUMNS}


def write_csv(records: Iterable[TradeFact | ErrorRecord], target: Target) -> int:
    """Write a header and one row per record to a path or an open text stream; returns the count.

    Rows are written as the iterable yields them. A path is opened with ``newline=""`` as the
    csv module wants; a stream handed in should be opened that way too.
    """
    count = 0
    with open_target(target, newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for record in records:
            writer.writerow(csv_row(record))
            count += 1
    return count
