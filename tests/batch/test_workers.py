"""How worker processes start: forked where that is safe, spawned otherwise; same output."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest

from newsfacts.batch import BatchJob, run_batch, workers
from newsfacts.extractor import Extractor
from tests.batch.test_runner import write_docs


@pytest.mark.skipif(sys.platform != "linux", reason="fork is chosen on Linux only")
def test_fork_only_while_this_process_runs_one_thread() -> None:
    fresh = subprocess.run([sys.executable, "-c", "from newsfacts.batch.workers import "
                            "start_method; print(start_method())"],
                           capture_output=True, text=True, check=True)
    assert fresh.stdout.strip() == "fork"
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert workers.start_method() == "spawn"
    finally:
        stop.set()
        other.join()


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_forked_and_spawned_workers_give_the_one_process_output(
        tmp_path: Path, extractor: Extractor, monkeypatch: pytest.MonkeyPatch,
        method: str) -> None:
    if method == "fork" and sys.platform != "linux":
        pytest.skip("fork is chosen on Linux only")
    docs = write_docs(tmp_path / "docs.jsonl", 17, undated_every=4, bad_every=6)
    run_batch(BatchJob([docs], tmp_path / "one.jsonl", extractor=extractor, batch_size=2))
    monkeypatch.setattr(workers, "start_method", lambda: method)
    run_batch(BatchJob([docs], tmp_path / "two.jsonl", processes=2, batch_size=2))
    assert (tmp_path / "one.jsonl").read_bytes() == (tmp_path / "two.jsonl").read_bytes()
