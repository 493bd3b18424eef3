"""The progress file that makes a run resumable: ``<output>.progress``, one JSON line a batch.

After each batch the runner writes the batch's records to the output, flushes and fsyncs
it, then appends a line here (also fsynced) with the documents done so far and the output's
size in bytes. A run killed at any point (SIGKILL included) resumes from the last complete
line: the output is cut back to the recorded size, which drops a partial last line and any
records of a batch whose line was never written, and the first ``documents`` inputs are
skipped. No document is lost and none is written twice.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, TextIO

from pydantic import BaseModel, ConfigDict

from newsfacts.errors import Errors

SUFFIX = ".progress"


class RunFingerprint(BaseModel):
    """What must not change between a run and its resumption."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    inputs: tuple[str, ...]
    output_format: str
    published: str | None = None
    require_date: bool = False
    csv_columns: str | None = None


@dataclass
class Progress:
    """One checkpoint: totals after a committed batch."""

    documents: int = 0
    with_facts: int = 0
    facts: int = 0
    errors: int = 0
    output_bytes: int = 0
    last_id: str | None = None
    done: bool = False


class Checkpoint:
    """Reads and appends ``<output>.progress``."""

    def __init__(self, output: str | Path) -> None:
        self.output = str(output)
        self.path = Path(f"{output}{SUFFIX}")
        self._handle: TextIO | None = None

    def start(self, fingerprint: RunFingerprint) -> None:
        """A fresh run: the progress file holds the fingerprint and nothing done."""
        self.close()
        if not self.path.parent.is_dir():
            raise Errors.OUTPUT_FOLDER_MISSING(output=self.output, folder=self.path.parent)
        try:
            with self.path.open("w", encoding="utf-8") as handle:
                handle.write(json.dumps({"run": fingerprint.model_dump(mode="json")}) + "\n")
                _sync(handle)
            self._handle = self.path.open("a", encoding="utf-8")
        except OSError as exc:
            raise Errors.PROGRESS_FILE_UNWRITABLE(
                output=self.output,
                path=self.path,
                reason=exc.strerror or exc) from exc

    def resume(self, fingerprint: RunFingerprint) -> Progress:
        """The last committed progress; ConfigError if the file is of another run."""
        if not self.path.is_file():
            raise Errors.RESUME_NO_PROGRESS_FILE(path=self.path)
        lines = self.path.read_text(encoding="utf-8").split("\n")
        try:
            header = json.loads(lines[0])["run"]
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise Errors.RESUME_NOT_A_PROGRESS_FILE(path=self.path) from exc
        if RunFingerprint.model_validate(header) != fingerprint:
            raise Errors.RESUME_OTHER_RUN(path=self.path, header=header)
        progress = Progress()
        good = [lines[0]]
        for line in lines[1:]:
            try:  # a line cut short by a kill is dropped: its batch was never committed
                progress = Progress(**json.loads(line))
            except (json.JSONDecodeError, TypeError):
                break
            good.append(line)
        self.path.write_text("".join(line + "\n" for line in good), encoding="utf-8")
        self._handle = self.path.open("a", encoding="utf-8")
        return progress

    def commit(self, progress: Progress) -> None:
        if self._handle is None:
            raise RuntimeError("Checkpoint.commit before start or resume")
        self._handle.write(json.dumps(asdict(progress)) + "\n")
        _sync(self._handle)

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None


def _sync(handle: TextIO | Any) -> None:
    handle.flush()
    os.fsync(handle.fileno())
