"""What every command shares: consoles made at call time and clean failure (exit 2)."""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import typer
from rich.console import Console
from rich.text import Text

from newsfacts.errors import Errors, NewsfactsError
from newsfacts.validation import STATUSES

EXIT_FAILURE = 2
PIPE_WIDTH = 160


def out_console() -> Console:
    """stdout, looked up now (so that a test runner's replacement stream is used).

    Tables sent to a pipe or file get ``PIPE_WIDTH`` columns rather than rich's 80, unless
    ``COLUMNS`` says otherwise.
    """
    wide = not sys.stdout.isatty() and "COLUMNS" not in os.environ
    return Console(highlight=False, width=PIPE_WIDTH if wide else None)


def err_console() -> Console:
    return Console(stderr=True, highlight=False)


def fail(message: str) -> typer.Exit:
    """Print ``message`` as one red line on stderr; the caller raises the returned Exit."""
    err_console().print(Text(message, style="red"), soft_wrap=True)
    return typer.Exit(code=EXIT_FAILURE)


@contextmanager
def fail_cleanly() -> Iterator[None]:
    """Turn newsfacts errors and unreadable files into one red line and exit code 2."""
    try:
        yield
    except BrokenPipeError:
        # the reader went away (``| head``): stop quietly, as Python's docs advise
        _silence_stdout()
        raise typer.Exit(code=1) from None
    except NewsfactsError as exc:
        raise fail(f"error: {exc}") from None
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        raise fail(f"error: {where}{exc.strerror or exc}") from None


@contextmanager
def naming_output(target: object) -> Iterator[None]:
    """A write error that names no file ('Input/output error', 'No space left on device')
    is raised again naming ``target`` (a path; streams are left as they are)."""
    try:
        yield
    except BrokenPipeError:
        raise
    except OSError as exc:
        if exc.filename or not isinstance(target, (str, Path)) or str(target) == "-":
            raise
        raise OSError(exc.errno, exc.strerror or str(exc), str(target)) from exc


def _silence_stdout() -> None:
    """Point stdout at devnull so that the final flush at exit raises nothing."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # a stream with no file descriptor
        pass


def check_paths(paths: Iterable[str | Path]) -> list[Path]:
    """The paths as ``Path``; raises InputError naming every one that does not exist."""
    result = [Path(path) for path in paths]
    missing = [str(path) for path in result if not path.exists()]
    if missing:
        raise Errors.NO_SUCH_PATH(missing=', '.join(missing))
    return result


def verdict_summary(counts: Counter[str]) -> str:
    """Verdicts per status (and error records skipped), as one line of rich markup."""
    parts = [f"[bold]{status}[/bold] {counts.get(status, 0)}" for status in STATUSES]
    if counts.get("error records"):
        parts.append(f"[bold]error records skipped[/bold] {counts['error records']}")
    return " · ".join(parts)
