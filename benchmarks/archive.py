"""Precision of newsfacts outside the trade stories: a judged random sample (needs ../shared).

    python benchmarks/archive.py sample --n 60 --seed S -o ../archive-judgements/S.jsonl
    python benchmarks/archive.py score ../archive-judgements/S.jsonl

``sample`` streams the whole Reuters-21578 distribution (``reut2-000.sgm.gz`` …
``reut2-021.sgm.gz``, 21,578 stories) through one ``Extractor`` (``extract_many``), keeps the
facts with ``modality == "actual"`` of the stories whose NEWID is not among the 602 trade
stories of ``reuters-trade.jsonl`` (the stories the gold files are drawn from), prints the
counts and the time taken, and writes a seeded random sample of N of those outside facts to
FILE, one JSON object a line: the doc id, the story's TOPICS and PLACES labels (read from the
SGML here: ``Article`` does not carry them), its title, the fact's SCHEMA.md fields, its rule
ids, its evidence sentence, and the empty fields ``judgement`` and ``reason`` for a person to
fill in.

``judgement`` is one of

- ``correct``: a trade fact as SCHEMA.md defines it, with every key right (indicator,
  reporter, partner, period, value within 0.1 %, sign included);
- ``wrong_key``: a trade fact of the story, but with a wrong indicator, reporter, partner,
  period or value;
- ``not_trade``: not a trade fact at all; ``reason`` then says what it is, one of
  ``company`` (a company's or bank's accounts or sales), ``budget`` (a government's budget,
  fiscal or treasury figures), ``debt`` (a stock of debt, arrears, reserves), ``capital_flow``
  (investment, loans, the capital account, bond issues), ``savings``, ``commodity`` (one
  commodity's or product's exports or imports), ``forecast`` (a forecast, target or
  projection read as reported), ``change_as_level`` (an amount of change read as the figure
  itself), ``invisibles`` (invisibles, the overall balance of payments, two-way trade), or
  ``other``.

``score FILE`` prints precision = correct / judged, the counts by judgement and by reason,
and the same split by the story's TOPICS (``trade``/``bop``/``gnp``, none, other labels).
``sample --gate`` also records in ``gate_kept`` whether the trade gate (off by default,
docs/extraction.md) keeps each sampled fact; ``score`` then prints the precision of the
facts it keeps too (a uniform sample of the gated population).

Protocol: draw with a fresh seed each time (a seed once judged is spent: the rules were
looked at through it), judge every fact of the sample by reading its sentence and, where
needed, the story (find it in the SGML by NEWID), leave none out; a fact that cannot be
judged is ``wrong_key`` or ``not_trade``, never skipped. FILE lives outside the repository
(beside it, or in /tmp): the repository holds no Reuters text.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsfacts.extractor import Extractor
from newsfacts.ingest import read_reuters_sgml
from newsfacts.schema import Article, ErrorRecord, TradeFact
from newsfacts.settings import Settings

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
DISTRIBUTION = SHARED / "reuters21578"
TRADE_STORIES = SHARED / "reuters-trade.jsonl"

JUDGEMENTS = ("correct", "wrong_key", "not_trade")
REASONS = ("company", "budget", "debt", "capital_flow", "savings", "commodity", "forecast",
           "change_as_level", "invisibles", "other")
TRADE_TOPICS = frozenset({"trade", "bop", "gnp"})

_STORY = re.compile(rb"<REUTERS\b[^>]*>.*?</REUTERS>", re.S)
_NEWID = re.compile(rb'\bNEWID="?(\d+)"?')
_LABELS = {name: re.compile(rb"<%s>(.*?)</%s>" % (name, name), re.S)
           for name in (b"TOPICS", b"PLACES")}
_D = re.compile(rb"<D>(.*?)</D>")


def sgml_files(folder: Path) -> list[Path]:
    files = sorted(folder.glob("reut2-*.sgm*"))
    if not files:
        sys.exit(f"{folder}: no reut2-*.sgm files")
    return files


def story_labels(files: list[Path]) -> dict[str, dict[str, list[str]]]:
    """``reuters-<NEWID>`` → its TOPICS and PLACES labels, read from the SGML."""
    labels: dict[str, dict[str, list[str]]] = {}
    for file in files:
        data = gzip.decompress(file.read_bytes()) if file.suffix == ".gz" else file.read_bytes()
        for story in _STORY.finditer(data):
            text = story.group(0)
            newid = _NEWID.search(text[:300])
            if newid is None:
                continue
            entry: dict[str, list[str]] = {}
            for name, pattern in _LABELS.items():
                found = pattern.search(text)
                entry[name.decode().lower()] = (
                    [d.decode("utf-8", "replace") for d in _D.findall(found.group(1))]
                    if found else [])
            labels[f"reuters-{newid.group(1).decode()}"] = entry
    return labels


def trade_ids(path: Path) -> set[str]:
    with path.open(encoding="utf-8") as handle:
        return {f"reuters-{json.loads(line)['newid']}" for line in handle if line.strip()}


def stories(files: list[Path]) -> Iterator[Article | ErrorRecord]:
    for file in files:
        yield from read_reuters_sgml(file)


def sample_row(fact: TradeFact, article: Article, labels: dict[str, list[str]]) -> dict[str, Any]:
    return {
        "doc_id": fact.doc_id,
        "topics": labels.get("topics", []),
        "places": labels.get("places", []),
        "published": article.published.isoformat() if article.published else None,
        "title": article.title,
        "fact": fact.to_gold(),
        "rule_ids": list(fact.rule_ids),
        "evidence_start": fact.evidence_start,
        "sentence": fact.sentence,
        "judgement": "",
        "reason": "",
        "note": "",
    }


def run_sample(args: argparse.Namespace) -> None:
    out = Path(args.output)
    if out.resolve().is_relative_to(Path(__file__).resolve().parents[1]):
        sys.exit(f"{out}: write the sample outside the repository (it holds Reuters text)")
    files = sgml_files(Path(args.corpus))
    trade = trade_ids(Path(args.trade))
    labels = story_labels(files)
    extractor = Extractor()
    counts: Counter[str] = Counter()
    errors: Counter[str] = Counter()
    outside: list[dict[str, Any]] = []
    articles: dict[str, Article] = {}
    start = time.perf_counter()
    for item, result in extractor.extract_many(stories(files), batch_size=args.batch_size):
        counts["stories read"] += 1
        if isinstance(result, ErrorRecord) or not isinstance(item, Article):
            counts["error records"] += 1
            error = result if isinstance(result, ErrorRecord) else item
            assert isinstance(error, ErrorRecord)
            errors[error.error_code] += 1
            continue
        facts = [f for f in result if f.modality == "actual"]
        if item.id in trade:
            counts["trade stories read"] += 1
            counts["facts in trade stories"] += len(facts)
            continue
        counts["facts outside"] += len(facts)
        counts["stories outside with facts"] += bool(facts)
        story = labels.get(item.id, {})
        outside.extend(sample_row(f, item, story) for f in facts)
        if facts and args.gate:
            articles[item.id] = item
    elapsed = time.perf_counter() - start
    for key in ("stories read", "error records", "trade stories read",
                "facts in trade stories", "facts outside", "stories outside with facts"):
        print(f"{key:28} {counts[key]:>8,}")
        if key == "error records" and errors:
            print(f"{'':28} {', '.join(f'{k} {v}' for k, v in sorted(errors.items()))}")
    print(f"(error records are not extracted; {len(trade) - counts['trade stories read']} of "
          f"the {len(trade)} trade stories are among them)")
    print(f"{'time (s)':28} {elapsed:>8.1f}  ({counts['stories read'] / elapsed:,.0f} stories/s)")
    by_topic = Counter(_topic_group(r["topics"]) for r in outside)
    print("facts outside by TOPICS:", ", ".join(f"{k} {v}" for k, v in by_topic.most_common()))
    chosen = random.Random(args.seed).sample(outside, min(args.n, len(outside)))
    chosen.sort(key=lambda r: (int(r["doc_id"].rsplit("-", 1)[1]), r["fact"]["evidence"]))
    if args.gate:
        mark_gate(chosen, articles)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as handle:
        for row in chosen:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(chosen)} of {len(outside):,} outside facts (seed {args.seed}) → {out}")


def mark_gate(rows: list[dict[str, Any]], articles: dict[str, Article]) -> None:
    """``gate_kept``: whether the fact is still there with the trade gate on
    (``Settings(trade_gate=True)``, docs/extraction.md); the sample is drawn without it."""
    gated = Extractor(settings=Settings(trade_gate=True))
    kept: dict[str, set[int]] = {}
    for row in rows:
        if row["doc_id"] not in kept:
            facts = gated.extract(articles[row["doc_id"]])
            kept[row["doc_id"]] = {f.evidence_start for f in facts if f.modality == "actual"}
        row["gate_kept"] = row["evidence_start"] in kept[row["doc_id"]]


TOPIC_GROUPS = ("trade/bop/gnp", "no TOPICS", "other labels")


def _topic_group(topics: list[str]) -> str:
    """``trade/bop/gnp`` if the story carries one of those labels, ``no TOPICS`` if none."""
    if TRADE_TOPICS.intersection(topics):
        return "trade/bop/gnp"
    return "other labels" if topics else "no TOPICS"


def _precision(rows: list[dict[str, Any]]) -> str:
    judged = [r for r in rows if r.get("judgement") in JUDGEMENTS]
    correct = sum(r["judgement"] == "correct" for r in judged)
    share = f"{correct / len(judged):.3f}" if judged else "n/a"
    return f"{share} ({correct}/{len(judged)})"


def run_score(args: argparse.Namespace) -> None:
    with Path(args.file).open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    bad = [r["doc_id"] for r in rows if r.get("judgement") not in JUDGEMENTS]
    unknown = [r["doc_id"] for r in rows
               if r.get("judgement") == "not_trade" and r.get("reason") not in REASONS]
    print(f"facts in sample   {len(rows)}")
    print(f"precision         {_precision(rows)}")
    judgements = Counter(r.get("judgement") or "(unjudged)" for r in rows)
    for name in (*JUDGEMENTS, "(unjudged)"):
        if judgements[name]:
            print(f"  {name:15} {judgements[name]:>4}")
    for judgement, title in (("not_trade", "not_trade by reason"),
                             ("wrong_key", "wrong_key by reason (free text)")):
        reasons = Counter(r.get("reason") or "(none)" for r in rows
                          if r.get("judgement") == judgement)
        if reasons:
            print(title)
            for name, count in reasons.most_common():
                print(f"  {name:15} {count:>4}")
    if all("gate_kept" in r for r in rows):
        kept = [r for r in rows if r["gate_kept"]]
        print(f"with the trade gate: {len(kept)} of {len(rows)} facts kept, precision "
              f"{_precision(kept)}; dropped: "
              + ", ".join(f"{k} {v}" for k, v in Counter(
                  r.get("judgement") if r.get("judgement") != "not_trade"
                  else f"not_trade/{r.get('reason')}" for r in rows if not r["gate_kept"]
              ).most_common()))
    print("precision by TOPICS of the story")
    for group in TOPIC_GROUPS:
        part = [r for r in rows if _topic_group(r.get("topics", [])) == group]
        print(f"  {group:15} {len(part):>4} facts, precision {_precision(part)}")
    if bad:
        print(f"NOT JUDGED ({len(bad)}): {', '.join(bad)} — the protocol judges every fact")
    if unknown:
        print(f"not_trade without a known reason ({len(unknown)}): {', '.join(unknown)}")
    if bad or unknown:
        sys.exit(1)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    sample = commands.add_parser("sample", help="extract the distribution and draw a sample")
    sample.add_argument("--n", type=int, default=60, help="facts to draw (default 60)")
    sample.add_argument("--seed", type=int, required=True, help="a fresh seed for each draw")
    sample.add_argument("-o", "--output", required=True, help="JSONL file, outside the repo")
    sample.add_argument("--corpus", default=str(DISTRIBUTION), help="folder of reut2-*.sgm.gz")
    sample.add_argument("--trade", default=str(TRADE_STORIES), help="reuters-trade.jsonl")
    sample.add_argument("--batch-size", type=int, default=None)
    sample.add_argument("--gate", action="store_true",
                        help="also record whether the trade gate keeps each sampled fact")
    score = commands.add_parser("score", help="precision of a judged sample")
    score.add_argument("file")
    args = parser.parse_args(argv)
    if args.command == "sample":
        run_sample(args)
    else:
        run_score(args)


if __name__ == "__main__":
    main()
