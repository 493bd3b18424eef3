"""Batch runs: counts, formats, --require-date, processes, Dask, resume after SIGKILL."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from newsfacts.batch import BatchJob, RunStats, run_batch
from newsfacts.errors import ConfigError, Errors
from newsfacts.extractor import Extractor
from newsfacts.outputs import read_facts, read_parquet_records
from newsfacts.schema import Article, ErrorRecord, TradeFact

STORY = ("The U.S. trade deficit narrowed 18.5% to $7.46 billion in March, the Commerce "
         "Department said. Japan's surplus with the U.S. widened to 5.2 billion dlrs in "
         "February.")
REPO = Path(__file__).resolve().parents[2]


def write_docs(path: Path, count: int, undated_every: int = 0, bad_every: int = 0) -> Path:
    with path.open("wb") as handle:
        for number in range(count):
            if bad_every and number % bad_every == bad_every - 1:
                handle.write(b'{"doc_id": "bad\xff"}\n')
                continue
            record = {"doc_id": f"d{number}", "body": f"Story {number}. {STORY}"}
            if not (undated_every and number % undated_every == 0):
                record["published"] = "1994-05-20"
            handle.write(json.dumps(record).encode() + b"\n")
    return path


def test_counts_and_require_date(tmp_path: Path, extractor: Extractor) -> None:
    docs = write_docs(tmp_path / "docs.jsonl", 40, undated_every=5, bad_every=7)
    out = tmp_path / "facts.jsonl"
    seen: list[int] = []
    stats = run_batch(BatchJob([docs], out, require_date=True, batch_size=6,
                               extractor=extractor), lambda s: seen.append(s.documents))
    records = list(read_facts(out))
    errors = [r for r in records if isinstance(r, ErrorRecord)]
    assert stats.documents == 40 == stats.processed + stats.errors
    assert stats.errors == len(errors) == 7 + 5  # d20 is both undated and bad: bad
    assert sorted({e.error_code for e in errors}) == sorted(
        [Errors.NO_PUBLISHED_DATE.code, Errors.NOT_UTF8.code])
    assert stats.facts == len(records) - len(errors) and stats.with_facts == 40 - 12
    assert seen == [6, 12, 18, 24, 30, 36, 40]


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_csv_and_parquet_hold_the_same_records(tmp_path: Path, extractor: Extractor,
                                                fmt: str) -> None:
    docs = write_docs(tmp_path / "docs.jsonl", 12, bad_every=4)
    run_batch(BatchJob([docs], tmp_path / "a.jsonl", extractor=extractor, batch_size=5))
    expected = list(read_facts(tmp_path / "a.jsonl"))
    out = tmp_path / f"b.{fmt}"
    run_batch(BatchJob([docs], out, output_format=fmt, extractor=extractor, batch_size=5))
    if fmt == "parquet":
        assert read_parquet_records(out) == expected
    else:
        lines = out.read_text(encoding="utf-8").splitlines()
        assert len(lines) == 1 + len(expected) and lines[0].startswith("doc_id,indicator")


def test_processes_and_dask_equal_one_process(tmp_path: Path, extractor: Extractor) -> None:
    distributed = pytest.importorskip("distributed")
    docs = write_docs(tmp_path / "docs.jsonl", 30, bad_every=9)
    run_batch(BatchJob([docs], tmp_path / "one.jsonl", extractor=extractor, batch_size=4))
    run_batch(BatchJob([docs], tmp_path / "two.jsonl", processes=2, batch_size=4))
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        stats = run_batch(BatchJob([docs], tmp_path / "dask.jsonl", batch_size=4,
                                   dask_client=client))
    one = (tmp_path / "one.jsonl").read_bytes()
    assert one == (tmp_path / "two.jsonl").read_bytes() == (tmp_path / "dask.jsonl").read_bytes()
    assert stats.documents == 30


def test_resume_after_a_clean_finish_and_wrong_run(tmp_path: Path, extractor: Extractor) -> None:
    docs = write_docs(tmp_path / "docs.jsonl", 10)
    out = tmp_path / "facts.jsonl"
    first = run_batch(BatchJob([docs], out, extractor=extractor, batch_size=3))
    again = run_batch(BatchJob([docs], out, extractor=extractor, batch_size=3, resume=True))
    assert (again.documents, again.facts) == (first.documents, first.facts)
    with pytest.raises(ConfigError, match="another run"):
        run_batch(BatchJob([docs], out, output_format="csv", resume=True, extractor=extractor))
    with pytest.raises(ConfigError, match="needs an output file"):
        run_batch(BatchJob([docs], io.StringIO(), resume=True, extractor=extractor))


def test_resume_after_sigkill_loses_and_repeats_nothing(tmp_path: Path) -> None:
    docs = write_docs(tmp_path / "docs.jsonl", 600, bad_every=50)
    out = tmp_path / "facts.jsonl"
    command = [sys.executable, "-m", "newsfacts", "extract", str(docs), "-o", str(out),
               "--batch-size", "5", "--no-progress"]
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    proc = subprocess.Popen(command, cwd=REPO, env=env, stderr=subprocess.DEVNULL)
    progress = Path(f"{out}.progress")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:  # kill once a few batches are committed
        if progress.exists() and progress.read_text().count("\n") > 8:
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    committed = progress.read_text().count("\n") - 1
    assert 0 < committed < 120  # killed mid-way
    subprocess.run([*command, "--resume"], cwd=REPO, env=env, check=True,
                   stderr=subprocess.DEVNULL)
    resumed = out.read_text(encoding="utf-8").splitlines()
    fresh_out = tmp_path / "fresh.jsonl"
    subprocess.run([*command[:6], str(fresh_out), *command[7:]], cwd=REPO, env=env, check=True,
                   stderr=subprocess.DEVNULL)
    fresh = fresh_out.read_text(encoding="utf-8").splitlines()
    assert resumed == fresh
    ids = {json.loads(line)["doc_id"] for line in resumed}
    assert len([i for i in ids if i.startswith("d")]) == 600 - 12


# --------------------------------------------------------------------------- property


WORDS = ["trade", "deficit", "surplus", "$7.46", "billion", "dlrs", "18.5%", "March", "U.S.",
         "Japan's", "with", "exports", "imports", "rose", "to", "in", "1987", "pct", "\n",
         "\x00", "\ufeff", "¥", "mln", "-", "(", ")", "Q1", "1986/87", "year", "earlier"]
document = st.one_of(
    st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join),
    st.text(max_size=200),
    st.just(STORY),
)
line = st.one_of(
    st.builds(lambda i, t, d: json.dumps({"doc_id": i, "body": t, "published": d}).encode(),
              st.text(min_size=1, max_size=8), document,
              st.sampled_from(["1994-05-20", "26-FEB-1987", "", "1994-13-01"])),
    st.binary(max_size=40).map(lambda b: b"x" + b.replace(b"\n", b" ")),
)
BATCH_DOCS = 220
EXAMPLES = 50  # 50 batches of 220: 11,000 generated documents


@settings(max_examples=EXAMPLES, deadline=None, phases=(Phase.explicit, Phase.generate),
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(lines=st.lists(line, min_size=BATCH_DOCS, max_size=BATCH_DOCS))
def test_garbled_documents_never_crash(tmp_path_factory: pytest.TempPathFactory,
                                       extractor: Extractor, lines: list[bytes]) -> None:
    folder = tmp_path_factory.mktemp("prop")
    docs = folder / "docs.jsonl"
    docs.write_bytes(b"\n".join(lines) + b"\n")
    out = io.StringIO()
    stats: RunStats = run_batch(BatchJob([docs], out, extractor=extractor, batch_size=64))
    records = [json.loads(text) for text in out.getvalue().split("\n") if text]
    assert stats.documents == BATCH_DOCS == stats.processed + stats.errors
    assert stats.errors == sum("error_code" in r for r in records)
    for record in records:
        if "error_code" not in record:
            TradeFact.model_validate(record)


def test_a_bug_in_a_batch_costs_only_its_document() -> None:
    from spacy.language import Language
    from spacy.tokens import Doc

    from newsfacts.settings import Settings

    @Language.component("nf_test_bug")
    def bug(doc: Doc) -> Doc:
        if "BUG" in doc.text:
            raise KeyError("iso_codes")
        return doc

    extractor = Extractor(settings=Settings(max_chars=400))
    extractor.nlp.add_pipe("nf_test_bug", first=True)
    batch: list[Article | ErrorRecord] = [
        Article(id="big", text="x " * 300),
        Article(id="ok1", text=STORY, published=dt.date(1994, 5, 20)),
        ErrorRecord(doc_id="read", error_code="E104", error="bad line"),
        Article(id="bug", text="BUG " + STORY),
        Article(id="ok2", text=STORY, published=dt.date(1994, 5, 20)),
    ]
    big, ok1, read, failed, ok2 = extractor.extract_batch(batch)
    assert isinstance(big, ErrorRecord) and big.error_code == "E103"
    assert isinstance(read, ErrorRecord) and read.doc_id == "read"
    assert isinstance(failed, ErrorRecord) and failed.error_code == "E300"
    assert isinstance(ok1, list) and isinstance(ok2, list) and len(ok1) == len(ok2) == 2


def test_pool_of_three_keeps_order_with_this_process_taking_a_share(
        tmp_path: Path, extractor: Extractor) -> None:
    """With 3 processes, 2 workers and this process share the batches; order is kept."""
    docs = write_docs(tmp_path / "docs.jsonl", 23, bad_every=5)
    run_batch(BatchJob([docs], tmp_path / "one.jsonl", extractor=extractor, batch_size=2))
    run_batch(BatchJob([docs], tmp_path / "three.jsonl", extractor=extractor, processes=3,
                       batch_size=2))
    assert (tmp_path / "one.jsonl").read_bytes() == (tmp_path / "three.jsonl").read_bytes()
