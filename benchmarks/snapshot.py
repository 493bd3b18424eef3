"""A golden snapshot of the extractor's output, so that every rule change shows its diff.

Usage (from the repository root):

    python benchmarks/snapshot.py          # rewrite tests/snapshots/*.jsonl
    python benchmarks/snapshot.py --check  # exit 1 with a unified diff if the output changed

``corpus/articles`` (our own text) → ``tests/snapshots/corpus.jsonl`` with every field of
every fact. With ``../shared`` beside the repository, its corpora go to
``tests/snapshots/<name>.jsonl`` too, but without the text of the stories: ``evidence`` and
``sentence`` are left out and the offsets ``evidence_start``/``evidence_end`` kept.

One JSON object a line, keys sorted, lines sorted by (doc_id, evidence_start, indicator,
value). Every document read has at least one line: its facts, ``{"doc_id", "facts": 0}``
when it has none, or ``{"doc_id", "error_code"}`` when it became an error record; so the
documents in and the documents out can be counted. tests/test_snapshot.py compares the
current output with these files through the functions below.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsfacts.evaluate import is_held_out
from newsfacts.extractor import Extractor
from newsfacts.ingest import read_paths
from newsfacts.schema import Article, ErrorRecord, TradeFact

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SNAPSHOTS = ROOT / "tests" / "snapshots"
# what a snapshot of a shared corpus leaves out: the text of its stories
TEXT_FIELDS: frozenset[str] = frozenset({"evidence", "sentence"})
UPDATE_COMMAND = "python benchmarks/snapshot.py"


@dataclass(frozen=True)
class SnapshotSet:
    name: str
    source: Path  # what read_paths reads
    base: Path  # reader error ids (file paths) are written relative to it
    shared: bool  # a shared corpus: offsets only, no text

    @property
    def snapshot(self) -> Path:
        return SNAPSHOTS / f"{self.name}.jsonl"


CORPUS_SET = SnapshotSet("corpus", ROOT / "corpus" / "articles", ROOT, shared=False)


def shared_sets(shared: Path = SHARED) -> tuple[SnapshotSet, ...]:
    """The corpora of ``shared`` (``../shared``), each snapshotted without its text."""
    corpus = shared / "corpus"
    return tuple(
        SnapshotSet(name, corpus / relative, shared, shared=True)
        for name, relative in (
            ("reuters-trade", "reuters-trade.jsonl"),
            ("news-dev", "news-dev.jsonl"),
            ("news-dev2", "news-dev2.jsonl"),
            ("seed", "seed/article.txt"),
        )
    )


def fact_record(fact: TradeFact, shared: bool) -> dict[str, Any]:
    """The fact as JSON data; without its text (evidence, sentence) for a shared corpus.

    Decimals come out as ``model_dump(mode="json")`` writes them: an int when the value is
    whole (``-7460000000``), else a float (``-18.5``), whatever the Decimal's exponent, so
    that the same number always reads the same.
    """
    data = fact.model_dump(mode="json")
    if shared:
        data = {key: value for key, value in data.items() if key not in TEXT_FIELDS}
    return data


def _relative(doc_id: str, base: Path) -> str:
    """A reader's error id is a file path (and line): written relative to ``base``."""
    prefix = f"{base}/"
    return doc_id.removeprefix(prefix)


def _sort_key(record: dict[str, Any]) -> tuple[str, int, str, float, str]:
    value = record.get("value")
    return (
        str(record["doc_id"]),
        int(record.get("evidence_start", -1)),
        str(record.get("indicator", "")),
        float(value) if value is not None else float("-inf"),
        json.dumps(record, sort_keys=True, ensure_ascii=False),  # a total order, ties broken
    )


def snapshot_records(
    results: Iterable[tuple[Article | ErrorRecord, list[TradeFact] | ErrorRecord]],
    snapshot_set: SnapshotSet,
) -> list[dict[str, Any]]:
    """``extract_many`` results → records in snapshot order; one line at least per document."""
    records: list[dict[str, Any]] = []
    for article, result in results:
        if isinstance(result, ErrorRecord):
            records.append({"doc_id": _relative(result.doc_id, snapshot_set.base),
                            "error_code": result.error_code})
        elif not result or (snapshot_set.shared and is_held_out(article.id)):
            assert isinstance(article, Article)
            # the held-out fold of issue 15 is read only as counts
            records.append({"doc_id": article.id, "facts": len(result)})
        else:
            records.extend(fact_record(fact, snapshot_set.shared) for fact in result)
    return sorted(records, key=_sort_key)


