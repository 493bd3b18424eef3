"""Many more cases for the traceback hunt than the normal test run draws.

    python benchmarks/fuzz.py [--scale F] [--target N]

Runs the hypothesis tests of tests/test_fuzz_api.py (``extract``, ``explain``, ``validate``),
tests/ingest/test_fuzz_readers.py (``read_paths``, ``parse_date``) and tests/cli/test_fuzz_cli.py
(every command) with ``NEWSFACTS_FUZZ_SCALE=F`` (fresh random cases, F times the normal run's
numbers; default 4, 13,200 cases), then prints the cases run per test (hypothesis's own
statistics) and the total. Exit status 1 if a test failed (the failing case is printed) or
fewer than ``--target`` cases (default 10,000) ran.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FILES = ("tests/test_fuzz_api.py", "tests/ingest/test_fuzz_readers.py",
         "tests/cli/test_fuzz_cli.py")
_TEST = re.compile(r"^(tests/\S+::\S+):$")
_COUNTS = re.compile(r"(\d+) passing, (\d+) failing, and (\d+) invalid")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=4.0,
                        help="times the normal run's cases (default 4)")
    parser.add_argument("--target", type=int, default=10_000,
                        help="fewest cases for a pass (default 10,000)")
    args = parser.parse_args(argv)
    env = {**os.environ, "NEWSFACTS_FUZZ_SCALE": str(args.scale)}
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "--hypothesis-show-statistics", *FILES],
        capture_output=True, text=True, env=env, cwd=REPO)
    elapsed = time.perf_counter() - start
    cases: dict[str, int] = {}
    failing = 0
    current = None
    for line in done.stdout.splitlines():
        if found := _TEST.match(line.strip()):
            current = found.group(1)
        elif (counts := _COUNTS.search(line)) and current is not None:
            cases[current] = cases.get(current, 0) + int(counts.group(1))
            failing += int(counts.group(2))
    for test, count in cases.items():
        print(f"{count:>7,}  {test}")
    total = sum(cases.values())
    print(f"{total:>7,}  cases in all (scale {args.scale:g}), {elapsed:.0f} s; "
          f"pytest exit status {done.returncode}")
    if done.returncode != 0:
        print(done.stdout[-8000:], file=sys.stderr)
        return 1
    if failing or total < args.target:
        print(f"FAILED: {failing} failing cases, {total:,} cases (target {args.target:,})",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
