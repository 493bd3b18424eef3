"""Errors of the validation stage, in the newsfacts hierarchy (codes E4xx)."""

from __future__ import annotations

from newsfacts.errors import InputError, NewsfactsError


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