def snapshot_lines(snapshot_set: SnapshotSet, extractor: Extractor) -> list[str]:
    """The current output for ``snapshot_set``, one JSON line (no newline) per record."""
    results = extractor.extract_many(read_paths([snapshot_set.source]))
    return [json.dumps(record, sort_keys=True, ensure_ascii=False)
            for record in snapshot_records(results, snapshot_set)]


def read_snapshot(path: Path) -> list[str]:
    """The lines of a snapshot file; none if it does not exist yet."""
    if not path.is_file():
        return []
    return path.read_text(encoding="utf-8").splitlines()


def write_snapshot(path: Path, lines: Sequence[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")


def diff_lines(expected: Sequence[str], actual: Sequence[str], name: str) -> list[str]:
    """A unified diff (one line of context) from the snapshot to the current output; empty
    when they agree."""
    return list(difflib.unified_diff(
        expected, actual, fromfile=f"tests/snapshots/{name}.jsonl (snapshot)",
        tofile=f"{name} (current output)", n=1, lineterm=""))


def check_set(snapshot_set: SnapshotSet, extractor: Extractor) -> list[str]:
    """The diff between ``snapshot_set``'s snapshot file and the extractor's output now."""
    return diff_lines(read_snapshot(snapshot_set.snapshot),
                      snapshot_lines(snapshot_set, extractor), snapshot_set.name)


def mismatch_message(diff: Sequence[str], name: str, limit: int = 40) -> str:
    """What a failing check says: the first lines of the diff and how to update."""
    shown = list(diff[:limit])
    if len(diff) > limit:
        shown.append(f"... ({len(diff) - limit} more diff lines)")
    return "\n".join([
        f"the extractor's output on {name} differs from tests/snapshots/{name}.jsonl:",
        *shown,
        f"If the change is intended, run `{UPDATE_COMMAND}` and review the diff of "
        "tests/snapshots/ before committing it.",
    ])


def selected_sets(shared: Path = SHARED) -> tuple[tuple[SnapshotSet, ...], bool]:
    """The sets to snapshot here, and whether ``shared`` was found."""
    if shared.is_dir():
        return (CORPUS_SET, *shared_sets(shared)), True
    return (CORPUS_SET,), False


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true",
                        help="compare with the snapshot files instead of rewriting them; "
                             "exit 1 and print the diff when they differ")
    args = parser.parse_args(argv)

    sets, found = selected_sets()
    if not found:
        print(f"note: {SHARED} not found; only the project corpus is snapshotted "
              "(the shared snapshot files are left as they are)", file=sys.stderr)
    started = time.perf_counter()
    extractor = Extractor()
    failed = False
    for snapshot_set in sets:
        set_started = time.perf_counter()
        current = snapshot_lines(snapshot_set, extractor)
        seconds = time.perf_counter() - set_started
        documents = len({json.loads(line)["doc_id"] for line in current})
        if args.check:
            diff = diff_lines(read_snapshot(snapshot_set.snapshot), current, snapshot_set.name)
            if diff:
                failed = True
                print("\n".join(diff))
            status = "DIFFERS" if diff else "ok"
            print(f"{snapshot_set.name}: {status} ({documents} documents, {len(current)} lines, "
                  f"{seconds:.1f} s)", file=sys.stderr)
        else:
            write_snapshot(snapshot_set.snapshot, current)
            print(f"{snapshot_set.name}: wrote {snapshot_set.snapshot.relative_to(ROOT)} "
                  f"({documents} documents, {len(current)} lines, {seconds:.1f} s)",
                  file=sys.stderr)
    print(f"total {time.perf_counter() - started:.1f} s (pipeline build included)",
          file=sys.stderr)
    if failed:
        print(f"the output differs from the snapshot; if that is intended, run "
              f"`{UPDATE_COMMAND}` and review the diff", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
