"""Record-level accuracy of newsfacts on every gold set it has, as SCHEMA.md scores it.

Usage (from the repository root, with ../shared beside it):

    python benchmarks/accuracy.py                 # the table
    python benchmarks/accuracy.py --json out.json # the figures, per set
    python benchmarks/accuracy.py --errors dev2   # misses, spurious facts and attribute
                                                  # errors of one set's tuning part
    python benchmarks/accuracy.py --gate          # with the trade gate on

The protocol (issue 15): every dev/dev2 story whose number ends in 0 or 5 and the
news-dev2 articles 05, 10, 15, 20 and 25 form the held-out fold. Its figures are reported
beside the others, and its errors only as counts by class: ``--errors`` never prints a
held-out document. The tuning part of a set is the set without the fold.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsfacts.evaluate import Evaluation, canonical_period, evaluate, is_held_out, read_gold
from newsfacts.extractor import Extractor
from newsfacts.ingest import read_paths
from newsfacts.schema import ErrorRecord
from newsfacts.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
GOLD = SHARED / "gold"
CORPUS = SHARED / "corpus"


@dataclass(frozen=True)
class GoldSet:
    name: str
    gold: Path
    docs: Path
    tuned: str  # what the rules were tuned on: "yes", "no" or a note


SETS: tuple[GoldSet, ...] = (
    GoldSet("seed", GOLD / "seed.jsonl", CORPUS / "seed" / "article.txt", "yes"),
    GoldSet("dev", GOLD / "dev.jsonl", CORPUS / "reuters-trade.jsonl", "yes"),
    GoldSet("dev2", GOLD / "dev2.jsonl", CORPUS / "reuters-trade.jsonl", "yes, without the fold"),
    GoldSet("news-dev", GOLD / "news-dev.jsonl", CORPUS / "news-dev.jsonl", "yes"),
    GoldSet(
        "news-dev2", GOLD / "news-dev2.jsonl", CORPUS / "news-dev2.jsonl", "yes, without the fold"
    ),
    GoldSet("corpus", ROOT / "corpus" / "gold.jsonl", ROOT / "corpus" / "articles", "yes"),
)

@dataclass
class Scored:
    gold_facts: list[dict[str, Any]]
    gold_docs: set[str]
    system: list[dict[str, Any]]
    seconds: float

    def part(self, keep: Iterable[str] | None = None) -> Evaluation:
        docs = self.gold_docs if keep is None else self.gold_docs & set(keep)
        return evaluate(
            [f for f in self.system if f["doc_id"] in docs],
            [g for g in self.gold_facts if g["doc_id"] in docs],
            docs,
        )


def score_set(gold_set: GoldSet, extractor: Extractor) -> Scored:
    gold_facts, gold_docs = read_gold(gold_set.gold)
    started = time.perf_counter()
    system: list[dict[str, Any]] = []
    for article, result in extractor.extract_many(read_paths([gold_set.docs])):
        if isinstance(result, ErrorRecord) or isinstance(article, ErrorRecord):
            if isinstance(article, ErrorRecord) or article.id in gold_docs:
                print(f"{gold_set.name}: error record {result}", file=sys.stderr)
            continue
        if article.id in gold_docs:
            system.extend({**f.to_gold(), "modality": f.modality} for f in result)
    return Scored(gold_facts, gold_docs, system, time.perf_counter() - started)


def row(name: str, tuned: str, evaluation: Evaluation) -> dict[str, Any]:
    summary = evaluation.summary()
    return {"set": name, "tuned": tuned, **summary["overall"], "summary": summary}


def error_classes(evaluation: Evaluation, system: list[dict[str, Any]]) -> dict[str, int]:
    """Counts only: what the held-out fold may show. A missed fact is classed by what differs
    in the system fact of the same document and value (any modality), or 'no value'."""
    counts: Counter[str] = Counter()
    for fact in evaluation.missed:
        counts[f"missed {fact['indicator']}: {_why_missed(fact, system)}"] += 1
    for fact in evaluation.spurious:
        value = abs(float(fact["value"]))
        keyed = any(  # a gold fact of the same value: the key is wrong, else no such fact
            g["doc_id"] == fact["doc_id"] and abs(abs(float(g["value"])) - value) <= value * 0.001
            for g in evaluation.missed
        )
        counts[f"spurious {fact['indicator']}: {'wrong key' if keyed else 'no gold fact'}"] += 1
    for error in evaluation.attribute_errors:
        counts[f"attribute {error['field']}"] += 1
    return dict(sorted(counts.items()))


def _why_missed(gold: dict[str, Any], system: list[dict[str, Any]]) -> str:
    value = abs(float(gold["value"]))
    near = [
        f for f in system
        if f["doc_id"] == gold["doc_id"] and abs(abs(float(f["value"])) - value) <= value * 0.001
    ]
    if not near:
        return "no value"
    fact = near[0]
    differs = [name for name in ("indicator", "reporter", "partner") if fact[name] != gold[name]]
    if canonical_period(fact["period"]) != canonical_period(gold["period"]):
        differs.append("period")
    if (float(fact["value"]) > 0) != (float(gold["value"]) > 0):
        differs.append("sign")
    if fact.get("modality", "actual") != "actual":
        differs.append("modality")
    return ",".join(differs) or "matched elsewhere"


def print_errors(evaluation: Evaluation) -> None:
    for fact in evaluation.missed:
        print("MISSED  ", json.dumps({k: v for k, v in fact.items() if k != "seasonally_adjusted"}))
    for fact in evaluation.spurious:
        print("SPURIOUS", json.dumps(fact))
    for error in evaluation.attribute_errors:
        print("ATTRIBUTE", json.dumps(error))


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    parser.add_argument("--gate", action="store_true",
                        help="with the trade gate on (trained on the tuning parts)")
    parser.add_argument(
        "--errors",
        choices=[s.name for s in SETS],
        help="print the errors of this set's tuning part (never the held-out fold)",
    )
    args = parser.parse_args()
    extractor = Extractor(settings=Settings(trade_gate=args.gate))
    chosen = [s for s in SETS if args.errors in (None, s.name)]
    scored: dict[str, Scored] = {}
    for gold_set in chosen:
        if not gold_set.gold.exists() or not gold_set.docs.exists():
            print(f"{gold_set.name}: skipped, {gold_set.gold} or {gold_set.docs} is missing",
                  file=sys.stderr)
            continue
        scored[gold_set.name] = score_set(gold_set, extractor)
    if args.errors:
        if args.errors in scored:
            held = scored[args.errors]
            print_errors(held.part(d for d in held.gold_docs if not is_held_out(d)))
        return 0
    rows = [row(s.name, s.tuned, scored[s.name].part()) for s in SETS if s.name in scored]
    rows += combined(scored)
    print(f"{'set':<26} {'tuned':<22} " + " ".join(
        f"{h:>6}" for h in ("gold", "sys", "tp", "P", "R", "F1", "attr")))
    for item in rows:
        print(
            f"{item['set']:<26} {item['tuned']:<22} {item['gold']:>6} {item['system']:>6} "
            f"{item['tp']:>6} {item['precision']:>6.3f} {item['recall']:>6.3f} "
            f"{item['f1']:>6.3f} {item['summary']['attribute_accuracy']:>6.3f}"
        )
    for item in rows:
        if "classes" in item:
            print(f"{item['set']} errors by class:", json.dumps(item["classes"]))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")
    return 0


def combined(scored: dict[str, Scored]) -> list[dict[str, Any]]:
    """The held-out fold, the tuning parts, and the sums the issue's targets name."""
    rows: list[dict[str, Any]] = []

    def merged(
        names: tuple[str, ...], held: bool | None
    ) -> tuple[Evaluation, list[dict[str, Any]]] | None:
        if not all(name in scored for name in names):
            return None
        gold: list[dict[str, Any]] = []
        docs: set[str] = set()
        system: list[dict[str, Any]] = []
        for name in names:
            part = scored[name]
            keep = {d for d in part.gold_docs if held is None or is_held_out(d) == held}
            docs |= keep
            gold += [g for g in part.gold_facts if g["doc_id"] in keep]
            system += [f for f in part.system if f["doc_id"] in keep]
        return evaluate(system, gold, docs), system

    views = (
        ("held-out fold", ("dev", "dev2", "news-dev2"), True, "no (counts only)"),
        ("held-out fold, dev2 + news-dev2", ("dev2", "news-dev2"), True, "never (counts only)"),
        ("dev2 without the fold", ("dev2",), False, "yes"),
        ("news-dev2 without the fold", ("news-dev2",), False, "yes"),
        ("dev + dev2", ("dev", "dev2"), None, "all but the fold"),
        ("news-dev + news-dev2", ("news-dev", "news-dev2"), None, "all but the fold"),
    )
    for name, names, held, tuned in views:
        found = merged(names, held)
        if found is not None:
            evaluation, system = found
            item = row(name, tuned, evaluation)
            if held:
                item["classes"] = error_classes(evaluation, system)
            rows.append(item)
    return rows


if __name__ == "__main__":
    raise SystemExit(main())
