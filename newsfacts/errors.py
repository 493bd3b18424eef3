"""One exception hierarchy for newsfacts, with coded messages.

Every message names the bad value and what is allowed, so that a user can fix the call
without reading the source. Odd *text* never raises: it yields no fact. Bad *input*
(unreadable files, malformed records, bad settings) raises one of these.
"""

from __future__ import annotations


class NewsfactsError(Exception):
    """Base class: ``code`` is a stable identifier such as ``E101``."""

    code = "E000"

    def __init__(self, message: str) -> None:
        super().__init__(f"[{self.code}] {message}")
        self.message = message


class InputError(NewsfactsError):
    """A document or file cannot be read as an article."""

    code = "E100"


class DateError(InputError):
    """A published date is missing or malformed."""

    code = "E101"


class EncodingError(InputError):
    """A file's bytes are not valid text in the expected encoding."""

    code = "E102"


class DocumentTooLargeError(InputError):
    """A document exceeds the configured size limit."""

    code = "E103"


class RecordError(InputError):
    """A JSONL/CSV record lacks a required field or has the wrong type."""

    code = "E104"


class ExtractionError(NewsfactsError):
    """The pipeline failed on one document: a bug in newsfacts, reported for that document so
    that a batch goes on (the message names the exception)."""

    code = "E300"


class ConfigError(NewsfactsError):
    """A setting or pipeline configuration is invalid."""

    code = "E200"


class PatternError(ConfigError):
    """A rule/pattern data file is malformed."""

    code = "E201"


class GoldError(InputError):
    """A gold file line does not follow the SCHEMA.md format."""

    code = "E105"


class ReferenceFileError(InputError):
    """An official-figures file is not in a format newsfacts reads; the message names the
    file, the row and the problem."""

    code = "E401"

    def __init__(self, path: object, problem: str, row: int | None = None) -> None:
        where = f"{path}" if row is None else f"{path}, row {row}"
        super().__init__(f"{where}: {problem}")
        self.path = str(path)
        self.row = row


class ReferenceStoreError(NewsfactsError):
    """A reference store is missing, unreadable or not one that newsfacts built."""

    code = "E402"
