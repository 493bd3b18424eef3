"""Record-level accuracy of newsfacts on every gold set it has, as SCHEMA.md scores it.

Usage (from the repository root, with ../shared beside it):

    python benchmarks/accuracy.py            # a table
    python benchmarks/accuracy.py --json out.json

Sets: the seed article, the 80 Reuters dev stories, the 20 newspaper dev articles (all
from ../shared) and the project's own corpus/ (22 articles written for newsfacts).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from newsfacts.evaluate import evaluate_documents
from newsfacts.extract import Extractor

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SETS: tuple[tuple[str, Path, Path], ...] = (
    ("seed", SHARED / "gold" / "seed.jsonl", SHARED / "corpus" / "seed" / "article.txt"),
    ("reuters-dev", SHARED / "gold" / "dev.jsonl", SHARED / "corpus" / "reuters-trade.jsonl"),
    ("news-dev", SHARED / "gold" / "news-dev.jsonl", SHARED / "corpus" / "news-dev.jsonl"),
    ("corpus", ROOT / "corpus" / "gold.jsonl", ROOT / "corpus" / "articles"),
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    args = parser.parse_args()
    extractor = Extractor()
    results = {}
    header = ("set", "gold", "sys", "tp", "P", "R", "F1", "attr", "s")
    print(f"{header[0]:<12} " + " ".join(f"{name:>6}" for name in header[1:]))
    for name, gold, docs in SETS:
        if not gold.exists() or not docs.exists():
            print(f"{name:<12} skipped: {gold} or {docs} is missing", file=sys.stderr)
            continue
        started = time.perf_counter()
        summary = evaluate_documents(gold, [docs], extractor).summary()
        seconds = time.perf_counter() - started
        overall = summary["overall"]
        print(
            f"{name:<12} {overall['gold']:>5} {overall['system']:>5} {overall['tp']:>5} "
            f"{overall['precision']:>6.3f} {overall['recall']:>6.3f} {overall['f1']:>6.3f} "
            f"{summary['attribute_accuracy']:>6.3f} {seconds:>6.1f}"
        )
        results[name] = summary
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
