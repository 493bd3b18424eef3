"""Where a writer writes: a path it opens (and closes) itself, or a stream it is handed."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import TextIO

Target = str | Path | TextIO


@contextmanager
def open_target(target: Target, newline: str | None = None) -> Iterator[TextIO]:
    """A path is opened for writing as UTF-8; a stream is used as it is and left open."""
    if isinstance(target, (str, Path)):
        with Path(target).open("w", encoding="utf-8", newline=newline) as handle:
            yield handle
    else:
        with nullcontext(target) as handle:
            yield handle
