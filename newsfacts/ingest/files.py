"""What every reader shares: opening files (gzipped or not), text that must be Unicode,
files that break off midway, short excerpts of bad values, and the error record of a document
that could not be read."""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Callable, Iterator
from functools import wraps
from pathlib import Path
from typing import IO, Any, ParamSpec

from newsfacts.errors import Errors, InputError
from newsfacts.schema import Article, ErrorRecord

# What reading a file can raise after it opened: a read error, or a .gz file that is cut
# short (EOFError) or corrupt (zlib.error, gzip.BadGzipFile).
BROKEN_READ: tuple[type[Exception], ...] = (OSError, EOFError, zlib.error)
EXCERPT_CHARS = 60
P = ParamSpec("P")


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
    """A whole text file; EncodingError or InputError where it cannot be read."""
    try:
        with open_text(path) as handle:
            return handle.read()
    except UnicodeDecodeError as exc:
        raise Errors.FILE_NOT_UTF8(path=path, start=exc.start, reason=exc.reason) from exc
    except BROKEN_READ as exc:
        raise Errors.CANNOT_READ(path=path, reason=broken_read_reason(exc)) from exc


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
            yield error_record(str(file), Errors.CUT_SHORT(
                path=file,
                reason=broken_read_reason(exc)))
    return guarded


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
    """``value``, or EncodingError (E142) where it holds a lone surrogate no UTF-8 can hold."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise Errors.LONE_SURROGATE(where=printable(where), what=what, position=exc.start) from None
    return value


def error_record(where: str, exc: InputError) -> ErrorRecord:
    """The ErrorRecord of a document that could not be read; ``where`` is its id and source."""
    where = printable(where)
    return ErrorRecord(doc_id=where, error_code=exc.code, error=printable(exc.message),
                       source=where)
