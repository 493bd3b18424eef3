"""What every reader shares: opening files (gzipped or not), text that must be Unicode,
and the error record of a document that could not be read."""

from __future__ import annotations

import gzip
import io
from pathlib import Path
from typing import IO

from newsfacts.errors import EncodingError, InputError
from newsfacts.schema import ErrorRecord


def open_text(path: Path) -> IO[str]:
    """A file's text, UTF-8 (strict), gunzipped on the fly for ``.gz``."""
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8", errors="strict")
    return path.open("r", encoding="utf-8", errors="strict")


def open_bytes(path: Path) -> io.BufferedIOBase:
    """A file's bytes, gunzipped on the fly for ``.gz``."""
    if path.suffix == ".gz":
        return gzip.open(path, "rb")
    return path.open("rb")


def read_whole(path: Path) -> str:
    """A whole text file; EncodingError (E102) or InputError (E100) where it cannot be read."""
    try:
        with open_text(path) as handle:
            return handle.read()
    except UnicodeDecodeError as exc:
        raise EncodingError(f"{path}: not UTF-8 text (byte {exc.start}: {exc.reason})") from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from exc


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


def error_record(where: str, exc: InputError) -> ErrorRecord:
    """The ErrorRecord of a document that could not be read; ``where`` is its id and source."""
    where = printable(where)
    return ErrorRecord(doc_id=where, error_code=exc.code, error=printable(exc.message),
                       source=where)
