"""Facts as JSON Lines: one record a line, written as it comes and read back one at a time.

A line is a ``TradeFact`` (its fields in schema order, money as JSON numbers) or an
``ErrorRecord``, which is told apart by its ``error_code`` key.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from pydantic import ValidationError

from newsfacts.errors import Errors
from newsfacts.outputs.target import Target, open_target
from newsfacts.schema import ErrorRecord, TradeFact


def write_jsonl(records: Iterable[TradeFact | ErrorRecord], target: Target) -> int:
    """Write each record as one JSON line to a path or an open text stream; returns the count.

    Records are written one by one as the iterable yields them, so a generator over a large
    batch is never held in memory. A stream is left open.
    """
    count = 0
    with open_target(target) as handle:
        for record in records:
            handle.write(record.model_dump_json())
            handle.write("\n")
            count += 1
    return count


def read_facts(path: str | Path) -> Iterator[TradeFact | ErrorRecord]:
    """Records from a facts JSONL file written by ``write_jsonl``, one at a time.

    Blank lines are skipped. A line that is not JSON, or not a valid record, raises
    ``RecordError`` naming the file and line: a facts file is the program's own output,
    so a bad line means the file is damaged, not that a document was odd.
    """
    file = Path(path)
    try:
        handle = file.open("rb")
    except OSError as exc:
        raise Errors.CANNOT_OPEN(path=file, reason=exc.strerror or exc) from exc
    with handle:
        for number, raw in enumerate(handle, start=1):
            where = f"{file}:{number}"
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise Errors.NOT_UTF8(where=where, start=exc.start, reason=exc.reason) from exc
            if line.strip():
                yield _record(line, where)


def _record(line: str, where: str) -> TradeFact | ErrorRecord:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise Errors.NOT_JSON(where=where, reason=exc.msg) from exc
    if not isinstance(data, dict):
        raise Errors.NOT_A_JSON_OBJECT(where=where, kind=type(data).__name__)
    model: type[TradeFact] | type[ErrorRecord] = (
        ErrorRecord if "error_code" in data else TradeFact
    )
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in error['loc']) or '(record)'}: {error['msg']}"
            for error in exc.errors()
        )
        raise Errors.OUTPUT_RECORD_INVALID(
            where=where,
            record=model.__name__,
            problems=problems) from exc
