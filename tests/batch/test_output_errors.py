"""An output that cannot be written is one clear line naming it (exit 2), never a traceback
or a bare 'Input/output error'."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsfacts.batch.sinks import TextSink
from newsfacts.cli import app
from newsfacts.errors import Errors
from tests.conftest import SEED_TEXT
from tests.validation.helpers import write_seed_store

runner = CliRunner()
PROC_VERSION = Path("/proc/version")


def docs(tmp_path: Path) -> Path:
    path = tmp_path / "story.txt"
    path.write_text(SEED_TEXT, encoding="utf-8")
    return path


def test_output_in_a_missing_folder(tmp_path: Path) -> None:
    out = tmp_path / "nowhere" / "facts.jsonl"
    result = runner.invoke(app, ["extract", str(docs(tmp_path)), "-o", str(out)])
    assert result.exit_code == 2
    assert f"the folder {out.parent} does not exist" in result.output
    assert "Traceback" not in result.output


@pytest.mark.skipif(not PROC_VERSION.is_file(), reason="no /proc/version (not Linux)")
@pytest.mark.parametrize("command", ["extract", "report", "validate", "export claimreview"])
def test_output_into_proc(tmp_path: Path, command: str) -> None:
    source = docs(tmp_path)
    store = write_seed_store(tmp_path)
    extra = ["-r", str(store)] if command != "extract" and command != "report" else []
    if command == "validate":
        facts = tmp_path / "facts.jsonl"
        assert runner.invoke(app, ["extract", str(source), "-o", str(facts)]).exit_code == 0
        source = facts
    if command == "export claimreview":
        extra += ["--author", "Desk"]
    result = runner.invoke(app, [*command.split(), str(source), *extra,
                                 "-o", str(PROC_VERSION)])
    assert result.exit_code == 2, result.output
    assert result.output.count("\n") == 1, result.output  # one line
    assert result.output.startswith("error: ")
    assert str(PROC_VERSION) in result.output
    if command == "extract":
        assert f"[{Errors.PROGRESS_FILE_UNWRITABLE.code}]" in result.output
        assert "/proc/version.progress" in result.output


@pytest.mark.parametrize("step", ["commit", "close"])
def test_a_write_error_names_the_output(tmp_path: Path, step: str,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "facts.jsonl"
    sink = TextSink(out, "jsonl")

    def failing(*_: object) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    if step == "commit":
        monkeypatch.setattr("newsfacts.batch.sinks.os.fsync", failing)
        with pytest.raises(OSError) as caught:
            sink.commit()
        sink.close()
    else:
        handle = sink._handle
        monkeypatch.setattr(handle, "close", failing)
        with pytest.raises(OSError) as caught:
            sink.close()
        monkeypatch.undo()
        handle.close()
    assert caught.value.filename == str(out)
    assert caught.value.errno == errno.EIO
    assert "cannot write the output (Input/output error)" in str(caught.value)
