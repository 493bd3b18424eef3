"""The whole Reuters-21578 distribution through the batch runner (needs ../shared).

    PYTHONHASHSEED=0 python benchmarks/reuters21578.py [--limit FILES] [--rounds N]

Runs ``newsfacts extract reut2-000.sgm.gz … reut2-021.sgm.gz`` (the SGML reader, 21,578
stories) as fresh commands and checks, on every run,

- stories in = processed + error records: the stories are counted here from the files'
  ``<REUTERS`` tags (not through the reader), the run's last checkpoint line gives documents,
  errors and facts, and the output's error records and facts are counted line by line;
- the same bytes out whatever the number of processes;

and times ``--processes 1`` against ``--processes 2`` (``--rounds`` alternating pairs, medians:
the whole command, and the run as its summary line states it). Then it kills a
``--processes 2`` run with SIGKILL (its whole process group) once about half the stories are
checkpointed, resumes it with ``--resume`` and compares the result byte for byte with the
uninterrupted output. ``--limit N`` reads only the first N files (about 1,000 stories each)
for a quick run. Outputs go to a temporary folder outside the repository (they quote Reuters
text), removed at the end unless ``--keep``. Exit status 1 if a check fails.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DISTRIBUTION = REPO.parent / "shared" / "corpus" / "reuters21578"
_STORY_TAG = re.compile(rb"^\s*<REUTERS\b", re.M)
_RUN_TIME = re.compile(r"time ([0-9.]+) s")


@dataclass
class Run:
    processes: int
    wall: float
    run: float
    output: Path


class CheckFailed(Exception):
    """A check of the benchmark did not hold."""


def sgml_files(folder: Path, limit: int | None) -> list[Path]:
    files = sorted(folder.glob("reut2-*.sgm*"))
    if not files:
        sys.exit(f"{folder}: no reut2-*.sgm files (is ../shared beside the repository?)")
    return files[:limit] if limit else files


def count_stories(files: list[Path]) -> int:
    """``<REUTERS`` opening tags in the files, read here without the reader."""
    total = 0
    for file in files:
        data = gzip.decompress(file.read_bytes()) if file.suffix == ".gz" else file.read_bytes()
        total += len(_STORY_TAG.findall(data))
    return total


def command(files: list[Path], output: Path, processes: int, *extra: str) -> list[str]:
    return [sys.executable, "-m", "newsfacts", "extract", *map(str, files), "-o", str(output),
            "--processes", str(processes), "--no-progress", *extra]


def environment() -> dict[str, str]:
    return {**os.environ, "PYTHONHASHSEED": os.environ.get("PYTHONHASHSEED", "0")}


def run_extract(files: list[Path], output: Path, processes: int, *extra: str) -> Run:
    start = time.perf_counter()
    done = subprocess.run(command(files, output, processes, *extra), capture_output=True,
                          text=True, env=environment(), cwd=REPO)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise CheckFailed(f"newsfacts extract -p {processes} exited {done.returncode}:\n"
                          f"{done.stderr[-2000:]}")
    found = _RUN_TIME.findall(done.stderr)
    if not found:
        raise CheckFailed(f"no summary line in:\n{done.stderr[-2000:]}")
    return Run(processes, wall, float(found[-1]), output)


def last_checkpoint(output: Path) -> dict[str, object]:
    lines = Path(f"{output}.progress").read_text(encoding="utf-8").splitlines()
    return json.loads(lines[-1]) if len(lines) > 1 else {"documents": 0, "done": False}


def check_counts(output: Path, stories: int) -> dict[str, object]:
    """stories in = processed + error records, from the checkpoint and from the output."""
    progress = last_checkpoint(output)
    documents, errors, facts = (int(str(progress[k])) for k in ("documents", "errors", "facts"))
    codes: Counter[str] = Counter()
    fact_lines = 0
    with output.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if "error_code" in record:
                codes[record["error_code"]] += 1
            else:
                fact_lines += 1
    processed = documents - errors
    problems = []
    if not progress.get("done"):
        problems.append("the run's last checkpoint is not marked done")
    if documents != stories:
        problems.append(f"documents in {documents:,} != stories in the files {stories:,}")
    if sum(codes.values()) != errors:
        problems.append(f"error records in the output {sum(codes.values()):,} != {errors:,}")
    if fact_lines != facts:
        problems.append(f"facts in the output {fact_lines:,} != {facts:,}")
    if problems:
        raise CheckFailed(f"{output.name}: " + "; ".join(problems))
    return {"documents": documents, "processed": processed, "errors": errors, "facts": facts,
            "codes": dict(sorted(codes.items()))}


def same_bytes(a: Path, b: Path) -> None:
    if a.read_bytes() != b.read_bytes():
        raise CheckFailed(f"{b.name} differs from {a.name}")


def kill_and_resume(files: list[Path], folder: Path, stories: int, reference: Path,
                    processes: int, kill_at: float) -> dict[str, object]:
    """SIGKILL a run (its whole process group) once ``kill_at`` of the stories are
    checkpointed, resume it, and compare with the uninterrupted output."""
    output = folder / "killed.jsonl"
    target = max(1, int(stories * kill_at))
    child = subprocess.Popen(command(files, output, processes), stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, env=environment(), cwd=REPO,
                             start_new_session=True)
    progress_file = Path(f"{output}.progress")
    killed_at = None
    while child.poll() is None:
        if progress_file.exists():
            try:
                progress = last_checkpoint(output)
            except (json.JSONDecodeError, OSError):
                progress = {"documents": 0}
            if int(str(progress.get("documents", 0))) >= target:
                os.killpg(child.pid, signal.SIGKILL)
                killed_at = int(str(progress["documents"]))
                break
        time.sleep(0.02)
    child.wait()
    if killed_at is None or killed_at >= stories:
        raise CheckFailed("the run ended before it could be killed mid-way")
    size_at_kill = output.stat().st_size
    resumed = run_extract(files, output, processes, "--resume")
    same_bytes(reference, output)
    return {"killed after documents": killed_at, "output bytes at kill": size_at_kill,
            "resume run (s)": round(resumed.run, 2)}


def median(values: list[float]) -> float:
    return statistics.median(values)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default=str(DISTRIBUTION), help="folder of reut2-*.sgm.gz")
    parser.add_argument("--limit", type=int, default=None, metavar="FILES",
                        help="read only the first FILES SGML files (quick runs)")
    parser.add_argument("--rounds", type=int, default=1,
                        help="alternating 1-process / 2-process pairs to time (default 1)")
    parser.add_argument("--kill-at", type=float, default=0.5,
                        help="share of the stories checkpointed before SIGKILL (default 0.5)")
    parser.add_argument("--keep", action="store_true", help="keep the outputs' folder")
    args = parser.parse_args(argv)

    files = sgml_files(Path(args.corpus), args.limit)
    stories = count_stories(files)
    folder = Path(tempfile.mkdtemp(prefix="newsfacts-reuters21578-"))
    print(f"{len(files)} SGML files, {stories:,} stories (<REUTERS> tags); outputs in {folder}")
    try:
        runs: list[Run] = []
        for round_ in range(args.rounds):
            order = (1, 2) if round_ % 2 == 0 else (2, 1)
            for processes in order:
                output = folder / f"p{processes}-r{round_}.jsonl"
                run = run_extract(files, output, processes)
                runs.append(run)
                print(f"  round {round_ + 1}, {processes} process(es): command "
                      f"{run.wall:6.1f} s, run {run.run:6.1f} s", flush=True)
        reference = runs[0].output
        counts = check_counts(reference, stories)
        for run in runs[1:]:
            check_counts(run.output, stories)
            same_bytes(reference, run.output)
        print(f"stories in {stories:,} = processed {counts['processed']:,} + error records "
              f"{counts['errors']:,} ({counts['codes']}); facts {counts['facts']:,}")
        print(f"every run wrote the same {reference.stat().st_size:,} bytes")
        one = [r for r in runs if r.processes == 1]
        two = [r for r in runs if r.processes == 2]
        for name, attr in (("the run (summary line)", "run"), ("the whole command", "wall")):
            t1 = median([getattr(r, attr) for r in one])
            t2 = median([getattr(r, attr) for r in two])
            print(f"{name:24} 1 process {t1:6.1f} s ({stories / t1:,.0f} stories/s), "
                  f"2 processes {t2:6.1f} s: {t1 / t2:.2f}x")
        resumed = kill_and_resume(files, folder, stories, reference, 2, args.kill_at)
        print(f"SIGKILL after {resumed['killed after documents']:,} documents "
              f"({resumed['output bytes at kill']:,} bytes written), --resume: "
              f"byte-identical to the uninterrupted run")
    except CheckFailed as failed:
        print(f"FAILED: {failed}", file=sys.stderr)
        return 1
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
